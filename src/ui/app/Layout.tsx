// The signed-in frame: skip link, header with the user and sign-out, status, navigation, and the page.
// Inside a visit a narrow screen has no bottom navigation: the visit's dock takes its place, and the
// page's back link and the app's name lead out.
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import type { RouteId } from './routes.ts';
import { useSignedIn } from './session-context.ts';
import { MainNav } from './MainNav.tsx';
import { NavIcon } from './NavIcon.tsx';
import { PwaStatus } from './PwaStatus.tsx';
import { StatusBar } from '../features/sync/StatusBar.tsx';
import { SignOutButton } from '../features/session/SignOutButton.tsx';
import { lazy } from '../common/LazyPage.tsx';
import { NARROW, useMediaQuery } from '../common/use-media-query.ts';
import { useStickyHeader } from './use-sticky-header.ts';

// The offer to import a file of unsent changes shows after some sign-ins only: it loads after the page.
const ImportOffer = lazy(() => import('../features/sync/ImportOffer.tsx').then((m) => m.ImportOffer), { parts: ['sync'], fallback: null });

export function Layout({ current, inVisit = false, children }: { current: RouteId | null; inVisit?: boolean; children: ComponentChildren }) {
  const { t } = useI18n();
  const { session, db, signOut } = useSignedIn();
  const { user } = session;
  const header = useRef<HTMLElement>(null);
  const row = useRef<HTMLDivElement>(null);
  useStickyHeader(header, row);
  const noNav = useMediaQuery(NARROW) && inVisit;

  return (
    <div class={noNav ? 'shell shell-no-bottom-nav' : 'shell'}>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header ref={header} class="app-header">
        <div ref={row} class="app-header-row">
          <a class="brand" href="/visits">
            <span class="brand-name">{t('app.name')}</span>
          </a>
          <p class="user">
            <span class="user-name">{user.name}</span>
            <span class="user-role">{t(`role.${user.role}`)}</span>
          </p>
          {/* On a phone the settings leave the bottom bar (a coordinator's six items would not fit) for here. */}
          <a class="button button-header header-settings" href="/settings" aria-label={t('nav.settings')} aria-current={current === 'settings' ? 'page' : undefined}>
            <NavIcon id="settings" />
          </a>
          <SignOutButton db={db} userId={user.id} signOut={signOut} className="button button-header" />
        </div>
        <StatusBar />
      </header>
      {!noNav && <MainNav current={current} />}
      <main id="main" class="main" tabIndex={-1}>
        <PwaStatus />
        <ImportOffer />
        {children}
      </main>
    </div>
  );
}
