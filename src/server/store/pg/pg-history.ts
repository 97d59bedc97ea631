// Reads of the audit trail on PostgreSQL: sqlite-history.ts's SQL in PostgreSQL's dialect, the visit's
// fold shared (history-read.ts). Texts compared for order use the "C" collation (byte order), as SQLite
// compares them, whatever the database's locale: ids, and the ISO times of `at`.
import type { Pool, PoolClient } from 'pg';
import type { EntityName } from '../../../shared/entities.ts';
import type { ExportRow, HistoryEntry, VisitHistoryResponse } from '../../../shared/history.ts';
import { drive } from '../../sync/steps.ts';
import { toEntry, toExportRow, visitHistorySteps, type HistoryReader, type HistoryRow } from '../history-read.ts';
import type { HistoryExportFilter } from '../store.ts';
import { inTransaction } from './pg-sync-port.ts';

/** As `pg` reads a history row: BIGINTs as text. */
type PgHistoryRow = Omit<HistoryRow, 'id' | 'version'> & { id: string; version: string };
const toRow = <T extends PgHistoryRow>(r: T) => ({ ...r, id: Number(r.id), version: Number(r.version) });

const SELECT_HISTORY = `SELECT h.id, h.version, h.entity, h.record_id, h.op, h.user_id, u.name AS user_name, h.client_id, h.at, h.before, h.after
  FROM history h LEFT JOIN users u ON u.id = h.user_id`;

/** The municipality a history row's record belongs to, by its entity (as sqlite-history.ts's export). */
const MUNICIPALITY = `CASE h.entity
    WHEN 'municipality' THEN h.record_id
    WHEN 'answer' THEN (SELECT v.data->>'municipalityId' FROM records v WHERE v.entity = 'visit' AND v.id = r.data->>'visitId')
    WHEN 'observation' THEN (SELECT v.data->>'municipalityId' FROM records v WHERE v.entity = 'visit' AND v.id = r.data->>'visitId')
    WHEN 'attachment' THEN (SELECT v.data->>'municipalityId' FROM records v WHERE v.entity = 'visit' AND v.id = r.data->>'visitId')
    WHEN 'interview' THEN (SELECT a.data->>'municipalityId' FROM records a WHERE a.entity = 'assessment' AND a.id = r.data->>'assessmentId')
    WHEN 'readinessScore' THEN (SELECT a.data->>'municipalityId' FROM records a WHERE a.entity = 'assessment' AND a.id = r.data->>'assessmentId')
    ELSE r.data->>'municipalityId'
  END`;

function reader(client: PoolClient): HistoryReader {
  const rows = async <T extends object>(sql: string, params: unknown[]) => (await client.query<T>(sql, params)).rows;
  return {
    ofRecord: async (entity, id, afterVersion) =>
      (
        await rows<PgHistoryRow>(
          `${SELECT_HISTORY} WHERE h.entity = $1 AND h.record_id = $2 AND ($3::bigint IS NULL OR h.version > $3) ORDER BY h.version, h.id`,
          [entity, id, afterVersion ?? null],
        )
      ).map(toRow),
    // ':' sorts before ';' (in byte order): every `${visitId}:…` lies between the two.
    answersAfter: async (visitId, afterVersion) =>
      (
        await rows<PgHistoryRow>(
          `${SELECT_HISTORY} WHERE h.entity = 'answer' AND h.record_id COLLATE "C" > $1 AND h.record_id COLLATE "C" < $2 AND h.version > $3
           ORDER BY h.record_id COLLATE "C", h.version, h.id`,
          [`${visitId}:`, `${visitId};`, afterVersion],
        )
      ).map(toRow),
    liveChildren: async (entity, visitId) =>
      (await rows<{ id: string }>("SELECT id FROM records WHERE entity = $1 AND data->>'visitId' = $2 AND NOT deleted", [entity, visitId])).map((r) => r.id),
    // The delete's row keeps the whole record, its visitId with it.
    deletedChildren: async (entity, visitId, since) =>
      (
        await rows<{ record_id: string }>(
          `SELECT DISTINCT record_id FROM history WHERE at COLLATE "C" >= $1 AND entity = $2 AND op = 'delete' AND before::json->>'visitId' = $3`,
          [since, entity, visitId],
        )
      ).map((r) => r.record_id),
    current: async (entity, id) => {
      const [r] = await rows<{ data: Record<string, unknown>; deleted: boolean }>('SELECT data, deleted FROM records WHERE entity = $1 AND id = $2', [entity, id]);
      return r && !r.deleted ? r.data : null;
    },
  };
}

export function createPgHistory(pool: Pool) {
  async function recordHistory(entity: EntityName, id: string): Promise<HistoryEntry[]> {
    const found = await pool.query<PgHistoryRow>(`${SELECT_HISTORY} WHERE h.entity = $1 AND h.record_id = $2 ORDER BY h.version, h.id`, [entity, id]);
    return found.rows.map(toRow).map(toEntry);
  }

  /** In one snapshot, as SQLite reads it in one transaction. */
  function visitHistory(visitId: string): Promise<VisitHistoryResponse> {
    return inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => drive(visitHistorySteps(reader(client), visitId)));
  }

  /** A page of the period's rows the filter lets through, in (at, id) order, at most `limit`, and the cursor after it. */
  async function exportPage(filter: HistoryExportFilter): Promise<{ rows: ExportRow[]; next: string | null }> {
    const all = filter.regionIds === 'all';
    // A readiness sheet not yet shown to the region is its scorer's alone (SYNC.md, "Readiness"): not exported.
    const found = await pool.query<PgHistoryRow & { region_id: string | null; municipality_id: string | null }>(
      `SELECT h.id, h.version, h.entity, h.record_id, h.op, h.user_id, u.name AS user_name, h.client_id, h.at, h.before, h.after,
         r.region_id, ${MUNICIPALITY} AS municipality_id
       FROM history h
       LEFT JOIN records r ON r.entity = h.entity AND r.id = h.record_id
       LEFT JOIN users u ON u.id = h.user_id
       WHERE h.at COLLATE "C" >= $1 AND h.at COLLATE "C" < $2 AND r.private_to IS NULL
         AND ($3::bigint IS NULL OR (h.at COLLATE "C", h.id) > ((SELECT at COLLATE "C" FROM history WHERE id = $3), $3))
         AND ($4 OR r.region_id = ANY($5))
       ORDER BY h.at COLLATE "C", h.id
       LIMIT $6`,
      [filter.fromAt, filter.toAt, filter.afterId ?? null, all, all ? [] : [...filter.regionIds], filter.limit + 1],
    );
    const rows = found.rows.map(toRow);
    const more = rows.length > filter.limit;
    const page = more ? rows.slice(0, filter.limit) : rows;
    return { rows: page.map(toExportRow), next: more ? String(page.at(-1)!.id) : null };
  }

  async function hasRow(id: number): Promise<boolean> {
    return (await pool.query('SELECT 1 FROM history WHERE id = $1', [id])).rowCount !== 0;
  }

  return { recordHistory, visitHistory, exportPage, hasRow };
}
