// Navigations outside /api/ get the precached index.html, so deep links open offline.
import { createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { navigationDenylist } from './api-paths.ts';

const APP_SHELL_URL = 'index.html';

/** Call after `precacheAndRoute`: the handler looks index.html up in the precache. */
export function registerAppShellNavigation(): void {
  const handler = createHandlerBoundToURL(APP_SHELL_URL);
  registerRoute(new NavigationRoute(handler, { denylist: [...navigationDenylist] }));
}
