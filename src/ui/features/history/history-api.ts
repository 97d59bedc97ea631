// The audit trail's endpoints (src/shared/api.ts), read with the session's token and checked with their
// schemas. They read the server: offline they fail with a NetworkError, which the pages say in words.
import { api, visitHistoryPath } from '../../../shared/api.ts';
import type { EntityName } from '../../../shared/entities.ts';
import type { ExportRow, HistoryEntry, VisitHistoryResponse } from '../../../shared/history.ts';
import { apiFetch } from '../../../sync/http.ts';

export async function fetchVisitHistory(token: string, visitId: string, signal?: AbortSignal): Promise<VisitHistoryResponse> {
  const { method, response } = api.visitHistory;
  return response.parse(await apiFetch(visitHistoryPath(visitId), signal ? { method, token, signal } : { method, token }));
}

export async function fetchRecordHistory(token: string, entity: EntityName, id: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
  const { path, method, response } = api.recordHistory;
  const query = new URLSearchParams({ entity, id });
  return response.parse(await apiFetch(`${path}?${query}`, signal ? { method, token, signal } : { method, token })).entries;
}

type ExportPeriod = { from: string; to: string; regionId?: string | undefined };

/**
 * Every row of the period, page by page (`next`), oldest first; `onPage` hears how many have come so far.
 * Stops at `maxPages` pages, so a runaway cursor cannot loop for ever.
 */
export async function fetchHistoryExport(
  token: string,
  period: ExportPeriod,
  options: { signal?: AbortSignal; onPage?: (rowsSoFar: number) => void; maxPages?: number } = {},
): Promise<ExportRow[]> {
  const { path, method, response } = api.historyExport;
  const rows: ExportRow[] = [];
  let after: string | null = null;
  const maxPages = options.maxPages ?? 10_000;
  for (let page = 0; page < maxPages; page++) {
    const query = new URLSearchParams({ from: period.from, to: period.to });
    if (period.regionId) query.set('regionId', period.regionId);
    if (after) query.set('after', after);
    const answer = response.parse(await apiFetch(`${path}?${query}`, options.signal ? { method, token, signal: options.signal } : { method, token }));
    rows.push(...answer.rows);
    options.onPage?.(rows.length);
    after = answer.next;
    if (after === null) return rows;
  }
  throw new Error(`The export did not end within ${maxPages} pages`);
}
