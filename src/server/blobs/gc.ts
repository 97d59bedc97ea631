// Garbage collection of attachments' files: those no live attachment names, last uploaded longer ago
// than the grace (BLOB_GC_GRACE_HOURS). Run hourly by the server (server.ts) and by `npm run admin --
// blobs gc` (cli.ts).
import type { BlobStore, GcResult } from './blob-store.ts';

const HOUR_MS = 60 * 60 * 1000;

/** Collects the files past their grace, counted back from `now`. */
export function collectBlobs(blobs: BlobStore, graceHours: number, now: Date = new Date()): Promise<GcResult> {
  return blobs.collectGarbage({ before: new Date(now.getTime() - graceHours * HOUR_MS).toISOString(), now: now.toISOString() });
}
