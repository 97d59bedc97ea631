// Two instances of the built server on one PostgreSQL database (DATABASE_URL), as behind a load balancer:
// devices push to one and pull from the other, at once; one instance is killed with SIGKILL under load
// and the devices go on with the survivor, resending what was not acknowledged with the same seqs, as
// the app does. Then: every acknowledged mutation is there exactly once, every device's pulled state is
// the server's, and a follower that pulled all along saw every version once, in order.
// Needs `npm run build` (`npm test` does it) and TEST_DATABASE_URL, which the server project's global
// setup sets when PostgreSQL is installed (test/pg-global-setup.ts); skipped, saying so, otherwise.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { pullResponseSchema, pushResponseSchema, SCHEMA_VERSION, type Change } from '../../src/shared/protocol.ts';
import { startBuiltServer, type BuiltServer } from '../built-server.ts';
import { createDatabase } from '../pg-cluster.mjs';

const url = process.env.TEST_DATABASE_URL;
const DEMO_PASSWORD = 'multi-instance-password';
const DEVICES_PER_USER = 3;
const ROUNDS = 25;
const BATCH = 20;

type Instance = { name: string; server: BuiltServer };
type Account = { token: string; user: { id: string; username: string } };
type Seen = { entity: string; id: string; version: number; deleted: boolean; record?: Record<string, unknown> };
type Sent = { clientId: string; seq: number; id: string; text: string };

const key = (c: { entity: string; id: string }) => `${c.entity}/${c.id}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alive = (i: Instance) => i.server.exit() === null;

if (!url) {
  console.info('multi-instance: skipped, no PostgreSQL (TEST_DATABASE_URL is not set and no PostgreSQL binaries were found to start a throw-away cluster)');
  describe.skip('two server instances on one PostgreSQL (no PostgreSQL)', () => {
    it('runs when PostgreSQL is installed or TEST_DATABASE_URL is set', () => {});
  });
} else {
  const dir = mkdtempSync(join(tmpdir(), 'tillsyn-multi-'));
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch((e) => console.error('multi-instance cleanup:', e));
    rmSync(dir, { recursive: true, force: true });
  });

  const headers = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-schema-version': String(SCHEMA_VERSION) });

  /** One instance; each has a data folder of its own, which must stay empty: the data is in PostgreSQL. */
  const start = async (name: string, databaseUrl: string): Promise<Instance> => {
    const dataDir = join(dir, name);
    const server = await startBuiltServer({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, DEMO_PASSWORD, STATIC_DIR: join(dir, 'no-app') });
    cleanup.push(async () => {
      if (alive({ name, server })) server.child.kill('SIGKILL');
      await server.exited;
    });
    if (existsSync(join(dataDir, 'tillsyn.db'))) {
      throw new Error(`Instance ${name} opened SQLite (${join(dataDir, 'tillsyn.db')}), not DATABASE_URL: the built server does not read DATABASE_URL`);
    }
    return { name, server };
  };

  const login = async (instance: Instance, username: string): Promise<Account> => {
    const res = await fetch(`${instance.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${username} on ${instance.name}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Account;
  };

  const counts = { failedInTransit: 0, answeredByTheOther: 0, duplicates: 0 };

  /** Sends to the preferred instance while it lives, else the other; retries what fails in transit. */
  const request = async (preferred: Instance, other: Instance, path: string, init: RequestInit): Promise<{ status: number; body: unknown; via: string }> => {
    let lastError = '';
    for (let attempt = 0; attempt < 100; attempt++) {
      const target = alive(preferred) ? preferred : other;
      try {
        const res = await fetch(`${target.server.url}${path}`, init);
        const body: unknown = await res.json();
        if (res.status >= 500) throw new Error(`${res.status} ${JSON.stringify(body)}`);
        if (target !== preferred) counts.answeredByTheOther++;
        return { status: res.status, body, via: target.name };
      } catch (e) {
        // The connection died with the instance (or a 5xx): the app resends the same request later.
        lastError = `${target.name}: ${(e as Error).message}`;
        counts.failedInTransit++;
        await sleep(20);
      }
    }
    throw new Error(`${path}: no answer after 100 attempts, last: ${lastError}`);
  };

  /** Pulls from the cursor until hasMore is false; answers the changes in the order received and the cursor. */
  const pullAll = async (preferred: Instance, other: Instance, token: string, cursor: string | undefined) => {
    const changes: Change[] = [];
    for (;;) {
      const { status, body } = await request(preferred, other, `/api/sync/pull?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers: headers(token) });
      if (status !== 200) throw new Error(`pull: ${status} ${JSON.stringify(body)}`);
      const page = pullResponseSchema.parse(body);
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return { changes, cursor };
    }
  };

  const asState = (changes: Change[], into = new Map<string, Seen>()) => {
    for (const c of changes) into.set(key(c), { entity: c.entity, id: c.id, version: c.version, deleted: c.deleted, ...(c.record ? { record: c.record } : {}) });
    return into;
  };

  describe('two server instances on one PostgreSQL', () => {
    it('keeps every acknowledged push once, converges the devices and skips no version when one instance is killed under load', async () => {
      const database = await createDatabase(url, 'tillsyn_multi');
      cleanup.push(database.drop);
      // One after the other: the first migrates, seeds and creates the demo accounts; the second finds them.
      const a = await start('a', database.url);
      const b = await start('b', database.url);

      // Sessions are in the database: a token from one instance works on the other.
      const accounts = { inspector: await login(a, 'inspector'), inspector2: await login(b, 'inspector2'), admin: await login(a, 'admin') };
      for (const [instance, account] of [[b, accounts.inspector], [a, accounts.inspector2], [b, accounts.admin]] as const) {
        const res = await fetch(`${instance.server.url}/api/sync/pull?limit=1`, { headers: headers(account.token) });
        expect(res.status, `a token from one instance on ${instance.name}`).toBe(200);
        await res.body?.cancel();
      }

      // Each device: a user, a client id, a visit of its own; half push to a and pull from b, half the reverse.
      const municipality = { inspector: '091', inspector2: '019' } as const;
      const devices = (['inspector', 'inspector2'] as const).flatMap((username) =>
        Array.from({ length: DEVICES_PER_USER }, (_, i) => ({
          name: `${username}#${i}`,
          username,
          account: accounts[username],
          clientId: randomUUID(),
          visitId: randomUUID(),
          seq: 0,
          pushTo: i % 2 === 0 ? a : b,
          pullFrom: i % 2 === 0 ? b : a,
          cursor: undefined as string | undefined,
          state: new Map<string, Seen>(),
        })),
      );

      const acknowledged: Sent[] = [];
      const appliedVersions = new Set<number>();
      let acks = 0;
      let pushesDone = false;
      const pushBatch = async (d: (typeof devices)[number], batch: Sent[], first?: unknown) => {
        const mutations = [
          ...(first ? [first] : []),
          ...batch.map((m) => ({ seq: m.seq, entity: 'observation', id: m.id, op: 'upsert', baseVersion: null, fields: { visitId: d.visitId, kind: 'note', text: m.text } })),
        ];
        const init = { method: 'POST', headers: headers(d.account.token), body: JSON.stringify({ clientId: d.clientId, schemaVersion: SCHEMA_VERSION, mutations }) };
        // The same batch, the same seqs, until an instance answers: applied there, or a duplicate of what the dead one committed.
        const { status, body, via } = await request(d.pushTo, d.pushTo === a ? b : a, '/api/sync/push', init);
        if (status !== 200) throw new Error(`${d.name} push via ${via}: ${status} ${JSON.stringify(body)}`);
        const response = pushResponseSchema.parse(body);
        for (const r of response.results) {
          if (r.status !== 'applied' && r.status !== 'duplicate') throw new Error(`${d.name} seq ${r.seq}: ${JSON.stringify(r)}`);
          if (r.status === 'applied') appliedVersions.add(r.version);
          else counts.duplicates++;
        }
        acknowledged.push(...batch);
        acks++;
      };

      const runDevice = async (d: (typeof devices)[number]) => {
        const visit = {
          seq: ++d.seq,
          entity: 'visit',
          id: d.visitId,
          op: 'upsert',
          baseVersion: null,
          fields: { municipalityId: municipality[d.username], templateIds: ['ept-v2'], inspectorId: d.account.user.id, plannedDate: '2026-12-01', status: 'in_progress', attendees: [] },
        };
        for (let round = 0; round < ROUNDS; round++) {
          const batch: Sent[] = Array.from({ length: BATCH }, () => ({ clientId: d.clientId, seq: ++d.seq, id: randomUUID(), text: `${d.name} ${d.seq} ${'x'.repeat(200)}` }));
          await pushBatch(d, batch, round === 0 ? visit : undefined);
          const pulled = await pullAll(d.pullFrom, d.pullFrom === a ? b : a, d.account.token, d.cursor);
          asState(pulled.changes, d.state);
          d.cursor = pulled.cursor;
        }
      };

      // The follower: an admin pulling all along, from both instances in turn while both live.
      const followed: Change[] = [];
      const follower = async () => {
        let cursor: string | undefined;
        let turn = 0;
        for (;;) {
          const last = pushesDone;
          const [first, second] = turn++ % 2 === 0 ? [a, b] : [b, a];
          const { status, body } = await request(first, second, `/api/sync/pull?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { headers: headers(accounts.admin.token) });
          if (status !== 200) throw new Error(`follower pull: ${status} ${JSON.stringify(body)}`);
          const page = pullResponseSchema.parse(body);
          followed.push(...page.changes);
          cursor = page.cursor;
          if (last && !page.hasMore) return;
          if (!page.hasMore) await sleep(5);
        }
      };

      const following = follower();
      const load = Promise.all(devices.map(runDevice));
      // The kill comes under load: a third of the pushes answered, every device mid-way.
      const total = devices.length * ROUNDS;
      while (acks < total / 3) await sleep(5);
      a.server.child.kill('SIGKILL');
      await a.server.exited;
      expect(a.server.exit()).toBe('exited with SIGKILL');
      await load;
      pushesDone = true;
      await following;
      expect(acks).toBe(total);
      console.info(
        `multi-instance: ${devices.length} devices, ${acknowledged.length} mutations acknowledged, ${followed.length} changes followed; after the kill: ${counts.failedInTransit} requests failed in transit and were resent, ${counts.answeredByTheOther} answered by the survivor instead, ${counts.duplicates} resent mutations answered duplicate`,
      );
      // The devices that pushed to, or pulled from, the killed instance went on with the survivor.
      expect(counts.answeredByTheOther).toBeGreaterThan(0);

      // The server's state, as the survivor answers a fresh pull, per user.
      const serverState = async (token: string) => asState((await pullAll(b, b, token, undefined)).changes);
      const everything = await serverState(accounts.admin.token);

      // Every acknowledged mutation is there with its text…
      const missing = acknowledged.filter((m) => everything.get(`observation/${m.id}`)?.record?.['text'] !== m.text);
      expect(missing, 'acknowledged, not on the server').toEqual([]);
      // …exactly once: one history row per (client, seq), as many rows per client as seqs it sent.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const twice = await client.query('SELECT client_id, seq, COUNT(*)::int AS n FROM history WHERE client_id IS NOT NULL GROUP BY client_id, seq HAVING COUNT(*) > 1');
        expect(twice.rows, 'a (client, seq) applied twice').toEqual([]);
        for (const d of devices) {
          const rows = await client.query('SELECT COUNT(*)::int AS n FROM history WHERE client_id = $1', [d.clientId]);
          expect(rows.rows[0].n, `history rows of ${d.name}`).toBe(d.seq);
          const observations = await client.query(`SELECT COUNT(*)::int AS n FROM records WHERE entity = 'observation' AND data->>'visitId' = $1`, [d.visitId]);
          expect(observations.rows[0].n, `observations of ${d.name}'s visit`).toBe(ROUNDS * BATCH);
        }
      } finally {
        await client.end();
      }

      // Every device converges: a last pull from its cursor, then its state is the server's for its user.
      const perUser = new Map<string, Map<string, Seen>>();
      for (const d of devices) {
        const rest = await pullAll(b, b, d.account.token, d.cursor);
        asState(rest.changes, d.state);
        if (!perUser.has(d.username)) perUser.set(d.username, await serverState(d.account.token));
        const expected = perUser.get(d.username)!;
        expect(d.state.size, `${d.name}: records pulled`).toBe(expected.size);
        expect(Object.fromEntries(d.state), `${d.name}: its pulled state`).toEqual(Object.fromEntries(expected));
      }

      // The follower went through the changes in (version, entity, id) order, never back, never the same twice…
      let previous: Change | undefined;
      const outOfOrder: string[] = [];
      for (const c of followed) {
        if (previous && (c.version < previous.version || (c.version === previous.version && key(c) <= key(previous)))) {
          outOfOrder.push(`${key(c)} at version ${c.version} after ${key(previous)} at ${previous.version}`);
        }
        previous = c;
      }
      expect(outOfOrder.slice(0, 10), 'the follower: changes out of order or twice').toEqual([]);
      // …and skipped none: what it holds is the server's, and it saw every version a push was answered with.
      const followerState = asState(followed);
      expect(followerState.size, 'the follower: records').toBe(everything.size);
      const stale = [...everything.values()].filter((s) => followerState.get(key(s))?.version !== s.version).map((s) => `${key(s)} at ${s.version}`);
      expect(stale.slice(0, 10), 'the follower: missing, or at another version than the server').toEqual([]);
      const followedVersions = new Set(followed.map((c) => c.version));
      const unseen = [...appliedVersions].filter((v) => !followedVersions.has(v));
      expect(unseen.slice(0, 10), 'versions a push was answered with that the follower never saw').toEqual([]);

      // The data folders stayed empty: both instances kept everything in PostgreSQL.
      expect(existsSync(join(dir, 'a', 'tillsyn.db')) || existsSync(join(dir, 'b', 'tillsyn.db'))).toBe(false);
    }, 240_000);
  });
}
