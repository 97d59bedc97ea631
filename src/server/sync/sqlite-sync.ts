// Push and pull on SQLite, as SYNC.md fixes them: one transaction per push, one version per push,
// per-field versions, the client's lastSeq stored with the writes; pulls ordered by (version, entity, id).
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { EntityName } from '../../shared/entities.ts';
import { maySee } from '../../shared/policy.ts';
import type { Change, Mutation, MutationError, PullResponse, PushRequest, PushResponse, PushResult } from '../../shared/protocol.ts';
import type { VisitStatus } from '../../shared/workflow.ts';
import { ApiError } from '../http/api-error.ts';
import { toStoredRecord, type RecordRow } from '../store/rows.ts';
import { createSqliteDevices } from '../store/sqlite-devices.ts';
import type { DeviceReportWrite, FieldMeta, SyncUser } from '../store/store.ts';
import { childEntities, decide, type Actor, type Fields, type Lookup, type StoredRecord } from './rules.ts';

function wireRecord(row: RecordRow): Record<string, unknown> {
  return {
    ...(JSON.parse(row.data) as Fields),
    id: row.id,
    version: row.version,
    deleted: row.deleted === 1,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function createSqliteSync(db: Database.Database, clock: () => Date = () => new Date()) {
  const devices = createSqliteDevices(db);
  const q = {
    get: db.prepare<[string, string], RecordRow>('SELECT * FROM records WHERE entity = ? AND id = ?'),
    answersOf: db.prepare<[string], RecordRow>(
      "SELECT * FROM records WHERE entity = 'answer' AND deleted = 0 AND json_extract(data, '$.visitId') = ?",
    ),
    childrenOf: db.prepare<[string, string], RecordRow>(
      "SELECT * FROM records WHERE entity = ? AND deleted = 0 AND json_extract(data, '$.visitId') = ?",
    ),
    // The expressions and conditions of the records_interview and records_assessment indexes (migration 9).
    sheetsOf: db.prepare<[string], RecordRow>("SELECT * FROM records WHERE entity = 'readinessScore' AND json_extract(data, '$.interviewId') = ? AND deleted = 0"),
    interviewsOf: db.prepare<[string], RecordRow>("SELECT * FROM records WHERE entity = 'interview' AND json_extract(data, '$.assessmentId') = ? AND deleted = 0"),
    user: db.prepare<[string], { role: string; region_ids: string; disabled: number }>(
      'SELECT role, region_ids, disabled FROM users WHERE id = ?',
    ),
    client: db.prepare<[string], { user_id: string; last_seq: number }>('SELECT user_id, last_seq FROM sync_clients WHERE client_id = ?'),
    addClient: db.prepare('INSERT INTO sync_clients (client_id, user_id, last_seq, created_at) VALUES (?, ?, 0, ?)'),
    setLastSeq: db.prepare('UPDATE sync_clients SET last_seq = ? WHERE client_id = ?'),
    rejection: db.prepare<[string, number], { error: string }>('SELECT error FROM sync_rejections WHERE client_id = ? AND seq = ?'),
    addRejection: db.prepare('INSERT OR REPLACE INTO sync_rejections (client_id, seq, error) VALUES (?, ?, ?)'),
    version: db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'version'"),
    setVersion: db.prepare("INSERT INTO meta (key, value) VALUES ('version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
    upsert: db.prepare(
      `INSERT INTO records (entity, id, version, deleted, region_id, data, field_meta, updated_at, updated_by, private_to)
       VALUES (@entity, @id, @version, @deleted, @region_id, @data, @field_meta, @updated_at, @updated_by, @private_to)
       ON CONFLICT(entity, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted,
         region_id = excluded.region_id, data = excluded.data, field_meta = excluded.field_meta,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by, private_to = excluded.private_to`,
    ),
    conflict: db.prepare(
      'INSERT INTO conflicts (version, entity, record_id, field, yours, kept, client_id, user_id, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    history: db.prepare(
      'INSERT INTO history (version, entity, record_id, op, user_id, client_id, at, before, after, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    floor: db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'tombstone_floor'"),
    databaseId: db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'database_id'"),
  };

  function currentVersion(): number {
    return Number(q.version.get()?.value ?? 0);
  }

  /** `report`: the device's report that came with the push, stored in its transaction (rolled back with it). */
  function push(actor: SyncUser, req: PushRequest, report?: DeviceReportWrite): PushResponse {
    const run = db.transaction((): PushResponse => {
      readCache.clear();
      const now = clock();
      const at = now.toISOString();
      let client = q.client.get(req.clientId);
      if (client && client.user_id !== actor.userId) {
        throw new ApiError(403, 'FORBIDDEN', 'This client id belongs to another user: each user syncs from their own client');
      }
      if (!client) {
        q.addClient.run(req.clientId, actor.userId, at);
        client = { user_id: actor.userId, last_seq: 0 };
      }
      if (report) devices.write(actor.userId, report, 'push', now);
      const who: Actor = { ...actor, clientId: req.clientId };
      const startStatus = new Map<string, VisitStatus | undefined>();
      const lookup: Lookup = {
        get: (entity, id) => {
          // A push reads the same visit, template and municipality for every mutation: read and parse each once.
          const key = `${entity}/${id}`;
          if (readCache.has(key)) return readCache.get(key);
          const row = q.get.get(entity, id);
          const stored = row ? toStoredRecord(row) : undefined;
          readCache.set(key, stored);
          return stored;
        },
        answersOf: (visitId) => q.answersOf.all(visitId).map(toStoredRecord),
        interviewsOf: (assessmentId) => q.interviewsOf.all(assessmentId).map(toStoredRecord),
        isInspectorIn: (userId, regionId) => memberOf(userId, regionId, ['inspector']),
        isColleagueIn: (userId, regionId) => memberOf(userId, regionId, ['inspector', 'coordinator']),
        statusAtPushStart: (visitId) => {
          if (!startStatus.has(visitId)) startStatus.set(visitId, lookup.get('visit', visitId)?.data.status as VisitStatus | undefined);
          return startStatus.get(visitId);
        },
      };
      let version: number | undefined;
      const takeVersion = () => {
        if (version === undefined) {
          version = currentVersion() + 1;
          q.setVersion.run(String(version));
        }
        return version;
      };

      const results: PushResult[] = [];
      let lastSeq = client.last_seq;
      for (const m of req.mutations) {
        if (m.seq <= client.last_seq) {
          results.push(replay(m, who));
          continue;
        }
        lastSeq = Math.max(lastSeq, m.seq);
        if (m.entity === 'visit') lookup.statusAtPushStart(m.id);
        const d = decide(m, who, lookup, now);
        if (!d.ok) {
          q.addRejection.run(req.clientId, m.seq, JSON.stringify(d.error));
          results.push(rejected(m, d.error, who));
          continue;
        }
        const before = lookup.get(m.entity, m.id);
        if (d.op === 'delete' && before?.deleted) {
          results.push({ seq: m.seq, status: 'applied', version: before.version, unchanged: true });
          continue;
        }
        if (d.op !== 'delete' && d.changed.length === 0 && d.conflicts.length === 0 && before) {
          results.push({ seq: m.seq, status: 'applied', version: before.version, unchanged: true });
          continue;
        }
        const v = takeVersion();
        const fieldMeta: FieldMeta = { ...(before?.fieldMeta ?? {}) };
        for (const f of d.changed) fieldMeta[f] = [v, req.clientId];
        write(m.entity, m.id, v, d.op === 'delete', d.regionId, d.data, fieldMeta, at, actor.userId, d.effects?.privateTo ?? null);
        q.history.run(v, m.entity, m.id, d.op, actor.userId, req.clientId, at, historyBefore(before, d.changed, d.op), historyAfter(d.data, d.changed, d.op), m.seq);
        for (const interviewId of d.effects?.reveal ?? []) reveal(interviewId, v);
        for (const c of d.conflicts) {
          q.conflict.run(v, m.entity, m.id, c.field, JSON.stringify(c.yours ?? null), JSON.stringify(c.kept ?? null), req.clientId, actor.userId, at, m.seq);
        }
        if (d.op === 'delete') cascadeDelete(m.entity, m.id, v, at, actor.userId, req.clientId, m.seq);
        if (d.conflicts.length) {
          results.push({ seq: m.seq, status: 'merged', version: v, conflicts: d.conflicts, record: wireRecord(q.get.get(m.entity, m.id)!) });
        } else {
          results.push({ seq: m.seq, status: 'applied', version: v });
        }
      }
      if (lastSeq !== client.last_seq) q.setLastSeq.run(lastSeq, req.clientId);
      return { lastSeq, version: version ?? currentVersion(), results };
    });
    return run.immediate();
  }

  /** Records read during the current push, by `entity/id`; a write drops its entry. */
  const readCache = new Map<string, StoredRecord | undefined>();

  function memberOf(userId: string, regionId: string, roles: readonly string[]): boolean {
    const u = q.user.get(userId);
    return !!u && u.disabled === 0 && roles.includes(u.role) && (JSON.parse(u.region_ids) as string[]).includes(regionId);
  }

  /** `privateTo`: the one user who may read the record (a readiness sheet not yet shown); null, the region. */
  function write(
    entity: EntityName,
    id: string,
    version: number,
    deleted: boolean,
    regionId: string | null,
    data: Fields,
    fieldMeta: FieldMeta,
    at: string,
    by: string,
    privateTo: string | null = null,
  ) {
    readCache.delete(`${entity}/${id}`);
    q.upsert.run({
      entity,
      id,
      version,
      deleted: deleted ? 1 : 0,
      region_id: regionId,
      data: JSON.stringify(data),
      field_meta: JSON.stringify(fieldMeta),
      updated_at: at,
      updated_by: by,
      private_to: privateTo,
    });
  }

  /**
   * Every scorer's sheet of the interview is done: each sheet still private is shown to the region under
   * this version, so every device pulls it after its cursor (its data and authorship unchanged).
   */
  function reveal(interviewId: string, v: number) {
    for (const row of q.sheetsOf.all(interviewId)) {
      if (row.private_to === null) continue;
      const sheet = toStoredRecord(row);
      write('readinessScore', sheet.id, v, false, sheet.regionId, sheet.data, sheet.fieldMeta, sheet.updatedAt, sheet.updatedBy, null);
    }
  }

  /** Deletes what goes with a deleted record: a visit's records, an assessment's interviews, an interview's sheets. */
  function cascadeDelete(entity: EntityName, id: string, v: number, at: string, userId: string, clientId: string, seq: number) {
    const children: RecordRow[] =
      entity === 'visit'
        ? childEntities.flatMap((child) => q.childrenOf.all(child, id))
        : entity === 'assessment'
          ? q.interviewsOf.all(id)
          : entity === 'interview'
            ? q.sheetsOf.all(id)
            : [];
    for (const row of children) {
      const child = toStoredRecord(row);
      write(child.entity, child.id, v, true, child.regionId, child.data, child.fieldMeta, at, userId, row.private_to);
      q.history.run(v, child.entity, child.id, 'delete', userId, clientId, at, JSON.stringify(child.data), null, seq);
      if (child.entity === 'interview') cascadeDelete('interview', child.id, v, at, userId, clientId, seq);
    }
  }

  /**
   * The record as now stored, for an answer that carries it: only one the user may pull. A rejection
   * or a resent seq may name any id, and must not become a way to read another region's records.
   */
  function visibleRecord(m: Mutation, actor: Actor): Record<string, unknown> | null {
    const row = q.get.get(m.entity, m.id);
    return row && maySee(actor, row.region_id) && (row.private_to === null || row.private_to === actor.userId) ? wireRecord(row) : null;
  }

  function replay(m: Mutation, actor: Actor): PushResult {
    const stored = q.rejection.get(actor.clientId, m.seq);
    const record = visibleRecord(m, actor);
    if (stored) return { seq: m.seq, status: 'rejected', error: JSON.parse(stored.error) as MutationError, record };
    return { seq: m.seq, status: 'duplicate', record };
  }

  function rejected(m: Mutation, error: MutationError, actor: Actor): PushResult {
    return { seq: m.seq, status: 'rejected', error, record: visibleRecord(m, actor) };
  }

  /**
   * Whether the database was restored from a backup since the cursor was made. A restore gives it a
   * new id; a cursor made before its id existed (or a copy put back by hand) is caught when the record
   * it stopped at is older here than when it was pulled, which only a rollback can do.
   */
  function rolledBack(cursor: Cursor, databaseId: string): boolean {
    if (cursor.d !== undefined && cursor.d !== databaseId) return true;
    if (cursor.e === '') return false;
    const row = q.get.get(cursor.e, cursor.i);
    return !row || row.version < cursor.v;
  }

  /** Pulls the changes after the cursor that the user may see, oldest first. */
  function pull(actor: SyncUser, cursorText: string | undefined, limit: number): PullResponse {
    const scope = scopeKey(actor);
    const server = currentVersion();
    const floor = Number(q.floor.get()?.value ?? 0);
    const databaseId = q.databaseId.get()?.value ?? '';
    let cursor: Cursor = { v: 0, e: '', i: '', s: scope, d: databaseId };
    if (cursorText) {
      const parsed = decodeCursor(cursorText);
      if (!parsed || parsed.s !== scope || parsed.v > server || parsed.v < floor || rolledBack(parsed, databaseId)) {
        throw new ApiError(410, 'RESET', 'The cursor is no longer valid here: pull again from the beginning');
      }
      cursor = { ...parsed, d: databaseId };
    }
    const all = actor.role === 'admin';
    const regions = all ? [] : [...actor.regionIds];
    const regionFilter = all ? '' : `AND (region_id IS NULL OR region_id IN (${regions.map(() => '?').join(',') || "''"}))`;
    const rows = db
      .prepare<unknown[], RecordRow>(
        `SELECT * FROM records WHERE (version, entity, id) > (?, ?, ?) ${regionFilter} AND (private_to IS NULL OR private_to = ?) ORDER BY version, entity, id LIMIT ?`,
      )
      .all(cursor.v, cursor.e, cursor.i, ...regions, actor.userId, limit + 1);
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    const changes: Change[] = page.map((r) =>
      r.deleted ? { entity: r.entity, id: r.id, version: r.version, deleted: true } : { entity: r.entity, id: r.id, version: r.version, deleted: false, record: wireRecord(r) },
    );
    const last = page.at(-1);
    const next: Cursor = last ? { v: last.version, e: last.entity, i: last.id, s: scope, d: databaseId } : cursor;
    return { changes, cursor: encodeCursor(next), hasMore };
  }

  /**
   * Several pushes in one transaction, so they share one commit and its fsync (group commit). Each runs
   * in a savepoint of its own (better-sqlite3 nests transactions so): one that fails rolls back alone
   * and its error is its outcome; the others are applied as if they had come one by one. Nothing is
   * acknowledged before the commit: if it fails, every push in the group fails with it.
   */
  function pushGroup(requests: readonly { actor: SyncUser; request: PushRequest; report?: DeviceReportWrite | undefined }[]): PromiseSettledResult<PushResponse>[] {
    return db.transaction(() =>
      requests.map(({ actor, request, report }): PromiseSettledResult<PushResponse> => {
        try {
          return { status: 'fulfilled', value: push(actor, request, report) };
        } catch (reason) {
          return { status: 'rejected', reason };
        }
      }),
    )();
  }

  /** A pull's report, once its page is made; 403 when the client id is another user's. */
  function recordPull(actor: SyncUser, report: DeviceReportWrite): void {
    devices.recordPull(actor.userId, report, clock());
  }

  return { push, pushGroup, pull, currentVersion, recordPull, listDevices: devices.list };
}

export type SqliteSync = ReturnType<typeof createSqliteSync>;

/** `d`: the database's id (missing in cursors made before it had one). */
type Cursor = { v: number; e: string; i: string; s: string; d?: string };

/** A cursor is only valid for the regions it was made for. */
function scopeKey(actor: SyncUser): string {
  const scope = actor.role === 'admin' ? '*' : [...actor.regionIds].sort().join(',');
  return createHash('sha256').update(scope).digest('base64url').slice(0, 12);
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string): Cursor | undefined {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof c.v === 'number' && typeof c.e === 'string' && typeof c.i === 'string' && typeof c.s === 'string' && (c.d === undefined || typeof c.d === 'string')) {
      return c as Cursor;
    }
  } catch {
    // fall through: an unreadable cursor is a reset
  }
  return undefined;
}

function historyBefore(before: StoredRecord | undefined, changed: string[], op: string): string | null {
  if (!before) return null;
  if (op === 'delete') return JSON.stringify(before.data);
  return JSON.stringify(Object.fromEntries(changed.map((f) => [f, before.data[f] ?? null])));
}

function historyAfter(data: Fields, changed: string[], op: string): string | null {
  if (op === 'delete') return null;
  return JSON.stringify(Object.fromEntries(changed.map((f) => [f, data[f] ?? null])));
}
