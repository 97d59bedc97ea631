// Opening the data folder, shared by the server and the command line: the database, its migrations, the seed.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seedReferenceData } from './reference-data/seed.ts';
import type { Config } from './config.ts';
import { PgStore } from './store/pg/pg-store.ts';
import { openSqliteStore, type SqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/store.ts';

export const DATABASE_FILE = 'tillsyn.db';

/** The folder, then the file: created for, and readable by, their owner only (they hold password hashes and every visit). */
function prepareDataDir(dir: string, file: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new Error(`The data folder ${dir} (DATA_DIR) is a file, not a folder`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new Error(`Cannot create the data folder ${dir} (DATA_DIR): ${(e as Error).message}`);
  }
  try {
    chmodSync(dir, 0o700); // mkdir's mode is for a new folder only
  } catch (e) {
    throw new Error(`Cannot make the data folder ${dir} (DATA_DIR) private to its owner (run the server as its owner): ${(e as Error).message}`);
  }
  try {
    // SQLite would create the file with the umask's mode (often 0644); it gives its -wal and -shm the file's mode.
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
    restrictDatabaseFiles(file);
  } catch (e) {
    throw new Error(`Cannot open the database ${file}: ${(e as Error).message}`);
  }
}

/** The database and its -wal and -shm, 0600, also when an earlier run or another tool made them wider. */
function restrictDatabaseFiles(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path) && statSync(path).isFile()) chmodSync(path, 0o600);
  }
}

export async function openDataDir(dataDir: string): Promise<SqliteStore> {
  const dir = resolve(dataDir);
  const file = join(dir, DATABASE_FILE);
  prepareDataDir(dir, file);
  let store: SqliteStore;
  try {
    store = openSqliteStore(file);
    restrictDatabaseFiles(file); // opening made the -wal and -shm
  } catch (e) {
    throw new Error(`Cannot open the database ${file}: ${(e as Error).message}`);
  }
  try {
    await seedReferenceData(store);
  } catch (e) {
    await store.close();
    throw new Error(`Cannot open the database ${file}: ${(e as Error).message}`);
  }
  return store;
}

/** The URL without its password, fit for an error message or a log. */
function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * The server's store: PostgreSQL when DATABASE_URL names one (its migrations run under an advisory
 * lock, so instances may start together), otherwise SQLite under DATA_DIR; the reference data seeded.
 */
export async function openStore(config: Pick<Config, 'dataDir' | 'database'>): Promise<Store> {
  const { database } = config;
  if (!database) return openDataDir(config.dataDir);
  const where = `the PostgreSQL database ${redacted(database.url)} (DATABASE_URL)`;
  let store: PgStore;
  try {
    store = await PgStore.open(database.url, database.settings);
  } catch (e) {
    throw new Error(`Cannot open ${where}: ${(e as Error).message}`);
  }
  try {
    await seedReferenceData(store);
  } catch (e) {
    await store.close();
    throw new Error(`Cannot open ${where}: ${(e as Error).message}`);
  }
  return store;
}
