// The app's session state: start signed in from the stored session (even offline), check it with the
// server in the background, sign in, sign out, and the language that goes with the user.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { LoginResponse } from '../../../shared/auth.ts';
import type { Language } from '../../../shared/reference.ts';
import { deleteUserDb, openUserDb, type UserDb } from '../../../db/database.ts';
import {
  clearSession,
  clearSignInRecord,
  loadLanguage,
  loadSession,
  noteUnsentFileSaved,
  saveLanguage,
  saveSession,
  saveSignInRecord,
  type Session,
} from '../../../db/session.ts';
import { browserLanguage } from '../../i18n/index.ts';
import type { SignOut } from '../../app/session-context.ts';

// The server's sign-in endpoints and the count of unsent changes load when first used, after the app
// has opened from the stored session: they bring zod, which checks what they read.
const authApi = () => import('./auth-api.ts');
const http = () => import('../../../sync/http.ts');
const syncQueries = () => import('../../../db/sync-queries.ts');

type AppState =
  | { phase: 'starting' }
  | { phase: 'signedOut' }
  /** `expired`: the server turned the token down; the local data stays until the user signs in again or out. */
  | { phase: 'signedIn'; session: Session; db: UserDb; expired: boolean }
  | { phase: 'signingOut' };

type AppSession = {
  state: AppState;
  lang: Language;
  setLang: (lang: Language) => void;
  signedIn: (response: LoginResponse) => Promise<void>;
  signOut: SignOut;
  /** The server turned this token down (sync's 401): ask for the password again, keeping everything. */
  sessionExpired: (token: string) => void;
};

const LOGOUT_TIMEOUT_MS = 5000;

/** Asks the browser to keep our data under storage pressure; null where it cannot be asked. */
async function askPersistentStorage(): Promise<boolean | null> {
  if (!navigator.storage || typeof navigator.storage.persist !== 'function') return null;
  try {
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}

export function useAppSession(): AppSession {
  const [state, setState] = useState<AppState>({ phase: 'starting' });
  const [lang, setLangState] = useState<Language>(() => browserLanguage());

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const session = await loadSession();
      const remembered = (session && (await loadLanguage(session.user.id))) ?? (await loadLanguage());
      if (cancelled) return;
      if (remembered) setLangState(remembered);
      setState(session ? { phase: 'signedIn', session, db: openUserDb(session.user.id), expired: false } : { phase: 'signedOut' });
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const token = state.phase === 'signedIn' && !state.expired ? state.session.token : null;
  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    // Never blocks the app: offline, the stored session is all we need.
    const check = async () => {
      const [{ fetchMe }, { ApiError }] = await Promise.all([authApi(), http()]);
      try {
        const user = await fetchMe(token);
        const stored = await loadSession();
        if (cancelled || !stored || stored.token !== token || stored.user.id !== user.id) return;
        // The name, role or regions may have changed on the server since the last sign-in.
        const session = { ...stored, user };
        await saveSession(session);
        setState((s) => (s.phase === 'signedIn' && s.session.token === token ? { ...s, session } : s));
      } catch (error) {
        if (cancelled || !(error instanceof ApiError) || error.status !== 401) return;
        setState((s) => (s.phase === 'signedIn' && s.session.token === token ? { ...s, expired: true } : s));
      }
    };
    const run = () => void check().catch((error: unknown) => console.error('Could not check the session with the server', error));
    run();
    window.addEventListener('online', run);
    return () => {
      cancelled = true;
      window.removeEventListener('online', run);
    };
  }, [token]);

  const userId = state.phase === 'signedIn' ? state.session.user.id : undefined;
  const setLang = useCallback(
    (next: Language) => {
      setLangState(next);
      void saveLanguage(next, userId);
    },
    [userId],
  );

  const signedIn = useCallback(async (response: LoginResponse) => {
    const persistGranted = await askPersistentStorage();
    await saveSession(response);
    await saveSignInRecord(response.user.id, { at: new Date().toISOString(), persistGranted });
    const userLang = await loadLanguage(response.user.id);
    if (userLang) setLangState(userLang);
    setState({ phase: 'signedIn', session: response, db: openUserDb(response.user.id), expired: false });
  }, []);

  const sessionExpired = useCallback((token: string) => {
    // A late 401 for a token already replaced by a new sign-in changes nothing.
    setState((s) => (s.phase === 'signedIn' && !s.expired && s.session.token === token ? { ...s, expired: true } : s));
  }, []);

  const signOut = useCallback(async (options: { unsentExported?: boolean } = {}): Promise<boolean> => {
    if (state.phase !== 'signedIn') return false;
    const { session, db } = state;
    // Sign-out deletes the user's database: never with changes the server has not taken, unless a file holds them.
    let unsent = 1;
    try {
      unsent = await (await syncQueries()).countUnsent(db);
    } catch (error) {
      console.error('Could not count the unsent changes', error);
    }
    if (unsent > 0 && !options.unsentExported) return false;
    // The next fresh sign-in here offers to import the file (App.tsx); without this note it offers nothing.
    if (unsent > 0) await noteUnsentFileSaved(session.user.id).catch((error: unknown) => console.error('Could not note the file of unsent changes', error));
    // Unmount the pages first, so no live query holds the database we are about to delete.
    setState({ phase: 'signingOut' });
    if (navigator.onLine) {
      try {
        await (await authApi()).logout(session.token, timeoutSignal(LOGOUT_TIMEOUT_MS));
      } catch {
        // The server forgets the token in 30 days anyway; the device must not wait for it.
      }
    }
    try {
      await deleteUserDb(session.user.id);
    } catch (error) {
      console.error('Could not delete the local database', error);
    }
    await clearSession();
    await clearSignInRecord(session.user.id);
    setState({ phase: 'signedOut' });
    return true;
  }, [state]);

  return { state, lang, setLang, signedIn, signOut, sessionExpired };
}

function timeoutSignal(ms: number): AbortSignal | undefined {
  return typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(ms) : undefined;
}
