// The built server killed with SIGKILL under load: every push it acknowledged is there after a
// restart, and resending what was not acknowledged applies it once. Needs `npm run build` first
// (`npm test` does it), since it runs `node dist/server/server/main.js` as production does.
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dexie } from 'dexie';
import { afterAll, describe, expect, it } from 'vitest';
import { getClientId } from '../../src/db/client-id.ts';
import { schemaV1, type UserDb } from '../../src/db/database.ts';
import { pullResponseSchema, pushResponseSchema, type Change, SCHEMA_VERSION } from '../../src/shared/protocol.ts';
import { syncOnce, type Api } from '../../src/sync/engine.ts';
import { createApiFetch } from '../../src/sync/http.ts';
import { startBuiltServer, type BuiltServer } from '../built-server.ts';

const DEMO_PASSWORD = 'crash-test-password';

const startBuilt = (dataDir: string) => startBuiltServer({ DATA_DIR: dataDir, DEMO_PASSWORD, STATIC_DIR: join(dataDir, 'no-app') });

const dir = mkdtempSync(join(tmpdir(), 'tillsyn-crash-'));
const running: BuiltServer[] = [];
afterAll(async () => {
  for (const r of running) {
    if (r.child.exitCode === null && r.child.signalCode === null) {
      r.child.kill('SIGKILL');
      await r.exited;
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

type Sent = { clientId: string; seq: number; id: string; text: string };

describe('the server process killed under load', () => {
  it('keeps every acknowledged push, and applies the rest once when resent', async () => {
    const dataDir = join(dir, 'data');
    let server = await startBuilt(dataDir);
    running.push(server);

    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'inspector', password: DEMO_PASSWORD }),
    });
    const { token, user } = (await login.json()) as { token: string; user: { id: string } };
    const headers = () => ({ 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-schema-version': String(SCHEMA_VERSION) });
    const push = (clientId: string, mutations: unknown[]) =>
      fetch(`${server.url}/api/sync/push`, { method: 'POST', headers: headers(), body: JSON.stringify({ clientId, schemaVersion: SCHEMA_VERSION, mutations }) });

    // One visit the load writes observations of.
    const visitId = randomUUID();
    const setup = await push(randomUUID(), [
      {
        seq: 1,
        entity: 'visit',
        id: visitId,
        op: 'upsert',
        baseVersion: null,
        fields: { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: user.id, plannedDate: '2026-12-01', status: 'in_progress', attendees: [] },
      },
    ]);
    expect(setup.status).toBe(200);

    // A device with a long outbox, synced by the engine, beside raw clients pushing batches in a loop.
    const db = new Dexie(`tillsyn-crash-${randomUUID()}`) as UserDb;
    db.version(1).stores(schemaV1);
    const deviceClient = await getClientId(db);
    await db.outbox.bulkAdd(
      Array.from({ length: 3000 }, (_, i) => ({
        entity: 'observation' as const,
        id: randomUUID(),
        op: 'upsert' as const,
        baseVersion: null,
        fields: { visitId, kind: 'note', text: `device note ${i}` },
        queuedAt: new Date().toISOString(),
      })),
    );
    const api: Api = (path, request) => createApiFetch((input, init) => fetch(input, init), server.url)(path, request);
    const deps = { db, api, clientId: deviceClient, token: () => token };

    const acknowledged: Sent[] = [];
    const unanswered: Sent[][] = [];
    let acks = 0;
    let killed = false;
    const client = async () => {
      const clientId = randomUUID();
      let seq = 0;
      while (!killed) {
        const batch: Sent[] = Array.from({ length: 40 }, () => ({ clientId, seq: ++seq, id: randomUUID(), text: `${clientId.slice(0, 8)} ${seq}` }));
        try {
          const res = await push(
            clientId,
            batch.map((m) => ({ seq: m.seq, entity: 'observation', id: m.id, op: 'upsert', baseVersion: null, fields: { visitId, kind: 'note', text: m.text } })),
          );
          if (res.status !== 200) throw new Error(`push answered ${res.status}`);
          pushResponseSchema.parse(await res.json());
          acknowledged.push(...batch);
          acks++;
        } catch {
          unanswered.push(batch);
          return;
        }
      }
    };
    const load = [...Array.from({ length: 6 }, client), syncOnce(deps).catch(() => {})];
    // The kill comes once the raw clients have answers and the device's first batch was answered, so its
    // outbox is part sent, part waiting, however fast the server drains it.
    while (acks < 10 || (await db.outbox.count()) > 2500) await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGKILL');
    killed = true;
    await server.exited;
    await Promise.all(load);
    // Part of the device's outbox may have gone out before the kill; the rest waits.
    expect(await db.outbox.count()).toBeGreaterThan(0);

    server = await startBuilt(dataDir);
    running.push(server);

    // Every acknowledged observation is there, with its text.
    const onServer = new Map<string, Change>();
    let cursor: string | undefined;
    for (;;) {
      const res = await fetch(`${server.url}/api/sync/pull?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers: headers() });
      const page = pullResponseSchema.parse(await res.json());
      for (const c of page.changes) onServer.set(`${c.entity}/${c.id}`, c);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(10 * 40);
    const missing = acknowledged.filter((m) => onServer.get(`observation/${m.id}`)?.record?.['text'] !== m.text);
    expect(missing, 'acknowledged before the kill, gone after the restart').toEqual([]);

    // What was not acknowledged goes again, with the same seqs: applied once, or answered duplicate.
    for (const batch of unanswered) {
      const res = await push(
        batch[0]!.clientId,
        batch.map((m) => ({ seq: m.seq, entity: 'observation', id: m.id, op: 'upsert', baseVersion: null, fields: { visitId, kind: 'note', text: m.text } })),
      );
      expect(res.status).toBe(200);
    }
    await syncOnce(deps);
    expect(await db.outbox.count()).toBe(0);

    const probe = await fetch(`${server.url}/api/sync/pull?limit=1000`, { headers: headers() });
    expect(probe.status).toBe(200);
    // The history, read from the database file: each mutation wrote one row, whatever was resent.
    const Sqlite = (await import('better-sqlite3')).default;
    const file = new Sqlite(join(dataDir, 'tillsyn.db'), { readonly: true, fileMustExist: true });
    try {
      const twice = file.prepare('SELECT client_id, seq, COUNT(*) AS n FROM history GROUP BY client_id, seq HAVING n > 1').all();
      expect(twice).toEqual([]);
      const count = (clientId: string) => (file.prepare('SELECT COUNT(*) AS n FROM history WHERE client_id = ?').get(clientId) as { n: number }).n;
      expect(count(deviceClient)).toBe(3000);
      for (const batch of unanswered) {
        const clientId = batch[0]!.clientId;
        expect(count(clientId)).toBe(batch.at(-1)!.seq);
      }
    } finally {
      file.close();
    }
    db.close();
    await Dexie.delete(db.name);
  }, 120_000);
});
