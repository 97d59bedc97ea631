// Reading an upload as it arrives, for either blob store: each chunk counted against the size limit,
// hashed, its first bytes checked for the type, and handed to the store's sink; the whole checked against
// the hash it claims at the end. Nothing is buffered here beyond the first bytes.
import { createHash } from 'node:crypto';
import type { AttachmentType } from '../../shared/vocabulary.ts';
import { BlobRefused } from './blob-store.ts';
import { SNIFF_BYTES, sniffType } from './sniff.ts';

const TYPES_TAKEN = 'JPEG, PNG, WebP or PDF';

/**
 * Reads `body` to its end into `write`, and answers its type and size once it is whole and its SHA-256
 * is `sha256`. Throws BlobRefused (PAYLOAD_TOO_LARGE past `maxBytes`, UNSUPPORTED_MEDIA_TYPE as soon as
 * the first bytes tell, HASH_MISMATCH, BODY_CUT when the body stops arriving), after cancelling the
 * body: the caller removes what `write` kept.
 */
export async function takeUpload(
  body: ReadableStream<Uint8Array>,
  sha256: string,
  maxBytes: number,
  write: (chunk: Uint8Array) => unknown,
): Promise<{ mediaType: AttachmentType; bytes: number }> {
  const hash = createHash('sha256');
  const reader = body.getReader();
  let bytes = 0;
  let head = new Uint8Array(0);
  let mediaType: AttachmentType | undefined;
  const refuse = async (e: BlobRefused): Promise<never> => {
    await reader.cancel().catch(() => {});
    throw e;
  };
  const unsupported = () => new BlobRefused('UNSUPPORTED_MEDIA_TYPE', `The file is not a ${TYPES_TAKEN} (by its content)`, { taken: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] });
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch {
      throw new BlobRefused('BODY_CUT', 'The connection closed before the whole file arrived: nothing was kept; send it again');
    }
    if (chunk.done) break;
    const value = chunk.value;
    bytes += value.byteLength;
    if (bytes > maxBytes) await refuse(new BlobRefused('PAYLOAD_TOO_LARGE', `The file is larger than the server takes (${maxBytes} bytes)`, { maxBytes }));
    if (mediaType === undefined && head.length < SNIFF_BYTES) {
      const more = new Uint8Array(Math.min(SNIFF_BYTES, head.length + value.byteLength));
      more.set(head);
      more.set(value.subarray(0, more.length - head.length), head.length);
      head = more;
      if (head.length === SNIFF_BYTES) {
        mediaType = sniffType(head);
        if (!mediaType) await refuse(unsupported());
      }
    }
    hash.update(value);
    await write(value);
  }
  mediaType ??= sniffType(head);
  if (!mediaType) throw unsupported();
  const actual = hash.digest('hex');
  if (actual !== sha256) throw new BlobRefused('HASH_MISMATCH', `The bytes sent have the SHA-256 ${actual}, not ${sha256}: nothing was kept`, { sha256: actual, bytes });
  return { mediaType, bytes };
}
