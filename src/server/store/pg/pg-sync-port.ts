// The sync port (sync/sync-port.ts) on PostgreSQL through a `pg` pool: every operation a query,
// answered with a promise, so the sync service awaits each step (sync/steps.ts).
//
// The version: SYNC.md asks that commit order be version order, so that a puller never skips one. A
// push transaction begins by locking the counter row (`SELECT … FOR UPDATE`) and holds the lock to its
// commit: pushes, from any instance, run one after another as SQLite's one writer makes them, so the
// version a push takes is never committed before a smaller one, and every read a push decides on is
// of committed data no other push can change before its commit (no lost update between instances).
// Since the lock is held, the transaction counts the versions it takes itself, from the value the lock
// read, and writes the counter with its records (one statement, see writeBuffer): the same counter row,
// in the same transaction, with no round trip of its own.
//
// Every round trip a push makes is made under that lock, which every push of every instance waits for:
// a push reads its client's row and what it will decide on at once (clientAndRecords, push-reads.ts),
// and a group's records, history rows, lastSeqs, device reports and the counter are written with one
// statement at its end (FLUSH; see createPgSyncPort for a group with a push that fails).
import type { Pool, PoolClient, QueryResult } from 'pg';
import type { MaybePromise } from '../../sync/steps.ts';
import { oldestPendingAt } from '../../sync/device-reports.ts';
import type { EntityName } from '../../../shared/entities.ts';
import type { MutationError } from '../../../shared/protocol.ts';
import type { Role } from '../../../shared/workflow.ts';
import type { FieldMeta } from '../store.ts';
import type { HistoryWrite, PortRecord, PulledRecord, PullTx, PushTx, RecordKey, SyncPort } from '../../sync/sync-port.ts';

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
 * One statement for everything a push writes at the end of its savepoint: its records, its history rows
 * (in the push's order: the ids they get follow it, as SQLite's do), the clients' lastSeq and the version
 * counter. Each part is a data-modifying WITH, run whether or not anything reads it; an empty array writes
 * nothing. Prepared once per connection (its name).
 */
const FLUSH = {
  name: 'tillsyn_push_flush',
  text: `WITH r AS (
      INSERT INTO records (entity, id, version, deleted, region_id, data, field_meta, updated_at, updated_by, private_to)
      SELECT e, i, v, d, r, dt::json, fm::json, ua, ub, pt
        FROM unnest($1::text[], $2::text[], $3::bigint[], $4::boolean[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
          AS t(e, i, v, d, r, dt, fm, ua, ub, pt)
      ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted,
        region_id = excluded.region_id, data = excluded.data, field_meta = excluded.field_meta,
        updated_at = excluded.updated_at, updated_by = excluded.updated_by, private_to = excluded.private_to
    ), h AS (
      INSERT INTO history (version, entity, record_id, op, user_id, client_id, at, before, after, seq)
      SELECT version, entity, record_id, op, user_id, client_id, at, before, after, seq
        FROM unnest($11::bigint[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::bigint[]) WITH ORDINALITY
          AS t(version, entity, record_id, op, user_id, client_id, at, before, after, seq, n)
        ORDER BY n
    ), c AS (
      UPDATE sync_clients s SET last_seq = u.last_seq
        FROM unnest($21::text[], $22::bigint[]) AS u(client_id, last_seq) WHERE s.client_id = u.client_id
    ), m AS (
      UPDATE meta SET value = $23::text WHERE key = 'version' AND $23::text IS NOT NULL
    ), d AS (
      INSERT INTO device_reports (client_id, user_id, app_version, browser, os, pending, oldest_pending_at, rejected, last_push_at, last_pull_at, reported_at)
      SELECT client_id, user_id, app_version, browser, os, pending, oldest_pending_at, rejected, at, NULL, at
        FROM unnest($24::text[], $25::text[], $26::text[], $27::text[], $28::text[], $29::integer[], $30::text[], $31::integer[], $32::text[])
          AS t(client_id, user_id, app_version, browser, os, pending, oldest_pending_at, rejected, at)
      ON CONFLICT (client_id) DO UPDATE SET app_version = excluded.app_version, browser = excluded.browser, os = excluded.os,
        pending = excluded.pending, oldest_pending_at = excluded.oldest_pending_at, rejected = excluded.rejected,
        last_push_at = excluded.last_push_at, reported_at = excluded.reported_at
        WHERE device_reports.user_id = excluded.user_id
      RETURNING 1
    )
    SELECT count(*)::integer AS reported FROM d`,
};

/** A push's device report as FLUSH writes it (one a client id: a statement may not update a row twice). */
type ReportRow = { clientId: string; userId: string; appVersion: string; browser: string | null; os: string | null; pending: number; oldestPendingAt: string | null; rejected: number; at: string };

/**
 * Writes of records, history rows, lastSeq and device reports, and the counter's new value, kept until
 * one statement writes them all (FLUSH): at the end of the group's transaction (without savepoints),
 * of a push's savepoint or with its report, or before a query that reads records by their fields. A
 * read by id (getRecord, getRecords, clientAndRecords) sees them.
 */
function writeBuffer(client: PoolClient) {
  const records = new Map<string, PortRecord>();
  const history: HistoryWrite[] = [];
  const lastSeqs = new Map<string, number>();
  const reports = new Map<string, ReportRow>();
  let version: number | null = null;
  const key = (entity: string, id: string) => `${entity}\u0000${id}`;
  return {
    record: (entity: EntityName, id: string) => records.get(key(entity, id)),
    upsert: (r: PortRecord) => void records.set(key(r.entity, r.id), r),
    addHistory: (h: HistoryWrite) => void history.push(h),
    setLastSeq: (clientId: string, lastSeq: number) => void lastSeqs.set(clientId, lastSeq),
    lastSeq: (clientId: string) => lastSeqs.get(clientId),
    setVersion: (v: number) => void (version = v),
    addReport: (r: ReportRow) => void reports.set(r.clientId, r),
    drop: () => {
      records.clear();
      history.length = 0;
      lastSeqs.clear();
      reports.clear();
      version = null;
    },
    /**
     * Answers whether every report was written: not when a report's client id is another user's (the
     * push it came with is refused).
     */
    async flush(): Promise<boolean> {
      if (reports.size === 0 && records.size === 0 && history.length === 0 && lastSeqs.size === 0 && version === null) return true;
      const rs = [...records.values()];
      const hs = history.splice(0);
      const ls = [...lastSeqs];
      const ds = [...reports.values()];
      const v = version;
      records.clear();
      lastSeqs.clear();
      reports.clear();
      version = null;
      const result = await client.query<{ reported: number }>({
        ...FLUSH,
        values: [
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
          ls.map(([c]) => c),
          ls.map(([, seq]) => seq),
          v === null ? null : String(v),
          ds.map((d) => d.clientId),
          ds.map((d) => d.userId),
          ds.map((d) => d.appVersion),
          ds.map((d) => d.browser),
          ds.map((d) => d.os),
          ds.map((d) => d.pending),
          ds.map((d) => d.oldestPendingAt),
          ds.map((d) => d.rejected),
          ds.map((d) => d.at),
        ],
      });
      return (result.rows[0]?.reported ?? 0) === ds.length;
    },
  };
}

type PgPushTx = PushTx & {
  /** Writes what waits; false when a report was refused (see writeBuffer's flush). */
  flush(): Promise<boolean>;
  /** In a transaction without savepoints: the error of the push that failed, which undoes the whole transaction. */
  failed(): { error: unknown } | undefined;
};

/**
 * `version`: the counter's value as the lock read it. `savepoints`: whether each push runs in a
 * savepoint of its own; without, the first push that fails fails the transaction (see createPgSyncPort).
 */
function pushTx(client: PoolClient, version: number, savepoints: boolean): PgPushTx {
  let named = 0;
  let failure: { error: unknown } | undefined;
  const writes = writeBuffer(client);
  /** Without savepoints, a refused report may be written by any flush: the transaction is then done again. */
  let refused = false;
  const flush = async () => {
    if (!(await writes.flush())) refused = true;
    return !refused;
  };
  /** Reads records by their fields in SQL: what the push wrote so far must be there first. */
  const flushed = async <T>(read: () => Promise<T>) => (await flush(), read());
  return {
    flush,
    failed: () => failure,
    getRecord: async (entity, id) => writes.record(entity, id) ?? getRecord(client, entity, id),
    getRecords: async (keys) => {
      const found: PortRecord[] = [];
      const asked: RecordKey[] = [];
      for (const k of keys) {
        const written = writes.record(k.entity, k.id);
        if (written) found.push(written);
        else asked.push(k);
      }
      if (asked.length === 0) return found;
      const { rows: read } = await client.query<PgRecordRow>({
        name: 'tillsyn_get_records',
        text: 'SELECT * FROM records WHERE (entity, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
        values: [asked.map((k) => k.entity), asked.map((k) => k.id)],
      });
      return [...found, ...read.map(toPortRecord)];
    },
    clientAndRecords: async (clientId, keys) => {
      // What the pushes before this one in the transaction wrote may still wait in the buffer: it is answered from there.
      const { rows: read } = await client.query<PgRecordRow & { client_user_id: string | null; client_last_seq: string | null }>({
        name: 'tillsyn_client_and_records',
        text: `SELECT c.user_id AS client_user_id, c.last_seq AS client_last_seq, r.*
                 FROM (SELECT 1) AS one
                 LEFT JOIN sync_clients c ON c.client_id = $3
                 LEFT JOIN LATERAL (
                   SELECT records.* FROM unnest($1::text[], $2::text[]) AS k(entity, id) JOIN records ON records.entity = k.entity AND records.id = k.id
                 ) AS r ON true`,
        values: [keys.map((k) => k.entity), keys.map((k) => k.id), clientId],
      });
      const [head] = read;
      const found = new Map<string, PortRecord>();
      for (const r of read) if (r.entity !== null) found.set(`${r.entity}/${r.id}`, toPortRecord(r));
      for (const k of keys) {
        const written = writes.record(k.entity, k.id);
        if (written) found.set(`${k.entity}/${k.id}`, written);
      }
      return {
        client: head?.client_user_id ? { userId: head.client_user_id, lastSeq: writes.lastSeq(clientId) ?? Number(head.client_last_seq) } : undefined,
        records: [...found.values()],
      };
    },
    currentVersion: () => version,
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
      const [c] = (
        await client.query<{ user_id: string; last_seq: string }>({ name: 'tillsyn_client', text: 'SELECT user_id, last_seq FROM sync_clients WHERE client_id = $1', values: [clientId] })
      ).rows;
      return c && { userId: c.user_id, lastSeq: writes.lastSeq(clientId) ?? Number(c.last_seq) };
    },
    addClient: async (clientId, userId, at) => {
      await client.query('INSERT INTO sync_clients (client_id, user_id, last_seq, created_at) VALUES ($1, $2, 0, $3)', [clientId, userId, at]);
    },
    setLastSeq: (clientId, lastSeq) => writes.setLastSeq(clientId, lastSeq),
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
    // The row is locked since the transaction began (see above): no other transaction takes a version
    // before this one commits. Written with the push's records (FLUSH).
    takeNextVersion: () => {
      writes.setVersion(++version);
      return version;
    },
    upsertRecord: (r) => writes.upsert(r),
    addHistory: (h) => writes.addHistory(h),
    addConflict: async (c) => {
      await client.query(
        'INSERT INTO conflicts (version, entity, record_id, field, yours, kept, client_id, user_id, at, seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [c.version, c.entity, c.recordId, c.field, JSON.stringify(c.yours ?? null), JSON.stringify(c.kept ?? null), c.clientId, c.userId, c.at, c.seq],
      );
    },
    // Without savepoints, written with the whole group's writes: a refused report is only known then, and
    // fails the transaction, which is done again with savepoints (createPgSyncPort). With them, now.
    writePushReport: async (userId, report, now) => {
      writes.addReport({
        clientId: report.clientId,
        userId,
        appVersion: report.appVersion,
        browser: report.browser,
        os: report.os,
        pending: report.pending,
        oldestPendingAt: oldestPendingAt(report, now),
        rejected: report.rejected,
        at: now.toISOString(),
      });
      return savepoints ? writes.flush() : true;
    },
    savepoint: async (work) => {
      if (!savepoints) {
        // Once a push has failed, the transaction is rolled back and done again: the rest wait for that.
        if (failure) throw failure.error;
        try {
          // Its writes wait with the group's, for one statement at the end (or before a read by fields).
          return await work();
        } catch (error) {
          writes.drop();
          failure = { error };
          throw error;
        }
      }
      // Not released: the next push's savepoint nests in it, which changes nothing (a push's savepoint
      // is only ever rolled back while it is the innermost), and spares a round trip under the lock.
      const name = `push_${++named}`;
      await writes.flush();
      await client.query(`SAVEPOINT ${name}`);
      const versionBefore = version;
      try {
        const result = await work();
        await writes.flush();
        return result;
      } catch (error) {
        // What the push wrote is undone: its writes still waiting in the buffer go with it, and the
        // versions it took are taken again (the counter as written is rolled back with the rest).
        writes.drop();
        version = versionBefore;
        await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw error;
      }
    },
  };
}

/** What a pull reads of the meta table: read with its BEGIN, in one round trip (see createPgSyncPort). */
const PULL_BEGIN = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT key, value FROM meta WHERE key IN ('version', 'tombstone_floor', 'database_id')";

/** `metaRows`: the meta rows PULL_BEGIN read, in the transaction's snapshot. */
function pullTx(client: PoolClient, metaRows: { key: string; value: string }[]): PullTx {
  return {
    getRecord: (entity, id) => getRecord(client, entity, id),
    currentVersion: () => currentVersion(client),
    pullMeta: () => {
      const meta = new Map(metaRows.map((r) => [r.key, r.value]));
      return { version: Number(meta.get('version') ?? 0), tombstoneFloor: Number(meta.get('tombstone_floor') ?? 0), databaseId: meta.get('database_id') ?? '' };
    },
    recordVersion: async (entity, id) => {
      const [row] = await rows<{ version: string }>(client, 'SELECT version FROM records WHERE entity = $1 AND id = $2', [entity, id]);
      return row && Number(row.version);
    },
    pullPage: async (after, scope, limit, through) => {
      const all = scope.regionIds === 'all';
      // `version BETWEEN`: a range of the version index whatever the planner's statistics say. With the
      // row comparison alone, a table whose statistics lag behind a bulk load (autovacuum has not yet
      // analysed it) was read whole and sorted (60 ms for an empty pull on 100,000 records).
      const found = await rows<PgRecordRow>(
        client,
        `SELECT * FROM records WHERE version BETWEEN $1 AND $8 AND (version, entity, id) > ($1, $2, $3)
           AND ($4 OR region_id IS NULL OR region_id = ANY($5::text[])) AND (private_to IS NULL OR private_to = $6)
         ORDER BY version, entity, id LIMIT $7`,
        [after.version, after.entity, after.id, all, all ? [] : [...scope.regionIds], scope.userId, limit, through],
      );
      return found.map(toPulled);
    },
  };
}

/** Runs `work` in a transaction on a client of the pool: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, begin: string, work: (client: PoolClient, begun: QueryResult) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const begun = await client.query(begin);
    const result = await work(client, begun);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Thrown out of a push transaction without savepoints when one of its pushes failed: it is rolled back and done again with them. */
class WithSavepoints extends Error {}

export function createPgSyncPort(pool: Pool): SyncPort {
  /**
   * One attempt at the group's transaction. The writers' lock is taken with the BEGIN, in one round trip
   * (the simple query protocol runs both; no parameters), and held to the commit (see the top of this file).
   */
  const attempt = <T>(work: (tx: PushTx) => MaybePromise<T>, savepoints: boolean) =>
    inTransaction(pool, "BEGIN; SELECT value FROM meta WHERE key = 'version' FOR UPDATE", async (client, begun) => {
      const locked = (begun as unknown as { rows: { value: string }[] }[])[1]!.rows;
      const tx = pushTx(client, Number(locked[0]?.value ?? 0), savepoints);
      const result = await work(tx);
      if (tx.failed()) throw new WithSavepoints();
      // A report refused: one of the pushes is refused, as only savepoints tell which.
      if (!(await tx.flush())) throw new WithSavepoints();
      return result;
    });
  return {
    // A savepoint for each push of a group is a round trip under the lock, and pushes hardly ever fail
    // (another user's client id, an error of the database): the group is first tried without, and
    // when one of its pushes fails, rolled back and tried again with them, so that push alone fails.
    pushTransaction: async (work) => {
      try {
        return await attempt(work, false);
      } catch (error) {
        if (!(error instanceof WithSavepoints)) throw error;
        return attempt(work, true);
      }
    },
    // One snapshot for the whole pull: its meta checks and its page agree. The snapshot is taken at the
    // first statement after the BEGIN: the read of meta sent with it (the simple query protocol runs both).
    read: (work) =>
      inTransaction(pool, PULL_BEGIN, async (client, begun) => work(pullTx(client, (begun as unknown as QueryResult<{ key: string; value: string }>[])[1]!.rows))),
  };
}
