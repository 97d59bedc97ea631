// The blob store beside SQLite: each blob a file, DATA_DIR/blobs/<first two hex digits>/<sha256>, and its
// row in table `blobs` of the database. An upload is written to a temporary file in the blob's own
// folder (hashed as it arrives), fsynced, and only when whole and checked is it renamed to its name, the
// folder fsynced and the row written; a cut or refused upload leaves nothing. The rename and the row, and
// garbage collection's removals, happen inside one IMMEDIATE transaction of the database (SQLite's one
// writer lock, which the command line's `blobs gc` takes too), so that an upload and a collection of the
// same blob never interleave, and a push, which writes under that lock as well, sees either the blob or
// nothing.
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { AttachmentType } from '../../shared/vocabulary.ts';
import type { SyncUser } from '../store/store.ts';
import { isSha256, mayReadRegion, type BlobBody, type BlobInfo, type BlobStore, type GcOptions, type GcResult, type PutOptions } from './blob-store.ts';
import { fsyncPath } from '../store/fsync.ts';
import { takeUpload } from './intake.ts';

/** The blobs' folder under DATA_DIR. */
export const BLOBS_FOLDER = 'blobs';
const TEMP_PREFIX = '.tmp-';
const TRASH_PREFIX = '.gc-';
/** A temporary file not written to for this long belongs to an upload that is over: collection removes it. */
const STALE_TEMP_MS = 60 * 60 * 1000;
/** Blobs a collection's transaction removes at most, so that pushes do not wait long behind it. */
const GC_BATCH = 200;

type BlobRow = { sha256: string; media_type: string; bytes: number };
const info = (row: BlobRow): BlobInfo => ({ sha256: row.sha256, mediaType: row.media_type as AttachmentType, bytes: row.bytes });

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

/** SQL a live attachment naming the blob, as its file or its small copy (the indexes of migration 11). */
const NAMING = `SELECT region_id FROM records WHERE entity = 'attachment' AND deleted = 0 AND json_extract(data, '$.sha256') = ?
  UNION ALL SELECT region_id FROM records WHERE entity = 'attachment' AND deleted = 0 AND json_extract(data, '$.thumbSha256') = ?`;
const UNNAMED = `NOT EXISTS (SELECT 1 FROM records r WHERE r.entity = 'attachment' AND r.deleted = 0 AND json_extract(r.data, '$.sha256') = b.sha256)
  AND NOT EXISTS (SELECT 1 FROM records r WHERE r.entity = 'attachment' AND r.deleted = 0 AND json_extract(r.data, '$.thumbSha256') = b.sha256)`;

export class FsBlobStore implements BlobStore {
  readonly root: string;
  readonly #db: () => Database;

  /**
   * `root`: the blobs' folder (DATA_DIR/blobs); `db`: the SQLite database of the store (a function, so a
   * store swapped under a running app, as a test's restore does, is followed).
   */
  constructor(root: string, db: () => Database) {
    this.root = root;
    this.#db = db;
  }

  #path(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** The blob's folder, made (owner only) and made durable in its parent when new. */
  #folder(sha256: string): string {
    const dir = join(this.root, sha256.slice(0, 2));
    if (!existsSync(dir)) {
      const rootIsNew = !existsSync(this.root);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (rootIsNew) fsyncPath(join(this.root, '..'));
      fsyncPath(this.root);
    }
    return dir;
  }

  #row(sha256: string): BlobRow | undefined {
    return this.#db().prepare<[string], BlobRow>('SELECT sha256, media_type, bytes FROM blobs WHERE sha256 = ?').get(sha256);
  }

  async stat(sha256: string): Promise<BlobInfo | undefined> {
    const row = this.#row(sha256);
    return row && info(row);
  }

  async touch(sha256: string, at: string): Promise<BlobInfo | undefined> {
    const db = this.#db();
    return db
      .transaction(() => {
        const row = this.#row(sha256);
        if (!row) return undefined;
        // A row whose file is gone (a disk restored without it) is not a blob held: the upload stores it again.
        if (!existsSync(this.#path(sha256))) {
          db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha256);
          return undefined;
        }
        db.prepare('UPDATE blobs SET touched_at = ? WHERE sha256 = ? AND touched_at < ?').run(at, sha256, at);
        return info(row);
      })
      .immediate();
  }

  async put(sha256: string, body: ReadableStream<Uint8Array>, { maxBytes, at }: PutOptions): Promise<{ info: BlobInfo; created: boolean }> {
    if (!isSha256(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    const dir = this.#folder(sha256);
    const temp = join(dir, `${TEMP_PREFIX}${sha256}-${randomUUID()}`);
    const file = await open(temp, 'wx', 0o600);
    let kept = false;
    try {
      const { mediaType, bytes } = await takeUpload(body, sha256, maxBytes, (chunk) => file.write(chunk));
      await file.sync();
      await file.close();
      const db = this.#db();
      const created = db
        .transaction(() => {
          renameSync(temp, this.#path(sha256));
          kept = true;
          fsyncPath(dir);
          const existed = this.#row(sha256) !== undefined;
          db.prepare(
            `INSERT INTO blobs (sha256, media_type, bytes, created_at, touched_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (sha256) DO UPDATE SET touched_at = MAX(touched_at, excluded.touched_at)`,
          ).run(sha256, mediaType, bytes, at, at);
          return !existed;
        })
        .immediate();
      return { info: { sha256, mediaType, bytes }, created };
    } finally {
      if (!kept) {
        await file.close().catch(() => {});
        rmSync(temp, { force: true });
      }
    }
  }

  async read(sha256: string): Promise<BlobBody | undefined> {
    const row = this.#row(sha256);
    if (!row) return undefined;
    let file;
    try {
      // Open first: a collection that removes the file after this still lets this answer finish.
      file = await open(this.#path(sha256), 'r');
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
    const stream = file.createReadStream({ autoClose: true });
    return { info: info(row), body: Readable.toWeb(stream) as ReadableStream<Uint8Array> };
  }

  async visibleTo(sha256: string, user: SyncUser): Promise<boolean> {
    const rows = this.#db().prepare<[string, string], { region_id: string | null }>(NAMING).all(sha256, sha256);
    return rows.some((r) => mayReadRegion(user, r.region_id));
  }

  async collectGarbage({ before, now }: GcOptions): Promise<GcResult> {
    const db = this.#db();
    const select = db.prepare<[string, number], { sha256: string }>(`SELECT sha256 FROM blobs b WHERE touched_at < ? AND ${UNNAMED} ORDER BY sha256 LIMIT ?`);
    const remove = db.prepare('DELETE FROM blobs WHERE sha256 = ?');
    let removed = 0;
    for (;;) {
      const trash: string[] = [];
      // Under the writer lock: no push can name these blobs and no upload renew them until the commit.
      const batch = db
        .transaction(() => {
          const rows = select.all(before, GC_BATCH);
          for (const { sha256 } of rows) {
            const away = join(this.root, sha256.slice(0, 2), `${TRASH_PREFIX}${sha256}-${randomUUID()}`);
            try {
              renameSync(this.#path(sha256), away);
              trash.push(away);
            } catch (e) {
              if (!isMissing(e)) throw e;
            }
            remove.run(sha256);
          }
          return rows.length;
        })
        .immediate();
      // Committed: the files are no one's. (Had the commit failed, the renames would be undone by the next sweep.)
      for (const path of trash) rmSync(path, { force: true });
      removed += batch;
      if (batch < GC_BATCH) break;
    }
    return { removed, strays: this.#sweep(before, now) };
  }

  /**
   * The folder's leftovers: a file set aside by a collection whose commit did not happen goes back when
   * its row is there (else it goes); a temporary file of an upload over for an hour goes; a blob's file
   * without a row (a crash between the rename and the commit) goes once as old as the grace.
   */
  #sweep(before: string, now: string): number {
    if (!existsSync(this.root)) return 0;
    const db = this.#db();
    const staleTemp = Date.parse(now) - STALE_TEMP_MS;
    const oldFile = Date.parse(before);
    let strays = 0;
    for (const folder of readdirSync(this.root)) {
      const dir = join(this.root, folder);
      if (!/^[0-9a-f]{2}$/.test(folder) || !statSync(dir).isDirectory()) continue;
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        db.transaction(() => {
          let mtime: number;
          try {
            mtime = statSync(path).mtimeMs;
          } catch (e) {
            if (isMissing(e)) return;
            throw e;
          }
          if (name.startsWith(TRASH_PREFIX)) {
            const sha256 = name.slice(TRASH_PREFIX.length, TRASH_PREFIX.length + 64);
            if (this.#row(sha256) && !existsSync(this.#path(sha256))) renameSync(path, this.#path(sha256));
            else unlinkSync(path);
            strays++;
          } else if (name.startsWith(TEMP_PREFIX)) {
            if (mtime < staleTemp) {
              unlinkSync(path);
              strays++;
            }
          } else if (isSha256(name) && !this.#row(name) && mtime < oldFile) {
            unlinkSync(path);
            strays++;
          }
        }).immediate();
      }
    }
    return strays;
  }
}
