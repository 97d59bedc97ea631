// The colleagues the server named in its directory, kept on the device so names show offline too.
import type { Colleague } from '../shared/auth.ts';
import type { UserDb } from './database.ts';
import { readMeta, writeMeta } from './meta.ts';

export async function saveDirectory(db: UserDb, users: Colleague[]): Promise<void> {
  await writeMeta(db, 'directory', users);
}

/** Colleagues by id; empty until the first sync (or when what is stored cannot be read). */
export async function loadDirectory(db: UserDb): Promise<Map<string, Colleague>> {
  const users = (await readMeta(db, 'directory')) ?? [];
  return new Map(users.map((u) => [u.id, u]));
}
