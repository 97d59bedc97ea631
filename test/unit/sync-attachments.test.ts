// @vitest-environment node
// Attachments synced with the real server in-process (SYNC.md, "Attachments"): a file made offline is
// uploaded before the record that names it, once, whatever is cut on the way; the server's MISSING_BLOB
// sends the record again after the upload instead of losing it; a file the server refuses is a rejection
// the user sees; another device fetches the file it is allowed to see.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addAttachment } from '../../src/db/attachments.ts';
import { markBlob, sha256Hex } from '../../src/db/blobs.ts';
import { saveObservation } from '../../src/db/observations.ts';
import { resendRejection } from '../../src/db/rejections.ts';
import { listRejectionViews } from '../../src/db/sync-queries.ts';
import { saveRecord } from '../../src/db/write.ts';
import { syncOnce } from '../../src/sync/engine.ts';
import { fetchFile } from '../../src/sync/blob-sync.ts';
import { ApiError } from '../../src/sync/http.ts';
import { device, dropDevice, startServer, uuid, visitFields, wire, type Device, type Server } from './sync-harness.ts';

vi.setConfig({ testTimeout: 60_000 });

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

/** Bytes that start as a JPEG does (the server tells a file's type by its first bytes). */
function jpeg(seed: number, size = 40_000): Blob {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 7) & 0xff;
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return new Blob([bytes], { type: 'image/jpeg' });
}

const policyUser = (d: Device) => ({ id: d.user.id, role: d.user.role, regionIds: d.user.regionIds });

/** A visit in progress of the device's inspector, synced, with one observation. */
async function visitWithObservation(d: Device): Promise<{ visitId: string; observationId: string }> {
  const visitId = uuid();
  await d.sync();
  await saveRecord(d.db, 'visit', visitId, visitFields(d.user.id, { status: 'in_progress' }) as never);
  const observation = await saveObservation(d.db, { visitId, kind: 'concern', text: 'The plan was never adopted' }, undefined, policyUser(d));
  await d.sync();
  return { visitId, observationId: observation.id };
}

function attach(d: Device, place: { visitId: string; observationId?: string }, file: Blob, thumb: Blob | null = null) {
  return addAttachment(d.db, { ...place, file, thumb, mediaType: 'image/jpeg', caption: 'The decision, page 1' }, policyUser(d));
}

const serverBlobs = () => server.store.db.prepare('SELECT sha256, bytes FROM blobs ORDER BY sha256').all() as { sha256: string; bytes: number }[];
const serverAttachment = (id: string) => server.store.db.prepare("SELECT data, deleted FROM records WHERE entity = 'attachment' AND id = ?").get(id) as { data: string; deleted: number } | undefined;
const puts = (w: ReturnType<typeof wire>) => w.log.filter((l) => l.path.startsWith('/api/blobs/') && l.status !== 404 && l.status !== 200 && l.status !== 201).length;

describe('a photo attached offline', () => {
  it('is uploaded with its small copy before its record, and another device of the region fetches it', async () => {
    const tablet = await device(server, 'ilona');
    const { visitId, observationId } = await visitWithObservation(tablet);
    const photo = jpeg(1);
    const thumb = jpeg(2, 3000);
    // Offline: stored on the device at once, nothing sent.
    const a = await attach(tablet, { visitId, observationId }, photo, thumb);
    await expect(tablet.sync(wire(server, () => 'down').api)).rejects.toThrow();
    expect(await tablet.db.outbox.count()).toBe(1);
    expect((await tablet.db.blobs.get(a.sha256))?.state).toBe('upload');
    expect(serverBlobs()).toEqual([]);

    const w = wire(server);
    await tablet.sync(w.api);
    expect(await tablet.db.outbox.count()).toBe(0);
    expect(await tablet.db.rejections.count()).toBe(0);
    expect((await tablet.db.blobs.get(a.sha256))?.state).toBe('stored');
    expect(serverBlobs().map((b) => b.sha256).sort()).toEqual([a.sha256, a.thumbSha256].sort());
    expect(JSON.parse(serverAttachment(a.id)!.data)).toMatchObject({ visitId, observationId, sha256: await sha256Hex(photo), bytes: photo.size, caption: 'The decision, page 1' });
    // The uploads came before the push that named them.
    const paths = w.log.map((l) => l.path);
    expect(paths.findIndex((p) => p.startsWith('/api/sync/push'))).toBeGreaterThan(paths.findIndex((p) => p === `/api/blobs/${a.sha256}`));

    const coordinator = await device(server, 'kaisa');
    await coordinator.sync();
    const pulled = await coordinator.db.attachment.get(a.id);
    expect(pulled?.sha256).toBe(a.sha256);
    const fetched = await fetchFile(coordinator.deps(wire(server).api), a.sha256);
    expect(await sha256Hex(fetched)).toBe(a.sha256);

    // Another region's inspector is told the file is not there.
    const other = await device(server, 'mikko');
    await expect(fetchFile(other.deps(wire(server).api), a.sha256)).rejects.toMatchObject({ status: 404 });
    await Promise.all([dropDevice(tablet), dropDevice(coordinator), dropDevice(other)]);
  });

  it('is uploaded once when the connection drops during the upload or before the push', async () => {
    const tablet = await device(server, 'ilona');
    const { visitId } = await visitWithObservation(tablet);
    const a = await attach(tablet, { visitId }, jpeg(3));
    // The upload reaches the server but its answer is lost; then the push does not get through.
    await expect(tablet.sync(wire(server, (p) => (p.startsWith('/api/blobs/') ? 'lost' : 'none')).api)).rejects.toThrow();
    await expect(tablet.sync(wire(server, (p) => (p.startsWith('/api/sync/push') ? 'down' : 'none')).api)).rejects.toThrow();
    expect(await tablet.db.outbox.count()).toBe(1);
    const w = wire(server);
    await tablet.sync(w.api);
    expect(await tablet.db.outbox.count()).toBe(0);
    expect(serverBlobs().map((b) => b.sha256)).toEqual([a.sha256]);
    expect(serverAttachment(a.id)?.deleted).toBe(0);
    await dropDevice(tablet);
  });

  it('is sent again after MISSING_BLOB in the same pass, after its file, and never rejected for it', async () => {
    const tablet = await device(server, 'ilona');
    const { visitId } = await visitWithObservation(tablet);
    const a = await attach(tablet, { visitId }, jpeg(4));
    // The device believes the server has the file (it had, and lost it): the push goes without the upload.
    await markBlob(tablet.db, a.sha256, 'stored');
    const w = wire(server);
    await tablet.sync(w.api);
    expect(await tablet.db.rejections.count()).toBe(0);
    expect(await tablet.db.outbox.count()).toBe(0);
    expect(serverAttachment(a.id)?.deleted).toBe(0);
    // The first push was answered MISSING_BLOB, then the file went up and the record again.
    expect(w.log.filter((l) => l.path === `/api/blobs/${a.sha256}`).length).toBeGreaterThan(0);
    expect(w.log.filter((l) => l.path.startsWith('/api/sync/push')).length).toBeGreaterThanOrEqual(2);
    await dropDevice(tablet);
  });

  it('is one file on the server when two devices attach the same photo, the second not uploading it', async () => {
    const first = await device(server, 'ilona');
    const second = await device(server, 'ilkka');
    const one = await visitWithObservation(first);
    const two = await visitWithObservation(second);
    const photo = jpeg(5);
    const a = await attach(first, { visitId: one.visitId }, photo);
    const b = await attach(second, { visitId: two.visitId }, new Blob([await photo.arrayBuffer()], { type: 'image/jpeg' }));
    expect(b.sha256).toBe(a.sha256);
    await first.sync();
    const w = wire(server);
    await second.sync(w.api);
    expect(serverBlobs()).toEqual([{ sha256: a.sha256, bytes: photo.size }]);
    expect(w.log.filter((l) => l.path === `/api/blobs/${a.sha256}`).map((l) => l.status)).toEqual([200]);
    expect(puts(w)).toBe(0);
    expect(serverAttachment(b.id)?.deleted).toBe(0);
    await Promise.all([dropDevice(first), dropDevice(second)]);
  });

  it('that the server will not take is a rejection the user sees, and the file stays on the device', async () => {
    const tablet = await device(server, 'ilona');
    const { visitId } = await visitWithObservation(tablet);
    // Not a JPEG whatever it is called: the server tells the type by the bytes.
    const text = new Blob(['just some text, not a photo'], { type: 'image/jpeg' });
    const a = await attach(tablet, { visitId }, text);
    await tablet.sync();
    const blob = await tablet.db.blobs.get(a.sha256);
    expect(blob?.state).toBe('refused');
    expect(blob?.refusal).toMatch(/415/);
    const rejections = await tablet.db.rejections.toArray();
    expect(rejections.map((r) => [r.id, r.error.code])).toEqual([[a.id, 'MISSING_BLOB']]);
    // The sync page says why, and what the change was: the server's refusal of the file.
    const [view] = await listRejectionViews(tablet.db);
    expect(view?.fileRefusal).toMatch(/^415 UNSUPPORTED_MEDIA_TYPE/);
    expect(view?.ref.text).toBe('The decision, page 1');
    expect(await tablet.db.outbox.count()).toBe(0);
    expect(serverAttachment(a.id)).toBeUndefined();
    // Sent again by the user (the server's limit may have changed): the file is tried again first.
    await resendRejection(tablet.db, rejections[0]!.seq);
    expect((await tablet.db.blobs.get(a.sha256))?.state).toBe('upload');
    await tablet.sync();
    expect((await tablet.db.rejections.toArray()).map((r) => r.error.code)).toEqual(['MISSING_BLOB']);
    expect(await tablet.db.outbox.count()).toBe(0);
    await dropDevice(tablet);
  });
});

describe('the wire', () => {
  it('answers a file fetched by a user who may not see it as absent', async () => {
    const tablet = await device(server, 'ilona');
    const { visitId } = await visitWithObservation(tablet);
    const a = await attach(tablet, { visitId }, jpeg(6));
    await tablet.sync();
    const error = await fetchFile(tablet.deps(wire(server).api), '0'.repeat(64)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect(await sha256Hex(await fetchFile(tablet.deps(wire(server).api), a.sha256))).toBe(a.sha256);
    await syncOnce(tablet.deps(wire(server).api));
    await dropDevice(tablet);
  });
});
