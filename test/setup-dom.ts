// Runs before every unit and component test: an in-memory IndexedDB before anything imports Dexie
// or idb-keyval, and a clean DOM after each test.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
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

afterEach(() => {
  cleanup();
});
