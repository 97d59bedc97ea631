// The PostgreSQL store, chosen by DATABASE_URL (bootstrap.ts): the whole `Store` over a `pg` pool, so
// that several server instances share one database and any of them can answer any request. The sync
// goes through the sync service (pg-sync-port.ts says how pushes from several instances take their
// versions in order); users, sessions and sign-in limits are in pg-users.ts, the audit trail in
// pg-history.ts, the devices' reports in pg-devices.ts. Pushes are committed in groups, as on SQLite:
// an instance runs one push transaction at a time (the counter row's lock, held to the commit, orders
// every push of every instance anyway), and what arrives meanwhile goes into the next one together.
import pg from 'pg';
import type { EntityName } from '../../../shared/entities.ts';
import type { ExportRow, HistoryEntry, VisitHistoryResponse } from '../../../shared/history.ts';
import type { PullResponse, PushRequest, PushResponse } from '../../../shared/protocol.ts';
import { createSyncService, type PushRequestOf, type SyncService } from '../../sync/sync-service.ts';
import { SEED_WRITER, type DeviceReportWrite, type FieldMeta, type HistoryExportFilter, type SeedRecord, type SeedResult, type Store, type StoredDevice, type StoredRecord, type SyncUser } from '../store.ts';
import { applyPgMigrations } from './migrations.ts';
import { createPgDevices } from './pg-devices.ts';
import { createPgHistory } from './pg-history.ts';
import { createPgSyncPort, inTransaction, toPortRecord, type PgRecordRow } from './pg-sync-port.ts';
import { createPgUsers } from './pg-users.ts';

/** The pool's settings (config.ts reads them from PG_POOL_MAX, PG_STATEMENT_TIMEOUT_MS, PG_CONNECT_TIMEOUT_MS). */
export type PgSettings = { poolMax: number; statementTimeoutMs: number; connectTimeoutMs: number };

/** Pushes committed in one transaction at most: each in a savepoint, the group under one lock and one fsync. */
const MAX_GROUP = 16;

type WaitingPush = PushRequestOf & { resolve: (r: PushResponse) => void; reject: (e: unknown) => void };

export const DEFAULT_PG_SETTINGS: PgSettings = { poolMax: 10, statementTimeoutMs: 15_000, connectTimeoutMs: 5_000 };

const stored = (r: PgRecordRow): StoredRecord => {
  const { privateTo: _, ...record } = toPortRecord(r);
  return record;
};

type Users = ReturnType<typeof createPgUsers>;

export class PgStore implements Store {
  readonly pool: pg.Pool;
  readonly #sync: SyncService;
  readonly #users: Users;
  readonly #history: ReturnType<typeof createPgHistory>;
  readonly #devices: ReturnType<typeof createPgDevices>;

  private constructor(pool: pg.Pool) {
    this.pool = pool;
    this.#sync = createSyncService(createPgSyncPort(pool));
    this.#users = createPgUsers(pool);
    this.#history = createPgHistory(pool);
    this.#devices = createPgDevices(pool);
  }

  /** Connects and brings the schema up to date (under the migrations' advisory lock). */
  static async open(connectionString: string, settings: PgSettings = DEFAULT_PG_SETTINGS): Promise<PgStore> {
    const pool = new pg.Pool({
      connectionString,
      max: settings.poolMax,
      connectionTimeoutMillis: settings.connectTimeoutMs,
      // A statement stuck behind a lock or a slow plan fails instead of holding a request (and a
      // pooled connection) for ever.
      statement_timeout: settings.statementTimeoutMs,
      application_name: 'tillsyn',
    });
    // An idle connection the server drops (a restart, a failover) must not crash the process: the
    // pool replaces it, and the next query that fails answers its request with an error.
    pool.on('error', () => {});
    try {
      const client = await pool.connect();
      try {
        await applyPgMigrations(client);
      } finally {
        client.release();
      }
    } catch (e) {
      await pool.end();
      throw e;
    }
    return new PgStore(pool);
  }

  countUsers = (): Promise<number> => this.#users.countUsers();
  createUser: Users['createUser'] = (user) => this.#users.createUser(user);
  userById: Users['userById'] = (id) => this.#users.userById(id);
  userByUsername: Users['userByUsername'] = (username) => this.#users.userByUsername(username);
  listUsers: Users['listUsers'] = () => this.#users.listUsers();
  setUserDisabled: Users['setUserDisabled'] = (userId, disabled) => this.#users.setUserDisabled(userId, disabled);
  updateUser: Users['updateUser'] = (userId, update) => this.#users.updateUser(userId, update);
  setUserPassword: Users['setUserPassword'] = (userId, hash) => this.#users.setUserPassword(userId, hash);
  createSession: Users['createSession'] = (session) => this.#users.createSession(session);
  sessionWithUser: Users['sessionWithUser'] = (tokenHash) => this.#users.sessionWithUser(tokenHash);
  touchSession: Users['touchSession'] = (tokenHash, lastUsedAt, expiresAt) => this.#users.touchSession(tokenHash, lastUsedAt, expiresAt);
  deleteSession: Users['deleteSession'] = (tokenHash) => this.#users.deleteSession(tokenHash);
  deleteExpiredSessions: Users['deleteExpiredSessions'] = (now) => this.#users.deleteExpiredSessions(now);
  listSessions: Users['listSessions'] = (userId) => this.#users.listSessions(userId);
  deleteSessionById: Users['deleteSessionById'] = (id) => this.#users.deleteSessionById(id);
  deleteUserSessions: Users['deleteUserSessions'] = (userId) => this.#users.deleteUserSessions(userId);
  loginAttempt: Users['loginAttempt'] = (keys, since, at, decide) => this.#users.loginAttempt(keys, since, at, decide);
  forgetLoginFailures: Users['forgetLoginFailures'] = (ids, clearKeys) => this.#users.forgetLoginFailures(ids, clearKeys);

  /** As the SQLite store's: under one new version, only what is missing or differs and was last written by the seed. */
  async seedRecords(records: SeedRecord[], at: string): Promise<SeedResult> {
    return inTransaction(this.pool, 'BEGIN', async (client) => {
      // The writers' lock, as a push takes it: the seed's version is ordered with theirs.
      await client.query("SELECT value FROM meta WHERE key = 'version' FOR UPDATE");
      let version: number | null = null;
      let written = 0;
      for (const rec of records) {
        const [row] = (await client.query<PgRecordRow>('SELECT * FROM records WHERE entity = $1 AND id = $2', [rec.entity, rec.id])).rows;
        // An admin's edit to a seeded record stands: the seed only maintains what it wrote itself.
        if (row && row.updated_by !== SEED_WRITER) continue;
        const data = JSON.stringify(rec.data);
        if (row && !row.deleted && JSON.stringify(row.data) === data && row.region_id === rec.regionId) continue;
        version ??= Number((await client.query<{ value: string }>("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'version' RETURNING value")).rows[0]!.value);
        const fieldMeta: FieldMeta = row ? row.field_meta : {};
        for (const [field, value] of Object.entries(rec.data)) {
          if (!row || JSON.stringify(row.data[field]) !== JSON.stringify(value)) fieldMeta[field] = [version, SEED_WRITER];
        }
        await client.query(
          `INSERT INTO records (entity, id, version, deleted, region_id, data, field_meta, updated_at, updated_by)
           VALUES ($1, $2, $3, false, $4, $5, $6, $7, $8)
           ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, deleted = false, region_id = excluded.region_id,
             data = excluded.data, field_meta = excluded.field_meta, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          [rec.entity, rec.id, version, rec.regionId, data, JSON.stringify(fieldMeta), at, SEED_WRITER],
        );
        written++;
      }
      return { version, written };
    });
  }

  async getRecord(entity: EntityName, id: string): Promise<StoredRecord | undefined> {
    const [row] = (await this.pool.query<PgRecordRow>('SELECT * FROM records WHERE entity = $1 AND id = $2', [entity, id])).rows;
    return row && stored(row);
  }

  async listRecords(entity: EntityName): Promise<StoredRecord[]> {
    return (await this.pool.query<PgRecordRow>('SELECT * FROM records WHERE entity = $1 AND NOT deleted ORDER BY id', [entity])).rows.map(stored);
  }

  async currentVersion(): Promise<number> {
    return Number((await this.pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'version'")).rows[0]?.value ?? 0);
  }

  /**
   * A push waits while this instance's push transaction runs, then goes with the others that waited in
   * the next one: with many devices pushing, the counter row's lock and the commit are most of a push's
   * cost, and a group pays them once. Alone, a push waits for nothing.
   */
  push(user: SyncUser, request: PushRequest, report?: DeviceReportWrite): Promise<PushResponse> {
    return new Promise((resolve, reject) => {
      this.#waitingPushes.push({ actor: user, request, report, resolve, reject });
      void this.#commitWaitingPushes();
    });
  }

  #waitingPushes: WaitingPush[] = [];
  #committing = false;

  async #commitWaitingPushes(): Promise<void> {
    if (this.#committing) return;
    this.#committing = true;
    try {
      while (this.#waitingPushes.length > 0) {
        const group = this.#waitingPushes.splice(0, MAX_GROUP);
        try {
          const outcomes = await this.#sync.pushGroup(group);
          outcomes.forEach((o, i) => (o.status === 'fulfilled' ? group[i]!.resolve(o.value) : group[i]!.reject(o.reason)));
        } catch (error) {
          // The transaction failed (nothing of it committed): every push in it fails, the device sends it again.
          for (const p of group) p.reject(error);
        }
      }
    } finally {
      this.#committing = false;
    }
  }

  async pull(user: SyncUser, cursor: string | undefined, limit: number): Promise<PullResponse> {
    return this.#sync.pull(user, cursor, limit);
  }

  recordPullReport(user: SyncUser, report: DeviceReportWrite): Promise<void> {
    return this.#devices.recordPull(user.userId, report, new Date());
  }

  listDevices(): Promise<StoredDevice[]> {
    return this.#devices.list();
  }

  recordHistory(entity: EntityName, id: string): Promise<HistoryEntry[]> {
    return this.#history.recordHistory(entity, id);
  }

  visitHistory(visitId: string): Promise<VisitHistoryResponse> {
    return this.#history.visitHistory(visitId);
  }

  historyExport(filter: HistoryExportFilter): Promise<{ rows: ExportRow[]; next: string | null }> {
    return this.#history.exportPage(filter);
  }

  hasHistoryRow(id: number): Promise<boolean> {
    return this.#history.hasRow(id);
  }

  #closing: Promise<void> | undefined;
  /** Idempotent: the server and a test may both close it. */
  close(): Promise<void> {
    return (this.#closing ??= this.pool.end());
  }
}
