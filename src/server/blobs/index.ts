// Which blob store goes with a store: files under the SQLite database's folder (DATA_DIR/blobs), or
// the PostgreSQL database itself. Chosen where the store is (bootstrap.ts openStore, from DATABASE_URL).
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { Store } from '../store/store.ts';
import type { BlobStore } from './blob-store.ts';
import { BLOBS_FOLDER, FsBlobStore } from './fs-blob-store.ts';
import { PgBlobStore } from './pg-blob-store.ts';

export type { BlobStore } from './blob-store.ts';

/**
 * The blob store of a store: on SQLite, files in `blobs/` beside its database file (DATA_DIR/blobs); an
 * in-memory database (tests) gets a temporary folder. On PostgreSQL, its own database. Looked up by the
 * store's `db` or `pool` each time, so a store swapped under a running app (a test's restore) is followed.
 */
export function blobStoreFor(store: Store): BlobStore {
  const { db, pool } = store as { db?: unknown; pool?: unknown };
  if (pool instanceof pg.Pool) return new PgBlobStore(pool);
  if (db instanceof BetterSqlite3) {
    const root = db.memory ? join(mkdtempSync(join(tmpdir(), 'tillsyn-blobs-')), BLOBS_FOLDER) : join(dirname(db.name), BLOBS_FOLDER);
    return new FsBlobStore(root, () => (store as unknown as { db: BetterSqlite3.Database }).db);
  }
  throw new Error('No blob store for this kind of store');
}
