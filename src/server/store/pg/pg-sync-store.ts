// The PostgreSQL store's sync half: what the store contract (test/server/store-contract.ts) checks
// (users made, reference data seeded, records read, push and pull through the sync service). Not yet a
// whole `Store`: sessions, history, devices and the rest come with issue 14's item 2, and nothing starts
// it from `npm start` yet (DATABASE_URL is not read).
import pg from 'pg';
import type { EntityName } from '../../../shared/entities.ts';
import type { PullResponse, PushRequest, PushResponse } from '../../../shared/protocol.ts';
import { createSyncService, type SyncService } from '../../sync/sync-service.ts';
import { SEED_WRITER, UsernameTakenError, type DeviceReportWrite, type FieldMeta, type NewUser, type SeedRecord, type SeedResult, type Store, type StoredRecord, type SyncUser } from '../store.ts';
import { applyPgMigrations } from './migrations.ts';
import { createPgSyncPort, inTransaction, toPortRecord, type PgRecordRow } from './pg-sync-port.ts';

export type SyncStore = Pick<Store, 'createUser' | 'seedRecords' | 'getRecord' | 'listRecords' | 'currentVersion' | 'push' | 'pull' | 'close'>;

const stored = (r: PgRecordRow): StoredRecord => {
  const { privateTo: _, ...record } = toPortRecord(r);
  return record;
};

export class PgSyncStore implements SyncStore {
  readonly pool: pg.Pool;
  readonly #sync: SyncService;

  private constructor(pool: pg.Pool) {
    this.pool = pool;
    this.#sync = createSyncService(createPgSyncPort(pool));
  }

  /** Connects and brings the schema up to date. */
  static async open(connectionString: string): Promise<PgSyncStore> {
    const pool = new pg.Pool({ connectionString, max: 10 });
    const client = await pool.connect();
    try {
      await applyPgMigrations(client);
    } finally {
      client.release();
    }
    return new PgSyncStore(pool);
  }

  async createUser(user: NewUser): Promise<void> {
    try {
      await this.pool.query(
        'INSERT INTO users (id, username, name, role, region_ids, password_hash, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, false, $7)',
        [user.id, user.username, user.name, user.role, JSON.stringify(user.regionIds), user.passwordHash, user.createdAt],
      );
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new UsernameTakenError(user.username);
      throw e;
    }
  }

  /** As the SQLite store's: under one new version, only what is missing or differs and was last written by the seed. */
  async seedRecords(records: SeedRecord[], at: string): Promise<SeedResult> {
    return inTransaction(this.pool, 'BEGIN', async (client) => {
      await client.query("SELECT value FROM meta WHERE key = 'version' FOR UPDATE");
      let version: number | null = null;
      let written = 0;
      for (const rec of records) {
        const [row] = (await client.query<PgRecordRow>('SELECT * FROM records WHERE entity = $1 AND id = $2', [rec.entity, rec.id])).rows;
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

  /** One transaction a push (group commit across requests is for later). */
  push(user: SyncUser, request: PushRequest, report?: DeviceReportWrite): Promise<PushResponse> {
    return this.#sync.push(user, request, report);
  }

  async pull(user: SyncUser, cursor: string | undefined, limit: number): Promise<PullResponse> {
    return this.#sync.pull(user, cursor, limit);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
