// The sync endpoints over real HTTP: the checks of every request, the limits, who may see and write
// what, paging, tombstones and resets, and the history each write leaves.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/server/auth/users.ts';
import { pullResponseSchema, pushResponseSchema, type PullResponse, type PushResponse, SCHEMA_VERSION } from '../../src/shared/protocol.ts';
import { PASSWORD, expectError, login, startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.store, { username: 'kaisa', name: 'Kaisa Korhonen', role: 'coordinator', regionIds: ['avi-1'], password: PASSWORD });
  await addUser(server.store, { username: 'mikko', name: 'Mikko Nieminen', role: 'inspector', regionIds: ['avi-2'], password: PASSWORD });
  await addUser(server.store, { username: 'ilkka', name: 'Ilkka Laine', role: 'inspector', regionIds: ['avi-1'], password: PASSWORD });
  for (const name of ['ilona', 'kaisa', 'mikko', 'ilkka']) {
    const body = (await (await login(server, name)).json()) as { token: string; user: { id: string } };
    tokens[name] = body.token;
    ids[name] = body.user.id;
  }
});
afterAll(async () => {
  await server.close();
});

type Headers = Record<string, string>;
const auth = (user: string, extra: Headers = {}): Headers => ({ authorization: `Bearer ${tokens[user]}`, 'x-schema-version': String(SCHEMA_VERSION), ...extra });

function push(user: string | null, body: unknown, headers: Headers = {}): Promise<Response> {
  return fetch(`${server.url}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(user ? auth(user) : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function pushOk(user: string, clientId: string, mutations: unknown[]): Promise<PushResponse> {
  const res = await push(user, { clientId, schemaVersion: SCHEMA_VERSION, mutations });
  expect(res.status, await res.clone().text()).toBe(200);
  return pushResponseSchema.parse(await res.json());
}

function pull(user: string | null, query = '', headers: Headers = {}): Promise<Response> {
  return fetch(`${server.url}/api/sync/pull${query}`, { headers: { ...(user ? auth(user) : {}), ...headers } });
}

async function pullAll(user: string, limit = 1000, from?: string): Promise<{ pages: PullResponse[]; cursor: string | undefined }> {
  const pages: PullResponse[] = [];
  let cursor = from;
  for (;;) {
    const res = await pull(user, `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const page = pullResponseSchema.parse(await res.json());
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return { pages, cursor };
  }
}

function visit(inspector: string, overrides: Record<string, unknown> = {}) {
  return { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: ids[inspector], plannedDate: '2026-12-01', status: 'in_progress', attendees: [], ...overrides };
}

describe('every sync request', () => {
  it('needs a token: 401', async () => {
    await expectError(await push(null, { clientId: randomUUID(), schemaVersion: SCHEMA_VERSION, mutations: [] }, { 'x-schema-version': String(SCHEMA_VERSION) }), 401, 'UNAUTHENTICATED');
    await expectError(await pull(null, '', { 'x-schema-version': String(SCHEMA_VERSION) }), 401, 'UNAUTHENTICATED');
  });

  it('needs the schema header: 400 when missing or newer, 426 when older', async () => {
    const body = { clientId: randomUUID(), schemaVersion: SCHEMA_VERSION, mutations: [] };
    await expectError(await push('ilona', body, { 'x-schema-version': '' }), 400, 'BAD_REQUEST');
    await expectError(await pull('ilona', '', { 'x-schema-version': 'one' }), 400, 'BAD_REQUEST');
    const newer = String(SCHEMA_VERSION + 1);
    await expectError(await push('ilona', { ...body, schemaVersion: SCHEMA_VERSION + 1 }, { 'x-schema-version': newer }), 400, 'BAD_REQUEST');
    // A version-1 app (one template per visit), a version-2 app (no meetings or guidance), a version-3
    // app (no readiness assessments) and a version-4 app (no attachments) are told to update: one would
    // send visits this server refuses, the others could not read the records they pull.
    const old = await expectError(await pull('ilona', '', { 'x-schema-version': '1' }), 426, 'SCHEMA_TOO_OLD');
    expect(old.error.details).toMatchObject({ clientVersion: 1, minVersion: 5 });
    await expectError(await pull('ilona', '', { 'x-schema-version': '2' }), 426, 'SCHEMA_TOO_OLD');
    await expectError(await pull('ilona', '', { 'x-schema-version': '3' }), 426, 'SCHEMA_TOO_OLD');
    const four = await expectError(await push('ilona', { ...body, schemaVersion: 4 }, { 'x-schema-version': '4' }), 426, 'SCHEMA_TOO_OLD');
    expect(four.error.details).toMatchObject({ clientVersion: 4, minVersion: 5 });
    await expectError(await push('ilona', { ...body, schemaVersion: 1 }, { 'x-schema-version': '1' }), 426, 'SCHEMA_TOO_OLD');
    await expectError(await push('ilona', { ...body, schemaVersion: SCHEMA_VERSION + 1 }), 400, 'INVALID');
  });
});

describe('push', () => {
  it('refuses seqs that do not rise within a request: 400 naming the path', async () => {
    const clientId = randomUUID();
    const m = (seq: number) => ({ seq, entity: 'visit', id: randomUUID(), op: 'upsert', baseVersion: null, fields: visit('ilona') });
    const body = await expectError(await push('ilona', { clientId, schemaVersion: SCHEMA_VERSION, mutations: [m(5), m(4)] }), 400, 'INVALID');
    expect(JSON.stringify(body.error.details)).toContain('"mutations",1,"seq"');
    await expectError(await push('ilona', { clientId, schemaVersion: SCHEMA_VERSION, mutations: [m(5), m(5)] }), 400, 'INVALID');
    expect(server.store.db.prepare('SELECT COUNT(*) AS n FROM sync_clients WHERE client_id = ?').get(clientId)).toEqual({ n: 0 });
  });

  it('answers 413 past 500 mutations and past 2 MB, and applies nothing', async () => {
    const clientId = randomUUID();
    const many = Array.from({ length: 501 }, (_, i) => ({ seq: i + 1, entity: 'contact', id: randomUUID(), op: 'delete', baseVersion: 1 }));
    await expectError(await push('ilona', { clientId, schemaVersion: SCHEMA_VERSION, mutations: many }), 413, 'PAYLOAD_TOO_LARGE');
    const big = Array.from({ length: 3 }, (_, i) => ({
      seq: i + 1,
      entity: 'observation',
      id: randomUUID(),
      op: 'upsert',
      baseVersion: null,
      fields: { visitId: randomUUID(), kind: 'note', text: 'x'.repeat(700 * 1024) },
    }));
    const text = JSON.stringify({ clientId, schemaVersion: SCHEMA_VERSION, mutations: big });
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(text.length).toBeLessThan(2 * 1024 * 1024 + 256 * 1024); // under the framing allowance: the protocol's limit answers
    await expectError(await push('ilona', text), 413, 'PAYLOAD_TOO_LARGE');
    expect(server.store.db.prepare('SELECT COUNT(*) AS n FROM sync_clients WHERE client_id = ?').get(clientId)).toEqual({ n: 0 });
  });

  it('binds a client id to the first user who uses it: another user gets 403', async () => {
    const clientId = randomUUID();
    await pushOk('ilona', clientId, []);
    await expectError(await push('kaisa', { clientId, schemaVersion: SCHEMA_VERSION, mutations: [] }), 403, 'FORBIDDEN');
  });

  it('commits pushes that arrive together as one, each under its own version, and one refused push refuses only itself', async () => {
    const taken = randomUUID();
    await pushOk('ilona', taken, []);
    const pushes = Array.from({ length: 12 }, (_, i) => {
      const visitId = randomUUID();
      const refused = i === 5; // kaisa on ilona's client id: 403, and nothing of it written
      return {
        visitId,
        refused,
        response: push(refused ? 'kaisa' : 'ilona', {
          clientId: refused ? taken : randomUUID(),
          schemaVersion: SCHEMA_VERSION,
          mutations: [{ seq: 1, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: visit('ilona') }],
        }),
      };
    });
    const versions: number[] = [];
    for (const p of pushes) {
      const res = await p.response;
      if (p.refused) {
        await expectError(res, 403, 'FORBIDDEN');
        continue;
      }
      const body = pushResponseSchema.parse(await res.json());
      expect(body.results).toMatchObject([{ status: 'applied' }]);
      versions.push((body.results[0] as { version: number }).version);
    }
    expect(new Set(versions).size).toBe(11);
    const stored = server.store.db
      .prepare(`SELECT id FROM records WHERE entity = 'visit' AND id IN (${pushes.map(() => '?').join(',')})`)
      .all(...pushes.map((p) => p.visitId)) as { id: string }[];
    expect(stored.map((r) => r.id).sort()).toEqual(pushes.filter((p) => !p.refused).map((p) => p.visitId).sort());
  });

  it('writes a history row per change with the client and seq, and none for a resend', async () => {
    const clientId = randomUUID();
    const visitId = randomUUID();
    const first = await pushOk('ilona', clientId, [
      { seq: 1, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: visit('ilona') },
      { seq: 2, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: { agenda: 'Structures first' } },
    ]);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const again = await pushOk('ilona', clientId, [{ seq: 2, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: { agenda: 'Structures first' } }]);
    expect(again.results).toMatchObject([{ seq: 2, status: 'duplicate', record: { id: visitId, agenda: 'Structures first' } }]);
    const history = server.store.db
      .prepare('SELECT op, client_id, seq, user_id, before, after FROM history WHERE record_id = ? ORDER BY id')
      .all(visitId) as { op: string; client_id: string; seq: number; user_id: string; before: string | null; after: string }[];
    expect(history.map((h) => [h.op, h.client_id, h.seq, h.user_id])).toEqual([
      ['create', clientId, 1, ids['ilona']],
      ['update', clientId, 2, ids['ilona']],
    ]);
    expect(JSON.parse(history[1]!.after)).toEqual({ agenda: 'Structures first' });
    expect(JSON.parse(history[1]!.before!)).toEqual({ agenda: null });
  });

  it('repeats a rejection for a resent rejected seq', async () => {
    const clientId = randomUUID();
    const bad = { seq: 1, entity: 'visit', id: randomUUID(), op: 'upsert', baseVersion: null, fields: visit('ilona', { status: 'approved' }) };
    const first = await pushOk('ilona', clientId, [bad]);
    const second = await pushOk('ilona', clientId, [bad]);
    expect(first.results[0]).toMatchObject({ status: 'rejected', error: { code: 'BAD_TRANSITION' } });
    expect(second.results[0]).toEqual(first.results[0]);
  });
});

describe('regions', () => {
  it('shows an inspector of avi-2 none of avi-1’s visits, and refuses their writes to them', async () => {
    const visitId = randomUUID();
    await pushOk('ilona', randomUUID(), [{ seq: 1, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: visit('ilona') }]);
    const { pages } = await pullAll('mikko');
    const seen = pages.flatMap((p) => p.changes);
    expect(seen.some((c) => c.entity === 'visit')).toBe(false);
    expect(seen.filter((c) => c.entity === 'municipality').length).toBeGreaterThan(300);
    const answer = await pushOk('mikko', randomUUID(), [
      { seq: 1, entity: 'visit', id: visitId, op: 'upsert', baseVersion: 1, fields: { agenda: 'Not mine' } },
      { seq: 2, entity: 'observation', id: randomUUID(), op: 'upsert', baseVersion: null, fields: { visitId, kind: 'note', text: 'Not mine either' } },
    ]);
    expect(answer.results.map((r) => (r.status === 'rejected' ? r.error.code : r.status))).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    // A rejection hands over no record of a region the user does not see.
    expect(answer.results.map((r) => 'record' in r && r.record)).toEqual([null, null]);
  });
});

describe('follow-ups', () => {
  it('name who moved them on, in the history and in the record, whoever of the region it was and whatever the visit state', async () => {
    const visitId = randomUUID();
    const followUpId = randomUUID();
    const made = await pushOk('ilona', randomUUID(), [
      { seq: 1, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: visit('ilona') },
      { seq: 2, entity: 'followUp', id: followUpId, op: 'upsert', baseVersion: null, fields: { visitId, municipalityId: '091', text: 'Appoint a group', status: 'open', legalShortcoming: true } },
      { seq: 3, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: { status: 'cancelled' } },
    ]);
    expect(made.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const { cursor } = await pullAll('kaisa');

    const byCoordinator = await pushOk('kaisa', randomUUID(), [{ seq: 1, entity: 'followUp', id: followUpId, op: 'upsert', baseVersion: made.version, fields: { dueDate: '2027-03-31' } }]);
    expect(byCoordinator.results[0]).toMatchObject({ status: 'applied' });
    const byColleague = await pushOk('ilkka', randomUUID(), [{ seq: 1, entity: 'followUp', id: followUpId, op: 'upsert', baseVersion: byCoordinator.version, fields: { status: 'done' } }]);
    expect(byColleague.results[0]).toMatchObject({ status: 'applied' });

    const history = server.store.db
      .prepare("SELECT user_id, after FROM history WHERE entity = 'followUp' AND record_id = ? ORDER BY id")
      .all(followUpId) as { user_id: string; after: string }[];
    expect(history.map((h) => [h.user_id, JSON.parse(h.after)])).toEqual([
      [ids['ilona'], expect.objectContaining({ status: 'open' })],
      [ids['kaisa'], { dueDate: '2027-03-31' }],
      [ids['ilkka'], { status: 'done' }],
    ]);
    const { pages } = await pullAll('kaisa', 1000, cursor);
    const record = pages.flatMap((p) => p.changes).find((c) => c.id === followUpId)?.record;
    expect(record).toMatchObject({ status: 'done', dueDate: '2027-03-31', updatedBy: ids['ilkka'] });
  });
});

describe('pull', () => {
  it('pages through one version that covers many records: each record exactly once, in order', async () => {
    const clientId = randomUUID();
    const visitId = randomUUID();
    const { cursor: start } = await pullAll('ilona');
    const obs = Array.from({ length: 7 }, () => randomUUID());
    await pushOk('ilona', clientId, [
      { seq: 1, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: visit('ilona') },
      ...obs.map((id, i) => ({ seq: i + 2, entity: 'observation', id, op: 'upsert', baseVersion: null, fields: { visitId, kind: 'note', text: `Note ${i}` } })),
    ]);
    const { pages } = await pullAll('ilona', 3, start);
    expect(pages.length).toBe(3);
    const changes = pages.flatMap((p) => p.changes);
    expect(new Set(changes.map((c) => c.version)).size, 'one version for the whole push').toBe(1);
    expect(changes.map((c) => `${c.entity}/${c.id}`)).toEqual([...obs.map((id) => `observation/${id}`).sort(), `visit/${visitId}`]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
  });

  it('sends a deleted record as a tombstone without its fields', async () => {
    const clientId = randomUUID();
    const visitId = randomUUID();
    const obsId = randomUUID();
    const created = await pushOk('ilona', clientId, [
      { seq: 1, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: visit('ilona') },
      { seq: 2, entity: 'observation', id: obsId, op: 'upsert', baseVersion: null, fields: { visitId, kind: 'concern', text: 'To be deleted' } },
    ]);
    const { cursor } = await pullAll('ilona');
    await pushOk('ilona', clientId, [{ seq: 3, entity: 'observation', id: obsId, op: 'delete', baseVersion: created.version }]);
    const { pages } = await pullAll('ilona', 1000, cursor);
    expect(pages.flatMap((p) => p.changes)).toEqual([{ entity: 'observation', id: obsId, version: created.version + 1, deleted: true }]);
  });

  it('answers 410 for a cursor made for other regions, newer than the server, from a rolled-back server, or unreadable', async () => {
    const { cursor } = await pullAll('mikko');
    server.store.db.prepare('UPDATE users SET region_ids = ? WHERE id = ?').run(JSON.stringify(['avi-2', 'avi-3']), ids['mikko']);
    await expectError(await pull('mikko', `?cursor=${encodeURIComponent(cursor!)}`), 410, 'RESET');
    server.store.db.prepare('UPDATE users SET region_ids = ? WHERE id = ?').run(JSON.stringify(['avi-2']), ids['mikko']);
    expect((await pull('mikko', `?cursor=${encodeURIComponent(cursor!)}`)).status).toBe(200);

    const decoded = JSON.parse(Buffer.from(cursor!, 'base64url').toString()) as { v: number; e: string; i: string; s: string };
    const ahead = Buffer.from(JSON.stringify({ ...decoded, v: (await server.store.currentVersion()) + 10 })).toString('base64url');
    await expectError(await pull('mikko', `?cursor=${ahead}`), 410, 'RESET');
    // The record the cursor stopped at is older than the cursor: the database went back in time.
    const rolled = Buffer.from(JSON.stringify({ ...decoded, v: decoded.v + 1 })).toString('base64url');
    expect(decoded.v + 1).toBeLessThanOrEqual(await server.store.currentVersion());
    await expectError(await pull('mikko', `?cursor=${rolled}`), 410, 'RESET');
    await expectError(await pull('mikko', '?cursor=not-a-cursor'), 410, 'RESET');
  });

  it('checks its query: 400 for a limit out of range', async () => {
    await expectError(await pull('ilona', '?limit=0'), 400, 'INVALID');
    await expectError(await pull('ilona', '?limit=1001'), 400, 'INVALID');
  });
});
