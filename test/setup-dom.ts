// Runs before every unit and component test: an in-memory IndexedDB before anything imports Dexie
// or idb-keyval, and a clean DOM after each test.
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/preact';
import { afterEach } from 'vitest';

// A page that calls the app's own server (relative paths, happy-dom's origin) in a test that does not
// stub fetch meets a device with no network, as the app handles it, rather than a socket refused on
// localhost:3000 printing its stack. Requests to a server a test started itself go through.
const realFetch = globalThis.fetch;
globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const origin = globalThis.location?.origin;
  if (origin === undefined || (/^https?:\/\//.test(url) && !url.startsWith(origin))) return realFetch(input, init);
  return Promise.reject(new TypeError('Failed to fetch (no server in this test)'));
}) as typeof fetch;

// What a test waits for (findBy…, waitFor) shows up when the page has done its work, which on a loaded
// CI machine can take longer than the library's 1 s: the wait ends as soon as it shows, so a generous
// bound costs a passing test nothing and keeps a slow machine from failing one.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});
