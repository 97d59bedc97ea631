// Attachments' files over the wire (SYNC.md, "Attachments"): a file made here is uploaded before the
// record that names it is pushed, addressed by its SHA-256 (HEAD first, so a file the server holds is
// never sent twice; a cut upload is simply sent again); files made elsewhere are fetched when shown.
import { filesOf } from '../db/blobs.ts';
import type { QueuedRow } from '../db/sync-store.ts';
import { ApiError } from './http.ts';
import { signalOf, storeOf, type SyncDeps } from './deps.ts';

const blobPath = (sha256: string): string => `/api/blobs/${sha256}`;

/**
 * The server will never take this file as it is (too large, a type it does not take, bytes that are not
 * their hash): the file is marked refused, and its record's rejection says why. Any other failure is tried
 * again later.
 */
const refused = (e: unknown): e is ApiError => e instanceof ApiError && (e.status === 413 || e.status === 415 || e.code === 'HASH_MISMATCH');

/**
 * Uploads the files that the rows' attachments name and the server lacks, one at a time, before the
 * rows are pushed. A network or server failure throws (the push waits; nothing is lost); a file the
 * server refuses is marked so, and the record that names it is then rejected for the user to see.
 */
export async function uploadFilesOf(deps: SyncDeps, rows: readonly QueuedRow[]): Promise<number> {
  const shas = rows.flatMap(filesOf);
  if (shas.length === 0) return 0;
  const store = storeOf(deps);
  let uploaded = 0;
  for (const file of await store.blobsAwaitingUpload(shas)) {
    const path = blobPath(file.sha256);
    try {
      await deps.api(path, { method: 'HEAD', token: deps.token(), ...signalOf(deps) });
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
      try {
        await deps.api(path, { method: 'PUT', token: deps.token(), bytes: file.data, ...signalOf(deps) });
        uploaded++;
      } catch (put) {
        if (!refused(put)) throw put;
        await store.markBlob(file.sha256, 'refused', `${put.status} ${put.code}: ${put.message}`);
        continue;
      }
    }
    await store.markBlob(file.sha256, 'stored');
  }
  return uploaded;
}

/** Fetches a file an attachment names (the server answers only a user who may see that attachment). */
export async function fetchFile(deps: Pick<SyncDeps, 'api' | 'token' | 'signal'>, sha256: string): Promise<Blob> {
  const answer = await deps.api(blobPath(sha256), { token: deps.token(), as: 'blob', ...signalOf(deps) });
  if (!(answer instanceof Blob)) throw new ApiError(200, 'BAD_RESPONSE', `The server did not send the file ${sha256}`);
  return answer;
}
