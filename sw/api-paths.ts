// Which URLs belong to the API (src/shared/api-paths.ts): the service worker must leave them to the network, always.
import { API_PATH, isApiPath } from '../src/shared/api-paths.ts';

export { isApiPath };

/**
 * Navigations the app shell must not answer. Workbox's NavigationRoute tests these against
 * `pathname + search`; data lives in IndexedDB, so an API URL opened in a tab goes to the server.
 */
export const navigationDenylist: readonly RegExp[] = [API_PATH];

/** True when the URL is on the app's own origin and under /api. */
export function isApiUrl(url: URL | string, origin: string): boolean {
  const parsed = typeof url === 'string' ? new URL(url, origin) : url;
  return parsed.origin === origin && isApiPath(parsed.pathname);
}
