// Observations written during a visit: strengths, notes, concerns and deficiencies, optionally tied to an item.
import type { ObservationFields } from '../shared/records.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { uuidv7 } from './uuidv7.ts';
import { editableVisit } from './visits.ts';
import { deleteRecord, saveRecord } from './write.ts';

export type ObservationInput = Pick<ObservationFields, 'visitId' | 'kind' | 'text'> & { itemId?: string | null };

/** Creates an observation (no id) or edits one. */
export async function saveObservation(db: UserDb, input: ObservationInput, id?: string): Promise<LocalRecord<'observation'>> {
  return db.transaction('rw', db.visit, db.observation, db.outbox, async () => {
    await editableVisit(db, input.visitId, 'take observations');
    const fields = { kind: input.kind, text: input.text.trim(), itemId: input.itemId ?? null };
    if (id) return saveRecord(db, 'observation', id, fields);
    return saveRecord(db, 'observation', uuidv7(), { visitId: input.visitId, ...fields });
  });
}

export async function deleteObservation(db: UserDb, id: string): Promise<void> {
  await db.transaction('rw', db.visit, db.observation, db.outbox, async () => {
    const observation = await db.observation.get(id);
    if (!observation) return;
    await editableVisit(db, observation.visitId, 'lose observations');
    await deleteRecord(db, 'observation', id);
  });
}
