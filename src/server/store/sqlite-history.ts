// Reads of the audit trail on SQLite: a record's history (index history_record), a visit's review history
// and its changes since the last return (history_record, records_visit, history_at), and a period's rows
// for export (history_at, whose entries end in the row id, so a page is read in (at, id) order without a sort).
import type { Database } from 'better-sqlite3';
import type { EntityName } from '../../shared/entities.ts';
import type { ExportRow, FieldChange, HistoryEntry, HistoryOp, RecordChange, VisitHistoryResponse, VisitTransition } from '../../shared/history.ts';
import type { VisitStatus } from '../../shared/workflow.ts';
import type { HistoryExportFilter } from './store.ts';

type HistoryRow = {
  id: number;
  version: number;
  entity: EntityName;
  record_id: string;
  op: HistoryOp;
  user_id: string;
  user_name: string | null;
  client_id: string | null;
  at: string;
  before: string | null;
  after: string | null;
};

type Values = Record<string, unknown>;

const parse = (json: string | null): Values | null => (json === null ? null : (JSON.parse(json) as Values));

const SELECT_HISTORY = `SELECT h.id, h.version, h.entity, h.record_id, h.op, h.user_id, u.name AS user_name, h.client_id, h.at, h.before, h.after
  FROM history h LEFT JOIN users u ON u.id = h.user_id`;

function toEntry(r: HistoryRow): HistoryEntry {
  return { version: r.version, op: r.op, at: r.at, userId: r.user_id, userName: r.user_name, clientId: r.client_id, before: parse(r.before), after: parse(r.after) };
}

/** Fields whose changes the "since the return" list leaves out: the status is the timeline's; the approval the server's. */
const notChanges: Partial<Record<EntityName, readonly string[]>> = {
  visit: ['status', 'approvedAt', 'approvedBy'],
  answer: ['visitId', 'itemId'],
  observation: ['visitId'],
  followUp: ['visitId', 'municipalityId'],
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The statements, apart so that a test can ask SQLite for their query plans. */
export const historySql = {
  ofRecord: `${SELECT_HISTORY} WHERE h.entity = ? AND h.record_id = ? ORDER BY h.version, h.id`,
  ofRecordAfter: `${SELECT_HISTORY} WHERE h.entity = ? AND h.record_id = ? AND h.version > ? ORDER BY h.version, h.id`,
  // An answer's id begins with its visit's: a range of the history_record index.
  answersAfter: `${SELECT_HISTORY} WHERE h.entity = 'answer' AND h.record_id > ? AND h.record_id < ? AND h.version > ? ORDER BY h.record_id, h.version, h.id`,
  // Live children by the records_visit index (its expression and condition exactly).
  liveChildren: "SELECT id FROM records WHERE entity = ? AND json_extract(data, '$.visitId') = ? AND deleted = 0",
  // Children deleted since a moment (the return): the delete's row keeps the whole record, its visitId with
  // it. By time: left to itself SQLite would read every row of the entity by history_record.
  deletedChildren: "SELECT DISTINCT record_id FROM history INDEXED BY history_at WHERE at >= ? AND entity = ? AND op = 'delete' AND json_extract(before, '$.visitId') = ?",
  /** A page of a period: after a row (its `at` and id) or from the start; in the regions given, or all. */
  exportPage: ({ after, regions }: { after: boolean; regions: number | 'all' }) => {
    // A readiness sheet not yet shown to the region is its scorer's alone (SYNC.md, "Readiness"): not exported.
    const where = ['h.at >= ?', 'h.at < ?', 'r.private_to IS NULL'];
    if (after) where.push('(h.at, h.id) > ((SELECT at FROM history WHERE id = ?), ?)');
    if (regions !== 'all') where.push(`r.region_id IN (${Array.from({ length: regions }, () => '?').join(',') || "''"})`);
    return `SELECT h.id, h.version, h.entity, h.record_id, h.op, h.user_id, u.name AS user_name, h.client_id, h.at, h.before, h.after,
           r.region_id,
           CASE h.entity
             WHEN 'municipality' THEN h.record_id
             WHEN 'answer' THEN (SELECT json_extract(v.data, '$.municipalityId') FROM records v WHERE v.entity = 'visit' AND v.id = json_extract(r.data, '$.visitId'))
             WHEN 'observation' THEN (SELECT json_extract(v.data, '$.municipalityId') FROM records v WHERE v.entity = 'visit' AND v.id = json_extract(r.data, '$.visitId'))
             WHEN 'interview' THEN (SELECT json_extract(a.data, '$.municipalityId') FROM records a WHERE a.entity = 'assessment' AND a.id = json_extract(r.data, '$.assessmentId'))
             WHEN 'readinessScore' THEN (SELECT json_extract(a.data, '$.municipalityId') FROM records a WHERE a.entity = 'assessment' AND a.id = json_extract(r.data, '$.assessmentId'))
             ELSE json_extract(r.data, '$.municipalityId')
           END AS municipality_id
         FROM history h INDEXED BY history_at
         LEFT JOIN records r ON r.entity = h.entity AND r.id = h.record_id
         LEFT JOIN users u ON u.id = h.user_id
         WHERE ${where.join(' AND ')}
         ORDER BY h.at, h.id
         LIMIT ?`;
  },
};

export function createSqliteHistory(db: Database) {
  const q = {
    ofRecord: db.prepare<[string, string], HistoryRow>(historySql.ofRecord),
    ofRecordAfter: db.prepare<[string, string, number], HistoryRow>(historySql.ofRecordAfter),
    answersAfter: db.prepare<[string, string, number], HistoryRow>(historySql.answersAfter),
    liveChildren: db.prepare<[string, string], { id: string }>(historySql.liveChildren),
    deletedChildren: db.prepare<[string, string, string], { record_id: string }>(historySql.deletedChildren),
    record: db.prepare<[string, string], { data: string; deleted: number }>('SELECT data, deleted FROM records WHERE entity = ? AND id = ?'),
  };


  function recordHistory(entity: EntityName, id: string): HistoryEntry[] {
    return q.ofRecord.all(entity, id).map(toEntry);
  }

  function visitHistory(visitId: string): VisitHistoryResponse {
    const rows = q.ofRecord.all('visit', visitId);
    const transitions: VisitTransition[] = [];
    // The visit's fields as they stood after each version, so a return's reason written in the same push
    // (or before it) is found whichever mutation carried it.
    const state: Values = {};
    let lastReturn: { version: number; at: string } | null = null;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const after = parse(row.after);
      if (row.op === 'delete') continue;
      Object.assign(state, after ?? {});
      const to = after?.['status'];
      if (typeof to !== 'string') continue;
      // Rows of the same version (one push) that follow still belong to this moment.
      for (let j = i + 1; j < rows.length && rows[j]!.version === row.version; j++) Object.assign(state, parse(rows[j]!.after) ?? {});
      const from = row.op === 'create' ? null : ((parse(row.before)?.['status'] as VisitStatus | undefined) ?? null);
      const reviewed = to === 'returned' || to === 'approved';
      transitions.push({
        version: row.version,
        at: row.at,
        from,
        to: to as VisitStatus,
        userId: row.user_id,
        userName: row.user_name,
        clientId: row.client_id,
        reason: to === 'returned' ? textOrNull(state['returnReason']) : null,
        note: reviewed ? textOrNull(state['reviewNote']) : null,
      });
      if (to === 'returned') lastReturn = { version: row.version, at: row.at };
    }
    return { visitId, transitions, lastReturn, changes: lastReturn ? changesSince(visitId, lastReturn) : [] };
  }

  function changesSince(visitId: string, since: { version: number; at: string }): RecordChange[] {
    const byRecord = new Map<string, { entity: EntityName; id: string; rows: HistoryRow[] }>();
    const add = (r: HistoryRow) => {
      const key = `${r.entity}/${r.record_id}`;
      const entry = byRecord.get(key) ?? { entity: r.entity, id: r.record_id, rows: [] };
      entry.rows.push(r);
      byRecord.set(key, entry);
    };
    q.ofRecordAfter.all('visit', visitId, since.version).forEach(add);
    // ':' sorts before ';': every `${visitId}:…` lies between the two.
    q.answersAfter.all(`${visitId}:`, `${visitId};`, since.version).forEach(add);
    for (const entity of ['observation', 'followUp'] as const) {
      const ids = new Set([
        ...q.liveChildren.all(entity, visitId).map((r) => r.id),
        ...q.deletedChildren.all(since.at, entity, visitId).map((r) => r.record_id),
      ]);
      for (const id of [...ids].sort()) q.ofRecordAfter.all(entity, id, since.version).forEach(add);
    }
    const changes: RecordChange[] = [];
    for (const { entity, id, rows } of byRecord.values()) {
      const change = recordChange(entity, id, rows);
      if (change) changes.push(change);
    }
    return changes;
  }

  /** One record's change from the return (before its first row here) to now (the stored record). */
  function recordChange(entity: EntityName, id: string, rows: HistoryRow[]): RecordChange | null {
    if (entity !== 'visit' && entity !== 'answer' && entity !== 'observation' && entity !== 'followUp') return null;
    const stored = q.record.get(entity, id);
    const now: Values | null = stored && stored.deleted === 0 ? (JSON.parse(stored.data) as Values) : null;
    const existedAtReturn = rows[0]!.op !== 'create';
    if (!existedAtReturn && !now) return null; // made and deleted again since the return
    // A field's value at the return: the `before` of the first row since then that names it.
    const atReturn: Values = {};
    const fields = new Set<string>();
    for (const r of rows) {
      const before = parse(r.before) ?? {};
      for (const [f, v] of Object.entries(before)) if (!(f in atReturn)) atReturn[f] = v;
      for (const f of Object.keys(r.op === 'delete' ? before : (parse(r.after) ?? {}))) fields.add(f);
    }
    const skip = notChanges[entity] ?? [];
    const list: FieldChange[] = [];
    for (const field of [...fields].sort()) {
      if (skip.includes(field)) continue;
      const then = existedAtReturn ? (atReturn[field] ?? null) : null;
      const value = now ? (now[field] ?? null) : null;
      if (!same(then, value)) list.push({ field, atReturn: then, now: value });
    }
    const change = !existedAtReturn ? 'created' : now ? 'changed' : 'deleted';
    if (change === 'changed' && list.length === 0) return null;
    return { entity, id, change, fields: list };
  }

  /** A page of the period's rows the filter lets through, in (at, id) order, at most `limit`, and the cursor after it. */
  function exportPage(filter: HistoryExportFilter): { rows: ExportRow[]; next: string | null } {
    const params: unknown[] = [filter.fromAt, filter.toAt];
    if (filter.afterId !== undefined) params.push(filter.afterId, filter.afterId);
    if (filter.regionIds !== 'all') params.push(...filter.regionIds);
    const rows = db
      .prepare<unknown[], HistoryRow & { region_id: string | null; municipality_id: string | null }>(
        historySql.exportPage({ after: filter.afterId !== undefined, regions: filter.regionIds === 'all' ? 'all' : filter.regionIds.length }),
      )
      .all(...params, filter.limit + 1);
    const more = rows.length > filter.limit;
    const page = more ? rows.slice(0, filter.limit) : rows;
    return {
      rows: page.map((r) => ({
        id: r.id,
        version: r.version,
        at: r.at,
        entity: r.entity,
        recordId: r.record_id,
        op: r.op,
        userId: r.user_id,
        userName: r.user_name,
        clientId: r.client_id,
        regionId: r.region_id,
        municipalityId: typeof r.municipality_id === 'string' ? r.municipality_id : null,
        before: parse(r.before),
        after: parse(r.after),
      })),
      next: more ? String(page.at(-1)!.id) : null,
    };
  }

  /** Whether a history row of this id exists (an export's `after` must name one). */
  const hasRow = db.prepare<[number], { id: number }>('SELECT id FROM history WHERE id = ?');

  return { recordHistory, visitHistory, exportPage, hasRow: (id: number) => hasRow.get(id) !== undefined };
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
export type SqliteHistory = ReturnType<typeof createSqliteHistory>;
