// Attachments' files in an SQLite backup: `admin backup` puts each file the backup's `blobs` rows name
// into the backup itself (table backup_blob_files), so a backup stays one self-contained file; `admin
// restore` writes them back under DATA_DIR/blobs and drops the table. On PostgreSQL the bytes are in the
// database, and pg_dump takes them with it.
import type { Database } from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncPath } from '../store/fsync.ts';

const TABLE = 'backup_blob_files';
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const hasTable = (db: Database, name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

export type PackedFiles = {
  files: number;
  bytes: number;
  /** Rows whose file was gone or damaged (a collection that ran while the backup was made): left out with their rows. */
  missing: string[];
};

/**
 * Into a backup's copy of the database (written by no one else): every file its `blobs` rows name, read
 * from `root` (DATA_DIR/blobs) and checked against its hash. A row whose file is gone or damaged is
 * dropped from the copy, so that the restored server asks for the file again rather than claim it.
 */
export function packBlobFiles(db: Database, root: string): PackedFiles {
  const packed: PackedFiles = { files: 0, bytes: 0, missing: [] };
  if (!hasTable(db, 'blobs')) return packed;
  db.exec(`CREATE TABLE ${TABLE} (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID`);
  const insert = db.prepare(`INSERT INTO ${TABLE} (sha256, data) VALUES (?, ?)`);
  const drop = db.prepare('DELETE FROM blobs WHERE sha256 = ?');
  const rows = db.prepare('SELECT sha256 FROM blobs ORDER BY sha256').pluck().all() as string[];
  for (const sha256 of rows) {
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(join(root, sha256.slice(0, 2), sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (!bytes || sha256Of(bytes) !== sha256) {
      packed.missing.push(sha256);
      drop.run(sha256);
      continue;
    }
    insert.run(sha256, bytes);
    packed.files++;
    packed.bytes += bytes.length;
  }
  return packed;
}

/**
 * From a backup's copy being restored: writes each packed file under `root` (DATA_DIR/blobs) that is not
 * there already, durably (a temporary file, fsynced, renamed, the folder fsynced), then drops the table.
 * Files already there of another database stay until garbage collection finds no row for them.
 */
export function unpackBlobFiles(db: Database, root: string): { files: number } {
  if (!hasTable(db, TABLE)) return { files: 0 };
  let files = 0;
  const touched = new Set<string>();
  for (const row of db.prepare(`SELECT sha256, data FROM ${TABLE}`).iterate() as IterableIterator<{ sha256: string; data: Buffer }>) {
    if (sha256Of(row.data) !== row.sha256) throw new Error(`The backup's file ${row.sha256} is damaged`);
    const dir = join(root, row.sha256.slice(0, 2));
    const path = join(dir, row.sha256);
    files++;
    if (existsSync(path) && sha256Of(readFileSync(path)) === row.sha256) continue;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `.tmp-${row.sha256}-${randomUUID()}`);
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, row.data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      renameSync(temp, path);
    } catch (e) {
      rmSync(temp, { force: true });
      throw e;
    }
    touched.add(dir);
  }
  for (const dir of [...touched, root]) if (existsSync(dir)) fsyncPath(dir);
  db.exec(`DROP TABLE ${TABLE}`);
  db.exec('VACUUM');
  return { files };
}
