// What one sync pass needs: where to store (the user's database, seen only through its SyncStore), how
// to reach the server, and who is asking.
import type { UserDb } from '../db/database.ts';
import { syncStore, type SyncStore } from '../db/sync-store.ts';
import { SCHEMA_HEADER, SCHEMA_VERSION } from '../shared/protocol.ts';
import type { ApiRequest } from './http.ts';

export type Api = (path: string, request: ApiRequest) => Promise<unknown>;

export type SyncDeps = (
  | { store: SyncStore }
  /** The user's database: the pass sees it only through `syncStore(db)`. */
  | { db: UserDb }
) & {
  api: Api;
  clientId: string;
  token: () => string | undefined;
  now?: () => Date;
  /** Aborts a request under way (the runner stopping); its answer is then never stored, as if lost. */
  signal?: AbortSignal;
};

export type Progress = { phase: 'push' | 'pull'; done: number; total: number };

export const noProgress = (): void => {};

export function storeOf(deps: SyncDeps): SyncStore {
  return 'store' in deps ? deps.store : syncStore(deps.db);
}

export function requestHeaders(): Record<string, string> {
  return { [SCHEMA_HEADER]: String(SCHEMA_VERSION) };
}

export function signalOf(deps: { signal?: AbortSignal | undefined }): { signal?: AbortSignal } {
  return deps.signal ? { signal: deps.signal } : {};
}
