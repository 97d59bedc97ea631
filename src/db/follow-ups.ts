// Recommendations and their follow-up: made on a visit, tracked per municipality until done or dropped.
import type { PolicyUser } from '../shared/policy.ts';
import type { FollowUpFields } from '../shared/records.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { checkWrite, visitFor } from './guard.ts';
import { uuidv7 } from './uuidv7.ts';
import { deleteRecord, saveRecord } from './write.ts';

type FollowUpInput = Pick<FollowUpFields, 'text' | 'legalShortcoming'> & { dueDate?: string | null };

function cleaned(input: FollowUpInput) {
  return { text: input.text.trim(), dueDate: input.dueDate || null, legalShortcoming: input.legalShortcoming };
}

/** Creates an open follow-up on the visit (no id), or edits one of the visit's own. */
export async function saveFollowUp(db: UserDb, visitId: string, input: FollowUpInput, id: string | undefined, user: PolicyUser): Promise<LocalRecord<'followUp'>> {
  return db.transaction('rw', db.visit, db.followUp, db.outbox, async () => {
    const { visit, state } = await visitFor(db, visitId, 'take follow-ups');
    const fields = id ? cleaned(input) : { visitId, municipalityId: visit.municipalityId, status: 'open' as const, ...cleaned(input) };
    checkWrite(user, { entity: 'followUp', op: id ? 'update' : 'create', visit: state, fields: Object.keys(fields) }, 'take follow-ups');
    return saveRecord(db, 'followUp', id ?? uuidv7(), fields);
  });
}

export async function deleteFollowUp(db: UserDb, id: string, user: PolicyUser): Promise<void> {
  await db.transaction('rw', db.visit, db.followUp, db.outbox, async () => {
    const followUp = await db.followUp.get(id);
    if (!followUp) return;
    const { state } = await visitFor(db, followUp.visitId, 'lose follow-ups');
    checkWrite(user, { entity: 'followUp', op: 'delete', visit: state }, 'lose follow-ups');
    await deleteRecord(db, 'followUp', id);
  });
}

/** Status (and due date) stay writable in every visit state, by anyone of the region: follow-ups outlive their visit (SYNC.md). */
export async function setFollowUpStatus(db: UserDb, id: string, status: FollowUpFields['status'], user: PolicyUser): Promise<LocalRecord<'followUp'>> {
  return db.transaction('rw', db.followUp, db.outbox, async () => {
    if (await db.followUp.get(id)) checkWrite(user, { entity: 'followUp', op: 'update', fields: ['status'] }, `become ${status}`);
    return saveRecord(db, 'followUp', id, { status });
  });
}

/**
 * Carries an open follow-up of an earlier visit on to this one: a new open follow-up on this visit with
 * the same text, due date cleared (the inspector agrees a new one) and the same legal flag; the old one
 * becomes `dropped`. Dropping rather than leaving it open keeps one open follow-up per matter, so the
 * municipality's open list and the coordinator's counts do not double; "done" stays reserved for a
 * matter that really was put right. Both writes happen in one transaction.
 */
export async function carryOnFollowUp(db: UserDb, earlierId: string, visitId: string, user: PolicyUser): Promise<LocalRecord<'followUp'>> {
  return db.transaction('rw', db.visit, db.followUp, db.outbox, async () => {
    const { visit, state } = await visitFor(db, visitId, 'take follow-ups');
    const fields = ['visitId', 'municipalityId', 'text', 'dueDate', 'status', 'legalShortcoming'];
    checkWrite(user, { entity: 'followUp', op: 'create', visit: state, fields }, 'take follow-ups');
    const earlier = await db.followUp.get(earlierId);
    if (!earlier || earlier.status !== 'open' || earlier.visitId === visitId) {
      throw new Error('Only an open follow-up of an earlier visit can be carried on');
    }
    checkWrite(user, { entity: 'followUp', op: 'update', fields: ['status'] }, 'drop an earlier follow-up');
    const carried = await saveRecord(db, 'followUp', uuidv7(), {
      visitId,
      municipalityId: visit.municipalityId,
      text: earlier.text,
      dueDate: null,
      status: 'open',
      legalShortcoming: earlier.legalShortcoming,
    });
    await saveRecord(db, 'followUp', earlierId, { status: 'dropped' });
    return carried;
  });
}
