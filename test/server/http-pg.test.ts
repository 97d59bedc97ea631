// The HTTP API on PostgreSQL, when TEST_DATABASE_URL names a server to use (a database of its own is
// created there and dropped at the end; skipped, saying so, otherwise). Two app instances, each with its
// own PgStore (pool) on the one database, as two servers behind a load balancer: a session made on one
// works on the other, sign-in limits are counted together, a push to one is pulled from the other, and
// pushes to both at once take consecutive versions. The audit trail and the device list are compared
// with what the SQLite store answers for the same pushes, so the two stores cannot drift apart.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { addUser } from '../../src/server/auth/users.ts';
import { openDataDir } from '../../src/server/bootstrap.ts';
import { seedReferenceData } from '../../src/server/reference-data/seed.ts';
import { PgStore } from '../../src/server/store/pg/pg-store.ts';
import type { Store } from '../../src/server/store/store.ts';
import { pushResponseSchema, SCHEMA_VERSION, type PushResponse } from '../../src/shared/protocol.ts';

const url = process.env.TEST_DATABASE_URL;
const PASSWORD = 'correct horse battery';
const withDatabase = (text: string, database: string) => text.replace(/^([^?]*\/)[^/?]*(\?.*)?$/, `$1${database}$2`);
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const quiet = { loginLimits: { perUsername: { limit: 3, windowMs: 60_000 } } };

type App = ReturnType<typeof createApp>;
type Instance = { app: App; tokens: Record<string, string> };

/** The same pushes on any store: ids fixed, so two stores' answers compare field by field. */
const visitId = randomUUID();
const contactId = randomUUID();
const clientId = randomUUID();
const EPT_ITEMS = ['EPT-01', 'EPT-02', 'EPT-03', 'EPT-04', 'EPT-05', 'EPT-06', 'EPT-07', 'EPT-08', 'EPT-09', 'EPT-10', 'EPT-11', 'EPT-12', 'EPT-13'];
const today = new Date().toISOString().slice(0, 10);

async function call(app: App, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return app.request(path, {
    method,
    headers: { 'content-type': 'application/json', 'x-schema-version': String(SCHEMA_VERSION), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function signIn(app: App, username: string, password = PASSWORD): Promise<Response> {
  return call(app, 'POST', '/api/auth/login', undefined, { username, password });
}

async function prepare(store: Store): Promise<void> {
  await seedReferenceData(store);
  await addUser(store, { username: 'ilona', name: 'Ilona Virtanen', role: 'inspector', regionIds: ['avi-1'], password: PASSWORD });
  await addUser(store, { username: 'kaisa', name: 'Kaisa Korhonen', role: 'coordinator', regionIds: ['avi-1'], password: PASSWORD });
}

async function instance(store: Store): Promise<Instance> {
  const app = createApp({ store, staticDir: '/nonexistent', log: silent, ...quiet });
  const tokens: Record<string, string> = {};
  for (const name of ['ilona', 'kaisa']) tokens[name] = ((await (await signIn(app, name)).json()) as { token: string }).token;
  return { app, tokens };
}

/** Pushes as one device per user, the seq and base versions kept. */
function pusher(deviceOf = (user: string) => `${clientId.slice(0, -2)}${user === 'ilona' ? '01' : '02'}`) {
  const seqs = new Map<string, number>();
  const versions = new Map<string, number>();
  return async (at: Instance, user: string, mutations: { entity: string; id: string; fields: Record<string, unknown> }[]): Promise<PushResponse> => {
    const device = deviceOf(user);
    const body = {
      clientId: device,
      schemaVersion: SCHEMA_VERSION,
      mutations: mutations.map((m) => ({ seq: seqs.set(user, (seqs.get(user) ?? 0) + 1).get(user)!, entity: m.entity, id: m.id, op: 'upsert', baseVersion: versions.get(`${m.entity}/${m.id}`) ?? null, fields: m.fields })),
    };
    const res = await call(at.app, 'POST', '/api/sync/push', at.tokens[user], body, { 'x-device-report': `v=1;client=${device};app=0.1.0;pending=${mutations.length};oldest=5;rejected=0` });
    expect(res.status, await res.clone().text()).toBe(200);
    const answer = pushResponseSchema.parse(await res.json());
    answer.results.forEach((r, i) => {
      expect(r.status, JSON.stringify(r)).toBe('applied');
      if (r.status === 'applied') versions.set(`${mutations[i]!.entity}/${mutations[i]!.id}`, r.version);
    });
    return answer;
  };
}

/** A visit returned once and approved after corrections, and a contact: pushed through `a` and `b` in turn. */
async function review(a: Instance, b: Instance): Promise<void> {
  const push = pusher();
  const answer = (itemId: string) => `${visitId}:${itemId}`;
  const ilona = (await (await call(a.app, 'GET', '/api/me', a.tokens['ilona'])).json()) as { user: { id: string } };
  await push(a, 'ilona', [
    { entity: 'visit', id: visitId, fields: { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: ilona.user.id, plannedDate: '2026-12-01', status: 'in_progress', attendees: [], summary: 'First draft.' } },
    // Every item of the template answered, so the visit may be submitted.
    ...EPT_ITEMS.map((itemId) => ({ entity: 'answer', id: answer(itemId), fields: { visitId, itemId, value: 'yes' } })),
    { entity: 'answer', id: answer('EPT-14'), fields: { visitId, itemId: 'EPT-14', value: 3 } },
    { entity: 'contact', id: contactId, fields: { municipalityId: '091', name: 'Maija Mallikas', areas: ['substance'], active: true } },
  ]);
  await push(b, 'ilona', [{ entity: 'visit', id: visitId, fields: { status: 'submitted' } }]);
  await push(a, 'kaisa', [{ entity: 'visit', id: visitId, fields: { status: 'returned', returnReason: 'Check EPT-02, please.' } }]);
  await push(b, 'ilona', [
    { entity: 'visit', id: visitId, fields: { status: 'in_progress' } },
    { entity: 'answer', id: answer('EPT-02'), fields: { value: 'no', comment: 'The group was disbanded in 2025.' } },
    { entity: 'visit', id: visitId, fields: { summary: 'Corrected after the review.', status: 'submitted' } },
  ]);
  await push(a, 'kaisa', [{ entity: 'visit', id: visitId, fields: { status: 'approved', reviewNote: 'Thank you.' } }]);
}

/** What the audit answers, without what differs by store: user and client ids, times, row ids. */
async function audit(at: Instance): Promise<unknown> {
  const get = async (path: string) => {
    const res = await call(at.app, 'GET', path, at.tokens['kaisa']);
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const visit = (await get(`/api/visits/${visitId}/history`)) as { transitions: Record<string, unknown>[]; changes: unknown; lastReturn: unknown };
  const contact = (await get(`/api/history?entity=contact&id=${contactId}`)) as { entries: Record<string, unknown>[] };
  const exported = (await get(`/api/history/export?from=${today}&to=${today}&limit=3`)) as { rows: Record<string, unknown>[]; next: string | null };
  const next = (await get(`/api/history/export?from=${today}&to=${today}&after=${exported.next}`)) as { rows: Record<string, unknown>[] };
  const devices = (await get('/api/devices')) as { users: { devices: unknown[] }[] };
  const strip = ({ userId: _u, clientId: _c, at: _a, id: _i, ...rest }: Record<string, unknown>) => rest;
  // User ids and times differ by store: kept out. The records' ids are the same on both.
  const scrub = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value)
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => (id === visitId || id === contactId ? id : 'a user'))
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'a time'),
    );
  return scrub({
    transitions: visit.transitions.map(strip),
    changes: visit.changes,
    returned: visit.lastReturn !== null,
    contact: contact.entries.map(strip),
    exported: [...exported.rows, ...next.rows].map(strip),
    devices: devices.users.flatMap((u) => u.devices).length,
  });
}

if (!url) {
  console.info('http-pg: skipped, TEST_DATABASE_URL is not set (a PostgreSQL server to create a test database on)');
  describe.skip('the HTTP API on PostgreSQL (TEST_DATABASE_URL not set)', () => {
    it('runs when TEST_DATABASE_URL is set', () => {});
  });
} else {
  describe('the HTTP API on PostgreSQL, two instances on one database', { timeout: 60_000 }, () => {
    const database = `tillsyn_http_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    const dir = mkdtempSync(join(tmpdir(), 'tillsyn-http-pg-'));
    let stores: Store[] = [];
    let a: Instance;
    let b: Instance;
    let sqlite: Instance;

    beforeAll(async () => {
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      const [one, two] = [await PgStore.open(withDatabase(url, database)), await PgStore.open(withDatabase(url, database))];
      const lite = await openDataDir(join(dir, 'data'));
      stores = [one, two, lite];
      await prepare(one);
      await prepare(lite);
      [a, b, sqlite] = [await instance(one), await instance(two), await instance(lite)];
    });
    afterAll(async () => {
      for (const s of stores) await s.close();
      await admin.query(`DROP DATABASE IF EXISTS ${database}`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    });

    it('answers its health check', async () => {
      expect((await call(b.app, 'GET', '/api/health')).status).toBe(200);
    });

    it("knows one instance's session on the other, and ends it there", async () => {
      const token = ((await (await signIn(a.app, 'ilona')).json()) as { token: string }).token;
      expect((await call(b.app, 'GET', '/api/me', token)).status).toBe(200);
      expect((await call(b.app, 'POST', '/api/auth/logout', token)).status).toBe(204);
      expect((await call(a.app, 'GET', '/api/me', token)).status).toBe(401);
    });

    it('counts failed sign-ins on both instances together', async () => {
      for (const app of [a.app, b.app, a.app]) expect((await signIn(app, 'kaisa', 'wrong password!')).status).toBe(401);
      expect((await signIn(b.app, 'kaisa')).status).toBe(429);
      expect((await signIn(a.app, 'kaisa')).status).toBe(429);
    });

    it('shows the same audit trail and devices as SQLite for the same pushes, through either instance', async () => {
      await review(a, b);
      await review(sqlite, sqlite);
      const onPg = await audit(b);
      expect(onPg).toEqual(await audit(sqlite));
      expect(onPg).toMatchObject({ returned: true, devices: 2 });
    });

    it('pulls from one instance what was pushed to the other, and pushes to both at once take consecutive versions', async () => {
      const contact = (n: number) => ({ entity: 'contact', id: randomUUID(), fields: { municipalityId: '091', name: `Contact ${n}`, areas: ['substance'], active: true } });
      // Eight devices pushing at once, half to each instance.
      const answers = await Promise.all(Array.from({ length: 8 }, (_, n) => pusher(() => randomUUID())(n % 2 ? a : b, 'ilona', [contact(n)])));
      const versions = answers.flatMap((r) => r.results.map((x) => (x.status === 'applied' ? x.version : 0))).sort((x, y) => x - y);
      expect(new Set(versions).size).toBe(8);
      expect(versions.at(-1)! - versions[0]!).toBe(7);
      const res = await call(a.app, 'GET', '/api/sync/pull?limit=1000', a.tokens['kaisa']);
      const page = (await res.json()) as { changes: { entity: string; record: { name?: string } | null }[] };
      expect(page.changes.filter((c) => c.entity === 'contact' && c.record?.name?.startsWith('Contact ')).length).toBe(8);
    });
  });
}
