// Refreshes the device's copy of the directory of colleagues (`GET /api/users`), once per sync pass.
import type { SyncStore } from '../db/sync-store.ts';
import { directoryResponseSchema } from '../shared/auth.ts';
import { signalOf, type Api } from './deps.ts';

export async function refreshDirectory(store: SyncStore, deps: { api: Api; token: () => string | undefined; signal?: AbortSignal }): Promise<void> {
  const answer = await deps.api('/api/users', { token: deps.token(), ...signalOf(deps) });
  await store.saveDirectory(directoryResponseSchema.parse(answer).users);
}
