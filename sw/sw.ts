// Tillsyn's service worker: wires the listeners; the logic sits in the modules beside it.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerAppShellNavigation } from './app-shell.ts';
import { isSkipWaitingMessage } from './messages.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

// The build replaces __WB_MANIFEST with the app shell: index.html, the JS, CSS and icons.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerAppShellNavigation();
// Deliberately no route for /api/: data lives in IndexedDB, and API answers must never come from a cache.

// A new version waits until the user accepts it in the page (the update prompt), so nothing is
// swapped under a form in use; the page then reloads once the new worker controls it.
self.addEventListener('message', (event) => {
  if (isSkipWaitingMessage(event.data)) void self.skipWaiting();
});

// On the first install, take control at once, so the app works offline without a reload. For
// later versions this runs only after the user accepted (skipWaiting above).
clientsClaim();
