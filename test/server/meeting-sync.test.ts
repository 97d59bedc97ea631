// A network meeting over real HTTP: planned by an inspector of its region, attendance recorded by another
// of the region; an inspector of another region cannot record who came (FORBIDDEN, nothing written, no
// record handed back) nor see the meeting.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/server/auth/users.ts';
import { PASSWORD, login, outcome, startTestServer, syncOverHttp, type TestServer } from './helpers.ts';

let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.store, { username: 'mikko', name: 'Mikko Nieminen', role: 'inspector', regionIds: ['avi-2'], password: PASSWORD });
  await addUser(server.store, { username: 'ilkka', name: 'Ilkka Laine', role: 'inspector', regionIds: ['avi-1'], password: PASSWORD });
  for (const name of ['ilona', 'mikko', 'ilkka']) tokens[name] = ((await (await login(server, name)).json()) as { token: string }).token;
});
afterAll(async () => {
  await server.close();
});

const { push, seenBy } = syncOverHttp(() => server, tokens);
const meetingsSeenBy = (user: string) => seenBy(user, 'meeting');

describe('a network meeting’s attendance', () => {
  it('is recorded by the region’s inspectors and refused to an inspector of another region', async () => {
    const id = randomUUID();
    const contactId = randomUUID();
    const planned = await push('ilona', [
      { seq: 1, entity: 'contact', id: contactId, op: 'upsert', baseVersion: null, fields: { municipalityId: '091', name: 'Helka Helsinkiläinen', areas: ['substance'], active: true } },
      {
        seq: 2,
        entity: 'meeting',
        id,
        op: 'upsert',
        baseVersion: null,
        fields: { regionId: 'avi-1', title: 'Verkostotapaaminen', kind: 'network', areas: ['substance'], date: '2026-03-04', status: 'planned', invited: [contactId], attended: [], guests: [], materials: [] },
      },
    ]);
    expect(outcome(planned)).toEqual(['applied', 'applied']);
    const made = planned.results[1]!;
    const version = made.status === 'applied' ? made.version : -1;

    const foreign = await push('mikko', [
      { seq: 1, entity: 'meeting', id, op: 'upsert', baseVersion: version, fields: { attended: [contactId] } },
      { seq: 2, entity: 'meeting', id, op: 'upsert', baseVersion: version, fields: { guests: [{ municipalityId: '091', count: 3, names: null }] } },
    ]);
    expect(outcome(foreign)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(foreign.results.map((r) => ('record' in r ? r.record : undefined))).toEqual([null, null]);
    expect(await meetingsSeenBy('mikko')).toEqual([]);

    const ownRegion = await push('ilkka', [{ seq: 1, entity: 'meeting', id, op: 'upsert', baseVersion: version, fields: { attended: [contactId], status: 'held' } }]);
    expect(outcome(ownRegion)).toEqual(['applied']);
    const [stored] = await meetingsSeenBy('ilona');
    expect(stored).toMatchObject({ id, attended: [contactId], guests: [], status: 'held' });
  });
});
