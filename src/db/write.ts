// The one way records change on the device: validate, write the record and its outbox row in one
// transaction, then nudge the sync loop. Entity modules and pages call these, never the tables.
import { wireValueProblem } from '../shared/values.ts';
import { entityFieldSchemas, type EntityFields, type EntityName } from '../shared/entities.ts';
import { issueDetails } from '../shared/errors.ts';
import { isSent, lastSentSeq, type LocalRecord, type OutboxRow, type UserDb } from './database.ts';

/** The edit does not fit the record's schema; nothing was written. `issues` name the bad paths. */
export class LocalValidationError extends Error {
  override readonly name = 'LocalValidationError';
  readonly issues: { path: (string | number)[]; message: string }[];
  constructor(issues: { path: (string | number)[]; message: string }[]) {
    super(issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; '));
    this.issues = issues;
  }
}

const stamps = new Set(['id', 'version', 'deleted', 'updatedAt', 'updatedBy']);

function fieldsOf(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !stamps.has(k)));
}

let nudge: () => void = () => {};
/** The sync runner registers how to be woken after a local edit. */
export function onLocalWrite(listener: () => void): void {
  nudge = listener;
}

/**
 * A visit's status change is a step the server checks against what came before it (a submission
 * needs the answers queued before it; a create must be planned or in progress), so it never rides
 * in an earlier row.
 */
function startsWorkflowStep(entity: EntityName, fields: object): boolean {
  return entity === 'visit' && 'status' in fields;
}

/** Rows an edit may jump over when it joins an older row; past this many it queues its own. */
const JOIN_LOOKAHEAD = 200;

/**
 * The row an edit may join: the record's latest unsent upsert, unless a visit's status change or a
 * delete was queued after it. Joining moves the edit ahead of the rows after that one, and the server
 * checks those steps against what came before them (an answer cleared after a recall must not reach
 * the server before the submission it followed).
 */
async function joinableRow(db: UserDb, entity: EntityName, id: string): Promise<OutboxRow | undefined> {
  const open = await db.outbox
    .where('id')
    .equals(id)
    .filter((r) => r.entity === entity)
    .last();
  if (!open || open.seq === undefined || open.op !== 'upsert' || open.inFlight) return undefined;
  const after = await db.outbox.where('seq').above(open.seq).limit(JOIN_LOOKAHEAD).toArray();
  if (after.length === JOIN_LOOKAHEAD) return undefined;
  // A flagged row after it ends a batch that carried it too (see OutboxRow.inFlight).
  const blocked = after.some((r) => r.inFlight || r.op === 'delete' || startsWorkflowStep(r.entity, r.fields));
  return blocked ? undefined : open;
}

/**
 * Creates or edits a record with the given fields. The merged record must satisfy the entity's schema.
 * Consecutive edits to a record while it waits in the outbox join one outbox row, keeping its
 * base version, so typing a paragraph queues one change, not one per keystroke. A visit's status
 * change, and an edit that would jump over one, queue a row of their own.
 */
export async function saveRecord<E extends EntityName>(
  db: UserDb,
  entity: E,
  id: string,
  fields: Partial<EntityFields[E]>,
  now: Date = new Date(),
): Promise<LocalRecord<E>> {
  const started = performance.now();
  // The server refuses text that is not Unicode (a lone surrogate from a broken paste): refused here, the
  // user hears of it at once instead of as a rejected change later.
  for (const [field, value] of Object.entries(fields)) {
    const problem = wireValueProblem(value);
    if (problem) throw new LocalValidationError([{ path: [field], message: problem }]);
  }
  const table = db[entity];
  const saved = await db.transaction('rw', table, db.outbox, async () => {
    // Both reads go at once: each wait for IndexedDB is a round trip, and a save is on the user's path.
    const [existing, open] = await Promise.all([
      table.get(id) as Promise<(Record<string, unknown> & { version?: number }) | undefined>,
      startsWorkflowStep(entity, fields) ? undefined : joinableRow(db, entity, id),
    ]);
    const merged = { ...fieldsOf(existing ?? {}), ...fields };
    const parsed = entityFieldSchemas[entity].safeParse(merged);
    if (!parsed.success) throw new LocalValidationError(issueDetails(parsed.error).issues);
    const record = { ...existing, ...(parsed.data as object), id } as LocalRecord<E>;
    const sent = existing ? fields : (parsed.data as Record<string, unknown>);
    const queued =
      open && open.op === 'upsert' && open.seq !== undefined
        ? db.outbox.put({ ...open, fields: { ...open.fields, ...sent } })
        : db.outbox.add({
            entity,
            id,
            op: 'upsert',
            baseVersion: existing?.version ?? null,
            fields: sent as Record<string, unknown>,
            queuedAt: now.toISOString(),
            ...(existing ? {} : { create: true }),
          });
    await Promise.all([table.put(record as never), queued]);
    return record;
  });
  // A User Timing measure per save, for DevTools and the benchmarks (`npm run bench`).
  performance.measure?.('tillsyn:save', { start: started });
  nudge();
  return saved;
}

/**
 * Deletes a record on the device and queues the delete. Its unsent rows go (the delete supersedes
 * them); a record whose create has not even left the device just goes, with no delete to send.
 */
export async function deleteRecord(db: UserDb, entity: EntityName, id: string, now: Date = new Date()): Promise<void> {
  const table = db[entity];
  await db.transaction('rw', table, db.outbox, async () => {
    const existing = (await table.get(id)) as { version?: number } | undefined;
    if (!existing) return;
    await table.delete(id);
    const rows = await db.outbox.where('id').equals(id).filter((r) => r.entity === entity).toArray();
    const lastSent = rows.length > 0 ? await lastSentSeq(db) : 0;
    const unsent = rows.filter((r) => !isSent(r, lastSent));
    await db.outbox.bulkDelete(unsent.map((r) => r.seq!));
    // A delete queued before (the record was deleted and made again, as an answer's id allows) means
    // the server had it: the new delete must go even if the new create never left.
    const neverLeft = existing.version === undefined && unsent.some((r) => r.create === true) && !rows.some((r) => r.op === 'delete');
    if (neverLeft) return;
    await db.outbox.add({ entity, id, op: 'delete', baseVersion: existing.version ?? null, queuedAt: now.toISOString() });
  });
  nudge();
}
