// The app's paths and what each shows; the page components are picked in SignedInApp.
import type { MessageKey } from './i18n/index.ts';
import type { Role } from '../shared/workflow.ts';

export const SIGN_IN_PATH = '/sign-in';
export const HOME_PATH = '/visits';

export type RouteId = 'visits' | 'municipalities' | 'review' | 'settings';

export type Route = {
  id: RouteId;
  path: string;
  titleKey: MessageKey;
  /** Roles that see the route in the navigation; others get a "not available" page if they go there. */
  roles?: readonly Role[];
};

export const routes: readonly Route[] = [
  { id: 'visits', path: '/visits', titleKey: 'nav.visits' },
  { id: 'municipalities', path: '/municipalities', titleKey: 'nav.municipalities' },
  { id: 'review', path: '/review', titleKey: 'nav.review', roles: ['coordinator', 'admin'] },
  { id: 'settings', path: '/settings', titleKey: 'nav.settings' },
];

export function normalisePath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed === '' ? '/' : trimmed;
}

/** The route at this path, or null for a path the app does not have. */
export function matchRoute(path: string): Route | null {
  const p = normalisePath(path);
  return routes.find((r) => r.path === p) ?? null;
}

export function allowedFor(route: Route, role: Role): boolean {
  return !route.roles || route.roles.includes(role);
}
