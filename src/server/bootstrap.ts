// Opening the data folder, shared by the server and the command line: the database, its migrations, the seed.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seedReferenceData } from './reference-data/seed.ts';
import { openSqliteStore, type SqliteStore } from './store/sqlite-store.ts';

export const DATABASE_FILE = 'tillsyn.db';

export async function openDataDir(dataDir: string): Promise<SqliteStore> {
  const dir = resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new Error(`Cannot create the data folder ${dir} (DATA_DIR): ${(e as Error).message}`);
  }
  const store = openSqliteStore(join(dir, DATABASE_FILE));
  try {
    await seedReferenceData(store);
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
