// Visits on the device: planning one, moving it through the workflow, editing its own fields, deleting it.
import type { VisitFields } from '../shared/records.ts';
import { inspectorEditable, nextStatuses, type VisitStatus } from '../shared/workflow.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { uuidv7 } from './uuidv7.ts';
import { deleteRecord, saveRecord } from './write.ts';

/** The visit cannot take this write in its status; the server would answer `VISIT_LOCKED` or `BAD_TRANSITION`. */
export class VisitLockedError extends Error {
  override readonly name = 'VisitLockedError';
  readonly status: VisitStatus | null;
  constructor(status: VisitStatus | null, what: string) {
    super(`A visit that is ${status ?? 'missing'} cannot ${what}`);
    this.status = status;
  }
}

export type NewVisit = Pick<VisitFields, 'municipalityId' | 'templateId' | 'inspectorId' | 'plannedDate' | 'attendees'> & {
  agenda?: string | null;
};

/** Plans a visit with an id made on this device; returns the new visit. */
export async function createVisit(db: UserDb, input: NewVisit): Promise<LocalRecord<'visit'>> {
  const agenda = input.agenda?.trim();
  return saveRecord(db, 'visit', uuidv7(), {
    municipalityId: input.municipalityId,
    templateId: input.templateId,
    inspectorId: input.inspectorId,
    plannedDate: input.plannedDate,
    status: 'planned',
    attendees: input.attendees,
    ...(agenda ? { agenda } : {}),
  });
}

export function isEditable(status: VisitStatus): boolean {
  return inspectorEditable.includes(status);
}

/** Reads the visit inside the caller's transaction and checks that the inspector may still edit it. */
export async function editableVisit(db: UserDb, visitId: string, what: string): Promise<LocalRecord<'visit'>> {
  const visit = await db.visit.get(visitId);
  if (!visit || !isEditable(visit.status)) throw new VisitLockedError(visit?.status ?? null, what);
  return visit;
}

/** Moves the visit along the inspector's side of the workflow (the server checks it again). */
export async function changeVisitStatus(db: UserDb, visitId: string, to: VisitStatus): Promise<LocalRecord<'visit'>> {
  return db.transaction('rw', db.visit, db.outbox, async () => {
    const visit = await db.visit.get(visitId);
    if (!visit || !nextStatuses(visit.status, 'inspector').includes(to)) {
      throw new VisitLockedError(visit?.status ?? null, `become ${to}`);
    }
    return saveRecord(db, 'visit', visitId, { status: to });
  });
}

/** Edits the visit's own text fields while it is editable. */
export async function saveVisitFields(
  db: UserDb,
  visitId: string,
  fields: Partial<Pick<VisitFields, 'summary' | 'agenda' | 'attendees' | 'plannedDate'>>,
): Promise<LocalRecord<'visit'>> {
  return db.transaction('rw', db.visit, db.outbox, async () => {
    await editableVisit(db, visitId, 'be edited');
    return saveRecord(db, 'visit', visitId, fields);
  });
}

/**
 * Deletes a planned visit. Its answers, observations and follow-ups go first, so none of their queued
 * edits reaches the server after the visit is gone (the server tombstones what it already had).
 */
export async function deleteVisit(db: UserDb, visitId: string): Promise<void> {
  await db.transaction('rw', [db.visit, db.answer, db.observation, db.followUp, db.outbox], async () => {
    const visit = await db.visit.get(visitId);
    if (!visit) return;
    if (visit.status !== 'planned') throw new VisitLockedError(visit.status, 'be deleted');
    for (const entity of ['answer', 'observation', 'followUp'] as const) {
      const ids = (await db[entity].where('visitId').equals(visitId).primaryKeys()) as string[];
      for (const id of ids) await deleteRecord(db, entity, id);
    }
    await deleteRecord(db, 'visit', visitId);
  });
}
