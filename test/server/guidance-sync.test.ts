// Guidance given between visits over real HTTP: logged by an inspector of the municipality's region, its
// follow-up moved on by a coordinator of the region; an inspector of another region can neither log
// guidance for the municipality nor change or delete an entry (FORBIDDEN, nothing written, no record
// handed back), and does not see it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/server/auth/users.ts';
import { PASSWORD, login, outcome, startTestServer, syncOverHttp, type TestServer } from './helpers.ts';

let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.store, { username: 'mikko', name: 'Mikko Nieminen', role: 'inspector', regionIds: ['avi-2'], password: PASSWORD });
  await addUser(server.store, { username: 'kaisa', name: 'Kaisa Korhonen', role: 'coordinator', regionIds: ['avi-1'], password: PASSWORD });
  for (const name of ['ilona', 'mikko', 'kaisa']) tokens[name] = ((await (await login(server, name)).json()) as { token: string }).token;
});
afterAll(async () => {
  await server.close();
});

const { push, seenBy } = syncOverHttp(() => server, tokens);
const guidanceSeenBy = (user: string) => seenBy(user, 'guidance');
const historyOf = (id: string) => server.store.db.prepare("SELECT COUNT(*) AS n FROM history WHERE entity = 'guidance' AND record_id = ?").get(id) as { n: number };

const fields = {
  municipalityId: '091', // Helsinki, avi-1
  date: '2026-11-20',
  channel: 'phone',
  areas: ['substance'],
  topic: 'Ehkäisevän päihdetyön suunnitelma',
  contactIds: [],
  notes: null,
  followUpText: 'Kaupunki lähettää suunnitelman luonnoksen',
  followUpDue: '2027-01-31',
  followUpStatus: 'open',
};

describe('guidance between visits', () => {
  it('is written by the region’s inspectors and coordinators and refused to an inspector of another region', async () => {
    const id = randomUUID();
    const logged = await push('ilona', [{ seq: 1, entity: 'guidance', id, op: 'upsert', baseVersion: null, fields }]);
    expect(outcome(logged)).toEqual(['applied']);

    // Another region's inspector: a new entry for the municipality, a change, a delete; all refused.
    const foreign = await push('mikko', [
      { seq: 1, entity: 'guidance', id: randomUUID(), op: 'upsert', baseVersion: null, fields: { ...fields, topic: 'Not my region' } },
      { seq: 2, entity: 'guidance', id, op: 'upsert', baseVersion: logged.version, fields: { followUpStatus: 'dropped' } },
      { seq: 3, entity: 'guidance', id, op: 'delete', baseVersion: logged.version },
    ]);
    expect(outcome(foreign)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    // A rejection hands over no record of a region the user does not see.
    expect(foreign.results.map((r) => 'record' in r && r.record)).toEqual([null, null, null]);
    expect(historyOf(id).n).toBe(1);
    expect(await guidanceSeenBy('mikko')).toEqual([]);

    // The region's coordinator sees the entry as logged and marks its follow-up done.
    const seen = await guidanceSeenBy('kaisa');
    expect(seen).toEqual([expect.objectContaining({ id, topic: 'Ehkäisevän päihdetyön suunnitelma', followUpStatus: 'open', deleted: false })]);
    const done = await push('kaisa', [{ seq: 1, entity: 'guidance', id, op: 'upsert', baseVersion: logged.version, fields: { followUpStatus: 'done' } }]);
    expect(outcome(done)).toEqual(['applied']);
    expect(historyOf(id).n).toBe(2);
    expect((await guidanceSeenBy('ilona'))[0]).toMatchObject({ id, followUpStatus: 'done' });
  });
});
