// @vitest-environment node
// Attachments on the device: the file, its record and its outbox row in one transaction or not at all;
// one file for the same photo attached twice; the visit's lock; an observation's photos going with it;
// clearing fetched copies never touching a file waiting for its upload; and the answer MISSING_BLOB
// putting the change back in the outbox (edits queued meanwhile folded in) rather than among rejections.
import { describe, expect, it } from 'vitest';
import { addAttachment, deleteAttachment, setAttachmentCaption } from '../../src/db/attachments.ts';
import { blobUsage, clearFetchedBlobs, putFetchedBlob, sha256Hex } from '../../src/db/blobs.ts';
import { openUserDb } from '../../src/db/database.ts';
import { exportUnsent, importUnsent } from '../../src/db/outbox-file.ts';
import { deleteObservation, saveObservation } from '../../src/db/observations.ts';
import { syncStore } from '../../src/db/sync-store.ts';
import { VisitLockedError, changeVisitStatus, createVisit } from '../../src/db/visits.ts';
import type { PushResponse } from '../../src/shared/protocol.ts';

let n = 0;
async function setUp() {
  const db = openUserDb(`attachments-${++n}-${Date.now()}`);
  const province = { code: '01', fi: 'Uusimaa', sv: 'Nyland' };
  await db.municipality.put({ id: '091', name: { fi: 'Helsinki', sv: 'Helsingfors' }, regionId: 'avi-1', province });
  const user = { id: db.name.replace(/^tillsyn-/, ''), role: 'inspector' as const, regionIds: ['avi-1'] };
  const visit = await createVisit(db, { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: user.id, plannedDate: '2026-03-01', attendees: [], status: 'in_progress' } as never, user);
  return { db, user, visitId: visit.id };
}

const photo = (text: string) => new Blob([`\xff\xd8\xff${text}`], { type: 'image/jpeg' });

describe('attaching a file', () => {
  it('stores the file, its small copy, the record and its outbox row together', async () => {
    const { db, user, visitId } = await setUp();
    const file = photo('the decision');
    const a = await addAttachment(db, { visitId, file, thumb: photo('small'), mediaType: 'image/jpeg', caption: '  Page 1 ', fileName: 'IMG_0001.jpg' }, user);
    expect(a).toMatchObject({ visitId, sha256: await sha256Hex(file), bytes: file.size, caption: 'Page 1', fileName: 'IMG_0001.jpg', observationId: null });
    expect(await db.attachment.get(a.id)).toMatchObject({ sha256: a.sha256 });
    const row = (await db.outbox.toArray()).find((r) => r.entity === 'attachment');
    expect(row).toMatchObject({ id: a.id, op: 'upsert', create: true });
    const blobs = await db.blobs.toArray();
    expect(blobs.map((b) => [b.sha256, b.state, b.own]).sort()).toEqual([[a.sha256, 'upload', true], [a.thumbSha256, 'upload', true]].sort());
    expect(await (await db.blobs.get(a.sha256))!.data.text()).toBe(await file.text());
  });

  it('keeps one file for the same photo attached twice', async () => {
    const { db, user, visitId } = await setUp();
    const first = await addAttachment(db, { visitId, file: photo('same'), mediaType: 'image/jpeg' }, user);
    const second = await addAttachment(db, { visitId, file: photo('same'), mediaType: 'image/jpeg' }, user);
    expect(second.sha256).toBe(first.sha256);
    expect(second.id).not.toBe(first.id);
    expect(await db.blobs.count()).toBe(1);
    expect(await db.attachment.count()).toBe(2);
  });

  it('stores nothing, not even the file, when the visit is submitted', async () => {
    const { db, user, visitId } = await setUp();
    await db.visit.update(visitId, { status: 'submitted' });
    await expect(addAttachment(db, { visitId, file: photo('late'), mediaType: 'image/jpeg' }, user)).rejects.toBeInstanceOf(VisitLockedError);
    expect(await db.blobs.count()).toBe(0);
    expect(await db.attachment.count()).toBe(0);
    await changeVisitStatus(db, visitId, 'in_progress', user).catch(() => {});
  });

  it('goes with its observation, and a caption edit and a delete are queued like any other change', async () => {
    const { db, user, visitId } = await setUp();
    const o = await saveObservation(db, { visitId, kind: 'deficiency', text: 'No plan' }, undefined, user);
    const onObservation = await addAttachment(db, { visitId, observationId: o.id, file: photo('a'), mediaType: 'image/jpeg' }, user);
    const onVisit = await addAttachment(db, { visitId, file: photo('b'), mediaType: 'image/jpeg' }, user);
    await setAttachmentCaption(db, onVisit.id, 'The notice', user);
    expect((await db.attachment.get(onVisit.id))?.caption).toBe('The notice');
    await deleteObservation(db, o.id, user);
    expect(await db.attachment.get(onObservation.id)).toBeUndefined();
    expect(await db.attachment.get(onVisit.id)).toBeDefined();
    await deleteAttachment(db, onVisit.id, user);
    expect(await db.attachment.count()).toBe(0);
    // Never sent: their creates simply go, with no delete to send.
    expect((await db.outbox.toArray()).filter((r) => r.entity === 'attachment')).toEqual([]);
  });
});

describe('the files on the device', () => {
  it('clears fetched copies but never a file waiting for its upload or one kept offline', async () => {
    const { db, user, visitId } = await setUp();
    const own = await addAttachment(db, { visitId, file: photo('mine'), mediaType: 'image/jpeg' }, user);
    await putFetchedBlob(db, 'a'.repeat(64), photo('fetched'), 'image/jpeg', false, new Date());
    await putFetchedBlob(db, 'b'.repeat(64), photo('kept'), 'image/jpeg', true, new Date());
    expect(await blobUsage(db)).toMatchObject({ files: 3, waiting: 1, fetched: 1 });
    const freed = await clearFetchedBlobs(db);
    expect(freed).toBe(photo('fetched').size);
    expect((await db.blobs.toCollection().primaryKeys()).sort()).toEqual([own.sha256, 'b'.repeat(64)].sort());
  });
});

describe('the answer MISSING_BLOB', () => {
  const missing = (seq: number): PushResponse => ({
    lastSeq: seq,
    version: 10,
    results: [{ seq, status: 'rejected', error: { code: 'MISSING_BLOB', message: 'upload it', path: ['sha256'] }, record: null }],
  });

  it('puts the change back in the outbox with the edits queued since, and marks the file for upload', async () => {
    const { db, user, visitId } = await setUp();
    await db.outbox.clear();
    const a = await addAttachment(db, { visitId, file: photo('lost'), mediaType: 'image/jpeg' }, user);
    await db.blobs.update(a.sha256, { state: 'stored' });
    const store = syncStore(db);
    const [sent] = await store.takeOutbox(0, 10);
    // Typed while the push was away: a row of its own, after the one in flight.
    await setAttachmentCaption(db, a.id, 'Page 2', user);
    expect(await db.outbox.count()).toBe(2);
    await store.storePushAnswers([{ rows: [sent!], response: missing(sent!.seq), at: new Date().toISOString() }]);
    expect(await db.rejections.count()).toBe(0);
    const rows = await db.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.seq).toBeGreaterThan(sent!.seq);
    expect(rows[0]).toMatchObject({ id: a.id, op: 'upsert', fileRetries: 1, fields: { sha256: a.sha256, caption: 'Page 2' } });
    expect((await db.blobs.get(a.sha256))?.state).toBe('upload');
  });

  it('becomes a rejection the user sees after three tries, or at once for a file the server refused', async () => {
    const { db, user, visitId } = await setUp();
    await db.outbox.clear();
    const a = await addAttachment(db, { visitId, file: photo('again'), mediaType: 'image/jpeg' }, user);
    const store = syncStore(db);
    for (let i = 0; i < 4; i++) {
      const [sent] = await store.takeOutbox(0, 10);
      if (!sent) break;
      await store.storePushAnswers([{ rows: [sent], response: missing(sent.seq), at: new Date().toISOString() }]);
    }
    expect(await db.outbox.count()).toBe(0);
    expect((await db.rejections.toArray()).map((r) => [r.id, r.error.code])).toEqual([[a.id, 'MISSING_BLOB']]);

    const refused = await addAttachment(db, { visitId, file: photo('refused'), mediaType: 'image/jpeg' }, user);
    await db.blobs.update(refused.sha256, { state: 'refused', refusal: '415' });
    const [sent] = await store.takeOutbox(0, 10);
    await store.storePushAnswers([{ rows: [sent!], response: missing(sent!.seq), at: new Date().toISOString() }]);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.rejections.toArray()).map((r) => r.id)).toContain(refused.id);
  });
});

describe('the file of unsent changes', () => {
  it('carries the files of unsent attachments, checked by their hash, to a fresh database', async () => {
    const { db, user, visitId } = await setUp();
    const a = await addAttachment(db, { visitId, file: photo('exported'), thumb: photo('exported small'), mediaType: 'image/jpeg' }, user);
    const exported = await exportUnsent(db, user.id);
    expect(JSON.parse(exported.text).files).toHaveLength(2);

    // Signed out and in again: a new, empty database for the same user.
    const fresh = openUserDb(`${db.name.replace(/^tillsyn-/, '')}-again`);
    const tampered = JSON.parse(exported.text) as { files: { base64: string }[] };
    tampered.files[0]!.base64 = btoa('something else');
    await expect(importUnsent(fresh, user.id, JSON.stringify(tampered))).rejects.toMatchObject({ problem: 'damaged' });
    expect(await fresh.blobs.count()).toBe(0);
    expect(await fresh.outbox.count()).toBe(0);

    await importUnsent(fresh, user.id, exported.text);
    const stored = await fresh.blobs.get(a.sha256);
    expect(stored).toMatchObject({ state: 'upload', own: true, mediaType: 'image/jpeg' });
    expect(await sha256Hex(stored!.data)).toBe(a.sha256);
    expect(await fresh.blobs.get(a.thumbSha256!)).toBeDefined();
    expect((await fresh.outbox.toArray()).some((r) => r.entity === 'attachment' && r.id === a.id)).toBe(true);
  });
});
