// Observations written during a visit: strengths, notes, concerns and deficiencies, optionally tied to an item.
import type { PolicyUser } from '../shared/policy.ts';
import type { ObservationFields } from '../shared/records.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { checkWrite, visitFor } from './guard.ts';
import { uuidv7 } from './uuidv7.ts';
import { deleteRecord, saveRecord } from './write.ts';

type ObservationInput = Pick<ObservationFields, 'visitId' | 'kind' | 'text'> & { itemId?: string | null };

/** Creates an observation (no id) or edits one. */
export async function saveObservation(db: UserDb, input: ObservationInput, id: string | undefined, user: PolicyUser): Promise<LocalRecord<'observation'>> {
  return db.transaction('rw', db.visit, db.observation, db.outbox, async () => {
    const { state } = await visitFor(db, input.visitId, 'take observations');
    const edited = { kind: input.kind, text: input.text.trim(), itemId: input.itemId ?? null };
    const fields = id ? edited : { visitId: input.visitId, ...edited };
    checkWrite(user, { entity: 'observation', op: id ? 'update' : 'create', visit: state, fields: Object.keys(fields) }, 'take observations');
    return saveRecord(db, 'observation', id ?? uuidv7(), fields);
  });
}

/** Deletes an observation and the photos and documents attached to it. */
export async function deleteObservation(db: UserDb, id: string, user: PolicyUser): Promise<void> {
  await db.transaction('rw', [db.visit, db.observation, db.attachment, db.outbox], async () => {
    const observation = await db.observation.get(id);
    if (!observation) return;
    const { state } = await visitFor(db, observation.visitId, 'lose observations');
    checkWrite(user, { entity: 'observation', op: 'delete', visit: state }, 'lose observations');
    const attached = await db.attachment.where('visitId').equals(observation.visitId).filter((a) => a.observationId === id).primaryKeys();
    for (const a of attached) await deleteRecord(db, 'attachment', a);
    await deleteRecord(db, 'observation', id);
  });
}
