// The sync port (sync/sync-port.ts) on SQLite: plain statements, answered synchronously, so the sync
// service runs a whole push (or a group of them) inside one better-sqlite3 transaction, with no other
// request able to run on the connection before its commit (sync/steps.ts says why that matters).
import type { Database, Statement } from 'better-sqlite3';
import type { EntityName } from '../../shared/entities.ts';
import type { MutationError } from '../../shared/protocol.ts';
import type { Role } from '../../shared/workflow.ts';
import { isPromiseLike, type MaybePromise } from '../sync/steps.ts';
import type { PortRecord, PulledRecord, PullScope, PullTx, PushTx, SyncPort } from '../sync/sync-port.ts';
import { toStoredRecord, type RecordRow } from './rows.ts';
import type { createSqliteDevices } from './sqlite-devices.ts';

const toPortRecord = (r: RecordRow): PortRecord => ({ ...toStoredRecord(r), privateTo: r.private_to });

/** A pulled row: its field meta is not parsed (a pull does not need it). */
const toPulled = (r: RecordRow): PulledRecord => ({
  entity: r.entity,
  id: r.id,
  version: r.version,
  deleted: r.deleted !== 0,
  data: JSON.parse(r.data) as Record<string, unknown>,
  updatedAt: r.updated_at ?? '',
  updatedBy: r.updated_by ?? '',
});

/** better-sqlite3 commits when the function returns: work that answered a promise would commit half done. */
function synchronously<T>(result: MaybePromise<T>): T {
  if (isPromiseLike(result)) throw new Error('The SQLite sync port runs synchronous work only');
  return result;
}

export function createSqliteSyncPort(db: Database, devices: ReturnType<typeof createSqliteDevices>): SyncPort {
  const q = {
    get: db.prepare<[string, string], RecordRow>('SELECT * FROM records WHERE entity = ? AND id = ?'),
    recordVersion: db.prepare<[string, string], { version: number }>('SELECT version FROM records WHERE entity = ? AND id = ?'),
    childrenOf: db.prepare<[string, string], RecordRow>("SELECT * FROM records WHERE entity = ? AND deleted = 0 AND json_extract(data, '$.visitId') = ?"),
    // The expressions and conditions of the records_interview and records_assessment indexes (migration 9).
    sheetsOf: db.prepare<[string], RecordRow>("SELECT * FROM records WHERE entity = 'readinessScore' AND json_extract(data, '$.interviewId') = ? AND deleted = 0"),
    interviewsOf: db.prepare<[string], RecordRow>("SELECT * FROM records WHERE entity = 'interview' AND json_extract(data, '$.assessmentId') = ? AND deleted = 0"),
    user: db.prepare<[string], { role: string; region_ids: string; disabled: number }>('SELECT role, region_ids, disabled FROM users WHERE id = ?'),
    blob: db.prepare<[string], { bytes: number; media_type: string }>('SELECT bytes, media_type FROM blobs WHERE sha256 = ?'),
    client: db.prepare<[string], { user_id: string; last_seq: number }>('SELECT user_id, last_seq FROM sync_clients WHERE client_id = ?'),
    addClient: db.prepare('INSERT INTO sync_clients (client_id, user_id, last_seq, created_at) VALUES (?, ?, 0, ?)'),
    setLastSeq: db.prepare('UPDATE sync_clients SET last_seq = ? WHERE client_id = ?'),
    rejection: db.prepare<[string, number], { error: string }>('SELECT error FROM sync_rejections WHERE client_id = ? AND seq = ?'),
    addRejection: db.prepare('INSERT OR REPLACE INTO sync_rejections (client_id, seq, error) VALUES (?, ?, ?)'),
    version: db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'version'"),
    // The one writer's transaction holds the counter: no other push can take a version before it commits.
    nextVersion: db.prepare<[], { value: string | number }>("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version' RETURNING value"),
    pullMeta: db.prepare<[], { key: string; value: string }>("SELECT key, value FROM meta WHERE key IN ('version', 'tombstone_floor', 'database_id')"),
    upsert: db.prepare(
      `INSERT INTO records (entity, id, version, deleted, region_id, data, field_meta, updated_at, updated_by, private_to)
       VALUES (@entity, @id, @version, @deleted, @region_id, @data, @field_meta, @updated_at, @updated_by, @private_to)
       ON CONFLICT(entity, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted,
         region_id = excluded.region_id, data = excluded.data, field_meta = excluded.field_meta,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by, private_to = excluded.private_to`,
    ),
    conflict: db.prepare('INSERT INTO conflicts (version, entity, record_id, field, yours, kept, client_id, user_id, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    history: db.prepare('INSERT INTO history (version, entity, record_id, op, user_id, client_id, at, before, after, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
  };
  const currentVersion = () => Number(q.version.get()?.value ?? 0);
  const getRecord = (entity: EntityName, id: string) => {
    const row = q.get.get(entity, id);
    return row && toPortRecord(row);
  };

  const pushTx: PushTx = {
    getRecord,
    currentVersion,
    childrenOf: (entity, visitId) => q.childrenOf.all(entity, visitId).map(toPortRecord),
    interviewsOf: (assessmentId) => q.interviewsOf.all(assessmentId).map(toPortRecord),
    sheetsOf: (interviewId) => q.sheetsOf.all(interviewId).map(toPortRecord),
    userAccess: (userId) => {
      const u = q.user.get(userId);
      return u && { role: u.role as Role, regionIds: JSON.parse(u.region_ids) as string[], disabled: u.disabled !== 0 };
    },
    blob: (sha256) => {
      const b = q.blob.get(sha256);
      return b && { bytes: b.bytes, mediaType: b.media_type };
    },
    client: (clientId) => {
      const c = q.client.get(clientId);
      return c && { userId: c.user_id, lastSeq: c.last_seq };
    },
    addClient: (clientId, userId, at) => void q.addClient.run(clientId, userId, at),
    setLastSeq: (clientId, lastSeq) => void q.setLastSeq.run(lastSeq, clientId),
    rejection: (clientId, seq) => {
      const r = q.rejection.get(clientId, seq);
      return r && (JSON.parse(r.error) as MutationError);
    },
    addRejection: (clientId, seq, error) => void q.addRejection.run(clientId, seq, JSON.stringify(error)),
    takeNextVersion: () => Number(q.nextVersion.get()!.value),
    upsertRecord: (r) =>
      void q.upsert.run({
        entity: r.entity,
        id: r.id,
        version: r.version,
        deleted: r.deleted ? 1 : 0,
        region_id: r.regionId,
        data: JSON.stringify(r.data),
        field_meta: JSON.stringify(r.fieldMeta),
        updated_at: r.updatedAt,
        updated_by: r.updatedBy,
        private_to: r.privateTo,
      }),
    addHistory: (h) => void q.history.run(h.version, h.entity, h.recordId, h.op, h.userId, h.clientId, h.at, h.before, h.after, h.seq),
    addConflict: (c) =>
      void q.conflict.run(c.version, c.entity, c.recordId, c.field, JSON.stringify(c.yours ?? null), JSON.stringify(c.kept ?? null), c.clientId, c.userId, c.at, c.seq),
    writePushReport: (userId, report, now) => devices.write(userId, report, 'push', now),
    // Inside a transaction, better-sqlite3 runs a transaction function in a savepoint.
    savepoint: (work) => db.transaction(() => synchronously(work()))(),
  };

  /** The page query per number of regions, prepared once each. */
  const pageQueries = new Map<number | 'all', Statement<unknown[], RecordRow>>();
  function pageQuery(scope: PullScope): Statement<unknown[], RecordRow> {
    const key = scope.regionIds === 'all' ? 'all' : scope.regionIds.length;
    let statement = pageQueries.get(key);
    if (!statement) {
      const regionFilter = key === 'all' ? '' : `AND (region_id IS NULL OR region_id IN (${Array.from({ length: key }, () => '?').join(',') || "''"}))`;
      statement = db.prepare<unknown[], RecordRow>(
        `SELECT * FROM records WHERE (version, entity, id) > (?, ?, ?) ${regionFilter} AND (private_to IS NULL OR private_to = ?) ORDER BY version, entity, id LIMIT ?`,
      );
      pageQueries.set(key, statement);
    }
    return statement;
  }

  const pullTx: PullTx = {
    getRecord,
    currentVersion,
    pullMeta: () => {
      const meta = new Map(q.pullMeta.all().map((r) => [r.key, r.value]));
      return { version: Number(meta.get('version') ?? 0), tombstoneFloor: Number(meta.get('tombstone_floor') ?? 0), databaseId: meta.get('database_id') ?? '' };
    },
    recordVersion: (entity, id) => q.recordVersion.get(entity, id)?.version,
    pullPage: (after, scope, limit) => {
      const regions = scope.regionIds === 'all' ? [] : scope.regionIds;
      return pageQuery(scope).all(after.version, after.entity, after.id, ...regions, scope.userId, limit).map(toPulled);
    },
  };

  return {
    // IMMEDIATE: the write lock at BEGIN, so a second writer (the command line) waits instead of failing.
    pushTransaction: (work) => db.transaction(() => synchronously(work(pushTx))).immediate(),
    // A pull needs no transaction: pushes run synchronously, so no read sees one half done.
    read: (work) => work(pullTx),
  };
}
