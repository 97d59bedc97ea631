// Reads of the audit trail on SQLite: a record's history (index history_record), a visit's review history
// and its changes since the last return (history_record, records_visit, history_at; folded in
// history-read.ts, shared with PostgreSQL), and a period's rows for export (history_at, whose entries end
// in the row id, so a page is read in (at, id) order without a sort).
import type { Database } from 'better-sqlite3';
import type { EntityName } from '../../shared/entities.ts';
import type { ExportRow, HistoryEntry, VisitHistoryResponse } from '../../shared/history.ts';
import { drive, isPromiseLike } from '../sync/steps.ts';
import { toEntry, toExportRow, visitHistorySteps, type HistoryReader, type HistoryRow } from './history-read.ts';
import type { HistoryExportFilter } from './store.ts';

const SELECT_HISTORY = `SELECT h.id, h.version, h.entity, h.record_id, h.op, h.user_id, u.name AS user_name, h.client_id, h.at, h.before, h.after
  FROM history h LEFT JOIN users u ON u.id = h.user_id`;

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
             WHEN 'attachment' THEN (SELECT json_extract(v.data, '$.municipalityId') FROM records v WHERE v.entity = 'visit' AND v.id = json_extract(r.data, '$.visitId'))
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

  const reader: HistoryReader = {
    ofRecord: (entity, id, afterVersion) => (afterVersion === undefined ? q.ofRecord.all(entity, id) : q.ofRecordAfter.all(entity, id, afterVersion)),
    // ':' sorts before ';': every `${visitId}:…` lies between the two.
    answersAfter: (visitId, afterVersion) => q.answersAfter.all(`${visitId}:`, `${visitId};`, afterVersion),
    liveChildren: (entity, visitId) => q.liveChildren.all(entity, visitId).map((r) => r.id),
    deletedChildren: (entity, visitId, since) => q.deletedChildren.all(since, entity, visitId).map((r) => r.record_id),
    current: (entity, id) => {
      const stored = q.record.get(entity, id);
      return stored && stored.deleted === 0 ? (JSON.parse(stored.data) as Record<string, unknown>) : null;
    },
  };

  function recordHistory(entity: EntityName, id: string): HistoryEntry[] {
    return q.ofRecord.all(entity, id).map(toEntry);
  }

  /** Synchronous: the caller runs it in one transaction, so it reads one state of the database. */
  function visitHistory(visitId: string): VisitHistoryResponse {
    const result = drive(visitHistorySteps(reader, visitId));
    if (isPromiseLike(result)) throw new Error('The SQLite history reader answers synchronously');
    return result;
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
    return { rows: page.map(toExportRow), next: more ? String(page.at(-1)!.id) : null };
  }

  /** Whether a history row of this id exists (an export's `after` must name one). */
  const hasRow = db.prepare<[number], { id: number }>('SELECT id FROM history WHERE id = ?');

  return { recordHistory, visitHistory, exportPage, hasRow: (id: number) => hasRow.get(id) !== undefined };
}

export type SqliteHistory = ReturnType<typeof createSqliteHistory>;
