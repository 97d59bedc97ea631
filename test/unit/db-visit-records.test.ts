// The visit's records on the device: ids, sync states derived from the local tables, answers checked by
// type, follow-ups carried on, a planned visit deleted with what hangs on it, and every write checked
// against the shared policy for the signed-in user.
import { describe, expect, it } from 'vitest';
import { openUserDb, type RejectionRow } from '../../src/db/database.ts';
import { discardRejection, resendRejection } from '../../src/db/rejections.ts';
import { answerId, saveAnswer } from '../../src/db/answers.ts';
import { deleteContact, saveContact, setContactActive } from '../../src/db/contacts.ts';
import { carryOnFollowUp, deleteFollowUp, saveFollowUp, setFollowUpStatus } from '../../src/db/follow-ups.ts';
import { deleteObservation, saveObservation } from '../../src/db/observations.ts';
import { decideReview, saveReviewComment, saveReviewNote } from '../../src/db/review.ts';
import { syncStatesOf } from '../../src/db/sync-state.ts';
import { uuidv7 } from '../../src/db/uuidv7.ts';
import { changeVisitStatus, createVisit, deleteVisit, saveVisitFields, VisitLockedError, WriteRefusedError } from '../../src/db/visits.ts';
import type { User } from '../../src/shared/auth.ts';
import { LocalValidationError } from '../../src/db/write.ts';
import { uuidSchema } from '../../src/shared/records.ts';
import { templateItemSchema } from '../../src/shared/reference.ts';

let n = 0;
type Db = ReturnType<typeof openUserDb>;
/** A user's database holding Helsinki (091, avi-1) and Espoo (049, avi-2), as the first pull brings them. */
async function freshDb(): Promise<Db> {
  const db = openUserDb(`records-${++n}-${Date.now()}`);
  const province = { code: '01', fi: 'Uusimaa', sv: 'Nyland' };
  await db.municipality.bulkPut([
    { id: '091', name: { fi: 'Helsinki', sv: 'Helsingfors' }, regionId: 'avi-1', province },
    { id: '049', name: { fi: 'Espoo', sv: 'Esbo' }, regionId: 'avi-2', province },
  ]);
  return db;
}
/** The user the database belongs to (one database per signed-in user). */
const ownerOf = (db: Db) => db.name.replace(/^tillsyn-/, '');
/** The database's own user, signed in: an inspector of avi-1. */
const owner = (db: Db) => ({ id: ownerOf(db), role: 'inspector' as const, regionIds: ['avi-1'] });
/** A visit planned by the database's own user. */
const plan = (db: Db, fields: Partial<Parameters<typeof createVisit>[1]> = {}) =>
  createVisit(db, { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: ownerOf(db), plannedDate: '2025-03-01', attendees: [], ...fields }, owner(db));
const text3 = { fi: 'x', sv: 'x', en: 'x' };
const itemOf = (fields: Record<string, unknown>) => templateItemSchema.parse({ sectionId: 's', question: text3, basis: text3, ...fields });
const yesNo = itemOf({ id: 'EPT-01', answerType: 'yes_partly_no_na' });
const count = itemOf({ id: 'EPT-03', answerType: 'number' });

describe('uuidv7', () => {
  it('makes RFC 9562 version-7 UUIDs that sort by time', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    for (const id of [a, b, uuidv7()]) {
      expect(uuidSchema.safeParse(id).success).toBe(true);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]!);
    }
    expect(a.slice(0, 13)).toBe('018bcfe5-6800');
    expect(a < b).toBe(true);
    expect(new Set(Array.from({ length: 200 }, () => uuidv7(0))).size).toBe(200);
  });
});

describe('sync state', () => {
  it('is local, queued, synced or rejected, from the outbox, the version and the rejections', async () => {
    const db = await freshDb();
    const me = owner(db);
    const visit = await plan(db);
    expect((await syncStatesOf(db, 'visit', [visit])).get(visit.id)).toBe('local');

    // The server acknowledged it: a version, no outbox row.
    await db.outbox.clear();
    await db.visit.update(visit.id, { version: 12 });
    const synced = (await db.visit.get(visit.id))!;
    expect((await syncStatesOf(db, 'visit', [synced])).get(visit.id)).toBe('synced');

    await changeVisitStatus(db, visit.id, 'in_progress', me);
    const edited = (await db.visit.get(visit.id))!;
    expect((await syncStatesOf(db, 'visit', [edited])).get(visit.id)).toBe('queued');

    const rejected: RejectionRow = {
      seq: 99,
      entity: 'visit',
      id: visit.id,
      op: 'upsert',
      baseVersion: 12,
      fields: { status: 'submitted' },
      queuedAt: '2025-03-01T10:00:00.000Z',
      error: { code: 'INCOMPLETE', message: 'missing' },
      rejectedAt: '2025-03-01T10:01:00.000Z',
    };
    // Dexie's insert type omits over the upsert/delete union as a whole and loses `fields`.
    await db.rejections.put(rejected as Parameters<typeof db.rejections.put>[0]);
    expect((await syncStatesOf(db, 'visit', [edited])).get(visit.id)).toBe('rejected');
    // Another entity's rejection with the same id does not count.
    expect((await syncStatesOf(db, 'answer', [{ id: visit.id, version: 1 }])).get(visit.id)).toBe('synced');
  });
});

describe('answers', () => {
  it('are one record per visit and item, checked against the item type', async () => {
    const db = await freshDb();
    const me = owner(db);
    const visit = await plan(db);
    await saveAnswer(db, visit.id, yesNo, { value: 'partly' }, me);
    await saveAnswer(db, visit.id, yesNo, { comment: 'Decision of 12 March' }, me);
    expect(await db.answer.get(answerId(visit.id, 'EPT-01'))).toMatchObject({ visitId: visit.id, itemId: 'EPT-01', value: 'partly', comment: 'Decision of 12 March' });
    await expect(saveAnswer(db, visit.id, count, { value: -1 }, me)).rejects.toBeInstanceOf(LocalValidationError);
    await expect(saveAnswer(db, visit.id, yesNo, { value: 'maybe' }, me)).rejects.toBeInstanceOf(LocalValidationError);
    expect(await db.answer.get(answerId(visit.id, 'EPT-03'))).toBeUndefined();
  });

  it('start a planned visit with the first value, and are refused once it is submitted', async () => {
    const db = await freshDb();
    const me = owner(db);
    const visit = await plan(db);
    await saveAnswer(db, visit.id, yesNo, { comment: 'Before it starts' }, me);
    expect((await db.visit.get(visit.id))?.status).toBe('planned');
    await saveAnswer(db, visit.id, yesNo, { value: 'yes' }, me);
    expect((await db.visit.get(visit.id))?.status).toBe('in_progress');
    await changeVisitStatus(db, visit.id, 'submitted', me);
    await expect(saveAnswer(db, visit.id, yesNo, { value: 'no' }, me)).rejects.toBeInstanceOf(VisitLockedError);
    // Approving is the coordinators' move, as the server would say.
    await expect(changeVisitStatus(db, visit.id, 'approved', me)).rejects.toMatchObject({ name: 'WriteRefusedError', code: 'FORBIDDEN' });
    expect((await db.answer.get(answerId(visit.id, 'EPT-01')))?.value).toBe('yes');
  });
});

describe('follow-ups', () => {
  it('carry on: a new open one on this visit, the earlier one dropped, in one go', async () => {
    const db = await freshDb();
    const me = owner(db);
    const earlier = await plan(db, { plannedDate: '2024-03-01' });
    const old = await saveFollowUp(db, earlier.id, { text: 'Name a working group', dueDate: '2024-09-01', legalShortcoming: true }, undefined, me);
    await changeVisitStatus(db, earlier.id, 'in_progress', me);
    await changeVisitStatus(db, earlier.id, 'submitted', me);
    const now = await plan(db);

    const carried = await carryOnFollowUp(db, old.id, now.id, me);
    expect(carried).toMatchObject({ visitId: now.id, municipalityId: '091', text: 'Name a working group', status: 'open', legalShortcoming: true, dueDate: null });
    expect((await db.followUp.get(old.id))?.status).toBe('dropped');
    await expect(carryOnFollowUp(db, old.id, now.id, me)).rejects.toThrow(/open follow-up/);

    // Marking done works whatever the earlier visit's state (follow-ups outlive their visit).
    const other = await saveFollowUp(db, now.id, { text: 'Publish the plan', legalShortcoming: false }, undefined, me);
    await setFollowUpStatus(db, other.id, 'done', me);
    expect((await db.followUp.get(other.id))?.status).toBe('done');
  });
});

describe('deleting a planned visit', () => {
  it('takes its answers, observations and follow-ups with it; a visit that never left the device leaves no outbox row', async () => {
    const db = await freshDb();
    const me = owner(db);
    const visit = await plan(db);
    await saveAnswer(db, visit.id, yesNo, { comment: 'note' }, me);
    await saveObservation(db, { visitId: visit.id, kind: 'note', text: 'Met the group' }, undefined, me);
    await saveFollowUp(db, visit.id, { text: 'Publish the plan', legalShortcoming: false }, undefined, me);
    await deleteVisit(db, visit.id, me);
    expect(await db.visit.count()).toBe(0);
    expect(await db.answer.count()).toBe(0);
    expect(await db.observation.count()).toBe(0);
    expect(await db.followUp.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('queues the deletes of what the server had, children before the visit; never once it is started', async () => {
    const db = await freshDb();
    const me = owner(db);
    const visit = await plan(db);
    const observation = await saveObservation(db, { visitId: visit.id, kind: 'concern', text: 'No plan' }, undefined, me);
    await db.outbox.clear();
    await db.visit.update(visit.id, { version: 3 });
    await db.observation.update(observation.id, { version: 3 });
    await deleteVisit(db, visit.id, me);
    expect((await db.outbox.orderBy('seq').toArray()).map((r) => [r.entity, r.op])).toEqual([
      ['observation', 'delete'],
      ['visit', 'delete'],
    ]);

    const started = await plan(db);
    await changeVisitStatus(db, started.id, 'in_progress', me);
    await expect(deleteVisit(db, started.id, me)).rejects.toBeInstanceOf(VisitLockedError);
  });
});

describe('the policy on the device', () => {
  const person = (id: string, role: User['role'], regionIds = ['avi-1']) => ({ id, role, regionIds });
  /** The outbox as it stands: a refused write adds nothing to it. */
  const queued = (db: Db) => db.outbox.count();
  const contact = { name: 'Aino Laine', title: '', organisation: '', areas: ['welfare' as const], email: '', phone: '', notes: '', active: true };

  it("refuses the signed-in user what the server would refuse, with the server's code, storing nothing", async () => {
    const db = await freshDb();
    const me = person(ownerOf(db), 'inspector');
    const colleague = person('u-colleague', 'inspector');
    const coordinator = person('u-coord', 'coordinator');
    const far = person('u-far', 'inspector', ['avi-2']);
    const admin = person('u-admin', 'admin', []);
    const visit = await plan(db);
    const before = await queued(db);
    const refusals: [string, Promise<unknown>][] = [
      ['FORBIDDEN', saveAnswer(db, visit.id, yesNo, { value: 'yes' }, far)],
      ['FORBIDDEN', saveAnswer(db, visit.id, yesNo, { value: 'yes' }, colleague)],
      ['FIELD_NOT_OWNED', saveVisitFields(db, visit.id, { summary: 'Not mine' }, coordinator)],
      ['FORBIDDEN', saveObservation(db, { visitId: visit.id, kind: 'note', text: 'Not mine' }, undefined, colleague)],
      ['FORBIDDEN', saveFollowUp(db, visit.id, { text: 'Not mine', legalShortcoming: false }, undefined, coordinator)],
      ['FORBIDDEN', changeVisitStatus(db, visit.id, 'in_progress', colleague)],
      ['FORBIDDEN', deleteVisit(db, visit.id, coordinator)],
      ['FORBIDDEN', createVisit(db, { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: 'u-colleague', plannedDate: '2025-04-01', attendees: [] }, me)],
      ['FORBIDDEN', createVisit(db, { municipalityId: '049', templateIds: ['ept-v2'], inspectorId: me.id, plannedDate: '2025-04-01', attendees: [] }, me)],
      ['FORBIDDEN', saveContact(db, '091', contact, undefined, admin)],
      ['FORBIDDEN', saveContact(db, '049', contact, undefined, me)],
      ['VISIT_LOCKED', saveReviewNote(db, visit.id, 'Too early', coordinator)],
      ['BAD_TRANSITION', decideReview(db, visit.id, 'approved', {}, coordinator)],
    ];
    const got = await Promise.all(refusals.map(([, p]) => p.then(() => 'ok', (e: unknown) => (e instanceof WriteRefusedError ? e.code : String(e)))));
    expect(got).toEqual(refusals.map(([code]) => code));
    expect(await queued(db)).toBe(before);
  });

  it('lets each write what the server lets them', async () => {
    const db = await freshDb();
    const me = person(ownerOf(db), 'inspector');
    const coordinator = person('u-coord', 'coordinator');
    const visit = await createVisit(db, { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: me.id, plannedDate: '2025-03-01', attendees: [] }, me);
    await saveAnswer(db, visit.id, yesNo, { value: 'yes' }, me);
    const observation = await saveObservation(db, { visitId: visit.id, kind: 'note', text: 'Met the group' }, undefined, me);
    const followUp = await saveFollowUp(db, visit.id, { text: 'Publish the plan', legalShortcoming: false }, undefined, me);
    await deleteObservation(db, observation.id, me);
    await changeVisitStatus(db, visit.id, 'submitted', me);
    // In review: the coordinator's comments, note and decision; the follow-up's status by anyone of the region.
    await saveReviewComment(db, visit.id, 'EPT-02', 'Name the decision', coordinator);
    await saveReviewNote(db, visit.id, 'Good work', coordinator);
    await setFollowUpStatus(db, followUp.id, 'done', coordinator);
    await expect(deleteFollowUp(db, followUp.id, me)).rejects.toBeInstanceOf(VisitLockedError);
    await decideReview(db, visit.id, 'returned', { returnReason: 'Add the summary' }, coordinator);
    await saveVisitFields(db, visit.id, { summary: 'Added' }, me);
    expect(await db.visit.get(visit.id)).toMatchObject({ status: 'returned', reviewNote: 'Good work', returnReason: 'Add the summary', summary: 'Added' });
    expect(await db.answer.get(answerId(visit.id, 'EPT-02'))).toMatchObject({ value: null, reviewComment: 'Name the decision' });

    const aino = await saveContact(db, '091', contact, undefined, coordinator);
    await setContactActive(db, aino.id, false, me);
    await expect(setContactActive(db, aino.id, true, person('u-admin', 'admin', []))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await deleteContact(db, aino.id, me);
    expect(await db.contact.count()).toBe(0);
  });
});

describe('rejected changes', () => {
  it('resend and discard leave every row that left in a push, flagged or not, until its answer comes', async () => {
    const db = await freshDb();
    const visit = await plan(db);
    await db.visit.update(visit.id, { version: 12 });
    await db.outbox.clear();
    const row = (seq: number, fields: Record<string, unknown>, inFlight?: true) =>
      ({ seq, entity: 'visit', id: visit.id, op: 'upsert', baseVersion: 12, fields, queuedAt: `2025-03-01T10:0${seq}:00.000Z`, ...(inFlight ? { inFlight } : {}) }) as const;
    // Rows 1 and 2 left in one batch (only its last row carries the flag); row 3 waits unsent.
    await db.outbox.bulkAdd([row(1, { notes: 'sent, unanswered' }), row(2, { plannedDate: '2025-03-02' }, true), row(3, { notes: 'unsent' })]);
    const rejection = (seq: number): RejectionRow => ({
      ...row(seq, { status: 'submitted' }),
      error: { code: 'INCOMPLETE', message: 'missing' },
      rejectedAt: '2025-03-01T10:09:00.000Z',
    });
    await db.rejections.put(rejection(0) as Parameters<typeof db.rejections.put>[0]);

    expect(await resendRejection(db, 0)).toBe('queued');
    const afterResend = await db.outbox.orderBy('seq').toArray();
    // The two sent rows stay as they were; the unsent one joined the resent change.
    expect(afterResend.map((r) => r.seq).slice(0, 2)).toEqual([1, 2]);
    expect(afterResend).toHaveLength(3);
    expect(afterResend[2]).toMatchObject({ op: 'upsert', fields: { status: 'planned' } });

    await db.rejections.put(rejection(-1) as Parameters<typeof db.rejections.put>[0]);
    await db.visit.update(visit.id, { version: undefined });
    expect(await discardRejection(db, -1)).toBe('removed');
    // The server has no copy: unsent edits go with the record, the sent ones wait for their answers.
    expect((await db.outbox.orderBy('seq').toArray()).map((r) => r.seq)).toEqual([1, 2]);
  });
});

describe('values the server would refuse', () => {
  it('are refused on the device before anything is queued: text that is not Unicode', async () => {
    const db = await freshDb();
    const visit = await plan(db);
    const queued = await db.outbox.count();
    // A lone surrogate, as a broken paste can leave one.
    await expect(saveVisitFields(db, visit.id, { summary: 'Kokous \uD800 pidettiin' }, owner(db))).rejects.toMatchObject({
      name: 'LocalValidationError',
      issues: [{ path: ['summary'], message: expect.stringMatching(/lone surrogate/) }],
    });
    expect(await db.outbox.count()).toBe(queued);
    expect((await db.visit.get(visit.id))?.summary).toBeUndefined();
    await saveVisitFields(db, visit.id, { summary: 'Kokous pidettiin 😊' }, owner(db));
    expect((await db.visit.get(visit.id))?.summary).toBe('Kokous pidettiin 😊');
  });
});
