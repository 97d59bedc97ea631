// The visit's records on the device: ids, sync states derived from the local tables, answers checked by
// type, follow-ups carried on, a planned visit deleted with what hangs on it.
import { describe, expect, it } from 'vitest';
import { openUserDb, type RejectionRow } from '../../src/db/database.ts';
import { answerId, saveAnswer } from '../../src/db/answers.ts';
import { carryOnFollowUp, saveFollowUp, setFollowUpStatus } from '../../src/db/follow-ups.ts';
import { saveObservation } from '../../src/db/observations.ts';
import { syncStatesOf } from '../../src/db/sync-state.ts';
import { uuidv7 } from '../../src/db/uuidv7.ts';
import { changeVisitStatus, createVisit, deleteVisit, VisitLockedError } from '../../src/db/visits.ts';
import { LocalValidationError } from '../../src/db/write.ts';
import { uuidSchema } from '../../src/shared/records.ts';

let n = 0;
const freshDb = () => openUserDb(`records-${++n}-${Date.now()}`);
const plan = (db: ReturnType<typeof openUserDb>, fields: Partial<Parameters<typeof createVisit>[1]> = {}) =>
  createVisit(db, { municipalityId: '091', templateId: 'ept-v1', inspectorId: 'u-1', plannedDate: '2025-03-01', attendees: [], ...fields });
const yesNo = { id: 'EPT-01', answerType: 'yes_partly_no_na' } as const;
const count = { id: 'EPT-03', answerType: 'number' } as const;

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
    const db = freshDb();
    const visit = await plan(db);
    expect((await syncStatesOf(db, 'visit', [visit])).get(visit.id)).toBe('local');

    // The server acknowledged it: a version, no outbox row.
    await db.outbox.clear();
    await db.visit.update(visit.id, { version: 12 });
    const synced = (await db.visit.get(visit.id))!;
    expect((await syncStatesOf(db, 'visit', [synced])).get(visit.id)).toBe('synced');

    await changeVisitStatus(db, visit.id, 'in_progress');
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
    const db = freshDb();
    const visit = await plan(db);
    await saveAnswer(db, visit.id, yesNo, { value: 'partly' });
    await saveAnswer(db, visit.id, yesNo, { comment: 'Decision of 12 March' });
    expect(await db.answer.get(answerId(visit.id, 'EPT-01'))).toMatchObject({ visitId: visit.id, itemId: 'EPT-01', value: 'partly', comment: 'Decision of 12 March' });
    await expect(saveAnswer(db, visit.id, count, { value: -1 })).rejects.toBeInstanceOf(LocalValidationError);
    await expect(saveAnswer(db, visit.id, yesNo, { value: 'maybe' })).rejects.toBeInstanceOf(LocalValidationError);
    expect(await db.answer.get(answerId(visit.id, 'EPT-03'))).toBeUndefined();
  });

  it('start a planned visit with the first value, and are refused once it is submitted', async () => {
    const db = freshDb();
    const visit = await plan(db);
    await saveAnswer(db, visit.id, yesNo, { comment: 'Before it starts' });
    expect((await db.visit.get(visit.id))?.status).toBe('planned');
    await saveAnswer(db, visit.id, yesNo, { value: 'yes' });
    expect((await db.visit.get(visit.id))?.status).toBe('in_progress');
    await changeVisitStatus(db, visit.id, 'submitted');
    await expect(saveAnswer(db, visit.id, yesNo, { value: 'no' })).rejects.toBeInstanceOf(VisitLockedError);
    await expect(changeVisitStatus(db, visit.id, 'approved')).rejects.toBeInstanceOf(VisitLockedError);
    expect((await db.answer.get(answerId(visit.id, 'EPT-01')))?.value).toBe('yes');
  });
});

describe('follow-ups', () => {
  it('carry on: a new open one on this visit, the earlier one dropped, in one go', async () => {
    const db = freshDb();
    const earlier = await plan(db, { plannedDate: '2024-03-01' });
    const old = await saveFollowUp(db, earlier.id, { text: 'Name a working group', dueDate: '2024-09-01', legalShortcoming: true });
    await changeVisitStatus(db, earlier.id, 'in_progress');
    await changeVisitStatus(db, earlier.id, 'submitted');
    const now = await plan(db);

    const carried = await carryOnFollowUp(db, old.id, now.id);
    expect(carried).toMatchObject({ visitId: now.id, municipalityId: '091', text: 'Name a working group', status: 'open', legalShortcoming: true, dueDate: null });
    expect((await db.followUp.get(old.id))?.status).toBe('dropped');
    await expect(carryOnFollowUp(db, old.id, now.id)).rejects.toThrow(/open follow-up/);

    // Marking done works whatever the earlier visit's state (follow-ups outlive their visit).
    const other = await saveFollowUp(db, now.id, { text: 'Publish the plan', legalShortcoming: false });
    await setFollowUpStatus(db, other.id, 'done');
    expect((await db.followUp.get(other.id))?.status).toBe('done');
  });
});

describe('deleting a planned visit', () => {
  it('takes its answers, observations and follow-ups with it; a visit that never left the device leaves no outbox row', async () => {
    const db = freshDb();
    const visit = await plan(db);
    await saveAnswer(db, visit.id, yesNo, { comment: 'note' });
    await saveObservation(db, { visitId: visit.id, kind: 'note', text: 'Met the group' });
    await saveFollowUp(db, visit.id, { text: 'Publish the plan', legalShortcoming: false });
    await deleteVisit(db, visit.id);
    expect(await db.visit.count()).toBe(0);
    expect(await db.answer.count()).toBe(0);
    expect(await db.observation.count()).toBe(0);
    expect(await db.followUp.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('queues the deletes of what the server had, children before the visit; never once it is started', async () => {
    const db = freshDb();
    const visit = await plan(db);
    const observation = await saveObservation(db, { visitId: visit.id, kind: 'concern', text: 'No plan' });
    await db.outbox.clear();
    await db.visit.update(visit.id, { version: 3 });
    await db.observation.update(observation.id, { version: 3 });
    await deleteVisit(db, visit.id);
    expect((await db.outbox.orderBy('seq').toArray()).map((r) => [r.entity, r.op])).toEqual([
      ['observation', 'delete'],
      ['visit', 'delete'],
    ]);

    const started = await plan(db);
    await changeVisitStatus(db, started.id, 'in_progress');
    await expect(deleteVisit(db, started.id)).rejects.toBeInstanceOf(VisitLockedError);
  });
});
