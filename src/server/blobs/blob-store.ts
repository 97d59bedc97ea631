// Attachments' files ("blobs", SYNC.md "Attachments"), named by the SHA-256 of their bytes: one
// interface, two implementations chosen with the store (blobs/index.ts). On SQLite the bytes are files
// under DATA_DIR (fs-blob-store.ts); on PostgreSQL they are in the database (pg-blob-store.ts), so every
// instance serves every file. Either way table `blobs` says what is held (size, type, last upload), a row
// only ever standing for bytes already durable, and the push's rules read it (sync/rules.ts checkBlob).
import { maySee } from '../../shared/policy.ts';
import { sha256Schema } from '../../shared/records.ts';
import type { AttachmentType } from '../../shared/vocabulary.ts';
import type { SyncUser } from '../store/store.ts';

/** A blob the server holds: its hash, the type its bytes were found to be, and its size. */
export type BlobInfo = { sha256: string; mediaType: AttachmentType; bytes: number };

/** The bytes of a blob, to send. */
export type BlobBody = { info: BlobInfo; body: ReadableStream<Uint8Array> };

export type PutOptions = {
  /** The largest blob taken (BLOB_MAX_BYTES). */
  maxBytes: number;
  /** When the upload happens (ISO 8601): the blob's touched time. */
  at: string;
};

export type GcOptions = {
  /** Blobs last uploaded before this time (ISO 8601) and named by no live attachment go. */
  before: string;
  /** The time now, for leftovers of cut uploads (removed an hour after their last write). */
  now: string;
};

export type GcResult = {
  /** Blobs removed: row and bytes. */
  removed: number;
  /** Files of the file store without a row (leftovers of a cut upload or of a crash), removed. */
  strays: number;
};

export interface BlobStore {
  /** The blob held under this hash, or undefined. */
  stat(sha256: string): Promise<BlobInfo | undefined>;
  /**
   * Renews a held blob's touched time, as an upload of it would (a PUT of a file the server holds is
   * answered without storing it again), so garbage collection does not take a file a device is about
   * to name in a push; answers the blob, or undefined when it is not held.
   */
  touch(sha256: string, at: string): Promise<BlobInfo | undefined>;
  /**
   * Stores an upload, read from `body` as it arrives: hashed and checked while it is written, kept only
   * when whole, of the hash it claims, within the size and of a type taken (by its first bytes). Throws
   * BlobRefused otherwise, with nothing kept. `created`: false when the blob was held already (a PUT of
   * the same file racing this one).
   */
  put(sha256: string, body: ReadableStream<Uint8Array>, options: PutOptions): Promise<{ info: BlobInfo; created: boolean }>;
  /** The bytes of a held blob, or undefined. */
  read(sha256: string): Promise<BlobBody | undefined>;
  /**
   * Whether the user may see a live attachment record naming this blob as its file or its small copy,
   * by SYNC.md "Who sees what" (the record's region among the user's; an admin every one).
   */
  visibleTo(sha256: string, user: SyncUser): Promise<boolean>;
  /**
   * Removes the blobs no live attachment names that were last uploaded before `before`. Safe beside
   * uploads of the same blob, pushes naming it, and another collection (another instance, the command
   * line): a push that names a blob is answered after the collection or sees it gone (MISSING_BLOB),
   * and an upload leaves the blob held, never a row without its bytes or the reverse.
   */
  collectGarbage(options: GcOptions): Promise<GcResult>;
}

type BlobRefusal = 'HASH_MISMATCH' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'BODY_CUT';

/** An upload not kept, and why: the route answers each with its status. */
export class BlobRefused extends Error {
  readonly reason: BlobRefusal;
  readonly details: Record<string, unknown>;
  constructor(reason: BlobRefusal, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'BlobRefused';
    this.reason = reason;
    this.details = details;
  }
}

/** A blob's name: 64 lowercase hex digits, the SHA-256 of its bytes (the protocol's sha256Schema). */
export const isSha256 = (s: string): boolean => sha256Schema.safeParse(s).success;

/** Who may see a record of `regionId` (SYNC.md "Who sees what"; no attachment is reference data). */
export function mayReadRegion(user: SyncUser, regionId: string | null): boolean {
  return regionId !== null ? maySee(user, regionId) : user.role === 'admin';
}
