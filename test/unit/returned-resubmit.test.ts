// @vitest-environment node
// A returned visit is submitted again with one button (src/ui/features/visit/submit-visit.ts): the
// workflow has no returned → submitted, so the device queues returned → in_progress, then in_progress →
// submitted, two outbox rows in that order; the real server (in-process) accepts both, in one push or two.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeVisitStatus } from '../../src/db/visits.ts';
import { saveRecord } from '../../src/db/write.ts';
import { submitVisit } from '../../src/ui/features/visit/submit-visit.ts';
import { ALL_EPT_ANSWERS, conflictLog, device, expectAppliedOnce, expectConverged, historyOf, serverView, startServer, uuid, visitFields, type Device, type Server } from './sync-harness.ts';

vi.setConfig({ testTimeout: 60_000 });

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

/** The inspector's visit, answered, submitted, and returned by the coordinator; both devices synced. */
async function returnedVisit(): Promise<{ insp: Device; coord: Device; visitId: string }> {
  const insp = await device(server, 'ilona');
  const coord = await device(server, 'kaisa');
  const visitId = uuid();
  await saveRecord(insp.db, 'visit', visitId, visitFields(insp.user.id));
  for (const [itemId, value] of ALL_EPT_ANSWERS) await saveRecord(insp.db, 'answer', `${visitId}:${itemId}`, { visitId, itemId, value });
  await changeVisitStatus(insp.db, visitId, 'submitted', insp.user);
  await insp.sync();
  await coord.sync();
  await saveRecord(coord.db, 'answer', `${visitId}:EPT-02`, { reviewComment: 'Name the working group.' });
  await saveRecord(coord.db, 'visit', visitId, { status: 'returned', returnReason: 'Answer EPT-02 again, please.' });
  await coord.sync();
  await insp.sync();
  expect((await insp.db.visit.get(visitId))?.status).toBe('returned');
  return { insp, coord, visitId };
}

describe('submitting a returned visit again', () => {
  it('queues the two steps in order, and the server accepts both in one push', async () => {
    const { insp, coord, visitId } = await returnedVisit();
    await saveRecord(insp.db, 'answer', `${visitId}:EPT-02`, { comment: 'The welfare group, chaired by the mayor.' });
    await submitVisit(insp.db, visitId, 'returned', insp.user);

    const rows = (await insp.db.outbox.orderBy('seq').toArray()).filter((r) => r.entity === 'visit');
    expect(rows.map((r) => (r.op === 'upsert' ? r.fields : null))).toEqual([{ status: 'in_progress' }, { status: 'submitted' }]);

    await insp.sync();
    expect(await insp.db.rejections.toArray()).toEqual([]);
    expect(conflictLog(server)).toEqual([]);
    expect(serverView(server, insp.user).get(`visit/${visitId}`)?.['status']).toBe('submitted');
    const statuses = historyOf(server, 'visit', visitId).map((h) => JSON.parse(h.after ?? '{}').status);
    expect(statuses.slice(-3)).toEqual(['returned', 'in_progress', 'submitted']);

    await coord.sync();
    expect((await coord.db.visit.get(visitId))?.status).toBe('submitted');
    await expectConverged(server, insp);
    await expectConverged(server, coord);
    expectAppliedOnce(server);
  });

  it('is accepted when the two steps reach the server in separate pushes', async () => {
    const { insp, visitId } = await returnedVisit();
    await changeVisitStatus(insp.db, visitId, 'in_progress', insp.user);
    await insp.sync();
    // The first step has gone and come back before the second is queued (a sync between the two writes).
    await changeVisitStatus(insp.db, visitId, 'submitted', insp.user);
    await insp.sync();
    expect(await insp.db.rejections.toArray()).toEqual([]);
    expect(serverView(server, insp.user).get(`visit/${visitId}`)?.['status']).toBe('submitted');
    await expectConverged(server, insp);
    expectAppliedOnce(server);
  });
});
