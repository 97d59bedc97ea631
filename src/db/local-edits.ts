// What the device still holds for records the server has not taken yet: edits waiting in the outbox
// and edits the server turned down (rejections). Whenever the server's copy of a record is applied
// over the local one (a pulled change, a push answer, a discarded rejection), those fields keep the
// device's values: the one rule below.
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

/**
 * The outbox and rejection rows that concern the given record ids, through their `id` index: an
 * empty table (the usual case) costs one request, a large one reads only the rows that match.
 * Call inside a transaction over both tables.
 */
export async function rowsConcerning(db: UserDb, ids: readonly string[]): Promise<{ waiting: OutboxRow[]; rejected: RejectionRow[] }> {
  if (ids.length === 0) return { waiting: [], rejected: [] };
  const unique = [...new Set(ids)];
  const [waiting, rejected] = await Promise.all([db.outbox.where('id').anyOf(unique).toArray(), db.rejections.where('id').anyOf(unique).toArray()]);
  return { waiting, rejected };
}
