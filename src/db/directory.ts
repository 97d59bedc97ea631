// The colleagues the server named in its directory, kept on the device so names show offline too.
import { colleagueSchema, type Colleague } from '../shared/auth.ts';
import { z } from 'zod/mini';
import type { UserDb } from './database.ts';

const DIRECTORY_KEY = 'directory';

export async function saveDirectory(db: UserDb, users: Colleague[]): Promise<void> {
  await db.meta.put({ key: DIRECTORY_KEY, value: users });
}

/** Colleagues by id; empty until the first sync (or when what is stored cannot be read). */
export async function loadDirectory(db: UserDb): Promise<Map<string, Colleague>> {
  const parsed = z.array(colleagueSchema).safeParse((await db.meta.get(DIRECTORY_KEY))?.value);
  return new Map(parsed.success ? parsed.data.map((u) => [u.id, u]) : []);
}
