// The sign-in page; also asks the same user to sign in again when the server says the session expired.
import type { LoginResponse } from '../../../shared/auth.ts';
import { useI18n } from '../../i18n/index.ts';
import { LanguageSwitch } from '../../common/LanguageSwitch.tsx';
import { Page } from '../../common/Page.tsx';
import { PwaStatus } from '../../app/PwaStatus.tsx';
import { SignInForm } from './SignInForm.tsx';
import { SignOutButton } from './SignOutButton.tsx';
import type { UserDb } from '../../../db/database.ts';
import type { SignOut } from '../../app/session-context.ts';
import './session.css';

/** Signing in again after the session expired; signing out instead is guarded like everywhere (unsent changes). */
type Reauth = { username: string; userId: string; db: UserDb; onSignOut: SignOut };

export function SignInPage({ onSignedIn, reauth }: { onSignedIn: (response: LoginResponse) => void | Promise<void>; reauth?: Reauth }) {
  const { t } = useI18n();
  return (
    <div class="signin">
      <header class="signin-top">
        <div class="signin-brand">
          <p class="brand-name">{t('app.name')}</p>
          <p class="tagline">{t('app.tagline')}</p>
        </div>
        <LanguageSwitch className="compact" />
      </header>
      <main id="main" class="signin-main" tabIndex={-1}>
        <PwaStatus />
        <div class="card signin-card">
          <Page title={reauth ? t('signIn.reauthTitle') : t('signIn.title')}>
            {reauth && <p class="lead">{t('signIn.reauthText')}</p>}
            <SignInForm onSignedIn={onSignedIn} fixedUsername={reauth?.username} />
            {reauth && (
              <div class="reauth-signout">
                <p>{t('signIn.reauthSignOutText')}</p>
                <SignOutButton db={reauth.db} userId={reauth.userId} signOut={reauth.onSignOut} className="button button-secondary" />
              </div>
            )}
          </Page>
        </div>
      </main>
    </div>
  );
}
