// Runs before every unit and component test: an in-memory IndexedDB before anything imports Dexie
// or idb-keyval, and a clean DOM after each test.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
