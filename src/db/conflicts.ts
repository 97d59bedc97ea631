// Fields whose value from this device lost to another device's: take the value back, or keep the other one.
import type { EntityName } from '../shared/entities.ts';
import type { ConflictRow, UserDb } from './database.ts';
import { saveRecord } from './write.ts';

type FieldKey = { entity: EntityName; id: string; field: string };

/** The conflict rows of one field, oldest first. */
async function rowsOf(db: UserDb, key: FieldKey): Promise<(ConflictRow & { n: number })[]> {
  const rows = await db.conflicts
    .where('id')
    .equals(key.id)
    .filter((c) => c.entity === key.entity && c.field === key.field)
    .sortBy('n');
  return rows as (ConflictRow & { n: number })[];
}

/**
 * Saves this device's losing value again as a new edit (it is queued like any edit, so the server
 * decides again with what it now knows) and clears the field's conflicts, in one transaction.
 * Several conflicts of one field: the latest loss is the value the user last meant.
 */
export async function takeBackConflict(db: UserDb, n: number): Promise<void> {
  const conflict = await db.conflicts.get(n);
  if (!conflict) throw new Error(`No conflict ${n}`);
  await db.transaction('rw', db[conflict.entity], db.outbox, db.conflicts, async () => {
    const rows = await rowsOf(db, conflict);
    const latest = rows.at(-1) ?? { ...conflict, n };
    await saveRecord(db, conflict.entity, conflict.id, { [conflict.field]: latest.yours } as never);
    await db.conflicts.bulkDelete(rows.map((r) => r.n));
  });
}

/** Keeps the value the server kept: forgets the field's conflicts. */
export async function dismissConflict(db: UserDb, n: number): Promise<void> {
  await db.transaction('rw', db.conflicts, async () => {
    const conflict = await db.conflicts.get(n);
    if (!conflict) return;
    await db.conflicts.bulkDelete((await rowsOf(db, conflict)).map((r) => r.n));
  });
}

/** One row per field that lost, the latest loss of each; oldest field first. */
export async function listConflicts(db: UserDb): Promise<(ConflictRow & { n: number })[]> {
  const rows = (await db.conflicts.orderBy('n').toArray()) as (ConflictRow & { n: number })[];
  const latest = new Map<string, ConflictRow & { n: number }>();
  for (const row of rows) latest.set(`${row.entity}/${row.id}/${row.field}`, row);
  return [...latest.values()];
}

/** The latest loss of one field, or null: what a form shows next to the field. */
export async function fieldConflict(db: UserDb, key: FieldKey): Promise<(ConflictRow & { n: number }) | null> {
  return (await rowsOf(db, key)).at(-1) ?? null;
}
