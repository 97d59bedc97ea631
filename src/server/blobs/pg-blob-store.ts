// The blob store on PostgreSQL: the bytes in table `blobs` (bytea, stored uncompressed, so that a slice
// is read without the whole), so that every instance serves every file. An upload is read and checked as
// it arrives (hash, size, type) into memory, at most BLOB_MAX_BYTES, and written in one statement once
// whole: a cut or refused upload writes nothing. Garbage collection takes the pushes' lock (the counter
// row, SYNC.md step 2), so that no push names a blob while it goes; an upload of the same blob waits for
// the row or renews it first (SELECT … FOR UPDATE SKIP LOCKED leaves it then).
import type pg from 'pg';
import type { AttachmentType } from '../../shared/vocabulary.ts';
import { inTransaction } from '../store/pg/pg-sync-port.ts';
import type { SyncUser } from '../store/store.ts';
import { isSha256, mayReadRegion, type BlobBody, type BlobInfo, type BlobStore, type GcOptions, type GcResult, type PutOptions } from './blob-store.ts';
import { takeUpload } from './intake.ts';

/** A read of a blob sends it in slices of this size, one query each. */
const SLICE_BYTES = 1024 * 1024;
/** Blobs a collection's transaction removes at most, so that pushes do not wait long behind it. */
const GC_BATCH = 200;

type BlobRow = { sha256: string; media_type: string; bytes: number };
const info = (row: BlobRow): BlobInfo => ({ sha256: row.sha256, mediaType: row.media_type as AttachmentType, bytes: row.bytes });

const UNNAMED = `NOT EXISTS (SELECT 1 FROM records r WHERE r.entity = 'attachment' AND NOT r.deleted AND r.data->>'sha256' = b.sha256)
  AND NOT EXISTS (SELECT 1 FROM records r WHERE r.entity = 'attachment' AND NOT r.deleted AND r.data->>'thumbSha256' = b.sha256)`;

export class PgBlobStore implements BlobStore {
  readonly #pool: pg.Pool;
  readonly #sliceBytes: number;

  constructor(pool: pg.Pool, sliceBytes = SLICE_BYTES) {
    this.#pool = pool;
    this.#sliceBytes = sliceBytes;
  }

  async stat(sha256: string): Promise<BlobInfo | undefined> {
    const [row] = (await this.#pool.query<BlobRow>('SELECT sha256, media_type, bytes FROM blobs WHERE sha256 = $1', [sha256])).rows;
    return row && info(row);
  }

  async touch(sha256: string, at: string): Promise<BlobInfo | undefined> {
    const [row] = (
      await this.#pool.query<BlobRow>('UPDATE blobs SET touched_at = GREATEST(touched_at, $2) WHERE sha256 = $1 RETURNING sha256, media_type, bytes', [sha256, at])
    ).rows;
    return row && info(row);
  }

  async put(sha256: string, body: ReadableStream<Uint8Array>, { maxBytes, at }: PutOptions): Promise<{ info: BlobInfo; created: boolean }> {
    if (!isSha256(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    const chunks: Uint8Array[] = [];
    const { mediaType, bytes } = await takeUpload(body, sha256, maxBytes, (chunk) => chunks.push(chunk));
    const data = Buffer.concat(chunks);
    chunks.length = 0;
    const [row] = (
      await this.#pool.query<{ created: boolean }>(
        `INSERT INTO blobs (sha256, media_type, bytes, created_at, touched_at, data) VALUES ($1, $2, $3, $4, $4, $5)
         ON CONFLICT (sha256) DO UPDATE SET touched_at = GREATEST(blobs.touched_at, EXCLUDED.touched_at)
         RETURNING (xmax = 0) AS created`,
        [sha256, mediaType, bytes, at, data],
      )
    ).rows;
    return { info: { sha256, mediaType, bytes }, created: row!.created };
  }

  async read(sha256: string): Promise<BlobBody | undefined> {
    const found = await this.stat(sha256);
    if (!found) return undefined;
    const pool = this.#pool;
    const sliceBytes = this.#sliceBytes;
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (offset >= found.bytes) {
          controller.close();
          return;
        }
        // substring counts from 1.
        const [slice] = (await pool.query<{ part: Buffer }>('SELECT substring(data FROM $2 FOR $3) AS part FROM blobs WHERE sha256 = $1', [sha256, offset + 1, sliceBytes])).rows;
        if (!slice || slice.part.length === 0) {
          controller.error(new Error(`The blob ${sha256} went while it was being read`));
          return;
        }
        offset += slice.part.length;
        controller.enqueue(new Uint8Array(slice.part.buffer, slice.part.byteOffset, slice.part.byteLength));
      },
    });
    return { info: found, body };
  }

  async visibleTo(sha256: string, user: SyncUser): Promise<boolean> {
    const { rows } = await this.#pool.query<{ region_id: string | null }>(
      `SELECT region_id FROM records WHERE entity = 'attachment' AND NOT deleted AND data->>'sha256' = $1
       UNION ALL SELECT region_id FROM records WHERE entity = 'attachment' AND NOT deleted AND data->>'thumbSha256' = $1`,
      [sha256],
    );
    return rows.some((r) => mayReadRegion(user, r.region_id));
  }

  async collectGarbage({ before }: GcOptions): Promise<GcResult> {
    let removed = 0;
    for (;;) {
      const batch = await inTransaction(this.#pool, 'BEGIN', async (client) => {
        // The pushes' lock (every instance's): a push naming one of these blobs commits before this
        // looks, or runs after and finds it gone (MISSING_BLOB).
        await client.query("SELECT value FROM meta WHERE key = 'version' FOR UPDATE");
        const { rowCount } = await client.query(
          `DELETE FROM blobs WHERE sha256 IN (
             SELECT sha256 FROM blobs b WHERE touched_at < $1 AND ${UNNAMED} ORDER BY sha256 LIMIT ${GC_BATCH} FOR UPDATE OF b SKIP LOCKED)`,
          [before],
        );
        return rowCount ?? 0;
      });
      removed += batch;
      if (batch < GC_BATCH) break;
    }
    return { removed, strays: 0 };
  }
}
