// Refreshes the device's copy of the directory of colleagues (`GET /api/users`), once per sync pass.
import type { SyncStore } from '../db/sync-store.ts';
import { api } from '../shared/api.ts';
import { signalOf, type Api } from './deps.ts';

export async function refreshDirectory(store: SyncStore, deps: { api: Api; token: () => string | undefined; signal?: AbortSignal }): Promise<void> {
  const { path, method, response } = api.users;
  const answer = await deps.api(path, { method, token: deps.token(), ...signalOf(deps) });
  await store.saveDirectory(response.parse(answer).users);
}
