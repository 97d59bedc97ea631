// What the signed-in part of the app shares: the session, the user's database, and sign-out.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { UserDb } from '../db/database.ts';
import type { Session } from '../db/session.ts';

export type SignedIn = {
  session: Session;
  db: UserDb;
  signOut: () => Promise<void>;
};

export const SignedInContext = createContext<SignedIn | null>(null);

export function useSignedIn(): SignedIn {
  const value = useContext(SignedInContext);
  if (!value) throw new Error('useSignedIn() is for components inside the signed-in layout');
  return value;
}
