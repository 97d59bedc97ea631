// The root: language, session and route decide between the sign-in page and the signed-in app.
import { useLayoutEffect, useMemo } from 'preact/hooks';
import { I18nContext, makeI18n, useLanguagePack } from '../i18n/index.ts';
import { interceptLinks, navigate, usePath } from './router.ts';
import { HOME_PATH, normalisePath, SIGN_IN_PATH } from './routes.ts';
import { useAppSession } from '../features/session/use-app-session.ts';
import { SignedInContext, type SignedIn } from './session-context.ts';
import { lazy } from '../common/LazyPage.tsx';
import { SignedInApp } from './SignedInApp.tsx';
import { Splash } from './Splash.tsx';
import { SyncProvider, type StartSync } from '../features/sync/SyncProvider.tsx';
import { openUserDb } from '../../db/database.ts';
import type { LoginResponse } from '../../shared/auth.ts';
import { takeUnsentFileNote } from '../../db/session.ts';

/**
 * A fresh sign-in (not a re-sign-in) offers to import a file of unsent changes, but only when this user
 * signed out here with unsent changes saved to one: a device that never had any offers nothing.
 */
async function signedInFresh(signedIn: (response: LoginResponse) => Promise<void>, response: LoginResponse): Promise<void> {
  await signedIn(response);
  try {
    if (!(await takeUnsentFileNote(response.user.id))) return;
    const { offerImport } = await import('../../db/outbox-file.ts');
    await offerImport(openUserDb(response.user.id));
  } catch (error) {
    console.error('Could not offer the import', error);
  }
}

// The sync engine is loaded once the signed-in app is on screen: the first route's script stays small.
// Its pushes and pulls report the app's version with the device's unsent changes (SYNC.md).
const startSync: StartSync = (deps) => import('../../sync/runner.ts').then(({ startSync }) => startSync({ ...deps, appVersion: __APP_VERSION__ }));

// So is the sign-in page, which a signed-in device shows only when the server turns its session down.
const SignInPage = lazy(() => import('../features/session/SignInPage.tsx').then((m) => m.SignInPage), { parts: ['common', 'session'], fallback: <Splash /> });

export function App() {
  const app = useAppSession();
  const path = normalisePath(usePath());
  const language = useLanguagePack(app.lang);
  const i18n = useMemo(() => language && makeI18n(language.lang, app.setLang, language.pack), [language, app.setLang]);
  const { state } = app;

  // Layout effects: links work from the first paint, and a redirect never flashes the wrong page.
  useLayoutEffect(() => interceptLinks(), []);

  // Signed out, every path shows the sign-in page; signed in, the sign-in page and / lead to the visits.
  const onEntryPath = path === '/' || path === SIGN_IN_PATH;
  useLayoutEffect(() => {
    if (state.phase === 'signedOut' && path !== SIGN_IN_PATH) navigate(SIGN_IN_PATH, { replace: true });
    if (state.phase === 'signedIn' && onEntryPath) navigate(HOME_PATH, { replace: true });
  }, [state.phase, path, onEntryPath]);

  const signedIn = useMemo<SignedIn | null>(
    () => (state.phase === 'signedIn' ? { session: state.session, db: state.db, signOut: app.signOut } : null),
    [state, app.signOut],
  );

  let content;
  if (state.phase === 'starting' || !i18n) content = <Splash />;
  else if (state.phase === 'signingOut') content = <Splash busyKey="signOut.busy" />;
  else if (state.phase === 'signedOut') content = <SignInPage onSignedIn={(r) => signedInFresh(app.signedIn, r)} />;
  else if (state.expired) {
    const { user } = state.session;
    content = <SignInPage onSignedIn={app.signedIn} reauth={{ username: user.username, userId: user.id, db: state.db, onSignOut: app.signOut }} />;
  } else {
    // The sync loop runs while the signed-in app is shown: an expired session or sign-out unmounts it.
    const { token } = state.session;
    content = (
      <SignedInContext.Provider value={signedIn}>
        <SyncProvider db={state.db} token={token} onUnauthorized={() => app.sessionExpired(token)} start={startSync}>
          <SignedInApp path={onEntryPath ? HOME_PATH : path} />
        </SyncProvider>
      </SignedInContext.Provider>
    );
  }
  // Before the first language pack is there, the splash shows with the context's empty messages.
  return i18n ? <I18nContext.Provider value={i18n}>{content}</I18nContext.Provider> : content;
}
