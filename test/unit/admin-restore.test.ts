// @vitest-environment node
// The restore procedure as an admin runs it, with a device that keeps working through it: a backup
// taken from the running server, more writes, the server stopped, `admin restore`, the server
// started again. The device's next pull, with the cursor it had, is told to start over (410 RESET);
// it pulls from the beginning, drops what the restored server no longer has, and its unsent outbox
// is kept and then pushed.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { getClientId } from '../../src/db/client-id.ts';
import { saveRecord } from '../../src/db/write.ts';
import type { Logger } from '../../src/server/app.ts';
import { addUser } from '../../src/server/auth/users.ts';
import { openDataDir } from '../../src/server/bootstrap.ts';
import { runCli } from '../../src/server/cli.ts';
import { readConfig } from '../../src/server/config.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { loginResponseSchema } from '../../src/shared/auth.ts';
import { SCHEMA_HEADER, SCHEMA_VERSION } from '../../src/shared/protocol.ts';
import { CURSOR_KEY, pullAll, pushAll, syncOnce, type Api, type SyncDeps } from '../../src/sync/engine.ts';
import { createApiFetch, type FetchLike } from '../../src/sync/http.ts';
import { openDeviceDb, uuid, visitFields } from './sync-harness.ts';

const PASSWORD = 'correct horse battery';
const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

let dir: string;
let server: RunningServer | undefined;
let url = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tillsyn-restore-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const dataDir = () => join(dir, 'data');

async function start(): Promise<void> {
  server = await startServer(readConfig({ PORT: '0', DATA_DIR: dataDir(), STATIC_DIR: join(dir, 'no-app') }), silent);
  url = `http://127.0.0.1:${server.port}`;
}

async function stop(): Promise<void> {
  await server!.close();
  server = undefined;
}

async function admin(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdin: Readable.from([]), out: (t) => (out += t), err: (t) => (err += t), env: { DATA_DIR: dataDir() } });
  return { code, out, err };
}

/** Every request the device makes, to whichever server now listens, with the answer's status. */
const statuses: { path: string; status: number }[] = [];
const overHttp: FetchLike = async (path, init) => {
  const res = await fetch(`${url}${path}`, init);
  statuses.push({ path, status: res.status });
  return res;
};

it('a device recovers from a restore: RESET, a pull from the beginning, its outbox kept and then pushed', async () => {
  const setup = await openDataDir(dataDir());
  await addUser(setup, { username: 'ilona', name: 'Ilona Virtanen', role: 'inspector', regionIds: ['avi-1'], password: PASSWORD });
  await setup.close();
  await start();

  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ilona', password: PASSWORD }),
  });
  const { token, user } = loginResponseSchema.parse(await login.json());
  const db = openDeviceDb();
  const deps: SyncDeps = { db, api: createApiFetch(overHttp) as Api, clientId: await getClientId(db), token: () => token };

  const kept = uuid();
  await saveRecord(db, 'visit', kept, visitFields(user.id, { agenda: 'in the backup' }));
  await syncOnce(deps);

  const backupFile = join(dir, 'backup.db');
  const backup = await admin('backup', backupFile);
  expect(backup.err).toBe('');
  expect(backup.code).toBe(0);
  const backupVersion = Number(/server version (\d+)/.exec(backup.out)![1]);
  expect(backupVersion).toBe(await server!.store.currentVersion());

  // After the backup: two acknowledged pushes the restore will lose, pulled by the device...
  const lost = [uuid(), uuid()];
  for (const id of lost) {
    await saveRecord(db, 'visit', id, visitFields(user.id, { agenda: 'after the backup' }));
    await syncOnce(deps);
  }
  const cursor = (await db.meta.get(CURSOR_KEY))!.value as string;
  // ...and a change still in its outbox when the server goes down.
  const unsent = uuid();
  await saveRecord(db, 'visit', unsent, visitFields(user.id, { agenda: 'unsent at the restore' }));
  await saveRecord(db, 'visit', kept, { summary: 'edited offline' });
  expect(await db.outbox.count()).toBe(2);

  const refused = await admin('restore', backupFile);
  expect(refused.code).toBe(1);
  expect(refused.err).toContain('in use: stop the server');
  expect(await server!.store.getRecord('visit', lost[0]!)).toBeDefined();

  await stop();
  const restored = await admin('restore', backupFile);
  expect(restored.err).toBe('');
  expect(restored.code).toBe(0);
  expect(restored.out).toContain(`server version ${backupVersion}`);
  expect(existsSync(join(dataDir(), 'tillsyn.db-wal'))).toBe(false);
  expect(existsSync(join(dataDir(), 'tillsyn.db-shm'))).toBe(false);
  expect(readdirSync(dataDir()).filter((f) => f.includes('before-restore'))).toHaveLength(1);
  await start();
  expect(await server!.store.currentVersion()).toBe(backupVersion);

  // The cursor the device holds is newer than the server now: 410 RESET.
  const stale = await fetch(`${url}/api/sync/pull?cursor=${encodeURIComponent(cursor)}`, {
    headers: { authorization: `Bearer ${token}`, [SCHEMA_HEADER]: String(SCHEMA_VERSION) },
  });
  expect(stale.status).toBe(410);
  expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('RESET');

  // The pull alone first: it starts over, drops what the server lost, and keeps the outbox.
  statuses.length = 0;
  await pullAll(deps);
  expect(statuses.map((s) => s.status)).toContain(410);
  expect(statuses.at(-1)).toMatchObject({ status: 200 });
  expect(await db.outbox.count(), 'the outbox is kept').toBe(2);
  for (const id of lost) expect(await db.visit.get(id), 'what the restored server lacks is dropped').toBeUndefined();
  expect(await db.visit.get(unsent)).toMatchObject({ agenda: 'unsent at the restore' });
  expect(await db.visit.get(kept)).toMatchObject({ agenda: 'in the backup', summary: 'edited offline' });

  // Then the outbox goes out, and the device and the server agree.
  await pushAll(deps);
  expect(await db.outbox.count()).toBe(0);
  expect(await db.rejections.count()).toBe(0);
  await syncOnce(deps);
  expect((await server!.store.getRecord('visit', unsent))?.data).toMatchObject({ agenda: 'unsent at the restore' });
  expect((await server!.store.getRecord('visit', kept))?.data).toMatchObject({ agenda: 'in the backup', summary: 'edited offline' });
  for (const id of lost) expect(await server!.store.getRecord('visit', id)).toBeUndefined();
  const local = (await db.visit.toArray()).map((v) => v.id).sort();
  expect(local).toEqual([kept, unsent].sort());
  for (const v of await db.visit.toArray()) expect(v.version).toBe((await server!.store.getRecord('visit', v.id))!.version);

  db.close();
  await Dexie.delete(db.name);
}, 60_000);

it('a restored server that has since passed a cursor still tells its device to start over', async () => {
  const store = await openDataDir(dataDir());
  await addUser(store, { username: 'ilona', name: 'Ilona Virtanen', role: 'inspector', regionIds: ['avi-1'], password: PASSWORD });
  const user = (await store.userByUsername('ilona'))!;
  const actor = { userId: user.id, role: user.role, regionIds: user.regionIds };
  let seq = 0;
  const edit = (on: typeof store, clientId: string, id: string, fields: Record<string, unknown>, baseVersion: number | null = null) =>
    on.push(actor, { clientId, schemaVersion: SCHEMA_VERSION, mutations: [{ seq: ++seq, entity: 'visit', id, op: 'upsert', baseVersion, fields }] });
  const tablet = uuid();
  const visit = uuid();
  await edit(store, tablet, visit, visitFields(user.id, { agenda: 'in the backup' }));
  await store.close();
  const backup = await admin('backup', join(dir, 'backup.db'));
  expect(backup.code).toBe(0);

  // After the backup the tablet edits the visit twice and pulls: its cursor stops at the visit.
  const before = await openDataDir(dataDir());
  await edit(before, tablet, visit, { agenda: 'lost 1' }, 1);
  await edit(before, tablet, visit, { agenda: 'lost 2' }, 1);
  let cursor: string | undefined;
  for (let page = await before.pull(actor, undefined, 1000); ; page = await before.pull(actor, cursor, 1000)) {
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const cursorVersion = await before.currentVersion();
  await before.close();

  expect((await admin('restore', join(dir, 'backup.db'))).code).toBe(0);
  // Another device writes the same visit until the server's versions pass the tablet's cursor again:
  // the record it stopped at is newer than the cursor, as if nothing had been rolled back.
  const after = await openDataDir(dataDir());
  try {
    const desk = uuid();
    while ((await after.currentVersion()) < cursorVersion + 1) await edit(after, desk, visit, { agenda: `rewritten ${seq}` }, 1);
    expect((await after.getRecord('visit', visit))!.version).toBeGreaterThanOrEqual(cursorVersion);
    // The store speaks the protocol, not HTTP: the route answers this 410 (routes/sync.ts).
    await expect(after.pull(actor, cursor, 1000)).rejects.toMatchObject({ name: 'SyncError', code: 'RESET' });
  } finally {
    await after.close();
  }
});
