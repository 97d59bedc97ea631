// Visits on the device: planning one, moving it through the workflow, editing its own fields, deleting it.
// Each write is checked against the shared policy first (guard.ts); `user` is the signed-in user.
import type { PolicyUser } from '../shared/policy.ts';
import type { VisitFields } from '../shared/records.ts';
import type { VisitStatus } from '../shared/workflow.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { checkWrite, regionOf, visitFor } from './guard.ts';
import { uuidv7 } from './uuidv7.ts';
import { deleteRecord, saveRecord } from './write.ts';

export { VisitLockedError, WriteRefusedError } from './guard.ts';

export type NewVisit = Pick<VisitFields, 'municipalityId' | 'templateIds' | 'inspectorId' | 'plannedDate' | 'attendees'> & {
  agenda?: string | null;
  diaryNumber?: string | null;
  mode?: VisitFields['mode'];
};

/** Plans a visit with an id made on this device; returns the new visit. */
export async function createVisit(db: UserDb, input: NewVisit, user: PolicyUser): Promise<LocalRecord<'visit'>> {
  const agenda = input.agenda?.trim();
  const diaryNumber = input.diaryNumber?.trim();
  const fields = {
    municipalityId: input.municipalityId,
    templateIds: input.templateIds,
    inspectorId: input.inspectorId,
    plannedDate: input.plannedDate,
    status: 'planned' as const,
    mode: input.mode ?? 'on_site',
    attendees: input.attendees,
    ...(agenda ? { agenda } : {}),
    ...(diaryNumber ? { diaryNumber } : {}),
  };
  return db.transaction('rw', db.municipality, db.visit, db.outbox, async () => {
    const regionId = await regionOf(db, input.municipalityId);
    const visit = { status: fields.status, inspectorId: fields.inspectorId };
    checkWrite(user, { entity: 'visit', op: 'create', regionId, visit, fields: Object.keys(fields) }, 'be planned');
    return saveRecord(db, 'visit', uuidv7(), fields);
  });
}

/** Moves the visit along the inspector's side of the workflow (the server checks it again). */
export async function changeVisitStatus(db: UserDb, visitId: string, to: VisitStatus, user: PolicyUser): Promise<LocalRecord<'visit'>> {
  return db.transaction('rw', db.visit, db.outbox, async () => {
    const what = `become ${to}`;
    const { visit, state } = await visitFor(db, visitId, what);
    checkWrite(user, { entity: 'visit', op: 'update', visit: state, fields: ['status'], transition: { from: visit.status, to } }, what);
    return saveRecord(db, 'visit', visitId, { status: to });
  });
}

/** Edits the visit's own text fields while it is editable. */
export async function saveVisitFields(
  db: UserDb,
  visitId: string,
  fields: Partial<Pick<VisitFields, 'summary' | 'agenda' | 'attendees' | 'plannedDate' | 'diaryNumber' | 'mode'>>,
  user: PolicyUser,
): Promise<LocalRecord<'visit'>> {
  return db.transaction('rw', db.visit, db.outbox, async () => {
    const { state } = await visitFor(db, visitId, 'be edited');
    checkWrite(user, { entity: 'visit', op: 'update', visit: state, fields: Object.keys(fields) }, 'be edited');
    return saveRecord(db, 'visit', visitId, fields);
  });
}

/**
 * Deletes a planned visit. Its answers, observations and follow-ups go first, so none of their queued
 * edits reaches the server after the visit is gone (the server tombstones what it already had).
 */
export async function deleteVisit(db: UserDb, visitId: string, user: PolicyUser): Promise<void> {
  await db.transaction('rw', [db.visit, db.answer, db.observation, db.followUp, db.outbox], async () => {
    if (!(await db.visit.get(visitId))) return;
    const { state } = await visitFor(db, visitId, 'be deleted');
    checkWrite(user, { entity: 'visit', op: 'delete', visit: state }, 'be deleted');
    for (const entity of ['answer', 'observation', 'followUp'] as const) {
      const ids = (await db[entity].where('visitId').equals(visitId).primaryKeys()) as string[];
      for (const id of ids) await deleteRecord(db, entity, id);
    }
    await deleteRecord(db, 'visit', visitId);
  });
}
