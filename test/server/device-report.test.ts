// The device's report (X-Device-Report) over real HTTP: kept as the device's latest with its push or
// pull, never trusted (malformed: 400, nothing applied), optional (no header: sync as before), and
// listed by GET /api/devices for coordinators of the users' regions and admins, never for inspectors.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/server/auth/users.ts';
import { devicesResponseSchema, type DevicesResponse } from '../../src/shared/device-report.ts';
import { pushResponseSchema, SCHEMA_VERSION } from '../../src/shared/protocol.ts';
import { PASSWORD, expectError, login, startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

const ANDROID_CHROME = 'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPAD_SAFARI = 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.store, { username: 'kaisa', name: 'Kaisa Korhonen', role: 'coordinator', regionIds: ['avi-1'], password: PASSWORD });
  await addUser(server.store, { username: 'paula', name: 'Paula Lind', role: 'coordinator', regionIds: ['avi-2'], password: PASSWORD });
  await addUser(server.store, { username: 'mikko', name: 'Mikko Nieminen', role: 'inspector', regionIds: ['avi-2'], password: PASSWORD });
  await addUser(server.store, { username: 'ilkka', name: 'Ilkka Laine', role: 'inspector', regionIds: ['avi-1'], password: PASSWORD });
  await addUser(server.store, { username: 'root', name: 'Aleksi Mäkinen', role: 'admin', regionIds: ['avi-1', 'avi-2'], password: PASSWORD });
  for (const name of ['ilona', 'kaisa', 'paula', 'mikko', 'ilkka', 'root']) {
    const body = (await (await login(server, name)).json()) as { token: string; user: { id: string } };
    tokens[name] = body.token;
    ids[name] = body.user.id;
  }
  ids['former'] = (await server.store.userByUsername('former'))!.id;
});
afterAll(async () => {
  await server.close();
});

type Headers = Record<string, string>;
const auth = (user: string, extra: Headers = {}): Headers => ({ authorization: `Bearer ${tokens[user]}`, 'x-schema-version': String(SCHEMA_VERSION), ...extra });

type Report = { client: string; app?: string; pending?: number; oldest?: number; rejected?: number };
const header = ({ client, app = '0.1.0', pending = 0, oldest, rejected = 0 }: Report) =>
  [`v=1`, `client=${client}`, `app=${app}`, `pending=${pending}`, ...(oldest === undefined ? [] : [`oldest=${oldest}`]), `rejected=${rejected}`].join(';');

function push(user: string, clientId: string, mutations: unknown[], headers: Headers = {}): Promise<Response> {
  return fetch(`${server.url}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth(user), ...headers },
    body: JSON.stringify({ clientId, schemaVersion: SCHEMA_VERSION, mutations }),
  });
}

function pull(user: string, headers: Headers = {}): Promise<Response> {
  return fetch(`${server.url}/api/sync/pull?limit=5`, { headers: { ...auth(user), ...headers } });
}

function contact(seq: number, id = randomUUID()) {
  return { seq, entity: 'contact', id, op: 'upsert', baseVersion: null, fields: { municipalityId: '091', name: `Contact ${seq}`, areas: ['substance'], active: true } };
}

type Row = {
  client_id: string;
  user_id: string;
  app_version: string;
  browser: string | null;
  os: string | null;
  pending: number;
  oldest_pending_at: string | null;
  rejected: number;
  last_push_at: string | null;
  last_pull_at: string | null;
  reported_at: string;
};
const row = (clientId: string) => server.store.db.prepare('SELECT * FROM device_reports WHERE client_id = ?').get(clientId) as Row | undefined;
const recordExists = (id: string) => server.store.db.prepare(`SELECT 1 FROM records WHERE entity = 'contact' AND id = ?`).get(id) !== undefined;
const lastSeq = (clientId: string) => (server.store.db.prepare('SELECT last_seq FROM sync_clients WHERE client_id = ?').get(clientId) as { last_seq: number } | undefined)?.last_seq;

describe('the report with a push or pull', () => {
  it('keeps a push’s report, with the browser and system from the User-Agent and the oldest change’s time from its age', async () => {
    const client = randomUUID();
    const res = await push('ilona', client, [contact(1)], { 'x-device-report': header({ client, pending: 4, oldest: 7200, rejected: 1 }), 'user-agent': ANDROID_CHROME });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(pushResponseSchema.parse(await res.json()).results.map((r) => r.status)).toEqual(['applied']);
    const stored = row(client)!;
    expect(stored).toMatchObject({ user_id: ids['ilona'], app_version: '0.1.0', browser: 'Chrome', os: 'Android', pending: 4, rejected: 1, last_pull_at: null });
    expect(stored.last_push_at).toBe(stored.reported_at);
    // The device's age of its oldest change, taken from the server's time: no device clock in it.
    expect(Date.parse(stored.reported_at) - Date.parse(stored.oldest_pending_at!)).toBe(7200 * 1000);
  });

  it('keeps a pull’s report too, and the latest report wins while the other request’s time stays', async () => {
    const client = randomUUID();
    expect((await push('ilona', client, [contact(1)], { 'x-device-report': header({ client, app: '0.0.9', pending: 3, oldest: 60 }) })).status).toBe(200);
    const afterPush = row(client)!;
    const res = await pull('ilona', { 'x-device-report': header({ client, app: '0.1.0', pending: 0, rejected: 2 }), 'user-agent': IPAD_SAFARI });
    expect(res.status, await res.clone().text()).toBe(200);
    const afterPull = row(client)!;
    expect(afterPull).toMatchObject({ app_version: '0.1.0', browser: 'Safari', os: 'iPadOS', pending: 0, oldest_pending_at: null, rejected: 2 });
    expect(afterPull.last_push_at).toBe(afterPush.last_push_at);
    expect(afterPull.last_pull_at).toBe(afterPull.reported_at);
  });

  it('writes an idle device’s repeated pull only when its figures change', async () => {
    const client = randomUUID();
    const same = { 'x-device-report': header({ client, pending: 2, oldest: 300 }) };
    expect((await pull('ilona', same)).status).toBe(200);
    const first = row(client)!;
    // Far enough for a new write to stamp another time, were the pull written again.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await pull('ilona', same)).status).toBe(200);
    expect(row(client)).toEqual(first);
    expect((await pull('ilona', { 'x-device-report': header({ client, pending: 1, oldest: 300 }) })).status).toBe(200);
    expect(row(client)).toMatchObject({ pending: 1 });
  });

  it('stores nothing without the header, and the push and pull work as before', async () => {
    const client = randomUUID();
    const id = randomUUID();
    const res = await push('ilona', client, [contact(1, id)]);
    expect(res.status).toBe(200);
    expect(pushResponseSchema.parse(await res.json()).results).toEqual([{ seq: 1, status: 'applied', version: expect.any(Number) }]);
    expect(recordExists(id)).toBe(true);
    expect((await pull('ilona')).status).toBe(200);
    expect(row(client)).toBeUndefined();
    // A report stored earlier is left as it was by a request without one.
    expect((await push('ilona', client, [contact(2)], { 'x-device-report': header({ client, pending: 1, oldest: 5 }) })).status).toBe(200);
    const kept = row(client)!;
    expect((await push('ilona', client, [contact(3)])).status).toBe(200);
    expect((await pull('ilona')).status).toBe(200);
    expect(row(client)).toEqual(kept);
  });

  it('ignores a report of a version it does not know, and syncs', async () => {
    const client = randomUUID();
    const id = randomUUID();
    const res = await push('ilona', client, [contact(1, id)], { 'x-device-report': `v=2;client=${client};whatever=1` });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(recordExists(id)).toBe(true);
    expect(row(client)).toBeUndefined();
  });

  it('ignores keys version 1 does not define', async () => {
    const client = randomUUID();
    expect((await pull('ilona', { 'x-device-report': `${header({ client, pending: 0 })};battery=40` })).status).toBe(200);
    expect(row(client)).toMatchObject({ pending: 0 });
  });
});

describe('a malformed report', () => {
  const client = randomUUID();
  const cases: [string, string, RegExp][] = [
    ['not key=value', 'hello', /not a key=value pair/],
    ['no version', `client=${client};app=0.1.0;pending=0;rejected=0`, /needs its version/],
    ['a key twice', `v=1;client=${client};app=0.1.0;pending=0;pending=1;rejected=0`, /“pending” is given twice/],
    ['a client that is not a UUID', header({ client: 'tablet-7' }), /client: the client id/],
    ['a negative count', `v=1;client=${client};app=0.1.0;pending=-1;rejected=0`, /pending: a whole number/],
    ['changes waiting with no age', `v=1;client=${client};app=0.1.0;pending=2;rejected=0`, /oldest: the oldest waiting change’s age is required/],
    ['an age with nothing waiting', header({ client, pending: 0, oldest: 10 }), /oldest: no oldest waiting change/],
    ['no rejected count', `v=1;client=${client};app=0.1.0;pending=0`, /rejected: missing/],
    ['an app version with spaces', header({ client, app: '0.1 beta' }), /app: an app version/],
    ['a report too long', `${header({ client })};${'x'.repeat(400)}=1`, /longer than 400/],
  ];

  for (const [what, value, message] of cases) {
    it(`is refused with 400 on a push, naming it (${what}), and nothing of the push applies`, async () => {
      const id = randomUUID();
      const res = await push('ilona', client, [contact(1, id)], { 'x-device-report': value });
      const body = await expectError(res, 400, 'BAD_REQUEST');
      expect(body.error.message).toMatch(message);
      expect(recordExists(id)).toBe(false);
      expect(lastSeq(client)).toBeUndefined();
      expect(row(client)).toBeUndefined();
    });
  }

  it('is refused with 400 on a pull too', async () => {
    const body = await expectError(await pull('ilona', { 'x-device-report': cases[3]![1] }), 400, 'BAD_REQUEST');
    expect(body.error.details).toMatchObject({ header: 'X-Device-Report', issues: [{ path: ['client'] }] });
    expect(row(client)).toBeUndefined();
  });

  it('is refused when it names another client than the push', async () => {
    const other = randomUUID();
    const id = randomUUID();
    const body = await expectError(await push('ilona', client, [contact(1, id)], { 'x-device-report': header({ client: other }) }), 400, 'BAD_REQUEST');
    expect(body.error.message).toMatch(/not the push's clientId/);
    expect(recordExists(id)).toBe(false);
    expect(row(other)).toBeUndefined();
  });

  it('naming another user’s client: 403 on a pull, and that user’s report stays', async () => {
    const mine = randomUUID();
    expect((await push('ilona', mine, [contact(1)], { 'x-device-report': header({ client: mine, pending: 1, oldest: 10 }) })).status).toBe(200);
    const before = row(mine);
    await expectError(await pull('ilkka', { 'x-device-report': header({ client: mine }) }), 403, 'FORBIDDEN');
    expect(row(mine)).toEqual(before);
  });
});

describe('GET /api/devices', () => {
  const report = async (user: string, pending = 0) => {
    const client = randomUUID();
    const res = await pull(user, { 'x-device-report': header({ client, pending, ...(pending > 0 ? { oldest: 3600 } : {}) }) });
    expect(res.status).toBe(200);
    return client;
  };
  const devices = async (user: string): Promise<DevicesResponse> => {
    const res = await fetch(`${server.url}/api/devices`, { headers: { authorization: `Bearer ${tokens[user]}` } });
    expect(res.status, await res.clone().text()).toBe(200);
    return devicesResponseSchema.parse(await res.json());
  };
  const clientsOf = (body: DevicesResponse) => new Set(body.users.flatMap((u) => u.devices.map((d) => d.clientId)));
  let clients: Record<string, string>;

  beforeAll(async () => {
    clients = { ilona: await report('ilona', 3), ilkka: await report('ilkka'), kaisa: await report('kaisa'), mikko: await report('mikko', 1), root: await report('root') };
    // A device of an account disabled since: it may still hold changes.
    clients['former'] = randomUUID();
    server.store.db
      .prepare(`INSERT INTO device_reports (client_id, user_id, app_version, pending, oldest_pending_at, rejected, last_pull_at, reported_at) VALUES (?, ?, '0.0.1', 5, ?, 0, ?, ?)`)
      .run(clients['former'], ids['former'], '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
  });

  it('answers an inspector 403, saying who may', async () => {
    const res = await fetch(`${server.url}/api/devices`, { headers: { authorization: `Bearer ${tokens['ilona']}` } });
    const body = await expectError(res, 403, 'FORBIDDEN');
    expect(body.error.message).toMatch(/coordinators and admins/);
  });

  it('answers 401 without a session', async () => {
    await expectError(await fetch(`${server.url}/api/devices`), 401, 'UNAUTHENTICATED');
  });

  it('shows a coordinator the devices of their regions’ users only', async () => {
    const body = await devices('kaisa');
    const seen = clientsOf(body);
    for (const name of ['ilona', 'ilkka', 'kaisa']) expect(seen.has(clients[name]!), name).toBe(true);
    for (const name of ['mikko', 'former', 'root']) expect(seen.has(clients[name]!), name).toBe(false);
    expect(body.users.map((u) => u.id).sort()).toEqual([ids['ilona'], ids['ilkka'], ids['kaisa']].sort());
    const ilona = body.users.find((u) => u.id === ids['ilona'])!;
    expect(ilona.devices.find((d) => d.clientId === clients['ilona'])).toMatchObject({ pending: 3, rejected: 0, appVersion: '0.1.0', lastPushAt: null });
    expect(body.serverVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('shows the other region’s coordinator a disabled colleague’s device, marked inactive', async () => {
    const body = await devices('paula');
    const seen = clientsOf(body);
    expect(seen.has(clients['mikko']!)).toBe(true);
    expect(seen.has(clients['former']!)).toBe(true);
    expect(seen.has(clients['ilona']!)).toBe(false);
    expect(body.users.find((u) => u.id === ids['former'])).toMatchObject({ active: false, devices: [{ pending: 5 }] });
  });

  it('shows an admin every device', async () => {
    const seen = clientsOf(await devices('root'));
    for (const name of Object.keys(clients)) expect(seen.has(clients[name]!), name).toBe(true);
    const all = server.store.db.prepare('SELECT client_id FROM device_reports').all() as { client_id: string }[];
    expect(seen).toEqual(new Set(all.map((r) => r.client_id)));
  });
});
