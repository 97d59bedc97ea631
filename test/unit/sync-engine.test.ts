// @vitest-environment node
// The sync engine against the real server, in-process, over fake-indexeddb: the scenarios,
// each checked with the oracles (nothing lost, nothing applied twice, devices converge on the server).
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { schemaV1, schemaV2 } from '../../src/db/database.ts';
import { exportUnsent, importUnsent } from '../../src/db/outbox-file.ts';
import { deleteRecord, saveRecord } from '../../src/db/write.ts';
import { entityNames, type EntityFields, type EntityName } from '../../src/shared/entities.ts';
import { parsePullPage } from '../../src/sync/wire.ts';
import { SCHEMA_VERSION, type PullResponse } from '../../src/shared/protocol.ts';
import { syncStore } from '../../src/db/sync-store.ts';
import { CURSOR_KEY, pullAll, pushAll, syncOnce, type Api } from '../../src/sync/engine.ts';
import { ApiError, NetworkError, createApiFetch, type FetchLike } from '../../src/sync/http.ts';
import {
  ALL_EPT_ANSWERS,
  conflictLog,
  device,
  dropDevice,
  expectAppliedOnce,
  expectConverged,
  expectNothingLost,
  HELSINKI,
  historyOf,
  openDeviceDb,
  rawPush,
  serverView,
  startServer,
  syncAll,
  uuid,
  visitFields,
  wire,
  type Device,
  type Server,
  type WriteLogEntry,
} from './sync-harness.ts';

// Some scenarios queue a thousand edits; on a loaded machine that outlasts the default 5 s.
vi.setConfig({ testTimeout: 60_000 });

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

/** Local edits through the app's one write path, logged for the "nothing lost" oracle. */
function writer(d: Device) {
  const log: WriteLogEntry[] = [];
  return {
    log,
    async save<E extends EntityName>(entity: E, id: string, fields: Partial<EntityFields[E]>) {
      await saveRecord(d.db, entity, id, fields);
      log.push({ entity, id, op: 'upsert', fields: fields as Record<string, unknown> });
    },
    async remove(entity: EntityName, id: string) {
      await deleteRecord(d.db, entity, id);
      log.push({ entity, id, op: 'delete', fields: {} });
    },
  };
}

async function expectOracles(devices: { d: Device; log: WriteLogEntry[] }[]): Promise<void> {
  for (const { d, log } of devices) {
    await expectNothingLost(server, d, log);
    await expectConverged(server, d);
  }
  expectAppliedOnce(server);
}

describe('exactly once, across lost answers and crashes', () => {
  it('resends a batch whose answer was lost after the commit, and the server answers duplicate', async () => {
    const a = await device(server, 'ilona');
    const w = writer(a);
    const visitId = uuid();
    await w.save('visit', visitId, visitFields(a.user.id));
    await w.save('observation', uuid(), { visitId, kind: 'concern', text: 'No working group since 2023' });

    const lossy = wire(server, (path) => (path.startsWith('/api/sync/push') ? 'lost' : 'none'));
    await expect(pushAll(a.deps(lossy.api))).rejects.toBeInstanceOf(NetworkError);
    expect(lossy.log.map((l) => l.status)).toEqual([200]); // the server did commit
    expect(await a.db.outbox.count()).toBe(2); // but the device never heard it, so nothing left the outbox

    const healthy = wire(server);
    const answers: unknown[] = [];
    const api: Api = async (path, req) => {
      const answer = await healthy.api(path, req);
      if (path.startsWith('/api/sync/push')) answers.push(answer);
      return answer;
    };
    await syncOnce(a.deps(api));
    expect(answers).toMatchObject([{ results: [{ status: 'duplicate' }, { status: 'duplicate' }] }]);
    expect(historyOf(server, 'visit', visitId)).toHaveLength(1);
    await expectOracles([{ d: a, log: w.log }]);
  });

  it('applies nothing when the server fails before the commit, and the resend applies once', async () => {
    const a = await device(server, 'ilona');
    const w = writer(a);
    const visitId = uuid();
    await w.save('visit', visitId, visitFields(a.user.id));
    await w.save('visit', visitId, { agenda: 'Opening, checklist, follow-ups' });

    const down = wire(server, () => 'down');
    await expect(pushAll(a.deps(down.api))).rejects.toBeInstanceOf(NetworkError);
    const crashing = wire(server, () => 'crash');
    const crash = await pushAll(a.deps(crashing.api)).catch((e: unknown) => e);
    expect(crash).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(serverView(server, a.user).has(`visit/${visitId}`), 'the crashed push left nothing behind').toBe(false);
    expect(server.store.db.prepare('SELECT COUNT(*) AS n FROM sync_clients').get()).toEqual({ n: 0 });
    expect(await a.db.outbox.count()).toBe(1);

    await a.sync();
    expect(historyOf(server, 'visit', visitId)).toHaveLength(1);
    await expectOracles([{ d: a, log: w.log }]);
  });

  it('applies one batch once when it arrives five times in a row and five times at once', async () => {
    const a = await device(server, 'ilona');
    const visitId = uuid();
    const batch = [
      { seq: 1, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: visitFields(a.user.id) },
      { seq: 2, entity: 'observation', id: uuid(), op: 'upsert', baseVersion: null, fields: { visitId, kind: 'note', text: 'Strong network' } },
    ];
    const inRow: string[][] = [];
    for (let i = 0; i < 5; i++) {
      const body = (await (await rawPush(server, a.user, a.clientId, batch)).json()) as { results: { status: string }[] };
      inRow.push(body.results.map((r) => r.status));
    }
    expect(inRow).toEqual([['applied', 'applied'], ...Array(4).fill(['duplicate', 'duplicate'])]);

    const b = await device(server, 'ilona');
    const other = batch.map((m) => ({ ...m, id: m.entity === 'visit' ? visitId : uuid() }));
    const atOnce = await Promise.all(Array.from({ length: 5 }, () => rawPush(server, b.user, b.clientId, other)));
    const statuses = await Promise.all(atOnce.map(async (r) => ((await r.json()) as { results: { status: string }[] }).results[1]!.status));
    expect(statuses.sort()).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expectAppliedOnce(server);
  });

  it('lets two tabs of one device push the same outbox at once without storing an answer twice', async () => {
    const a = await device(server, 'ilona');
    const w = writer(a);
    const visitId = uuid();
    await w.save('visit', visitId, visitFields(a.user.id));
    for (let i = 0; i < 30; i++) await w.save('observation', uuid(), { visitId, kind: 'note', text: `Note ${i}` });
    // A second tab: the same database (same client id) through its own connection.
    const tab2 = openDeviceDb(a.db.name);
    const tab2Deps = { db: tab2, api: wire(server).api, clientId: a.clientId, token: () => a.token.current };
    await Promise.all([a.sync(), syncOnce(tab2Deps)]);
    await a.sync();
    await expectOracles([{ d: a, log: w.log }]);
    tab2.close();
  });

  it('answers a late copy of an old batch as duplicate, and the device ignores its late answer', async () => {
    const a = await device(server, 'ilona');
    const w = writer(a);
    const visitId = uuid();
    await w.save('visit', visitId, visitFields(a.user.id));
    // The first request is held up on the way; the device gives up on it and resends with more rows.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let first = true;
    let away!: () => void;
    const pushIsAway = new Promise<void>((resolve) => {
      away = resolve;
    });
    const slow: FetchLike = async (path, init) => {
      if (first && path.startsWith('/api/sync/push')) {
        first = false;
        away();
        await held;
      }
      return server.app.request(path, init);
    };
    const late = pushAll(a.deps(createApiFetch(slow) as Api));
    await pushIsAway;
    await w.save('visit', visitId, { agenda: 'Added while the first push was away' });
    await a.sync();
    expect(await a.db.outbox.count()).toBe(0);
    release();
    await late; // its answer (duplicates) concerns rows already gone: nothing is stored twice
    await a.sync();
    await expectOracles([{ d: a, log: w.log }]);
  });

  it('keeps an edit made after a lost push in a row of its own, so the resend cannot swallow it', async () => {
    const a = await device(server, 'ilona');
    const w = writer(a);
    const visitId = uuid();
    await w.save('visit', visitId, visitFields(a.user.id, { agenda: 'first' }));
    await expect(pushAll(a.deps(wire(server, () => 'lost').api))).rejects.toBeInstanceOf(NetworkError);
    // The tab closes here; on reload the row is still flagged as sent, and the user types on.
    await w.save('visit', visitId, { agenda: 'second' });
    const rows = await a.db.outbox.toArray();
    expect(rows).toHaveLength(2);
    await a.sync();
    expect(serverView(server, a.user).get(`visit/${visitId}`)?.['agenda']).toBe('second');
    await expectOracles([{ d: a, log: w.log }]);
  });
});

describe('pulling', () => {
  it('applies a page twice, and pages out of order, with no harm', async () => {
    const a = await device(server, 'ilona');
    const b = await device(server, 'ilona');
    const w = writer(a);
    const visitId = uuid();
    await w.save('visit', visitId, visitFields(a.user.id, { agenda: 'v1' }));
    await a.sync();
    await b.sync();
    const pulled = await server.app.request('/api/sync/pull?limit=1000', { headers: { authorization: `Bearer ${b.user.token}`, 'x-schema-version': String(SCHEMA_VERSION) } });
    const page1 = (await pulled.json()) as PullResponse;
    await w.save('visit', visitId, { agenda: 'v2' });
    await a.sync();
    await b.sync();
    // The old full page again (an older copy of the visit): skipped, nothing goes back.
    await syncStore(b.db).storePulled(page1.changes, page1.cursor, false);
    await syncStore(b.db).storePulled(page1.changes, page1.cursor, false);
    expect((await b.db.visit.get(visitId))?.agenda).toBe('v2');
    await b.sync(wire(server, (path) => (path.startsWith('/api/sync/pull') ? 'stale' : 'none')).api);
    await b.sync();
    await expectOracles([
      { d: a, log: w.log },
      { d: b, log: [] },
    ]);
  });

  it('keeps fields with unsent edits when a pulled change arrives, and sends them with their base version', async () => {
    const a = await device(server, 'ilona');
    const b = await device(server, 'ilona');
    const wa = writer(a);
    const wb = writer(b);
    const visitId = uuid();
    await wa.save('visit', visitId, visitFields(a.user.id));
    await a.sync();
    await b.sync();
    await wb.save('visit', visitId, { summary: 'B’s summary, unsent' });
    await wa.save('visit', visitId, { agenda: 'A’s agenda' });
    await a.sync();
    await pullAll(b.deps(wire(server).api));
    const onB = await b.db.visit.get(visitId);
    expect(onB).toMatchObject({ agenda: 'A’s agenda', summary: 'B’s summary, unsent' });
    await b.sync();
    await a.sync();
    await expectOracles([
      { d: a, log: wa.log },
      { d: b, log: wb.log },
    ]);
  });

  it('shows an inspector of another region none of avi-1’s visits', async () => {
    const a = await device(server, 'ilona');
    const w = writer(a);
    await w.save('visit', uuid(), visitFields(a.user.id));
    await a.sync();
    const far = await device(server, 'mikko');
    await far.sync();
    expect(await far.db.visit.count()).toBe(0);
    expect(await far.db.municipality.count()).toBeGreaterThan(300);
    await expectConverged(server, far);
  });
});

describe('two devices, one visit', () => {
  async function twoDevices() {
    const a = await device(server, 'ilona');
    const b = await device(server, 'ilona');
    const wa = writer(a);
    const wb = writer(b);
    const visitId = uuid();
    await wa.save('visit', visitId, visitFields(a.user.id));
    await a.sync();
    await b.sync();
    return { a, b, wa, wb, visitId };
  }

  it('applies edits of different fields from both', async () => {
    const { a, b, wa, wb, visitId } = await twoDevices();
    await wa.save('visit', visitId, { agenda: 'From A' });
    await wb.save('visit', visitId, { summary: 'From B' });
    await syncAll([a, b], () => wire(server).api);
    expect(serverView(server, a.user).get(`visit/${visitId}`)).toMatchObject({ agenda: 'From A', summary: 'From B' });
    expect(conflictLog(server)).toEqual([]);
    await expectOracles([
      { d: a, log: wa.log },
      { d: b, log: wb.log },
    ]);
  });

  it('merges the same field: the server keeps the first, the loser is kept in both conflict logs', async () => {
    const { a, b, wa, wb, visitId } = await twoDevices();
    await wa.save('visit', visitId, { summary: 'A wrote this first' });
    await wb.save('visit', visitId, { summary: 'B wrote this offline', agenda: 'B’s agenda' });
    await a.sync();
    await b.sync();
    expect(serverView(server, a.user).get(`visit/${visitId}`)).toMatchObject({ summary: 'A wrote this first', agenda: 'B’s agenda' });
    expect(conflictLog(server)).toMatchObject([{ field: 'summary', yours: JSON.stringify('B wrote this offline'), client_id: b.clientId }]);
    expect(await b.db.conflicts.toArray()).toMatchObject([{ entity: 'visit', id: visitId, field: 'summary', yours: 'B wrote this offline', kept: 'A wrote this first' }]);
    expect((await b.db.visit.get(visitId))?.summary).toBe('A wrote this first');
    await syncAll([a, b], () => wire(server).api);
    await expectOracles([
      { d: a, log: wa.log },
      { d: b, log: wb.log },
    ]);
  });

  it('rejects the inspector’s offline edit of a visit the coordinator approved meanwhile, keeping its payload', async () => {
    const insp = await device(server, 'ilona');
    const coord = await device(server, 'kaisa');
    const wi = writer(insp);
    const wc = writer(coord);
    const visitId = uuid();
    await wi.save('visit', visitId, visitFields(insp.user.id));
    for (const itemId of ['EPT-01', 'EPT-02', 'EPT-03', 'EPT-04', 'EPT-05', 'EPT-06', 'EPT-07', 'EPT-08', 'EPT-09', 'EPT-10', 'EPT-11', 'EPT-12', 'EPT-13']) {
      await wi.save('answer', `${visitId}:${itemId}`, { visitId, itemId, value: 'yes' });
    }
    await wi.save('answer', `${visitId}:EPT-14`, { visitId, itemId: 'EPT-14', value: 3 });
    await wi.save('visit', visitId, { status: 'submitted' });
    await insp.sync();
    await coord.sync();
    await wc.save('visit', visitId, { status: 'approved', reviewNote: 'Thorough' });
    await coord.sync();
    // The inspector, offline and not yet aware of the approval, edits the summary.
    await wi.save('visit', visitId, { summary: 'Written on the train' });
    await insp.sync();
    const [rejection] = await insp.db.rejections.toArray();
    expect(rejection).toMatchObject({ entity: 'visit', id: visitId, op: 'upsert', fields: { summary: 'Written on the train' }, error: { code: 'VISIT_LOCKED' } });
    const onTablet = await insp.db.visit.get(visitId);
    expect(onTablet, 'the server’s approval shows, the rejected text stays until the user decides').toMatchObject({
      status: 'approved',
      approvedBy: coord.user.id,
      summary: 'Written on the train',
    });
    await syncAll([insp, coord], () => wire(server).api);
    await expectOracles([
      { d: insp, log: wi.log },
      { d: coord, log: wc.log },
    ]);
  });

  it('keeps the version a device saw when a rejected edit is followed by a change of nothing, so its next step does not conflict', async () => {
    const { a, b, wa, wb, visitId } = await twoDevices();
    for (const [itemId, value] of ALL_EPT_ANSWERS) await wa.save('answer', `${visitId}:${itemId}`, { visitId, itemId, value });
    await wa.save('visit', visitId, { status: 'submitted' });
    await a.sync();
    await b.sync();
    // Tablet B, having seen the submission: an edit the server refuses, then the status it already has.
    await wb.save('visit', visitId, { summary: 'Too late: the visit is submitted' });
    await wb.save('visit', visitId, { status: 'submitted' });
    await b.sync();
    expect(await b.db.rejections.toArray()).toMatchObject([{ error: { code: 'VISIT_LOCKED' } }]);
    // Then B recalls the visit: a step it is entitled to, on a field whose last change it has seen.
    await wb.save('visit', visitId, { status: 'in_progress' });
    await b.sync();
    expect(conflictLog(server)).toEqual([]);
    expect(serverView(server, b.user).get(`visit/${visitId}`)?.['status']).toBe('in_progress');
    await syncAll([a, b], () => wire(server).api);
    await expectOracles([
      { d: a, log: wa.log },
      { d: b, log: wb.log },
    ]);
  });

  it('lets a delete win over an edit it had not seen, and the edit is rejected with its payload', async () => {
    const { a, b, wa, wb, visitId } = await twoDevices();
    const obsId = uuid();
    await wa.save('observation', obsId, { visitId, kind: 'note', text: 'Draft' });
    await syncAll([a, b], () => wire(server).api);
    await wa.remove('observation', obsId);
    await wb.save('observation', obsId, { text: 'Edited on B' });
    await a.sync();
    await b.sync();
    expect(await b.db.rejections.toArray()).toMatchObject([{ entity: 'observation', id: obsId, error: { code: 'DELETED' }, fields: { text: 'Edited on B' } }]);
    await syncAll([a, b], () => wire(server).api);
    await expectOracles([
      { d: a, log: wa.log },
      { d: b, log: wb.log },
    ]);
  });

  it('removes an answer whose edit lost a conflict when the same push deletes its visit', async () => {
    const a = await device(server, 'ilona');
    const b = await device(server, 'ilona');
    const wa = writer(a);
    const wb = writer(b);
    const visitId = uuid();
    const answerId = `${visitId}:EPT-07`;
    await wa.save('visit', visitId, visitFields(a.user.id, { status: 'planned' }));
    await wa.save('answer', answerId, { visitId, itemId: 'EPT-07', value: 'yes' });
    await a.sync();
    await b.sync();
    await wa.save('answer', answerId, { value: 'no' });
    await a.sync();
    // Tablet B, not having seen that: changes the same answer, then deletes the planned visit.
    await wb.save('answer', answerId, { value: 'partly' });
    await wb.remove('visit', visitId);
    await b.sync();
    expect(conflictLog(server)).toMatchObject([{ record_id: answerId, field: 'value', yours: '"partly"', client_id: b.clientId }]);
    expect(await b.db.answer.get(answerId), 'the visit’s delete took its answers along').toBeUndefined();
    await syncAll([a, b], () => wire(server).api);
    await expectOracles([
      { d: a, log: wa.log },
      { d: b, log: wb.log },
    ]);
  });

  it('deletes a record that an edit had reached first', async () => {
    const { a, b, wa, wb, visitId } = await twoDevices();
    const obsId = uuid();
    await wa.save('observation', obsId, { visitId, kind: 'note', text: 'Draft' });
    await syncAll([a, b], () => wire(server).api);
    await wb.save('observation', obsId, { text: 'Edited on B first' });
    await wa.remove('observation', obsId);
    await b.sync();
    await a.sync();
    await syncAll([a, b], () => wire(server).api);
    expect(serverView(server, a.user).get(`observation/${obsId}`)?.['deleted']).toBe(true);
    await expectOracles([
      { d: a, log: wa.log },
      { d: b, log: wb.log },
    ]);
  });
});

describe('a bad record never blocks the queue', () => {
  it('applies 97 of 100 mutations and keeps the 3 invalid ones in rejections', async () => {
    const a = await device(server, 'ilona');
    const w = writer(a);
    const visitId = uuid();
    await w.save('visit', visitId, visitFields(a.user.id));
    const bad = new Set([10, 50, 90]);
    for (let i = 1; i < 100; i++) {
      // An inspector of avi-1 writing a contact in avi-2's Espoo neighbour: the server says FORBIDDEN.
      if (bad.has(i)) await w.save('contact', uuid(), { municipalityId: '019', name: `Contact ${i}`, areas: ['welfare'], active: true });
      else await w.save('observation', uuid(), { visitId, kind: 'note', text: `Note ${i}` });
    }
    await a.sync();
    expect(await a.db.outbox.count()).toBe(0);
    const rejections = await a.db.rejections.toArray();
    expect(rejections).toHaveLength(3);
    expect(rejections.every((r) => r.error.code === 'FORBIDDEN')).toBe(true);
    expect(await server.store.listRecords('observation')).toHaveLength(96);
    await expectOracles([{ d: a, log: w.log }]);
  });

  it('halves the batch on 413 until it fits', async () => {
    const a = await device(server, 'ilona');
    const w = writer(a);
    const visitId = uuid();
    await w.save('visit', visitId, visitFields(a.user.id));
    for (let i = 0; i < 300; i++) await w.save('observation', uuid(), { visitId, kind: 'note', text: `Note ${i}` });
    const sizes: number[] = [];
    const picky: FetchLike = async (path, init) => {
      if (path.startsWith('/api/sync/push')) {
        const n = (JSON.parse(String(init.body)) as { mutations: unknown[] }).mutations.length;
        sizes.push(n);
        if (n > 100) return Response.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'too big' } }, { status: 413 });
      }
      return server.app.request(path, init);
    };
    await syncOnce(a.deps(createApiFetch(picky) as Api));
    expect(sizes.slice(0, 3)).toEqual([301, 150, 75]);
    await expectOracles([{ d: a, log: w.log }]);
  });
});

describe('whole-request failures keep the outbox', () => {
  it('keeps the outbox on 426 (the app is too old)', async () => {
    const a = await device(server, 'ilona');
    const w = writer(a);
    await w.save('visit', uuid(), visitFields(a.user.id));
    const old: FetchLike = async (path, init) => server.app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), 'X-Schema-Version': '0' } });
    const error = await pushAll(a.deps(createApiFetch(old) as Api)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 426, code: 'SCHEMA_TOO_OLD' });
    expect(await a.db.outbox.count()).toBe(1);
  });

  it('resumes with the same seqs after a token expires mid-drain and the user signs in again', async () => {
    const a = await device(server, 'ilona');
    const w = writer(a);
    const visitId = uuid();
    await w.save('visit', visitId, visitFields(a.user.id));
    for (let i = 0; i < 1200; i++) await w.save('observation', uuid(), { visitId, kind: 'note', text: `Note ${i}` });
    const seqs = (await a.db.outbox.toCollection().primaryKeys()) as number[];
    let pushesSeen = 0;
    const expiring: FetchLike = async (path, init) => {
      if (path.startsWith('/api/sync/push') && ++pushesSeen === 2) server.store.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(a.user.id);
      return server.app.request(path, init);
    };
    const error = await pushAll(a.deps(createApiFetch(expiring) as Api)).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
    const left = (await a.db.outbox.toCollection().primaryKeys()) as number[];
    expect(left.length).toBe(seqs.length - 500);
    expect(left).toEqual(seqs.slice(500));

    const login = await server.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ilona', password: 'correct horse battery' }),
    });
    a.token.current = ((await login.json()) as { token: string }).token;
    await a.sync();
    const seen = server.store.db.prepare('SELECT seq FROM history WHERE client_id = ? ORDER BY seq').all(a.clientId) as { seq: number }[];
    expect(seen.map((r) => r.seq)).toEqual(seqs);
    await expectOracles([{ d: a, log: w.log }]);
  });

  it('pulls from the beginning after a restore from an older backup, and pushes its outbox again', async () => {
    const a = await device(server, 'ilona');
    const b = await device(server, 'ilona');
    const wa = writer(a);
    const kept = uuid();
    await wa.save('visit', kept, visitFields(a.user.id));
    await a.sync();
    server.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const backup = server.store.db.serialize();

    const lost = uuid();
    await wa.save('visit', lost, visitFields(a.user.id, { agenda: 'made after the backup' }));
    await a.sync();
    await b.sync();
    const unsent = uuid();
    await wa.save('visit', unsent, visitFields(a.user.id, { agenda: 'still in the outbox at the restore' }));

    await server.swapDatabase(backup);
    const statuses: number[] = [];
    const watch: FetchLike = async (path, init) => {
      const res = await server.app.request(path, init);
      statuses.push(res.status);
      return res;
    };
    await syncOnce(a.deps(createApiFetch(watch) as Api));
    await b.sync();
    expect(statuses).toContain(410);
    const onServer = serverView(server, a.user);
    expect(onServer.has(`visit/${unsent}`), 'the outbox went out again').toBe(true);
    expect(onServer.has(`visit/${lost}`), 'the restore lost it').toBe(false);
    expect(await a.db.visit.get(lost), 'what the server no longer has is dropped').toBeUndefined();
    expect(await a.db.meta.get('resetUnseen')).toBeUndefined();
    await expectConverged(server, a);
    await expectConverged(server, b);
    expectAppliedOnce(server);
  });
});

describe('the outbox keeps the order the server checks', () => {
  it('sends a visit planned, answered and submitted offline as a create, its answers, then the submission', async () => {
    const a = await device(server, 'ilona');
    const w = writer(a);
    const visitId = uuid();
    await w.save('visit', visitId, visitFields(a.user.id, { status: 'planned' }));
    await w.save('visit', visitId, { status: 'in_progress' });
    for (const [itemId, value] of ALL_EPT_ANSWERS) await w.save('answer', `${visitId}:${itemId}`, { visitId, itemId, value });
    await w.save('visit', visitId, { summary: 'Typed after the answers' });
    await w.save('visit', visitId, { status: 'submitted' });
    await a.sync();
    expect(await a.db.rejections.toArray()).toEqual([]);
    expect(serverView(server, a.user).get(`visit/${visitId}`)).toMatchObject({ status: 'submitted', summary: 'Typed after the answers' });
    await expectOracles([{ d: a, log: w.log }]);
  });

  it('does not let an answer cleared after a recall jump ahead of the submission it followed', async () => {
    const a = await device(server, 'ilona');
    const w = writer(a);
    const visitId = uuid();
    await w.save('visit', visitId, visitFields(a.user.id));
    for (const [itemId, value] of ALL_EPT_ANSWERS) await w.save('answer', `${visitId}:${itemId}`, { visitId, itemId, value });
    await w.save('visit', visitId, { status: 'submitted' });
    await w.save('visit', visitId, { status: 'in_progress' });
    await w.save('answer', `${visitId}:EPT-01`, { value: null });
    await a.sync();
    expect(await a.db.rejections.toArray()).toEqual([]);
    expect(historyOf(server, 'visit', visitId).map((h) => JSON.parse(h.after ?? '{}').status)).toEqual(['in_progress', 'submitted', 'in_progress']);
    await expectOracles([{ d: a, log: w.log }]);
  });

  it('still joins consecutive edits of one record into one row', async () => {
    const a = await device(server, 'ilona');
    const visitId = uuid();
    await saveRecord(a.db, 'visit', visitId, visitFields(a.user.id));
    for (const text of ['N', 'No', 'No working', 'No working group']) await saveRecord(a.db, 'visit', visitId, { summary: text });
    expect(await a.db.outbox.toArray()).toMatchObject([{ op: 'upsert', fields: { summary: 'No working group', status: 'in_progress' } }]);
  });
});

describe('unsent changes carried in a file', () => {
  it('exports before sign-out, imports on a fresh database, and nothing is lost or applied twice', async () => {
    const a = await device(server, 'ilona');
    const w = writer(a);
    const visitId = uuid();
    const obsId = uuid();
    await w.save('visit', visitId, visitFields(a.user.id));
    await w.save('observation', obsId, { visitId, kind: 'concern', text: 'Sent, answer lost' });
    // The push reaches the server but its answer never comes back; then more edits, one the server will refuse.
    await expect(pushAll(a.deps(wire(server, () => 'lost').api))).rejects.toBeInstanceOf(NetworkError);
    await w.save('visit', visitId, { agenda: 'Typed after the lost answer' });
    await w.save('observation', uuid(), { visitId, kind: 'note', text: 'Never sent' });
    await w.save('contact', uuid(), { municipalityId: '019', name: 'Outside my region', areas: ['welfare'], active: true });
    const file = await exportUnsent(a.db, a.user.id);
    expect(file.count).toBe(5);

    // Sign-out wipes the database; the user signs in on a fresh one and imports the file.
    a.db.close();
    const b = await device(server, 'ilona');
    await b.sync();
    await expect(importUnsent(b.db, server.users.kaisa.id, file.text)).rejects.toMatchObject({ problem: 'wrongUser' });
    expect(await importUnsent(b.db, b.user.id, file.text)).toEqual({ queued: 5 });
    await b.sync();

    const onServer = serverView(server, b.user);
    expect(onServer.get(`visit/${visitId}`)).toMatchObject({ agenda: 'Typed after the lost answer' });
    expect(onServer.get(`observation/${obsId}`)).toMatchObject({ text: 'Sent, answer lost' });
    expect([...onServer.values()].some((r) => r['text'] === 'Never sent')).toBe(true);
    expect(await b.db.rejections.toArray()).toMatchObject([{ entity: 'contact', error: { code: 'FORBIDDEN' } }]);
    // The lost-answer create went out twice, from two client ids: the second changed nothing.
    expect(historyOf(server, 'observation', obsId)).toHaveLength(1);
    expectAppliedOnce(server);
    await expectConverged(server, b);
  });

  it('imports a file saved before protocol version 2: its visit with one template is sent with `templateIds`', async () => {
    const a = await device(server, 'ilona');
    const visitId = uuid();
    await writer(a).save('visit', visitId, visitFields(a.user.id));
    const file = await exportUnsent(a.db, a.user.id);
    a.db.close();
    // The file as the app before the update wrote it.
    const parsed = JSON.parse(file.text) as { outbox: { fields: Record<string, unknown> }[] };
    const { templateIds: _, ...fields } = parsed.outbox[0]!.fields;
    parsed.outbox[0]!.fields = { ...fields, templateId: 'ept-v1' };
    const old = JSON.stringify(parsed);
    const b = await device(server, 'ilona');
    await b.sync();
    expect(await importUnsent(b.db, b.user.id, old)).toEqual({ queued: 1 });
    await b.sync();
    expect(await b.db.rejections.count()).toBe(0);
    expect(serverView(server, b.user).get(`visit/${visitId}`)).toMatchObject({ templateIds: ['ept-v1'] });
  });
});

describe('records from the server are typed at the boundary', () => {
  it('knows a live change of every entity (a new entity added without its pull schema fails here)', () => {
    for (const entity of entityNames) {
      const page = { changes: [{ entity, id: 'x', version: 1, deleted: false, record: { id: 'x', version: 1, deleted: false } }], cursor: 'c', hasMore: false };
      // The record is incomplete, so each parse fails; but on its fields, never on the entity's name.
      expect(() => parsePullPage(page), entity).toThrow(/changes\.0\.record/);
    }
  });

  /**
   * The server's answers to `prefix` requests, with each record that `spoil` touches (it says so)
   * spoiled on the way; `spoiled` collects the cursors of the pull pages it spoiled.
   */
  function spoiling(prefix: string, spoil: (record: Record<string, unknown>) => boolean, spoiled: unknown[] = []): FetchLike {
    let spoiledAny = false;
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (typeof value === 'object' && value !== null) {
        const record = (value as { record?: unknown }).record;
        if (typeof record === 'object' && record !== null && spoil(record as Record<string, unknown>)) spoiledAny = true;
        Object.values(value).forEach(visit);
      }
    };
    return async (path, init) => {
      const res = await server.app.request(path, init);
      if (!path.startsWith(prefix) || !res.ok) return res;
      const body: unknown = await res.json();
      visit(body);
      if (spoiledAny) spoiled.push((body as { cursor?: unknown }).cursor);
      spoiledAny = false;
      return Response.json(body, { status: res.status });
    };
  }

  it('refuses a pulled page with a record that does not fit its schema, and stores nothing of it', async () => {
    const a = await device(server, 'ilona');
    const b = await device(server, 'ilona');
    const observationId = uuid();
    const visitId = uuid();
    await saveRecord(a.db, 'visit', visitId, visitFields(a.user.id));
    await saveRecord(a.db, 'observation', observationId, { visitId, kind: 'concern', text: 'Sent whole' });
    await a.sync();
    const spoiledPages: unknown[] = [];
    const gossip = spoiling(
      '/api/sync/pull',
      (r) => {
        if (r['id'] !== observationId) return false;
        r['kind'] = 'gossip';
        return true;
      },
      spoiledPages,
    );
    const error = await pullAll(b.deps(createApiFetch(gossip) as Api)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', message: expect.stringContaining(`observation ${observationId}`) });
    expect((error as ApiError).message).toContain('record.kind');
    expect(await b.db.observation.count(), 'nothing of the page was stored').toBe(0);
    expect(spoiledPages).toHaveLength(1);
    expect((await b.db.meta.get(CURSOR_KEY))?.value, 'the cursor did not move past it').not.toBe(spoiledPages[0]);
    await b.sync();
    await expectConverged(server, b);
  });

  it('refuses a push answer whose record does not fit, and keeps the rows queued', async () => {
    const a = await device(server, 'ilona');
    const contactId = uuid();
    // Two changes the server turns down: the delete of a visit in progress (BAD_TRANSITION, with the
    // visit's record, which is spoiled on the way) and a contact in avi-2 (FORBIDDEN, with no record).
    const visitId = uuid();
    await saveRecord(a.db, 'visit', visitId, visitFields(a.user.id));
    await a.sync();
    await deleteRecord(a.db, 'visit', visitId);
    await saveRecord(a.db, 'contact', contactId, { municipalityId: '019', name: 'Outside my region', areas: ['welfare'], active: true });
    const undated = spoiling('/api/sync/push', (r) => {
      r['updatedAt'] = 'yesterday';
      return true;
    });
    const error = await pushAll(a.deps(createApiFetch(undated) as Api)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', message: expect.stringContaining(`visit ${visitId}`) });
    expect(await a.db.outbox.count(), 'the answer was not stored: the rows wait').toBe(2);
    expect(await a.db.rejections.count()).toBe(0);
    expect(await a.db.visit.get(visitId), 'the device still shows its delete').toBeUndefined();
    await a.sync();
    expect((await a.db.rejections.toArray()).map((r) => r.error.code).sort()).toEqual(['BAD_TRANSITION', 'FORBIDDEN']);
  });
});

describe('local bookkeeping', () => {
  it('still sends the delete of a record whose create was acknowledged but not yet pulled back', async () => {
    const a = await device(server, 'ilona');
    const visitId = uuid();
    await saveRecord(a.db, 'visit', visitId, visitFields(a.user.id, { status: 'planned' }));
    await pushAll(a.deps(wire(server).api));
    expect((await a.db.visit.get(visitId))?.version, 'no version until the pull brings it').toBeUndefined();
    await saveRecord(a.db, 'visit', visitId, { agenda: 'an edit before any pull' });
    await deleteRecord(a.db, 'visit', visitId);
    expect(await a.db.outbox.toArray()).toMatchObject([{ op: 'delete', id: visitId }]);
    await a.sync();
    expect(serverView(server, a.user).get(`visit/${visitId}`)?.['deleted']).toBe(true);
    await expectConverged(server, a);
  });

  it('drops a record that never left the device without telling the server', async () => {
    const a = await device(server, 'ilona');
    const visitId = uuid();
    await saveRecord(a.db, 'visit', visitId, visitFields(a.user.id, { status: 'planned' }));
    await saveRecord(a.db, 'visit', visitId, { agenda: 'typed, then thought better of it' });
    await deleteRecord(a.db, 'visit', visitId);
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('sends the delete of an answer deleted, made again with the same id, and deleted again', async () => {
    const a = await device(server, 'ilona');
    const visitId = uuid();
    const answerId = `${visitId}:EPT-01`;
    await saveRecord(a.db, 'visit', visitId, visitFields(a.user.id));
    await saveRecord(a.db, 'answer', answerId, { visitId, itemId: 'EPT-01', value: 'yes' });
    await a.sync();
    await deleteRecord(a.db, 'answer', answerId);
    await saveRecord(a.db, 'answer', answerId, { visitId, itemId: 'EPT-01', value: 'no' });
    await deleteRecord(a.db, 'answer', answerId);
    expect(await a.db.outbox.toArray()).toMatchObject([{ op: 'delete', id: answerId }]);
    await a.sync();
    expect(serverView(server, a.user).get(`answer/${answerId}`)?.['deleted']).toBe(true);
    await expectConverged(server, a);
  });

  it('stores the cursor with its page, so a pull cut short resumes where it stopped', async () => {
    const a = await device(server, 'ilona');
    let pages = 0;
    const cut: FetchLike = async (path, init) => {
      if (path.startsWith('/api/sync/pull')) {
        pages++;
        if (pages === 2) throw new TypeError('connection reset');
      }
      return server.app.request(path.replace('limit=1000', 'limit=100'), init);
    };
    await expect(pullAll(a.deps(createApiFetch(cut) as Api))).rejects.toBeInstanceOf(NetworkError);
    const afterFirst = await a.db.municipality.count();
    expect(afterFirst).toBeGreaterThan(0);
    expect(typeof (await a.db.meta.get(CURSOR_KEY))?.value).toBe('string');
    await pullAll(a.deps(createApiFetch(cut) as Api));
    await expectConverged(server, a);
  });
});

describe('the update to protocol version 2', () => {
  it('sends every change queued offline under version 1, in version-2 form, and the server applies each once', async () => {
    // The device as the app left it before the update: database version 2, visits with one `templateId`.
    const name = `tillsyn-upgrade-${uuid()}`;
    const old = new Dexie(name);
    old.version(1).stores(schemaV1);
    old.version(2).stores(schemaV2);
    const user = server.users['ilona'];
    const visitId = uuid();
    const fields = { municipalityId: HELSINKI, templateId: 'ept-v1', inspectorId: user.id, plannedDate: '2026-11-03', status: 'planned', attendees: [] };
    await old.table('visit').put({ id: visitId, ...fields });
    await old.table('answer').put({ id: `${visitId}:EPT-03`, visitId, itemId: 'EPT-03', value: 2 });
    await old.table('outbox').bulkAdd([
      { entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields, queuedAt: '2026-11-03T08:00:00.000Z', create: true },
      { entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: { status: 'in_progress' }, queuedAt: '2026-11-03T08:01:00.000Z' },
      { entity: 'answer', id: `${visitId}:EPT-03`, op: 'upsert', baseVersion: null, fields: { visitId, itemId: 'EPT-03', value: 2 }, queuedAt: '2026-11-03T08:02:00.000Z' },
      { entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: { summary: 'Työryhmä kokoontuu.' }, queuedAt: '2026-11-03T08:03:00.000Z' },
    ]);
    old.close();

    // The updated app opens it (database version 3) and syncs with the version-2 server.
    const d = await device(server, 'ilona', openDeviceDb(name));
    expect(await d.sync()).toMatchObject({ pushed: 4 });
    expect(await d.db.outbox.count()).toBe(0);
    expect(await d.db.rejections.count()).toBe(0);
    const stored = await server.store.getRecord('visit', visitId);
    expect(stored?.data).toMatchObject({ templateIds: ['ept-v1'], status: 'in_progress', summary: 'Työryhmä kokoontuu.' });
    expect(stored?.data).not.toHaveProperty('templateId');
    expect((await server.store.getRecord('answer', `${visitId}:EPT-03`))?.data).toMatchObject({ value: 2 });
    await dropDevice(d);
  });
});
