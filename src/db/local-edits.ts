// What the device still holds for records the server has not taken yet: edits waiting in the outbox
// and edits the server turned down (rejections). Whenever the server's copy of a record is applied
// over the local one (a pulled change, a push answer, a discarded rejection), those fields keep the
// device's values: the one rule below.
import type { Table } from 'dexie';
import type { EntityName } from '../shared/entities.ts';
import type { AnyLocalRecord, OutboxRow, RejectionRow, UserDb } from './database.ts';

/** `entity/id`: one key for a record across entities (answers and visits may share an id prefix, never a key). */
export function recordKey(entity: EntityName, id: string): string {
  return `${entity}/${id}`;
}

/** A record's waiting or turned-down edits. */
export type LocalEdits = {
  /** Fields with unsent or rejected edits: they keep the device's values. */
  fields: Set<string>;
  /** The device deleted the record and the delete waits or was turned down: keep it away. */
  absent: boolean;
  rejections: RejectionRow[];
};

/**
 * The server's record as the device should keep it: the device's values of `fields` (a field it
 * removed stays removed), the server's for the rest. No local copy: the server's record as it is.
 */
export function keepLocalFields(server: AnyLocalRecord, local: AnyLocalRecord | undefined, fields: Iterable<string>): AnyLocalRecord {
  const next: AnyLocalRecord = { ...server };
  if (!local) return next;
  for (const f of fields) {
    if (f in local) next[f] = local[f];
    else delete next[f];
  }
  return next;
}

/** The edits of each record (by `recordKey`) that the given outbox and rejection rows hold. */
export function collectEdits(outbox: readonly OutboxRow[], rejections: readonly RejectionRow[]): Map<string, LocalEdits> {
  const edits = new Map<string, LocalEdits>();
  const of = (entity: EntityName, id: string) => {
    const key = recordKey(entity, id);
    let e = edits.get(key);
    if (!e) edits.set(key, (e = { fields: new Set(), absent: false, rejections: [] }));
    return e;
  };
  for (const row of [...outbox, ...rejections]) {
    const e = of(row.entity, row.id);
    if (row.op === 'delete') e.absent = true;
    else for (const f of Object.keys(row.fields)) e.fields.add(f);
  }
  for (const r of rejections) of(r.entity, r.id).rejections.push(r);
  return edits;
}

/** Past this many rows in the ids' key range, the rows are looked up id by id instead. */
const RANGE_READ_LIMIT = 2000;

/**
 * Rows of the outbox or the rejections whose record is one of `ids`: one read over the ids' key range
 * of the `id` index (the table is usually empty or small), or, when the range holds more rows than
 * that, a lookup of each id.
 */
async function rowsOf<T extends { id: string }, K, I>(table: Table<T, K, I>, ids: readonly string[]): Promise<T[]> {
  const sorted = [...new Set(ids)].sort(); // string keys sort as IndexedDB compares them: by UTF-16 code units
  const inRange = await table.where('id').between(sorted[0]!, sorted[sorted.length - 1]!, true, true).limit(RANGE_READ_LIMIT).toArray();
  if (inRange.length < RANGE_READ_LIMIT) {
    const wanted = new Set(sorted);
    return inRange.filter((r) => wanted.has(r.id));
  }
  return table.where('id').anyOf(sorted).toArray();
}

/** The outbox and rejection rows that concern the given record ids. Call inside a transaction over both tables. */
export async function rowsConcerning(db: UserDb, ids: readonly string[]): Promise<{ waiting: OutboxRow[]; rejected: RejectionRow[] }> {
  if (ids.length === 0) return { waiting: [], rejected: [] };
  const [waiting, rejected] = await Promise.all([rowsOf(db.outbox, ids), rowsOf(db.rejections, ids)]);
  return { waiting, rejected };
}
