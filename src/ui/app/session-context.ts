// What the signed-in part of the app shares: the session, the user's database, and sign-out.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { UserDb } from '../../db/database.ts';
import type { Session } from '../../db/session.ts';

/**
 * Signs out and deletes the user's data from the device. Refused (false) while changes are unsent,
 * unless `unsentExported`: the user confirmed that a file they saved holds them.
 */
export type SignOut = (options?: { unsentExported?: boolean }) => Promise<boolean | void>;

export type SignedIn = {
  session: Session;
  db: UserDb;
  signOut: SignOut;
};

export const SignedInContext = createContext<SignedIn | null>(null);

export function useSignedIn(): SignedIn {
  const value = useContext(SignedInContext);
  if (!value) throw new Error('useSignedIn() is for components inside the signed-in layout');
  return value;
}
