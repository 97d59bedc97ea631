// The sync engine against the real server in-process: a seeded SQLite store cloned per test, the Hono
// app called through `app.request`, devices as separate Dexie databases over fake-indexeddb, faults
// injected at the fetch boundary, and the three oracles every scenario asserts.
import BetterSqlite3 from 'better-sqlite3';
import { Dexie } from 'dexie';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { declareVersions, recordTable, type AnyLocalRecord, type RejectionRow, type UserDb } from '../../src/db/database.ts';
import { getClientId } from '../../src/db/client-id.ts';
import { syncStore } from '../../src/db/sync-store.ts';
import { addUser } from '../../src/server/auth/users.ts';
import { createApp, type Logger } from '../../src/server/app.ts';
import { openDataDir } from '../../src/server/bootstrap.ts';
import { SqliteStore } from '../../src/server/store/sqlite-store.ts';
import { entityNames, type EntityName } from '../../src/shared/entities.ts';
import { loginResponseSchema } from '../../src/shared/auth.ts';
import { SCHEMA_VERSION } from '../../src/shared/protocol.ts';
import { CURSOR_KEY, syncOnce, type Api, type SyncDeps } from '../../src/sync/engine.ts';
import { createApiFetch, NetworkError, type FetchLike } from '../../src/sync/http.ts';

export const PASSWORD = 'correct horse battery';
export const silentLog: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export type UserName = 'ilona' | 'ilkka' | 'kaisa' | 'mikko';
export type TestUser = { id: string; username: UserName; role: 'inspector' | 'coordinator'; regionIds: string[]; token: string };

const people: { username: UserName; name: string; role: 'inspector' | 'coordinator'; regionIds: string[] }[] = [
  { username: 'ilona', name: 'Ilona Virtanen', role: 'inspector', regionIds: ['avi-1'] },
  { username: 'ilkka', name: 'Ilkka Laine', role: 'inspector', regionIds: ['avi-1'] },
  { username: 'kaisa', name: 'Kaisa Korhonen', role: 'coordinator', regionIds: ['avi-1'] },
  { username: 'mikko', name: 'Mikko Nieminen', role: 'inspector', regionIds: ['avi-2'] },
];

type Template = { bytes: Buffer; users: Record<UserName, TestUser> };
const templates = new Map<string, Promise<Template>>();

/**
 * Seeds a store with the reference data, four users and a session each, once per test file.
 * `lean`: only avi-1's municipalities, so a device's first pull is small (for the many-run fuzz test).
 */
function seededTemplate(lean: boolean): Promise<Template> {
  const key = lean ? 'lean' : 'full';
  const cached = templates.get(key);
  if (cached) return cached;
  const made = (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tillsyn-sync-'));
    const store = await openDataDir(join(dir, 'data'));
    for (const p of people) await addUser(store, { ...p, password: PASSWORD });
    const app = createApp({ store, staticDir: join(dir, 'no-app'), log: silentLog });
    const users = {} as Record<UserName, TestUser>;
    for (const p of people) {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: p.username, password: PASSWORD }),
      });
      const login = loginResponseSchema.parse(await res.json());
      users[p.username] = { id: login.user.id, username: p.username, role: p.role, regionIds: p.regionIds, token: login.token };
    }
    if (lean) store.db.prepare(`DELETE FROM records WHERE entity = 'municipality' AND json_extract(data, '$.regionId') <> 'avi-1'`).run();
    // An in-memory copy cannot be in WAL mode: the template is kept with a rollback journal.
    store.db.pragma('journal_mode = DELETE');
    const bytes = store.db.serialize();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    return { bytes, users };
  })();
  templates.set(key, made);
  return made;
}

export type Server = {
  store: SqliteStore;
  app: ReturnType<typeof createApp>;
  users: Record<UserName, TestUser>;
  /** Replaces the store with another database (a restored backup) under the same app routes. */
  swapDatabase(bytes: Buffer): Promise<void>;
  close(): Promise<void>;
};

/** A fresh server: a copy of the seeded database in memory, and the app over it. */
export async function startServer(options: { lean?: boolean } = {}): Promise<Server> {
  const t = await seededTemplate(options.lean ?? false);
  let store = new SqliteStore(new BetterSqlite3(t.bytes));
  // The app holds its store; a proxy lets a test swap the database underneath (restore from a backup).
  const proxy = new Proxy({} as SqliteStore, {
    get: (_t, prop) => {
      const value = (store as unknown as Record<string | symbol, unknown>)[prop];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(store) : value;
    },
  });
  const app = createApp({ store: proxy, staticDir: '/nonexistent-tillsyn-app', log: silentLog });
  const server: Server = {
    get store() {
      return store;
    },
    app,
    users: t.users,
    async swapDatabase(bytes) {
      await store.close();
      store = new SqliteStore(new BetterSqlite3(bytes));
    },
    close: () => store.close(),
  };
  return server;
}

// ---------------------------------------------------------------------------------------------------
// Faults at the fetch boundary

/**
 * `down`: no answer, the request never reaches the server. `lost`: the server commits, the answer is
 * lost. `crash`: the store throws inside the push transaction (500, nothing applied). `twice`: the
 * request reaches the server twice (a retrying proxy), the second answer comes back. `stale`: a pull
 * gets the answer the same request (URL and token) got before, as from a cache (a page applied twice).
 */
export type Fault = 'none' | 'down' | 'lost' | 'crash' | 'twice' | 'stale';

export type Wire = {
  fetch: FetchLike;
  api: Api;
  /** Every request that reached the app: path and status. */
  log: { path: string; status: number; fault: Fault }[];
};

export function wire(server: Server, plan: (path: string) => Fault = () => 'none'): Wire {
  const log: Wire['log'] = [];
  // Per URL and token, as a cache would keep them: another device's page carries its cursor.
  const lastPull = new Map<string, { status: number; text: string }>();
  const cacheKey = (path: string, init: RequestInit) => `${(init.headers as Record<string, string>)['Authorization'] ?? ''} ${path}`;
  const call = async (path: string, init: RequestInit, fault: Fault): Promise<Response> => {
    const res = await server.app.request(path, init);
    log.push({ path, status: res.status, fault });
    return res;
  };
  const fetchImpl: FetchLike = async (path, init) => {
    const fault = plan(path);
    if (fault === 'down') throw new TypeError('fetch failed: the network is down');
    if (fault === 'crash' && path.startsWith('/api/sync/push')) {
      server.store.db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS inject_crash BEFORE UPDATE ON sync_clients BEGIN SELECT RAISE(ABORT, 'injected crash'); END`);
      try {
        return await call(path, init, fault);
      } finally {
        server.store.db.exec('DROP TRIGGER IF EXISTS inject_crash');
      }
    }
    const cached = lastPull.get(cacheKey(path, init));
    if (fault === 'stale' && path.startsWith('/api/sync/pull') && cached) {
      return new Response(cached.text, { status: cached.status, headers: { 'content-type': 'application/json' } });
    }
    if (fault === 'twice') await call(path, init, fault);
    const res = await call(path, init, fault);
    if (path.startsWith('/api/sync/pull') && res.ok) {
      const text = await res.clone().text();
      lastPull.set(cacheKey(path, init), { status: res.status, text });
    }
    if (fault === 'lost') {
      await res.text();
      throw new TypeError('fetch failed: the connection dropped before the answer');
    }
    return res;
  };
  return { fetch: fetchImpl, log, api: createApiFetch(fetchImpl) as Api };
}

// ---------------------------------------------------------------------------------------------------
// Devices

let dbCounter = 0;

/** A device's database as the app declares it (openUserDb), under a name of the test's choosing. */
export function openDeviceDb(name = `tillsyn-test-${++dbCounter}-${Math.random().toString(36).slice(2)}`): UserDb {
  const db = new Dexie(name) as UserDb;
  declareVersions(db);
  return db;
}

export type Device = {
  db: UserDb;
  user: TestUser;
  clientId: string;
  deps: (api: Api) => SyncDeps;
  /** A pass with the given api (the server's, without faults, when none). */
  sync(api?: Api): Promise<{ pushed: number; pulled: number }>;
  /** This device's token, replaceable (a new sign-in). */
  token: { current: string | undefined };
};

/** The app version the harness's devices report with each push and pull, as the app does (SYNC.md, "The device's report"). */
export const TEST_APP_VERSION = '0.1.0';

export async function device(server: Server, username: UserName, db: UserDb = openDeviceDb()): Promise<Device> {
  const user = server.users[username];
  const clientId = await getClientId(db);
  const token = { current: user.token as string | undefined };
  // The engine sees the database only through its sync store, as the app's runner gives it.
  const deps = (api: Api): SyncDeps => ({ store: syncStore(db), api, clientId, token: () => token.current, appVersion: TEST_APP_VERSION });
  return {
    db,
    user,
    clientId,
    deps,
    token,
    sync: (api = wire(server).api) => syncOnce(deps(api)),
  };
}

/**
 * Gives a device what a first pull would, by copying another device of the same regions that has
 * pulled from this server: its reference tables and cursor. Saves the fuzz test a pull per device.
 */
export async function copyFirstPull(from: Device, to: Device): Promise<void> {
  const reference = ['region', 'municipality', 'template'] as const;
  const rows = await Promise.all(reference.map((e) => recordTable(from.db, e).toArray()));
  const cursor = await from.db.meta.get(CURSOR_KEY);
  await to.db.transaction('rw', [to.db.meta, ...reference.map((e) => to.db[e])], async () => {
    await Promise.all(reference.map((e, i) => recordTable(to.db, e).bulkPut(rows[i]!)));
    if (cursor) await to.db.meta.put(cursor);
  });
}

export async function dropDevice(d: Device): Promise<void> {
  d.db.close();
  await Dexie.delete(d.db.name);
}

// ---------------------------------------------------------------------------------------------------
// Fixtures

export const HELSINKI = '091';
export const ESPOO = '049';
/** In avi-2. */
export const ESPOO_AVI2_NEIGHBOUR = '019';
export const TEMPLATE = 'ept-v2';

/** Record ids: UUIDv7-shaped and unique per call. */
export function uuid(): string {
  return crypto.randomUUID();
}

/** Every required item of template ept-v2 answered, none with an answer that needs a comment. */
export const ALL_EPT_ANSWERS: [string, string | number][] = [
  ...['EPT-01', 'EPT-02', 'EPT-03', 'EPT-04', 'EPT-05', 'EPT-06', 'EPT-07', 'EPT-08', 'EPT-09', 'EPT-10', 'EPT-11', 'EPT-12', 'EPT-13'].map((i): [string, string] => [i, 'yes']),
  ['EPT-14', 3],
];

export function visitFields(inspectorId: string, overrides: Record<string, unknown> = {}) {
  return {
    municipalityId: HELSINKI,
    templateIds: [TEMPLATE],
    inspectorId,
    plannedDate: '2026-12-01',
    status: 'in_progress' as const,
    attendees: [],
    ...overrides,
  };
}

/** A push of raw mutations, bypassing the engine: for scenarios about what reaches the server. */
export async function rawPush(server: Server, user: TestUser, clientId: string, mutations: unknown[]): Promise<Response> {
  return server.app.request('/api/sync/push', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}`, 'x-schema-version': String(SCHEMA_VERSION) },
    body: JSON.stringify({ clientId, schemaVersion: SCHEMA_VERSION, mutations }),
  });
}

// ---------------------------------------------------------------------------------------------------
// Oracles

export type ServerRow = { entity: EntityName; id: string; version: number; deleted: number; region_id: string | null; data: string; updated_at: string; updated_by: string };

/** What the server shows the user: live records of their regions and reference data, as wire records. */
export function serverView(server: Server, user: TestUser): Map<string, Record<string, unknown>> {
  const rows = server.store.db.prepare('SELECT * FROM records').all() as ServerRow[];
  const view = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    if (r.region_id !== null && !user.regionIds.includes(r.region_id)) continue;
    view.set(`${r.entity}/${r.id}`, {
      ...(JSON.parse(r.data) as Record<string, unknown>),
      id: r.id,
      version: r.version,
      deleted: r.deleted === 1,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    });
  }
  return view;
}

export async function localView(db: UserDb): Promise<Map<string, AnyLocalRecord>> {
  const view = new Map<string, AnyLocalRecord>();
  for (const entity of entityNames) {
    const rows = (await db[entity].toArray()) as AnyLocalRecord[];
    for (const r of rows) view.set(`${entity}/${r.id}`, r);
  }
  return view;
}

/**
 * Convergence: after sync the device's tables are the server's view for its user. Records with
 * rejections keep the rejected fields as the user left them (they wait for the user's decision); every
 * other field matches, and each rejection knows the server's current record to restore from.
 */
export async function expectConverged(server: Server, d: Device): Promise<void> {
  expect(await d.db.outbox.count(), 'the outbox drained').toBe(0);
  const remote = serverView(server, d.user);
  const local = await localView(d.db);
  const rejections = await d.db.rejections.toArray();
  const rejected = new Map<string, RejectionRow[]>();
  for (const r of rejections) {
    const key = `${r.entity}/${r.id}`;
    rejected.set(key, [...(rejected.get(key) ?? []), r]);
  }
  const keys = new Set([...remote.keys(), ...local.keys()]);
  for (const key of keys) {
    const server = remote.get(key);
    const mine = local.get(key);
    const held = rejected.get(key);
    const live = server && server['deleted'] !== true ? server : undefined;
    if (!held) {
      expect(mine, `${key} on the device as on the server`).toEqual(live);
      continue;
    }
    for (const r of held) {
      const restore = r.serverRecord;
      if (live) expect(restore?.['version'], `${key}: rejection ${r.seq} knows the server's version`).toBe(live['version']);
      else expect(restore == null || restore['deleted'] === true, `${key}: rejection ${r.seq} knows the server has none`).toBe(true);
    }
    if (!mine || !live) continue; // a rejected create, a rejected delete, or edits of a deleted record
    const kept = new Set(held.flatMap((r) => (r.op === 'upsert' ? Object.keys(r.fields) : [])));
    const expected: Record<string, unknown> = { ...live };
    for (const f of kept) {
      if (f in mine) expected[f] = mine[f];
      else delete expected[f];
    }
    expect(mine, `${key}: the server's fields, the rejected ones as the user left them`).toEqual(expected);
  }
}

/** No duplicated effect: no mutation (client, seq) wrote history or a conflict twice for one record and field. */
export function expectAppliedOnce(server: Server): void {
  const twice = server.store.db
    .prepare(
      `SELECT client_id, seq, entity, record_id, COUNT(*) AS n FROM history WHERE seq IS NOT NULL
       GROUP BY client_id, seq, entity, record_id HAVING n > 1`,
    )
    .all();
  expect(twice, 'history rows written twice by one mutation').toEqual([]);
  const conflicts = server.store.db
    .prepare(`SELECT client_id, seq, entity, record_id, field, COUNT(*) AS n FROM conflicts GROUP BY client_id, seq, entity, record_id, field HAVING n > 1`)
    .all();
  expect(conflicts, 'conflicts logged twice by one mutation').toEqual([]);
}

export type HistoryRow = { version: number; entity: string; record_id: string; op: string; client_id: string; seq: number; before: string | null; after: string | null };

export function historyOf(server: Server, entity: EntityName, id: string): HistoryRow[] {
  return server.store.db.prepare('SELECT * FROM history WHERE entity = ? AND record_id = ? ORDER BY id').all(entity, id) as HistoryRow[];
}

export type ConflictLogRow = { entity: string; record_id: string; field: string; yours: string; kept: string; client_id: string; seq: number };

export function conflictLog(server: Server): ConflictLogRow[] {
  return server.store.db.prepare('SELECT * FROM conflicts ORDER BY id').all() as ConflictLogRow[];
}

/** One local write as the user made it: what "nothing is lost" is checked against. */
export type WriteLogEntry = { entity: EntityName; id: string; op: 'upsert' | 'delete'; fields: Record<string, unknown> };

/**
 * No lost write: the last value the device wrote to each field is on the server (its history from this
 * client, or the current record), in the server's conflict log as this client's losing value, or in
 * the device's rejections; a record it deleted last is gone from the server or its delete was rejected.
 * A write of the value the server already had changes nothing and leaves no history of its own: it
 * counts when the record had that value at some point. (Free texts in these tests are unique per
 * write, so for them only this client's own history can match.)
 */
export async function expectNothingLost(server: Server, d: Device, writes: readonly WriteLogEntry[]): Promise<void> {
  const last = new Map<string, { entity: EntityName; id: string; deleted: boolean; fields: Map<string, unknown> }>();
  for (const w of writes) {
    const key = `${w.entity}/${w.id}`;
    const entry = last.get(key) ?? { entity: w.entity, id: w.id, deleted: false, fields: new Map<string, unknown>() };
    if (w.op === 'delete') {
      entry.deleted = true;
      entry.fields.clear();
    } else {
      entry.deleted = false;
      for (const [f, v] of Object.entries(w.fields)) entry.fields.set(f, v);
    }
    last.set(key, entry);
  }
  const rejections = await d.db.rejections.toArray();
  const conflicts = conflictLog(server).filter((c) => c.client_id === d.clientId);
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  for (const [key, w] of last) {
    const row = server.store.db.prepare('SELECT * FROM records WHERE entity = ? AND id = ?').get(w.entity, w.id) as ServerRow | undefined;
    const mineRejected = rejections.filter((r) => r.entity === w.entity && r.id === w.id);
    if (w.deleted) {
      const gone = !row || row.deleted === 1;
      expect(gone || mineRejected.some((r) => r.op === 'delete'), `${key}: the delete reached the server or was rejected`).toBe(true);
      continue;
    }
    const history = historyOf(server, w.entity, w.id);
    const current = row ? (JSON.parse(row.data) as Record<string, unknown>) : {};
    const wrote = (h: HistoryRow, f: string, v: unknown) => h.after !== null && f in (JSON.parse(h.after) as object) && same((JSON.parse(h.after) as Record<string, unknown>)[f], v);
    for (const [f, v] of w.fields) {
      const applied = history.some((h) => h.client_id === d.clientId && wrote(h, f, v));
      const isCurrent = (row !== undefined && same(current[f], v)) || history.some((h) => wrote(h, f, v));
      const lost = conflicts.some((c) => c.entity === w.entity && c.record_id === w.id && c.field === f && same(JSON.parse(c.yours), v));
      const held = mineRejected.some((r) => r.op === 'upsert' && f in r.fields && same(r.fields[f], v));
      expect(applied || isCurrent || lost || held, `${key}.${f} = ${JSON.stringify(v)} is on the server, in its conflict log or in rejections`).toBe(true);
    }
  }
}

/** Syncs every device until none has anything left to push, then once more so all have pulled the last. */
export async function syncAll(devices: readonly Device[], api: (d: Device) => Api): Promise<void> {
  for (let round = 0; round < 10; round++) {
    for (const d of devices) await syncOnce(d.deps(api(d)));
    const waiting = await Promise.all(devices.map((d) => d.db.outbox.count()));
    if (waiting.every((n) => n === 0)) break;
  }
  for (const d of devices) await syncOnce(d.deps(api(d)));
}

export { NetworkError };
