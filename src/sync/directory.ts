// Refreshes the device's copy of the directory of colleagues (`GET /api/users`), once per sync pass.
import { saveDirectory } from '../db/directory.ts';
import type { UserDb } from '../db/database.ts';
import { directoryResponseSchema } from '../shared/auth.ts';
import type { Api } from './engine.ts';

export async function refreshDirectory(deps: { db: UserDb; api: Api; token: () => string | undefined; signal?: AbortSignal }): Promise<void> {
  const answer = await deps.api('/api/users', { token: deps.token(), ...(deps.signal ? { signal: deps.signal } : {}) });
  await saveDirectory(deps.db, directoryResponseSchema.parse(answer).users);
}
