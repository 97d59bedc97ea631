// The audit trail's reading, written once for every store: a visit's review history and its changes
// since the last return are folded here from history rows a store's reader answers (sync or async, as
// the sync service's steps: sync/steps.ts), so SQLite and PostgreSQL cannot drift apart in what they show.
import type { EntityName } from '../../shared/entities.ts';
import type { ExportRow, FieldChange, HistoryEntry, HistoryOp, RecordChange, VisitHistoryResponse, VisitTransition } from '../../shared/history.ts';
import type { VisitStatus } from '../../shared/workflow.ts';
import { wait, type MaybePromise, type Step } from '../sync/steps.ts';

/** A history row as both stores read it: numbers as numbers, before and after as JSON text. */
export type HistoryRow = {
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

/** The reads the fold needs; each store answers them with its own SQL. */
export type HistoryReader = {
  /** A record's rows, by version then id; only those after `afterVersion` when given. */
  ofRecord(entity: EntityName, id: string, afterVersion?: number): MaybePromise<HistoryRow[]>;
  /** The rows after a version of the visit's answers (ids `${visitId}:…`), by record id, version, id. */
  answersAfter(visitId: string, afterVersion: number): MaybePromise<HistoryRow[]>;
  /** Ids of the live records of an entity that name the visit. */
  liveChildren(entity: EntityName, visitId: string): MaybePromise<string[]>;
  /** Ids of the records of an entity that named the visit and were deleted at or after `since`. */
  deletedChildren(entity: EntityName, visitId: string, since: string): MaybePromise<string[]>;
  /** A record's fields now; null when deleted or missing. */
  current(entity: EntityName, id: string): MaybePromise<Values | null>;
};

const parse = (json: string | null): Values | null => (json === null ? null : (JSON.parse(json) as Values));

export function toEntry(r: HistoryRow): HistoryEntry {
  return { version: r.version, op: r.op, at: r.at, userId: r.user_id, userName: r.user_name, clientId: r.client_id, before: parse(r.before), after: parse(r.after) };
}

/** An export page's row, with the region and municipality the store found for it. */
export function toExportRow(r: HistoryRow & { region_id: string | null; municipality_id: unknown }): ExportRow {
  return {
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
  };
}

/** Fields whose changes the "since the return" list leaves out: the status is the timeline's; the approval the server's. */
const notChanges: Partial<Record<EntityName, readonly string[]>> = {
  visit: ['status', 'approvedAt', 'approvedBy'],
  answer: ['visitId', 'itemId'],
  observation: ['visitId'],
  attachment: ['visitId', 'sha256', 'thumbSha256', 'mediaType', 'bytes'],
  followUp: ['visitId', 'municipalityId'],
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The visit's status transitions and, after its last return, what changed since. */
export function* visitHistorySteps(reader: HistoryReader, visitId: string): Step<VisitHistoryResponse> {
  const rows = yield* wait(reader.ofRecord('visit', visitId));
  const { transitions, lastReturn } = foldTransitions(rows);
  const changes = lastReturn ? yield* changesSince(reader, visitId, lastReturn) : [];
  return { visitId, transitions, lastReturn, changes };
}

function foldTransitions(rows: HistoryRow[]): { transitions: VisitTransition[]; lastReturn: { version: number; at: string } | null } {
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
  return { transitions, lastReturn };
}

function* changesSince(reader: HistoryReader, visitId: string, since: { version: number; at: string }): Step<RecordChange[]> {
  const byRecord = new Map<string, { entity: EntityName; id: string; rows: HistoryRow[] }>();
  const add = (r: HistoryRow) => {
    const key = `${r.entity}/${r.record_id}`;
    const entry = byRecord.get(key) ?? { entity: r.entity, id: r.record_id, rows: [] };
    entry.rows.push(r);
    byRecord.set(key, entry);
  };
  (yield* wait(reader.ofRecord('visit', visitId, since.version))).forEach(add);
  (yield* wait(reader.answersAfter(visitId, since.version))).forEach(add);
  for (const entity of ['observation', 'followUp'] as const) {
    const live = yield* wait(reader.liveChildren(entity, visitId));
    const deleted = yield* wait(reader.deletedChildren(entity, visitId, since.at));
    for (const id of [...new Set([...live, ...deleted])].sort()) (yield* wait(reader.ofRecord(entity, id, since.version))).forEach(add);
  }
  const changes: RecordChange[] = [];
  for (const { entity, id, rows } of byRecord.values()) {
    if (entity !== 'visit' && entity !== 'answer' && entity !== 'observation' && entity !== 'followUp') continue;
    const change = recordChange(entity, id, rows, yield* wait(reader.current(entity, id)));
    if (change) changes.push(change);
  }
  return changes;
}

/** One record's change from the return (before its first row here) to now (the stored record). */
function recordChange(entity: RecordChange['entity'], id: string, rows: HistoryRow[], now: Values | null): RecordChange | null {
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

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
