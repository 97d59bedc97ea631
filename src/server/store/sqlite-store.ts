// The SQLite store: one database file, one writer, settings that make an acknowledged write durable.
import BetterSqlite3 from 'better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';
import type { EntityName } from '../../shared/entities.ts';
import type { Role } from '../../shared/workflow.ts';
import type { PullResponse, PushRequest, PushResponse } from '../../shared/protocol.ts';
import { createSyncService, type PushRequestOf, type SyncService } from '../sync/sync-service.ts';
import { createSqliteDevices } from './sqlite-devices.ts';
import { createSqliteSyncPort } from './sqlite-sync-port.ts';
import { isPromiseLike, type MaybePromise } from '../sync/steps.ts';
import type { ExportRow, HistoryEntry, VisitHistoryResponse } from '../../shared/history.ts';
import { applyMigrations } from './migrations.ts';
import { createSqliteHistory, type SqliteHistory } from './sqlite-history.ts';
import { createSqliteLogins } from './sqlite-logins.ts';
import { toStoredRecord, type RecordRow } from './rows.ts';
import {
  SEED_WRITER,
  UsernameTakenError,
  type FieldMeta,
  type NewSession,
  type NewUser,
  type SeedRecord,
  type SeedResult,
  type DeviceReportWrite,
  type SessionInfo,
  type StoredDevice,
  type SessionRecord,
  type Store,
  type StoredRecord,
  type SyncUser,
  type UserRecord,
  type UserUpdate,
  type HistoryExportFilter,
  type LoginFailures,
} from './store.ts';

type UserRow = {
  id: string;
  username: string;
  name: string;
  role: string;
  region_ids: string;
  password_hash: string;
  disabled: number;
  created_at: string;
};

type SessionRow = {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
};

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  name: r.name,
  role: r.role as Role,
  regionIds: JSON.parse(r.region_ids) as string[],
  passwordHash: r.password_hash,
  disabled: r.disabled !== 0,
  createdAt: r.created_at,
});

const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  userId: r.user_id,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  expiresAt: r.expires_at,
});

/** A session's id, as migration 4 gave the sessions it found: 12 random hex digits. */
const NEW_SESSION_ID = 'lower(hex(randomblob(6)))';

/** Opens (creating if needed) the database file and brings its schema up to date. */
export function openSqliteStore(file: string): SqliteStore {
  return new SqliteStore(new BetterSqlite3(file));
}

/** Pushes committed together at most; see SqliteStore.push. */
const MAX_GROUP = 8;

export class SqliteStore implements Store {
  /** Exposed for tests. */
  readonly db: Database;
  readonly #sync: SyncService;
  readonly #devices: ReturnType<typeof createSqliteDevices>;
  readonly #history: SqliteHistory;
  readonly #logins: ReturnType<typeof createSqliteLogins>;

  constructor(db: Database) {
    this.db = db;
    db.pragma('journal_mode = WAL');
    // FULL: a commit the server acknowledged survives a power cut, not only a crash of the process.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // The command line may write while the server runs: wait for the other writer instead of failing.
    db.pragma('busy_timeout = 5000');
    applyMigrations(db);
    this.#devices = createSqliteDevices(db);
    this.#sync = createSyncService(createSqliteSyncPort(db, this.#devices));
    this.#history = createSqliteHistory(db);
    this.#logins = createSqliteLogins(db);
  }

  /** Each statement prepared once: sessions are looked up on every request. */
  #sql(source: string): Statement {
    let statement = this.#statements.get(source);
    if (!statement) {
      statement = this.db.prepare(source);
      this.#statements.set(source, statement);
    }
    return statement;
  }

  readonly #statements = new Map<string, Statement>();

  /**
   * Pushes that arrive while the server is busy wait for the end of the event loop's turn and are
   * committed together (one fsync for all of them instead of one each): with many devices pushing at
   * once, the commit is most of a push's cost. Alone, a push waits for nothing.
   */
  push(user: SyncUser, request: PushRequest, report?: DeviceReportWrite): Promise<PushResponse> {
    return new Promise((resolve, reject) => {
      this.#waitingPushes.push({ actor: user, request, report, resolve, reject });
      if (this.#waitingPushes.length === 1) setImmediate(() => this.#commitWaitingPushes());
    });
  }

  #waitingPushes: (PushRequestOf & { resolve: (r: PushResponse) => void; reject: (e: unknown) => void })[] = [];

  #commitWaitingPushes(): void {
    // A group runs without yielding: kept small, it cannot starve the requests still being read.
    const group = this.#waitingPushes.splice(0, MAX_GROUP);
    if (this.#waitingPushes.length > 0) setImmediate(() => this.#commitWaitingPushes());
    const settle = (outcomes: PromiseSettledResult<PushResponse>[]) =>
      outcomes.forEach((o, i) => (o.status === 'fulfilled' ? group[i]!.resolve(o.value) : group[i]!.reject(o.reason)));
    const fail = (error: unknown) => group.forEach((p) => p.reject(error));
    let outcomes: MaybePromise<PromiseSettledResult<PushResponse>[]>;
    try {
      // The SQLite port is synchronous: the group is committed (or rolled back) when this returns.
      outcomes = this.#sync.pushGroup(group);
    } catch (error) {
      fail(error);
      return;
    }
    if (isPromiseLike(outcomes)) outcomes.then(settle, fail);
    else settle(outcomes);
  }

  async pull(user: SyncUser, cursor: string | undefined, limit: number): Promise<PullResponse> {
    return this.#sync.pull(user, cursor, limit);
  }

  async recordPullReport(user: SyncUser, report: DeviceReportWrite): Promise<void> {
    this.#devices.recordPull(user.userId, report, new Date());
  }

  async listDevices(): Promise<StoredDevice[]> {
    return this.#devices.list();
  }

  async countUsers(): Promise<number> {
    return (this.#sql('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  async createUser(user: NewUser): Promise<void> {
    try {
      this.db
        .prepare(
          `INSERT INTO users (id, username, name, role, region_ids, password_hash, disabled, created_at)
           VALUES (?, ?, ?, ?, ?, ?, 0, ?)`,
        )
        .run(user.id, user.username, user.name, user.role, JSON.stringify(user.regionIds), user.passwordHash, user.createdAt);
    } catch (e) {
      if (e instanceof BetterSqlite3.SqliteError && e.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new UsernameTakenError(user.username);
      }
      throw e;
    }
  }

  async userById(id: string): Promise<UserRecord | undefined> {
    const row = this.#sql('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row && toUser(row);
  }

  async userByUsername(username: string): Promise<UserRecord | undefined> {
    const row = this.#sql('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return row && toUser(row);
  }

  async listUsers(): Promise<UserRecord[]> {
    return (this.#sql('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser);
  }

  async setUserDisabled(userId: string, disabled: boolean): Promise<void> {
    this.db.transaction(() => {
      this.#sql('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, userId);
      if (disabled) this.#sql('DELETE FROM sessions WHERE user_id = ?').run(userId);
    })();
  }

  async updateUser(userId: string, u: UserUpdate): Promise<void> {
    this.#sql('UPDATE users SET name = ?, role = ?, region_ids = ? WHERE id = ?').run(u.name, u.role, JSON.stringify(u.regionIds), userId);
  }

  async setUserPassword(userId: string, passwordHash: string): Promise<number> {
    return this.db.transaction(() => {
      this.#sql('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
      return this.#sql('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
    })();
  }

  async createSession(s: NewSession): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO sessions (id, token_hash, user_id, created_at, last_used_at, expires_at)
         VALUES (${NEW_SESSION_ID}, ?, ?, ?, ?, ?)`,
      )
      .run(s.tokenHash, s.userId, s.createdAt, s.lastUsedAt, s.expiresAt);
  }

  async sessionWithUser(tokenHash: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined> {
    const session = this.#sql('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as SessionRow | undefined;
    if (!session) return undefined;
    const user = this.#sql('SELECT * FROM users WHERE id = ?').get(session.user_id) as UserRow | undefined;
    return user && { session: toSession(session), user: toUser(user) };
  }

  async touchSession(tokenHash: string, lastUsedAt: string, expiresAt: string): Promise<void> {
    this.#sql('UPDATE sessions SET last_used_at = ?, expires_at = ? WHERE token_hash = ?').run(lastUsedAt, expiresAt, tokenHash);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.#sql('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    return this.#sql('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
  }

  async listSessions(userId?: string): Promise<SessionInfo[]> {
    const rows = this.db
      .prepare(
        `SELECT s.id, s.user_id, u.username, s.created_at, s.last_used_at, s.expires_at
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE ? IS NULL OR s.user_id = ?
         ORDER BY u.username, s.created_at, s.id`,
      )
      .all(userId ?? null, userId ?? null) as (Omit<SessionRow, 'token_hash'> & { username: string })[];
    return rows.map((r) => ({ id: r.id, userId: r.user_id, username: r.username, createdAt: r.created_at, lastUsedAt: r.last_used_at, expiresAt: r.expires_at }));
  }

  async deleteSessionById(id: string): Promise<boolean> {
    return this.#sql('DELETE FROM sessions WHERE id = ?').run(id).changes > 0;
  }

  async deleteUserSessions(userId: string): Promise<number> {
    return this.#sql('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
  }

  async seedRecords(records: SeedRecord[], at: string): Promise<SeedResult> {
    const get = this.#sql('SELECT * FROM records WHERE entity = ? AND id = ?');
    const put = this.#sql(
      `INSERT INTO records (entity, id, version, deleted, region_id, data, field_meta, updated_at, updated_by)
       VALUES (@entity, @id, @version, 0, @regionId, @data, @fieldMeta, @at, @by)
       ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, deleted = 0, region_id = excluded.region_id,
         data = excluded.data, field_meta = excluded.field_meta, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
    const run = this.db.transaction((): SeedResult => {
      let version: number | null = null;
      let written = 0;
      for (const rec of records) {
        const stored = get.get(rec.entity, rec.id) as RecordRow | undefined;
        // An admin's edit to a seeded record stands: the seed only maintains what it wrote itself.
        if (stored && stored.updated_by !== SEED_WRITER) continue;
        const data = JSON.stringify(rec.data);
        if (stored && stored.deleted === 0 && stored.data === data && stored.region_id === rec.regionId) continue;
        version ??= this.nextVersion();
        const oldData = stored ? (JSON.parse(stored.data) as Record<string, unknown>) : {};
        const fieldMeta: FieldMeta = stored ? (JSON.parse(stored.field_meta) as FieldMeta) : {};
        for (const [field, value] of Object.entries(rec.data)) {
          if (!stored || JSON.stringify(oldData[field]) !== JSON.stringify(value)) fieldMeta[field] = [version, SEED_WRITER];
        }
        put.run({ entity: rec.entity, id: rec.id, version, regionId: rec.regionId, data, fieldMeta: JSON.stringify(fieldMeta), at, by: SEED_WRITER });
        written++;
      }
      return { version, written };
    });
    return run.immediate();
  }

  async getRecord(entity: EntityName, id: string): Promise<StoredRecord | undefined> {
    const row = this.#sql('SELECT * FROM records WHERE entity = ? AND id = ?').get(entity, id) as RecordRow | undefined;
    return row && toStoredRecord(row);
  }

  async listRecords(entity: EntityName): Promise<StoredRecord[]> {
    const rows = this.#sql('SELECT * FROM records WHERE entity = ? AND deleted = 0 ORDER BY id').all(entity) as RecordRow[];
    return rows.map(toStoredRecord);
  }

  async currentVersion(): Promise<number> {
    const row = this.#sql(`SELECT value FROM meta WHERE key = 'version'`).get() as { value: string };
    return Number(row.value);
  }

  async recordHistory(entity: EntityName, id: string): Promise<HistoryEntry[]> {
    return this.#history.recordHistory(entity, id);
  }

  async visitHistory(visitId: string): Promise<VisitHistoryResponse> {
    return this.db.transaction(() => this.#history.visitHistory(visitId))();
  }

  async historyExport(filter: HistoryExportFilter): Promise<{ rows: ExportRow[]; next: string | null }> {
    return this.#history.exportPage(filter);
  }

  async hasHistoryRow(id: number): Promise<boolean> {
    return this.#history.hasRow(id);
  }

  async loginAttempt(keys: readonly string[], since: number, at: number, decide: (failures: LoginFailures) => readonly string[]): Promise<number[]> {
    return this.#logins.attempt(keys, since, at, decide);
  }

  async forgetLoginFailures(ids: readonly number[], clearKeys: readonly string[]): Promise<void> {
    this.#logins.forget(ids, clearKeys);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Takes the next global version; call inside a write transaction only. */
  nextVersion(): number {
    const row = this.db
      .prepare(`UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version' RETURNING value`)
      .get() as { value: string | number };
    return Number(row.value);
  }
}
