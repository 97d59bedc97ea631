// Which URLs belong to the API: the service worker must leave them to the network, always.

/** Matches `/api`, `/api/…` and `/api?…`, but not look-alikes such as `/apiary`. */
export const API_PATH = /^\/api(?:[/?#]|$)/;

/**
 * Navigations the app shell must not answer. Workbox's NavigationRoute tests these against
 * `pathname + search`; data lives in IndexedDB, so an API URL opened in a tab goes to the server.
 */
export const navigationDenylist: readonly RegExp[] = [API_PATH];

export function isApiPath(pathname: string): boolean {
  return API_PATH.test(pathname);
}

/** True when the URL is on the app's own origin and under /api. */
export function isApiUrl(url: URL | string, origin: string): boolean {
  const parsed = typeof url === 'string' ? new URL(url, origin) : url;
  return parsed.origin === origin && isApiPath(parsed.pathname);
}
