// Attachments' files on the device (the `blobs` table), by the SHA-256 of their bytes: those made here
// wait for their upload and are never removed before the server has them; copies fetched for viewing
// stay until the user clears them, or are kept for offline use ("keep offline").
import type { BlobRow, OutboxRow, UserDb } from './database.ts';

/** The SHA-256 of a file's bytes, in lowercase hex: the file's name on the device and on the server. */
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The files a queued change names: an attachment's file and a photo's small copy (none for other changes). */
export function filesOf(row: OutboxRow): string[] {
  if (row.entity !== 'attachment' || row.op !== 'upsert') return [];
  return [row.fields['sha256'], row.fields['thumbSha256']].filter((sha): sha is string => typeof sha === 'string');
}

/**
 * A file made on this device, stored to be uploaded (in the caller's transaction). A file already here
 * is kept as it is, except that it becomes this device's own: the same photo attached twice is one file.
 */
export async function putOwnBlob(db: UserDb, sha256: string, data: Blob, mediaType: string, now: Date): Promise<void> {
  const existing = await db.blobs.get(sha256);
  if (existing) {
    if (!existing.own) await db.blobs.put({ ...existing, own: true });
    return;
  }
  await db.blobs.add({ sha256, data, mediaType, bytes: data.size, state: 'upload', own: true, addedAt: now.toISOString() });
}

/** A copy fetched from the server, kept for viewing (and for offline use when `kept`). */
export async function putFetchedBlob(db: UserDb, sha256: string, data: Blob, mediaType: string, kept: boolean, now: Date): Promise<void> {
  await db.transaction('rw', db.blobs, async () => {
    const existing = await db.blobs.get(sha256);
    if (existing) {
      if (kept && !existing.kept) await db.blobs.put({ ...existing, kept: true });
      return;
    }
    await db.blobs.add({ sha256, data, mediaType, bytes: data.size, state: 'stored', own: false, ...(kept ? { kept: true } : {}), addedAt: now.toISOString() });
  });
}

export function getBlob(db: UserDb, sha256: string): Promise<BlobRow | undefined> {
  return db.blobs.get(sha256);
}

/** Files made here that the server does not have yet (or turned down), by SHA-256. */
export async function blobsAwaitingUpload(db: UserDb, shas: readonly string[]): Promise<BlobRow[]> {
  const rows = await db.blobs.bulkGet([...new Set(shas)]);
  return rows.filter((r): r is BlobRow => r !== undefined && r.state === 'upload');
}

/** The server holds the file now (`stored`), will not take it (`refused`, with why), or needs it again (`upload`). */
export async function markBlob(db: UserDb, sha256: string, state: BlobRow['state'], refusal?: string): Promise<void> {
  await db.blobs
    .where('sha256')
    .equals(sha256)
    .modify((row) => {
      row.state = state;
      if (refusal === undefined) delete row.refusal;
      else row.refusal = refusal;
    });
}

/** What attachments' files take on this device, for Settings. */
type BlobUsage = { files: number; bytes: number; waiting: number; waitingBytes: number; fetched: number; fetchedBytes: number };

export async function blobUsage(db: UserDb): Promise<BlobUsage> {
  const usage: BlobUsage = { files: 0, bytes: 0, waiting: 0, waitingBytes: 0, fetched: 0, fetchedBytes: 0 };
  await db.blobs.each((row) => {
    usage.files++;
    usage.bytes += row.bytes;
    if (row.state !== 'stored') {
      usage.waiting++;
      usage.waitingBytes += row.bytes;
    } else if (!row.own && !row.kept) {
      usage.fetched++;
      usage.fetchedBytes += row.bytes;
    }
  });
  return usage;
}

/**
 * Removes copies fetched for viewing and not kept for offline use, and the device's own files that the
 * server has and no attachment on the device still names; never a file waiting for its upload.
 * Answers how many bytes it freed.
 */
export async function clearFetchedBlobs(db: UserDb): Promise<number> {
  return db.transaction('rw', db.blobs, db.attachment, async () => {
    const named = new Set<string>();
    await db.attachment.each((a) => {
      named.add(a.sha256);
      if (a.thumbSha256) named.add(a.thumbSha256);
    });
    let freed = 0;
    const gone: string[] = [];
    await db.blobs.each((row) => {
      if (row.state !== 'stored' || row.kept) return;
      if (row.own && named.has(row.sha256)) return;
      gone.push(row.sha256);
      freed += row.bytes;
    });
    await db.blobs.bulkDelete(gone);
    return freed;
  });
}
