// The sync port (sync/sync-port.ts) on PostgreSQL through a `pg` pool: every operation a query,
// answered with a promise, so the sync service awaits each step (sync/steps.ts).
//
// The version: SYNC.md asks that commit order be version order, so that a puller never skips one. A
// push transaction begins by locking the counter row (`SELECT … FOR UPDATE`) and holds the lock to its
// commit: pushes, from any instance, run one after another as SQLite's one writer makes them, so the
// version a push takes is never committed before a smaller one, and every read a push decides on is
// of committed data no other push can change before its commit (no lost update between instances).
import type { Pool, PoolClient } from 'pg';
import type { EntityName } from '../../../shared/entities.ts';
import type { MutationError } from '../../../shared/protocol.ts';
import type { Role } from '../../../shared/workflow.ts';
import type { FieldMeta } from '../store.ts';
import type { HistoryWrite, PortRecord, PulledRecord, PullTx, PushTx, SyncPort } from '../../sync/sync-port.ts';

/** A row of `records` as `pg` reads it: JSON parsed, BIGINT as text. */
export type PgRecordRow = {
  entity: EntityName;
  id: string;
  version: string;
  deleted: boolean;
  region_id: string | null;
  data: Record<string, unknown>;
  field_meta: FieldMeta;
  updated_at: string | null;
  updated_by: string | null;
  private_to: string | null;
};

export const toPortRecord = (r: PgRecordRow): PortRecord => ({
  entity: r.entity,
  id: r.id,
  version: Number(r.version),
  deleted: r.deleted,
  regionId: r.region_id,
  data: r.data,
  fieldMeta: r.field_meta,
  updatedAt: r.updated_at ?? '',
  updatedBy: r.updated_by ?? '',
  privateTo: r.private_to,
});

const toPulled = (r: PgRecordRow): PulledRecord => toPortRecord(r);

async function rows<T extends object>(client: PoolClient, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await client.query<T>(sql, params)).rows;
}

async function currentVersion(client: PoolClient): Promise<number> {
  const [row] = await rows<{ value: string }>(client, "SELECT value FROM meta WHERE key = 'version'");
  return Number(row?.value ?? 0);
}

async function getRecord(client: PoolClient, entity: EntityName, id: string): Promise<PortRecord | undefined> {
  const [row] = await rows<PgRecordRow>(client, 'SELECT * FROM records WHERE entity = $1 AND id = $2', [entity, id]);
  return row && toPortRecord(row);
}

const liveBy = (client: PoolClient, where: string, params: unknown[]) =>
  rows<PgRecordRow>(client, `SELECT * FROM records WHERE NOT deleted AND ${where}`, params).then((r) => r.map(toPortRecord));

/**
 * A push's record and history writes, kept until one statement each writes them all: at the end of the
 * push's savepoint, or before a query that reads records by their fields. Each write was a round trip
 * under the counter row's lock, which every push of every instance waits for. A read by id sees them.
 */
function writeBuffer(client: PoolClient) {
  const records = new Map<string, PortRecord>();
  const history: HistoryWrite[] = [];
  const key = (entity: string, id: string) => `${entity}\u0000${id}`;
  return {
    record: (entity: EntityName, id: string) => records.get(key(entity, id)),
    upsert: (r: PortRecord) => void records.set(key(r.entity, r.id), r),
    addHistory: (h: HistoryWrite) => void history.push(h),
    drop: () => {
      records.clear();
      history.length = 0;
    },
    async flush(): Promise<void> {
      if (records.size > 0) {
        const rs = [...records.values()];
        records.clear();
        await client.query(
          `INSERT INTO records (entity, id, version, deleted, region_id, data, field_meta, updated_at, updated_by, private_to)
           SELECT e, i, v, d, r, dt::json, fm::json, ua, ub, pt
             FROM unnest($1::text[], $2::text[], $3::bigint[], $4::boolean[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
               AS t(e, i, v, d, r, dt, fm, ua, ub, pt)
           ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted,
             region_id = excluded.region_id, data = excluded.data, field_meta = excluded.field_meta,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by, private_to = excluded.private_to`,
          [
            rs.map((r) => r.entity),
            rs.map((r) => r.id),
            rs.map((r) => r.version),
            rs.map((r) => r.deleted),
            rs.map((r) => r.regionId),
            rs.map((r) => JSON.stringify(r.data)),
            rs.map((r) => JSON.stringify(r.fieldMeta)),
            rs.map((r) => r.updatedAt),
            rs.map((r) => r.updatedBy),
            rs.map((r) => r.privateTo),
          ],
        );
      }
      if (history.length > 0) {
        const hs = history.splice(0);
        // In the push's order: the ids the rows get follow it, as SQLite's do.
        await client.query(
          `INSERT INTO history (version, entity, record_id, op, user_id, client_id, at, before, after, seq)
           SELECT version, entity, record_id, op, user_id, client_id, at, before, after, seq
             FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[]) WITH ORDINALITY
               AS t(version, entity, record_id, op, user_id, client_id, at, before, after, seq, n)
             ORDER BY n`,
          [
            hs.map((h) => h.version),
            hs.map((h) => h.entity),
            hs.map((h) => h.recordId),
            hs.map((h) => h.op),
            hs.map((h) => h.userId),
            hs.map((h) => h.clientId),
            hs.map((h) => h.at),
            hs.map((h) => h.before),
            hs.map((h) => h.after),
            hs.map((h) => h.seq),
          ],
        );
      }
    },
  };
}

type PgPushTx = PushTx & { flush(): Promise<void> };

function pushTx(client: PoolClient): PgPushTx {
  let savepoints = 0;
  const writes = writeBuffer(client);
  /** Reads records by their fields in SQL: what the push wrote so far must be there first. */
  const flushed = async <T>(read: () => Promise<T>) => (await writes.flush(), read());
  return {
    flush: () => writes.flush(),
    getRecord: async (entity, id) => writes.record(entity, id) ?? getRecord(client, entity, id),
    currentVersion: () => currentVersion(client),
    childrenOf: (entity, visitId) => flushed(() => liveBy(client, "entity = $1 AND data->>'visitId' = $2", [entity, visitId])),
    interviewsOf: (assessmentId) => flushed(() => liveBy(client, "entity = 'interview' AND data->>'assessmentId' = $1", [assessmentId])),
    sheetsOf: (interviewId) => flushed(() => liveBy(client, "entity = 'readinessScore' AND data->>'interviewId' = $1", [interviewId])),
    userAccess: async (userId) => {
      const [u] = await rows<{ role: Role; region_ids: string[]; disabled: boolean }>(client, 'SELECT role, region_ids, disabled FROM users WHERE id = $1', [userId]);
      return u && { role: u.role, regionIds: u.region_ids, disabled: u.disabled };
    },
    blob: async (sha256) => {
      const [b] = await rows<{ bytes: number; media_type: string }>(client, 'SELECT bytes, media_type FROM blobs WHERE sha256 = $1', [sha256]);
      return b && { bytes: b.bytes, mediaType: b.media_type };
    },
    client: async (clientId) => {
      const [c] = await rows<{ user_id: string; last_seq: string }>(client, 'SELECT user_id, last_seq FROM sync_clients WHERE client_id = $1', [clientId]);
      return c && { userId: c.user_id, lastSeq: Number(c.last_seq) };
    },
    addClient: async (clientId, userId, at) => {
      await client.query('INSERT INTO sync_clients (client_id, user_id, last_seq, created_at) VALUES ($1, $2, 0, $3)', [clientId, userId, at]);
    },
    setLastSeq: async (clientId, lastSeq) => {
      await client.query('UPDATE sync_clients SET last_seq = $1 WHERE client_id = $2', [lastSeq, clientId]);
    },
    rejection: async (clientId, seq) => {
      const [r] = await rows<{ error: string }>(client, 'SELECT error FROM sync_rejections WHERE client_id = $1 AND seq = $2', [clientId, seq]);
      return r && (JSON.parse(r.error) as MutationError);
    },
    addRejection: async (clientId, seq, error) => {
      await client.query(
        'INSERT INTO sync_rejections (client_id, seq, error) VALUES ($1, $2, $3) ON CONFLICT (client_id, seq) DO UPDATE SET error = excluded.error',
        [clientId, seq, JSON.stringify(error)],
      );
    },
    // The row is locked since the transaction began (see above): the increment cannot interleave.
    takeNextVersion: async () => {
      const [row] = await rows<{ value: string }>(client, "UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'version' RETURNING value");
      return Number(row!.value);
    },
    upsertRecord: (r) => writes.upsert(r),
    addHistory: (h) => writes.addHistory(h),
    addConflict: async (c) => {
      await client.query(
        'INSERT INTO conflicts (version, entity, record_id, field, yours, kept, client_id, user_id, at, seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [c.version, c.entity, c.recordId, c.field, JSON.stringify(c.yours ?? null), JSON.stringify(c.kept ?? null), c.clientId, c.userId, c.at, c.seq],
      );
    },
    writePushReport: async (userId, report, now) => {
      const at = now.toISOString();
      const oldest = report.oldestAgeSeconds === null ? null : new Date(now.getTime() - report.oldestAgeSeconds * 1000).toISOString();
      const result = await client.query(
        `INSERT INTO device_reports (client_id, user_id, app_version, browser, os, pending, oldest_pending_at, rejected, last_push_at, last_pull_at, reported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $9)
         ON CONFLICT (client_id) DO UPDATE SET app_version = excluded.app_version, browser = excluded.browser, os = excluded.os,
           pending = excluded.pending, oldest_pending_at = excluded.oldest_pending_at, rejected = excluded.rejected,
           last_push_at = excluded.last_push_at, reported_at = excluded.reported_at
         WHERE device_reports.user_id = excluded.user_id`,
        [report.clientId, userId, report.appVersion, report.browser, report.os, report.pending, oldest, report.rejected, at],
      );
      return (result.rowCount ?? 0) > 0;
    },
    savepoint: async (work) => {
      const name = `push_${++savepoints}`;
      await writes.flush();
      await client.query(`SAVEPOINT ${name}`);
      try {
        const result = await work();
        await writes.flush();
        await client.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        // What the push wrote is undone: its writes still waiting in the buffer go with it.
        writes.drop();
        await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw error;
      }
    },
  };
}

function pullTx(client: PoolClient): PullTx {
  return {
    getRecord: (entity, id) => getRecord(client, entity, id),
    currentVersion: () => currentVersion(client),
    pullMeta: async () => {
      const meta = new Map((await rows<{ key: string; value: string }>(client, "SELECT key, value FROM meta WHERE key IN ('version', 'tombstone_floor', 'database_id')")).map((r) => [r.key, r.value]));
      return { version: Number(meta.get('version') ?? 0), tombstoneFloor: Number(meta.get('tombstone_floor') ?? 0), databaseId: meta.get('database_id') ?? '' };
    },
    recordVersion: async (entity, id) => {
      const [row] = await rows<{ version: string }>(client, 'SELECT version FROM records WHERE entity = $1 AND id = $2', [entity, id]);
      return row && Number(row.version);
    },
    pullPage: async (after, scope, limit) => {
      const all = scope.regionIds === 'all';
      const found = await rows<PgRecordRow>(
        client,
        `SELECT * FROM records WHERE (version, entity, id) > ($1, $2, $3)
           AND ($4 OR region_id IS NULL OR region_id = ANY($5::text[])) AND (private_to IS NULL OR private_to = $6)
         ORDER BY version, entity, id LIMIT $7`,
        [after.version, after.entity, after.id, all, all ? [] : [...scope.regionIds], scope.userId, limit],
      );
      return found.map(toPulled);
    },
  };
}

/** Runs `work` in a transaction on a client of the pool: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, begin: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export function createPgSyncPort(pool: Pool): SyncPort {
  return {
    pushTransaction: (work) =>
      inTransaction(pool, 'BEGIN', async (client) => {
        // The writers' lock: held to the commit (see the top of this file).
        await client.query("SELECT value FROM meta WHERE key = 'version' FOR UPDATE");
        const tx = pushTx(client);
        const result = await work(tx);
        await tx.flush();
        return result;
      }),
    // One snapshot for the whole pull: its meta checks and its page agree.
    read: (work) => inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => work(pullTx(client))),
  };
}
