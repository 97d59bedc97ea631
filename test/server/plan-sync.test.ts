// A municipality's plans over real HTTP: recorded by an inspector of the municipality's region, its next
// revision moved by a coordinator of the region; an inspector of another region can neither record a plan
// for the municipality nor change or delete one (FORBIDDEN, nothing written, no record handed back), and
// does not see it. A document link that is not http or https is refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/server/auth/users.ts';
import { PASSWORD, login, outcome, startTestServer, syncOverHttp, type TestServer } from './helpers.ts';

let server: TestServer;
const tokens: Record<string, string> = {};
let ilonaId = '';

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.store, { username: 'mikko', name: 'Mikko Nieminen', role: 'inspector', regionIds: ['avi-2'], password: PASSWORD });
  await addUser(server.store, { username: 'kaisa', name: 'Kaisa Korhonen', role: 'coordinator', regionIds: ['avi-1'], password: PASSWORD });
  for (const name of ['ilona', 'mikko', 'kaisa']) {
    const body = (await (await login(server, name)).json()) as { token: string; user: { id: string } };
    tokens[name] = body.token;
    if (name === 'ilona') ilonaId = body.user.id;
  }
});
afterAll(async () => {
  await server.close();
});

const { push, seenBy } = syncOverHttp(() => server, tokens);
const plansSeenBy = (user: string) => seenBy(user, 'plan');
const historyOf = (id: string) => server.store.db.prepare("SELECT COUNT(*) AS n FROM history WHERE entity = 'plan' AND record_id = ?").get(id) as { n: number };

const fields = {
  municipalityId: '091', // Helsinki, avi-1
  kind: 'welfare_plan',
  title: 'Hyvinvointikertomus ja -suunnitelma 2025–2028',
  adoptedOn: '2025-11-10',
  adoptedBy: 'Kaupunginvaltuusto',
  validFrom: '2025-11-10',
  validTo: '2029-05-31',
  nextRevisionDue: '2029-05-31',
  documentUrl: 'https://www.hel.fi/hyte/suunnitelma.pdf',
  reviewVisitId: null,
  notes: null,
};

describe('a municipality’s plans', () => {
  it('are written by the region’s inspectors and coordinators and refused to an inspector of another region', async () => {
    const id = randomUUID();
    const recorded = await push('ilona', [{ seq: 1, entity: 'plan', id, op: 'upsert', baseVersion: null, fields }]);
    expect(outcome(recorded)).toEqual(['applied']);

    // Another region's inspector: a new plan for the municipality, a change, a delete; all refused.
    const foreign = await push('mikko', [
      { seq: 1, entity: 'plan', id: randomUUID(), op: 'upsert', baseVersion: null, fields: { ...fields, kind: 'safety' } },
      { seq: 2, entity: 'plan', id, op: 'upsert', baseVersion: recorded.version, fields: { nextRevisionDue: '2030-01-01' } },
      { seq: 3, entity: 'plan', id, op: 'delete', baseVersion: recorded.version },
    ]);
    expect(outcome(foreign)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    // A rejection hands over no record of a region the user does not see.
    expect(foreign.results.map((r) => 'record' in r && r.record)).toEqual([null, null, null]);
    expect(historyOf(id).n).toBe(1);
    expect(await plansSeenBy('mikko')).toEqual([]);

    // The region's coordinator sees the plan and moves its next revision.
    expect(await plansSeenBy('kaisa')).toEqual([expect.objectContaining({ id, kind: 'welfare_plan', adoptedBy: 'Kaupunginvaltuusto', deleted: false })]);
    const moved = await push('kaisa', [{ seq: 1, entity: 'plan', id, op: 'upsert', baseVersion: recorded.version, fields: { nextRevisionDue: '2029-03-31' } }]);
    expect(outcome(moved)).toEqual(['applied']);
    expect(historyOf(id).n).toBe(2);
    expect((await plansSeenBy('ilona'))[0]).toMatchObject({ id, nextRevisionDue: '2029-03-31' });
  });

  it('refuses a document link that is not http or https', async () => {
    const id = randomUUID();
    const refused = await push('ilona', [{ seq: 1, entity: 'plan', id, op: 'upsert', baseVersion: null, fields: { ...fields, documentUrl: 'javascript:alert(1)' } }]);
    expect(outcome(refused)).toEqual(['INVALID']);
    expect(historyOf(id).n).toBe(0);
  });

  it('takes as its review only a visit of the same municipality on the plans’ checklist', async () => {
    const visit = (municipalityId: string, templateIds: string[]) => ({
      seq: 1,
      entity: 'visit',
      id: randomUUID(),
      op: 'upsert',
      baseVersion: null,
      fields: { municipalityId, templateIds, inspectorId: ilonaId, plannedDate: '2027-02-01', status: 'planned', attendees: [] },
    });
    const review = visit('091', ['plan-v1']);
    const otherTown = visit('049', ['plan-v1']); // Espoo, avi-1 too
    const substance = visit('091', ['ept-v2']);
    for (const v of [review, otherTown, substance]) expect(outcome(await push('ilona', [v]))).toEqual(['applied']);
    const answer = await push('ilona', [
      { seq: 1, entity: 'plan', id: randomUUID(), op: 'upsert', baseVersion: null, fields: { ...fields, reviewVisitId: otherTown.id } },
      { seq: 2, entity: 'plan', id: randomUUID(), op: 'upsert', baseVersion: null, fields: { ...fields, reviewVisitId: substance.id } },
      { seq: 3, entity: 'plan', id: randomUUID(), op: 'upsert', baseVersion: null, fields: { ...fields, reviewVisitId: randomUUID() } },
      { seq: 4, entity: 'plan', id: randomUUID(), op: 'upsert', baseVersion: null, fields: { ...fields, reviewVisitId: review.id } },
    ]);
    expect(outcome(answer)).toEqual(['INVALID', 'INVALID', 'INVALID', 'applied']);
    expect(answer.results.slice(0, 3).map((r) => r.status === 'rejected' && r.error.path)).toEqual([['reviewVisitId'], ['reviewVisitId'], ['reviewVisitId']]);
  });
});
