// The main navigation: a bottom bar on phones and tablets in portrait, a side rail on wider screens.
import { useI18n } from '../i18n/index.ts';
import { allowedFor, routes, type RouteId } from './routes.ts';
import { useSignedIn } from './session-context.ts';
import { NavIcon } from './NavIcon.tsx';

export function MainNav({ current }: { current: RouteId | null }) {
  const { t } = useI18n();
  const { session } = useSignedIn();
  const visible = routes.filter((r) => allowedFor(r, session.user.role));
  return (
    <nav class="main-nav" aria-label={t('nav.label')}>
      <ul>
        {visible.map((r) => (
          <li key={r.id} class={`nav-item-${r.id}`}>
            <a href={r.path} aria-current={r.id === current ? 'page' : undefined}>
              <NavIcon id={r.id} />
              <span>{t(r.titleKey)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
