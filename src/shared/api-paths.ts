// Where the API lives among the app's URLs, apart from its schemas (api.ts) so that the service worker,
// which must leave these URLs to the network, imports no zod.

export const API_PREFIX = '/api';

/** Matches `/api`, `/api/…` and `/api?…`, but not look-alikes such as `/apiary`. */
export const API_PATH = new RegExp(`^${API_PREFIX}(?:[/?#]|$)`);

/** True for a path (a pathname, or a pathname with its query) that belongs to the API. */
export function isApiPath(path: string): boolean {
  return API_PATH.test(path);
}
