// @vitest-environment node
// The device's report (SYNC.md, "The device's report") as the sync engine sends it: with every push and
// pull, its changes waiting and the age of the oldest by the device's clock (the oldest by time, not by
// seq), its rejected changes and the app's version; and what the server keeps of it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveRecord } from '../../src/db/write.ts';
import { parseDeviceReport, type DeviceReport } from '../../src/shared/device-report.ts';
import { syncOnce, type Api } from '../../src/sync/engine.ts';
import { createApiFetch, type FetchLike } from '../../src/sync/http.ts';
import { device, startServer, TEST_APP_VERSION, uuid, visitFields, wire, type Server } from './sync-harness.ts';

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

/** The server's api, recording each request's path and the report it carried. */
function recording(): { api: Api; sent: { path: string; report: DeviceReport | null | undefined }[] } {
  const sent: { path: string; report: DeviceReport | null | undefined }[] = [];
  const inner = wire(server).fetch;
  const fetchImpl: FetchLike = (path, init) => {
    const header = (init.headers as Record<string, string>)['X-Device-Report'];
    const parsed = parseDeviceReport(header);
    sent.push({ path: path.split('?')[0]!, report: header === undefined ? undefined : parsed.ok ? parsed.report : null });
    return inner(path, init);
  };
  return { api: createApiFetch(fetchImpl) as Api, sent };
}

describe('the device’s report', () => {
  it('goes with the push (the outbox as the pass found it) and the pull (as the push left it)', async () => {
    const a = await device(server, 'ilona');
    const visitId = uuid();
    await saveRecord(a.db, 'visit', visitId, visitFields(a.user.id));
    await saveRecord(a.db, 'observation', uuid(), { visitId, kind: 'note', text: 'A note' });
    // An inspector of avi-1 writing a contact in avi-2: the server rejects it, and it waits for her.
    await saveRecord(a.db, 'contact', uuid(), { municipalityId: '019', name: 'Elsewhere', areas: ['welfare'], active: true });
    // Queued at known times; the second row is the oldest (an imported row keeps the time it was made).
    const times = ['2026-03-02T08:00:00.000Z', '2026-03-01T06:30:00.000Z', '2026-03-02T09:00:00.000Z'];
    const rows = await a.db.outbox.orderBy('seq').toArray();
    expect(rows).toHaveLength(3);
    await Promise.all(rows.map((r, i) => a.db.outbox.update(r.seq!, { queuedAt: times[i]! })));
    const now = new Date('2026-03-02T10:30:00.000Z');

    const { api, sent } = recording();
    await syncOnce({ ...a.deps(api), now: () => now });

    const push = sent.filter((s) => s.path === '/api/sync/push');
    const pull = sent.filter((s) => s.path === '/api/sync/pull');
    expect(push).toHaveLength(1);
    expect(pull.length).toBeGreaterThan(0);
    // 28 hours from 06:30 on the 1st to 10:30 on the 2nd.
    expect(push[0]!.report).toEqual({ client: a.clientId, app: TEST_APP_VERSION, pending: 3, oldest: 28 * 3600, rejected: 0 });
    for (const p of pull) expect(p.report).toEqual({ client: a.clientId, app: TEST_APP_VERSION, pending: 0, rejected: 1 });
    // The directory is no push or pull: it carries no report.
    expect(sent.filter((s) => s.path === '/api/users').every((s) => s.report === undefined)).toBe(true);

    const stored = server.store.db.prepare('SELECT * FROM device_reports WHERE client_id = ?').get(a.clientId) as Record<string, unknown>;
    expect(stored).toMatchObject({ user_id: a.user.id, app_version: TEST_APP_VERSION, pending: 0, oldest_pending_at: null, rejected: 1 });
    expect(stored['last_push_at']).not.toBeNull();
    expect(stored['last_pull_at']).not.toBeNull();
  });

  it('is left out when the app’s version is not in the protocol’s form, so the sync still goes through', async () => {
    const a = await device(server, 'ilona');
    await saveRecord(a.db, 'visit', uuid(), visitFields(a.user.id));
    const { api, sent } = recording();
    expect(await syncOnce({ ...a.deps(api), appVersion: '0.1 beta' })).toMatchObject({ pushed: 1 });
    expect(sent.filter((s) => s.path.startsWith('/api/sync/')).every((s) => s.report === undefined)).toBe(true);
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('is not sent when the app gives no version, and the sync is the same', async () => {
    const a = await device(server, 'ilona');
    await saveRecord(a.db, 'visit', uuid(), visitFields(a.user.id));
    const { api, sent } = recording();
    const { appVersion: _, ...deps } = a.deps(api);
    expect(await syncOnce(deps)).toMatchObject({ pushed: 1 });
    expect(sent.some((s) => s.path.startsWith('/api/sync/'))).toBe(true);
    expect(sent.every((s) => s.report === undefined)).toBe(true);
    expect(server.store.db.prepare('SELECT COUNT(*) AS n FROM device_reports').get()).toEqual({ n: 0 });
  });
});
