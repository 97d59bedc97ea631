// A file's type by its first bytes (its "magic number"), never by its name or the Content-Type it was
// sent with: what an attachment may be (src/shared/vocabulary.ts attachmentTypes).
import type { AttachmentType } from '../../shared/vocabulary.ts';

/** How many first bytes decide the type. */
export const SNIFF_BYTES = 12;

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0) => head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The type of a file whose first bytes are `head` (SNIFF_BYTES of them, or the whole file when it is
 * shorter), or undefined when it is none of the types taken.
 */
export function sniffType(head: Uint8Array): AttachmentType | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  return undefined;
}
