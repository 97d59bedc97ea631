// Backing up the SQLite database while the server runs, and putting a backup back in its place.
import BetterSqlite3 from 'better-sqlite3';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { BLOBS_FOLDER } from '../blobs/fs-blob-store.ts';
import { packBlobFiles, unpackBlobFiles, type PackedFiles } from '../blobs/fs-blob-backup.ts';
import { fsyncPath } from './fsync.ts';
import { migrations } from './migrations.ts';

/** Something the admin can fix: a file that exists, a server still running, a damaged backup. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

type DatabaseInfo = {
  /** The server's version counter: the version of the latest write in the database. */
  version: number;
  /** The latest migration applied to it. */
  schema: number;
  users: number;
};

/** What SQLite leaves beside a database file: a write-ahead log, its index, a rollback journal. */
const SIDECARS = ['-wal', '-shm', '-journal'];

/**
 * Copies the database with SQLite's backup API, which reads a consistent snapshot while the server
 * goes on writing (WAL: readers do not block the writer). Refuses an existing target unless
 * `overwrite`. The backup is one self-contained file, readable by its owner only (it holds password
 * hashes), checked with `PRAGMA integrity_check` before it takes the target's name. The attachments'
 * files the copy names (DATA_DIR/blobs beside the database) go into it too (blobs/fs-blob-backup.ts).
 */
export async function backupDatabase(
  source: string,
  target: string,
  opts: { overwrite: boolean },
): Promise<DatabaseInfo & { path: string; bytes: number; files: PackedFiles }> {
  const from = resolve(source);
  const to = resolve(target);
  if (!existsSync(from)) throw new BackupError(`There is no database at ${from}: is DATA_DIR the server's?`);
  if (to === from) throw new BackupError('The backup cannot be the database itself.');
  if (!existsSync(dirname(to))) throw new BackupError(`The folder ${dirname(to)} does not exist.`);
  if (!opts.overwrite && existsSync(to)) throw new BackupError(`${to} already exists: choose another name, or add --force to replace it.`);

  const partial = join(dirname(to), `.${basename(to)}.${process.pid}.partial`);
  removeWithSidecars(partial);
  // Created here first, owner-only: SQLite would create it readable by everyone.
  closeSync(openSync(partial, 'wx', 0o600));
  try {
    const db = new BetterSqlite3(from, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      // One step copies every page under one read transaction. In smaller steps, each commit of the
      // running server would restart the copy, and a busy server could keep it from ever finishing.
      await db.backup(partial, { progress: () => 0x7fffffff });
    } finally {
      db.close();
    }
    const copy = new BetterSqlite3(partial, { fileMustExist: true });
    let files: PackedFiles;
    try {
      files = copy.transaction(() => packBlobFiles(copy, join(dirname(from), BLOBS_FOLDER)))();
    } finally {
      copy.close();
    }
    const info = checkDatabase(partial, 'The copy', { selfContained: true });
    chmodSync(partial, 0o600);
    fsyncPath(partial);
    if (!opts.overwrite && existsSync(to)) throw new BackupError(`${to} appeared while the backup ran; it was left alone.`);
    renameSync(partial, to);
    fsyncPath(dirname(to));
    return { ...info, path: to, bytes: statSync(to).size, files };
  } catch (e) {
    removeWithSidecars(partial);
    throw e;
  }
}

/**
 * Puts a backup in the database's place, for a server that is stopped: refuses while any process has
 * the database open; checks a copy of the backup (`PRAGMA integrity_check`, a Tillsyn database this
 * server can run) before anything is replaced; keeps the replaced database (with its WAL files) beside
 * it, renamed, and moves the copy into place. The backup file itself is never changed. The attachments'
 * files a backup holds are written back to DATA_DIR/blobs beside the database first.
 */
export function restoreDatabase(backup: string, database: string, now: Date = new Date()): DatabaseInfo & { keptAs: string | undefined; files: number } {
  const from = resolve(backup);
  const live = resolve(database);
  if (!existsSync(from)) throw new BackupError(`There is no file ${from}.`);
  if (from === live) throw new BackupError('That is the database itself, not a backup.');
  if (existsSync(live) && databaseInUse(live)) {
    throw new BackupError(`The database ${live} is in use: stop the server (and any other admin command), then run restore again.`);
  }

  // A new machine's data folder may not exist yet.
  mkdirSync(dirname(live), { recursive: true });
  const incoming = `${live}.restoring`;
  removeWithSidecars(incoming);
  copyFileSync(from, incoming);
  try {
    chmodSync(incoming, 0o600);
    const info = checkDatabase(incoming, `The backup ${from}`, { selfContained: true, newIdentity: true });
    const copy = new BetterSqlite3(incoming, { fileMustExist: true });
    let files: number;
    try {
      files = unpackBlobFiles(copy, join(dirname(live), BLOBS_FOLDER)).files;
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fsyncPath(incoming);
    // A WAL left beside the new file would be replayed into it: it goes with the file it belongs to.
    const leftovers = ['', ...SIDECARS].filter((suffix) => existsSync(live + suffix));
    const keptAs = leftovers.length > 0 ? `${live}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}` : undefined;
    for (const suffix of leftovers) renameSync(live + suffix, keptAs + suffix);
    renameSync(incoming, live);
    fsyncPath(dirname(live));
    return { ...info, keptAs, files };
  } catch (e) {
    removeWithSidecars(incoming);
    throw e;
  }
}

/**
 * Whether another connection (the server, in this process or another) has the database open: a
 * WAL-mode connection holds a shared lock on the file for as long as it is open, so an exclusive lock
 * is refused. Closing our own connection checkpoints the WAL into the file, which leaves it whole.
 */
function databaseInUse(file: string): boolean {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true });
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return false;
  } catch (e) {
    if (e instanceof BetterSqlite3.SqliteError && (e.code.startsWith('SQLITE_BUSY') || e.code.startsWith('SQLITE_LOCKED'))) return true;
    // A file SQLite cannot read (the damage a restore is for) has no server on it either.
    return false;
  } finally {
    db?.close();
  }
}

/**
 * Checks a database file the caller owns (it may write to it): intact, a Tillsyn database, of a
 * schema this server knows. `name`: how messages call it. `selfContained`: leaves it in
 * rollback-journal mode, one file with no WAL beside it (the server switches back to WAL on opening).
 * `newIdentity`: gives it a new database id, so that the devices' pull cursors no longer fit (a restore).
 */
function checkDatabase(file: string, name: string, opts: { selfContained?: boolean; newIdentity?: boolean } = {}): DatabaseInfo {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    let problems: string[];
    try {
      problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (e) {
      throw new BackupError(`${name} is damaged or not a database: ${(e as Error).message}.`);
    }
    if (problems.join() !== 'ok') throw new BackupError(`${name} is damaged (PRAGMA integrity_check): ${problems.slice(0, 5).join('; ')}`);
    let info: DatabaseInfo;
    try {
      info = {
        version: Number((db.prepare(`SELECT value FROM meta WHERE key = 'version'`).get() as { value: string }).value),
        schema: (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v,
        users: (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n,
      };
    } catch {
      throw new BackupError(`${name} is an SQLite database, but not Tillsyn's.`);
    }
    const known = Math.max(...migrations.map((m) => m.version));
    if (info.schema > known) {
      throw new BackupError(`${name} is at schema version ${info.schema}, newer than this server knows (${known}): use a newer server.`);
    }
    if (opts.newIdentity) {
      db.prepare(
        "INSERT INTO meta (key, value) VALUES ('database_id', lower(hex(randomblob(8)))) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      ).run();
    }
    if (opts.selfContained) db.pragma('journal_mode = DELETE');
    return info;
  } finally {
    db.close();
  }
}

function removeWithSidecars(file: string): void {
  for (const suffix of ['', ...SIDECARS]) rmSync(file + suffix, { force: true });
}

