// Moving up (issue 14): an SQLite database copied into an empty PostgreSQL database, every table as it
// is (versions, history, conflicts, sessions, the meta rows: the version counter, the tombstone floor
// and the database id), then compared table by table. The database id is copied unchanged, so a
// device's pull cursor, which names it, goes on on PostgreSQL without a RESET.
//
// The SQLite side is read in one read transaction (a consistent snapshot, even while a server writes);
// the PostgreSQL side is written in one transaction, verified inside it and committed only when every
// table's count and checksum agree: a failed copy leaves the target as it was (migrated, empty).
//
// The checksum (`tableDigest`) is computed the same way on both sides, in code: each row's columns,
// in name order, normalised by the PostgreSQL column's type (integers as decimal text, booleans, JSON
// parsed and written with sorted keys, text as text), one JSON array a line, in primary-key order
// (byte order for text: SQLite's BINARY, PostgreSQL's "C" collation), into sha256.
//
// Attachments' files: SQLite keeps them as files under DATA_DIR/blobs, PostgreSQL in the `data` column
// of its `blobs` table (FILE_COLUMNS). Each is read from its file as its row is copied, refused unless
// its bytes have the SHA-256 it is named by, and compared by the SHA-256 of its bytes on both sides.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import pg from 'pg';
import { migrations } from '../migrations.ts';
import { applyPgMigrations } from './migrations.ts';

/** Refused before anything was written (a target with data, a schema that does not match, an unreadable source). */
export class CopyError extends Error {}

type Kind = 'int' | 'bool' | 'json' | 'text' | 'bytes';
type Column = { name: string; kind: Kind };
type Table = { name: string; columns: Column[]; key: string[] };

/** What one table looked like on both sides. */
type TableCheck = { table: string; sqliteRows: number; pgRows: number; sqliteSha256: string; pgSha256: string };

type CopyReport = {
  source: string;
  tables: TableCheck[];
  /** Every table's count and checksum agree. */
  ok: boolean;
  databaseId: string;
  version: number;
};

const BATCH = 1000;
/** PostgreSQL's limit on a statement's parameters. */
const MAX_PARAMS = 65535;
const NOT_COPIED = new Set(['schema_migrations']);
/** Columns PostgreSQL holds that SQLite keeps as files beside the database: a blob's bytes, DATA_DIR/blobs/<ab>/<sha256>. */
const FILE_COLUMNS: Readonly<Record<string, string>> = { blobs: 'data' };

/** A blob's bytes from its file beside the SQLite database, checked against its name. */
function blobFile(file: string, sha256: string): Buffer {
  const path = join(dirname(file), 'blobs', sha256.slice(0, 2), sha256);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new CopyError(`The attachment file ${path} is missing (${(e as Error).message}); nothing was copied. Restore it from a backup, or run \`npm run admin -- blobs gc\` if no record names it.`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new CopyError(`The attachment file ${path} is damaged (its bytes are not the SHA-256 it is named by); nothing was copied.`);
  return bytes;
}

/** The database file of a data folder, or the file itself. */
function sqliteFileOf(from: string): string {
  const path = resolve(from);
  if (!existsSync(path)) throw new CopyError(`No database at ${path} (--from names a data folder or a database file).`);
  const file = statSync(path).isDirectory() ? join(path, 'tillsyn.db') : path;
  if (!existsSync(file)) throw new CopyError(`No database in ${path}: ${file} does not exist.`);
  return file;
}

/** The URL as it may be printed: without its password. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unreadable URL)';
  }
}

function openSource(file: string): Database {
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new CopyError(`Cannot open the SQLite database ${file}: ${(e as Error).message}`);
  }
  try {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    const current = has ? (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0 : 0;
    const known = Math.max(...migrations.map((m) => m.version));
    if (current < known) {
      throw new CopyError(
        `The SQLite database ${file} is at schema version ${current}, older than this release's (${known}): ` +
          'start this release\'s server on it once (it migrates at start), stop it, then copy.',
      );
    }
    if (current > known) throw new CopyError(`The SQLite database ${file} is at schema version ${current}, newer than this release knows (${known}): use a newer release.`);
  } catch (e) {
    db.close();
    if (e instanceof CopyError) throw e;
    throw new CopyError(`Cannot read the SQLite database ${file}: ${(e as Error).message}`);
  }
  return db;
}

async function connect(url: string): Promise<{ pool: pg.Pool; client: pg.PoolClient }> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => {}); // an idle connection's error: the query that needs it says so
  try {
    return { pool, client: await pool.connect() };
  } catch (e) {
    await pool.end().catch(() => {});
    throw new CopyError(`Cannot connect to PostgreSQL at ${safeUrl(url)}: ${(e as Error).message}`);
  }
}

const kindOf = (pgType: string): Kind =>
  ['bigint', 'integer', 'smallint'].includes(pgType) ? 'int' : pgType === 'boolean' ? 'bool' : pgType === 'json' || pgType === 'jsonb' ? 'json' : pgType === 'bytea' ? 'bytes' : 'text';

/** Our tables in PostgreSQL (the schema's, but schema_migrations), with their columns and primary keys. */
async function pgTables(client: pg.PoolClient): Promise<Map<string, Table>> {
  const columns = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`,
  );
  const keys = await client.query<{ table_name: string; column_name: string }>(
    `SELECT k.table_name, k.column_name FROM information_schema.table_constraints tc
     JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name
     WHERE tc.table_schema = current_schema() AND tc.constraint_type = 'PRIMARY KEY' ORDER BY k.table_name, k.ordinal_position`,
  );
  const tables = new Map<string, Table>();
  for (const c of columns.rows) {
    if (NOT_COPIED.has(c.table_name)) continue;
    const table = tables.get(c.table_name) ?? { name: c.table_name, columns: [], key: [] };
    table.columns.push({ name: c.column_name, kind: kindOf(c.data_type) });
    tables.set(c.table_name, table);
  }
  for (const k of keys.rows) tables.get(k.table_name)?.key.push(k.column_name);
  for (const t of tables.values()) t.columns.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return tables;
}

/** SQLite's tables and their columns, but its own and schema_migrations. */
function sqliteTables(db: Database): Map<string, string[]> {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return new Map(
    names.filter((n) => !NOT_COPIED.has(n)).map((n) => [n, (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(n) as string[]).sort()]),
  );
}

/** The tables to copy, in an order that keeps foreign keys satisfied; refuses a source that does not fit the target. */
function plan(source: Map<string, string[]>, target: Map<string, Table>): Table[] {
  const problems: string[] = [];
  const tables: Table[] = [];
  for (const [name, columns] of source) {
    const table = target.get(name);
    if (!table) {
      problems.push(`table ${name} has no counterpart in PostgreSQL`);
      continue;
    }
    const theirs = table.columns.map((c) => c.name);
    const missing = columns.filter((c) => !theirs.includes(c));
    const extra = theirs.filter((c) => !columns.includes(c) && c !== FILE_COLUMNS[name]);
    if (missing.length) problems.push(`${name}: PostgreSQL has no column ${missing.join(', ')}`);
    if (extra.length) problems.push(`${name}: SQLite has no column ${extra.join(', ')}`);
    if (table.key.length === 0) problems.push(`${name}: no primary key in PostgreSQL`);
    tables.push(table);
  }
  if (problems.length) throw new CopyError(`The SQLite database does not fit the PostgreSQL schema; nothing was copied:\n  ${problems.join('\n  ')}`);
  // Referenced tables first; the rest by name.
  const first = ['users', 'sync_clients'];
  return tables.sort((a, b) => {
    const ra = first.indexOf(a.name) < 0 ? first.length : first.indexOf(a.name);
    const rb = first.indexOf(b.name) < 0 ? first.length : first.indexOf(b.name);
    return ra - rb || (a.name < b.name ? -1 : 1);
  });
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** JSON with object keys sorted, so that the same value is written the same way whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** One column's value, from either database, in the form both are compared in. */
function normalise(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'int':
      return typeof value === 'bigint' ? value.toString() : String(value);
    case 'bool':
      return typeof value === 'boolean' ? value : Number(value) !== 0;
    case 'json':
      // SQLite hands JSON over as text; pg parses json and jsonb.
      return canonical(typeof value === 'string' ? JSON.parse(value) : value);
    case 'text':
      return Buffer.isBuffer(value) ? value.toString('hex') : String(value);
    case 'bytes':
      // The bytes' SHA-256: PostgreSQL computes it (pgRows), SQLite's side here from the file's bytes.
      return Buffer.isBuffer(value) ? createHash('sha256').update(value).digest('hex') : String(value);
  }
}

/** A running count and checksum of a table's rows, fed in primary-key order. */
class Digest {
  rows = 0;
  readonly #hash = createHash('sha256');
  readonly columns: Column[];
  constructor(columns: Column[]) {
    this.columns = columns;
  }
  add(row: Record<string, unknown>): void {
    this.rows++;
    this.#hash.update(`${JSON.stringify(this.columns.map((c) => normalise(c.kind, row[c.name])))}\n`);
  }
  hex(): string {
    return this.#hash.digest('hex');
  }
}

/** SQLite's rows of a table in primary-key order (BINARY: byte order); a file column read from its file, one row at a time. */
function* sqliteRows(db: Database, table: Table): Generator<Record<string, unknown>> {
  const fileColumn = FILE_COLUMNS[table.name];
  const cols = table.columns.filter((c) => c.name !== fileColumn).map((c) => quote(c.name)).join(', ');
  const rows = db.prepare(`SELECT ${cols} FROM ${quote(table.name)} ORDER BY ${table.key.map(quote).join(', ')}`).iterate() as IterableIterator<Record<string, unknown>>;
  if (!fileColumn) return yield* rows;
  for (const row of rows) yield { ...row, [fileColumn]: blobFile(db.name, String(row.sha256)) };
}

/** PostgreSQL's rows of a table in primary-key order (text keys in the "C" collation: byte order), a page at a time. */
async function* pgRows(client: pg.PoolClient, table: Table): AsyncGenerator<Record<string, unknown>> {
  const kinds = new Map(table.columns.map((c) => [c.name, c.kind]));
  const keyExpr = table.key.map((k) => (kinds.get(k) === 'text' ? `${quote(k)} COLLATE "C"` : quote(k)));
  // Bytes as their SHA-256, computed by PostgreSQL: a page of files is not read into memory to be compared.
  const cols = table.columns.map((c) => (c.kind === 'bytes' ? `encode(sha256(${quote(c.name)}), 'hex') AS ${quote(c.name)}` : quote(c.name))).join(', ');
  const order = keyExpr.join(', ');
  let after: unknown[] | undefined;
  for (;;) {
    const where = after ? `WHERE (${order}) > (${after.map((_, i) => `$${i + 1}`).join(', ')})` : '';
    const page = await client.query<Record<string, unknown>>(`SELECT ${cols} FROM ${quote(table.name)} ${where} ORDER BY ${order} LIMIT ${BATCH}`, after ?? []);
    yield* page.rows;
    if (page.rows.length < BATCH) return;
    const last = page.rows[page.rows.length - 1]!;
    after = table.key.map((k) => last[k]);
  }
}

async function checkTable(db: Database, client: pg.PoolClient, table: Table): Promise<TableCheck> {
  const mine = new Digest(table.columns);
  for (const row of sqliteRows(db, table)) mine.add(row);
  const theirs = new Digest(table.columns);
  for await (const row of pgRows(client, table)) theirs.add(row);
  return { table: table.name, sqliteRows: mine.rows, pgRows: theirs.rows, sqliteSha256: mine.hex(), pgSha256: theirs.hex() };
}

/** A value as PostgreSQL takes it for a column of this kind. */
function toPg(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'bool') return Number(value) !== 0;
  if (kind === 'int' && typeof value === 'bigint') return value.toString();
  return value; // JSON stays the text SQLite kept, so json columns keep it as written
}

async function copyTable(db: Database, client: pg.PoolClient, table: Table): Promise<number> {
  const cols = table.columns;
  // A table of files, a row a statement: a batch of them would be held in memory whole.
  const per = cols.some((c) => c.kind === 'bytes') ? 1 : Math.max(1, Math.min(BATCH, Math.floor(MAX_PARAMS / cols.length)));
  const insert = async (rows: Record<string, unknown>[]) => {
    const params: unknown[] = [];
    const values = rows.map((row) => `(${cols.map((c) => `$${params.push(toPg(c.kind, row[c.name]))}`).join(', ')})`);
    await client.query(`INSERT INTO ${quote(table.name)} (${cols.map((c) => quote(c.name)).join(', ')}) VALUES ${values.join(', ')}`, params);
  };
  let batch: Record<string, unknown>[] = [];
  let copied = 0;
  // The iterator stays open across the awaits: nothing else runs on this SQLite connection meanwhile.
  for (const row of sqliteRows(db, table)) {
    batch.push(row);
    if (batch.length === per) {
      await insert(batch);
      copied += batch.length;
      batch = [];
    }
  }
  if (batch.length) {
    await insert(batch);
    copied += batch.length;
  }
  return copied;
}

/** Tables of ours that hold data: any row but meta's starting rows (a version of 0 and no other key than a new database's). */
async function occupied(client: pg.PoolClient, tables: Iterable<Table>): Promise<string[]> {
  const found: string[] = [];
  for (const t of tables) {
    if (t.name === 'meta') {
      const rows = (await client.query<{ key: string; value: string }>('SELECT key, value FROM meta')).rows;
      const fresh = rows.every((r) => ['database_id', 'tombstone_floor', 'version'].includes(r.key) && (r.key === 'database_id' || r.value === '0'));
      if (!fresh) found.push('meta (a version counter above 0)');
      continue;
    }
    const n = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(t.name)}`)).rows[0]!.n);
    if (n > 0) found.push(`${t.name} (${n} ${n === 1 ? 'row' : 'rows'})`);
  }
  return found;
}

/** Moves each sequence behind a column (history and conflict ids) past the largest id copied. */
async function resetSequences(client: pg.PoolClient, tables: Table[]): Promise<void> {
  for (const t of tables) {
    for (const c of t.columns.filter((c) => c.kind === 'int')) {
      const seq = (await client.query<{ s: string | null }>('SELECT pg_get_serial_sequence($1, $2) AS s', [quote(t.name), c.name])).rows[0]!.s;
      if (!seq) continue;
      await client.query(`SELECT setval($1, COALESCE((SELECT MAX(${quote(c.name)}) FROM ${quote(t.name)}), 1), (SELECT MAX(${quote(c.name)}) FROM ${quote(t.name)}) IS NOT NULL)`, [seq]);
    }
  }
}

const metaValue = (db: Database, key: string) => (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? '';

async function inSnapshot<T>(file: string, url: string, fn: (db: Database, client: pg.PoolClient) => Promise<T>): Promise<T> {
  const db = openSource(file);
  try {
    const { pool, client } = await connect(url);
    try {
      db.exec('BEGIN');
      try {
        // The snapshot starts at the first read; every later read of this transaction sees the same database.
        db.prepare('SELECT COUNT(*) FROM meta').get();
        return await fn(db, client);
      } finally {
        db.exec('COMMIT');
      }
    } finally {
      client.release();
      await pool.end();
    }
  } finally {
    db.close();
  }
}

/**
 * Copies the SQLite database `from` (a data folder or the file) into the PostgreSQL database at `url`,
 * which must hold no data: migrates it, copies every table in one transaction and commits only when
 * every table's count and checksum agree with SQLite's (otherwise rolls back and answers `ok: false`).
 */
export async function copyToPostgres(from: string, url: string): Promise<CopyReport> {
  const file = sqliteFileOf(from);
  return inSnapshot(file, url, async (db, client) => {
    const before = await pgTables(client);
    const busy = await occupied(client, before.values());
    if (busy.length) throw new CopyError(`The PostgreSQL database at ${safeUrl(url)} is not empty; nothing was copied. Tables with data:\n  ${busy.join('\n  ')}\nCopy into a new, empty database.`);
    try {
      await applyPgMigrations(client);
    } catch (e) {
      throw new CopyError(`Cannot prepare the PostgreSQL database at ${safeUrl(url)}: ${(e as Error).message}`);
    }
    const target = await pgTables(client);
    const tables = plan(sqliteTables(db), target);
    await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
    try {
      // No other writer while the copy runs: a server started early, or a second copy, waits or fails.
      await client.query(`LOCK TABLE ${[...target.keys()].map(quote).join(', ')} IN EXCLUSIVE MODE`);
      const busyNow = await occupied(client, target.values());
      if (busyNow.length) throw new CopyError(`The PostgreSQL database at ${safeUrl(url)} is not empty; nothing was copied. Tables with data:\n  ${busyNow.join('\n  ')}`);
      await client.query('DELETE FROM meta'); // the starting rows, replaced by SQLite's
      for (const t of tables) {
        try {
          await copyTable(db, client, t);
        } catch (e) {
          if (e instanceof CopyError) throw e;
          throw new CopyError(`PostgreSQL refused a row of ${t.name}: ${(e as Error).message}. Nothing was copied (the transaction was rolled back).`);
        }
      }
      await resetSequences(client, tables);
      const checks: TableCheck[] = [];
      for (const t of tables) checks.push(await checkTable(db, client, t));
      const ok = checks.every(agrees);
      await client.query(ok ? 'COMMIT' : 'ROLLBACK');
      // Statistics for the planner now, as PostgreSQL advises after a bulk load, rather than when
      // autovacuum next looks: until then it knows nothing of the tables' sizes and values. The copy is
      // committed already: an ANALYZE that fails leaves it to autovacuum.
      if (ok) await client.query(`ANALYZE ${tables.map((t) => quote(t.name)).join(', ')}`).catch(() => {});
      return { source: file, tables: checks, ok, databaseId: metaValue(db, 'database_id'), version: Number(metaValue(db, 'version')) };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    }
  });
}

/** Compares the SQLite database with its copy in PostgreSQL again, table by table; changes nothing. */
export async function verifyCopy(from: string, url: string): Promise<CopyReport> {
  const file = sqliteFileOf(from);
  return inSnapshot(file, url, async (db, client) => {
    const target = await pgTables(client);
    if (!target.has('meta')) throw new CopyError(`The PostgreSQL database at ${safeUrl(url)} has no Tillsyn tables: nothing to compare with.`);
    const tables = plan(sqliteTables(db), target);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const checks: TableCheck[] = [];
      for (const t of tables) checks.push(await checkTable(db, client, t));
      return { source: file, tables: checks, ok: checks.every(agrees), databaseId: metaValue(db, 'database_id'), version: Number(metaValue(db, 'version')) };
    } finally {
      await client.query('ROLLBACK');
    }
  });
}

const agrees = (c: TableCheck) => c.sqliteRows === c.pgRows && c.sqliteSha256 === c.pgSha256;

/** The report as a table: per table the counts, the checksums' first 16 hex digits, and whether they agree. */
export function formatChecks(checks: TableCheck[]): string {
  const head = ['TABLE', 'SQLITE ROWS', 'PG ROWS', 'SQLITE SHA-256', 'PG SHA-256', ''];
  const rows = checks.map((c) => [c.table, String(c.sqliteRows), String(c.pgRows), c.sqliteSha256.slice(0, 16), c.pgSha256.slice(0, 16), agrees(c) ? 'ok' : 'DIFFERS']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}
