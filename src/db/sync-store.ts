// The sync engine's view of the user's database: every transaction sync needs, and nothing else, so
// src/sync keeps the protocol and the loop and never touches a table. Each method is one transaction
// (or one read), as SYNC.md's client side requires.
import type { Colleague } from '../shared/auth.ts';
import type { Change } from '../shared/protocol.ts';
import type { DeviceFigures } from '../shared/device-report.ts';
import { getClientId } from './client-id.ts';
import type { BlobRow, UserDb } from './database.ts';
import { blobsAwaitingUpload, markBlob } from './blobs.ts';
import { readMeta, writeMeta } from './meta.ts';
import { beginReset, storePulled } from './pulled-changes.ts';
import { storePushAnswers, type PushAnswer, type QueuedRow } from './push-answers.ts';
import { saveDirectory } from './directory.ts';
import { onLocalWrite } from './write.ts';

export type { PushAnswer, QueuedRow };

export type SyncStore = {
  /** The database's name: one sync loop per name, whatever the number of tabs. */
  readonly name: string;
  /** This device's client id for the user, made on first use (SYNC.md, "Identities"). */
  clientId(make?: () => string): Promise<string>;
  /** Registers what to call after each local edit (the loop's debounced trigger); one at a time. */
  onLocalWrite(listener: () => void): void;
  countOutbox(): Promise<number>;
  /**
   * What the device reports with its pushes and pulls (SYNC.md, "The device's report"), in one read:
   * the outbox's count and its oldest row by the `queuedAt` index (no other row is read), and the
   * rejections' count.
   */
  deviceFigures(): Promise<DeviceFigures>;
  /**
   * The oldest queued rows after seq `after`, at most `limit`, and of those the first `fit(rows)` (at
   * least one), marked as sent in the same transaction that reads them (see OutboxRow.inFlight): an
   * edit made from now on starts a new row instead of joining one whose fields are already on their way.
   */
  takeOutbox(after: number, limit: number, fit?: (rows: readonly QueuedRow[]) => number): Promise<QueuedRow[]>;
  /** Stores push answers, in the order they came, in one transaction. */
  storePushAnswers(answers: readonly PushAnswer[]): Promise<void>;
  /** Where the next pull starts; undefined: from the beginning. */
  pullCursor(): Promise<string | undefined>;
  /** Stores pulled changes with the cursor after them, in one transaction; `last`: the pull is complete. */
  storePulled(changes: readonly Change[], cursor: string, last: boolean): Promise<void>;
  /** After a 410: forget the cursor, and drop what the pull from the beginning will not show. */
  beginReset(): Promise<void>;
  saveDirectory(users: Colleague[]): Promise<void>;
  /** Files made here that the server lacks, of those named (attachments' files, by SHA-256). */
  blobsAwaitingUpload(shas: readonly string[]): Promise<BlobRow[]>;
  markBlob(sha256: string, state: BlobRow['state'], refusal?: string): Promise<void>;
  lastSyncAt(): Promise<string | undefined>;
  setLastSyncAt(at: string): Promise<void>;
};

async function takeOutbox(db: UserDb, after: number, limit: number, fit: (rows: readonly QueuedRow[]) => number): Promise<QueuedRow[]> {
  return db.transaction('rw', db.outbox, async () => {
    const rows = (await db.outbox.where(':id').above(after).limit(limit).toArray()) as QueuedRow[];
    if (rows.length === 0) return [];
    const taken = rows.slice(0, Math.max(1, fit(rows)));
    // Flagging the last row taken marks every row before it as sent (see OutboxRow.inFlight).
    const last = taken[taken.length - 1]!;
    if (!last.inFlight) await db.outbox.put({ ...last, inFlight: true });
    return taken;
  });
}

async function deviceFigures(db: UserDb): Promise<DeviceFigures> {
  return db.transaction('r', db.outbox, db.rejections, async () => {
    // Imported rows keep the time they were first made, so the oldest is not always the lowest seq.
    const [pending, oldest, rejected] = await Promise.all([db.outbox.count(), db.outbox.orderBy('queuedAt').first(), db.rejections.count()]);
    return { pending, oldestQueuedAt: oldest?.queuedAt ?? null, rejected };
  });
}

const stores = new WeakMap<UserDb, SyncStore>();

/** The sync store of a user's database; one per database object. */
export function syncStore(db: UserDb): SyncStore {
  const known = stores.get(db);
  if (known) return known;
  const store: SyncStore = {
    name: db.name,
    clientId: (make) => getClientId(db, make),
    onLocalWrite,
    countOutbox: () => db.outbox.count(),
    deviceFigures: () => deviceFigures(db),
    takeOutbox: (after, limit, fit = (rows) => rows.length) => takeOutbox(db, after, limit, fit),
    storePushAnswers: (answers) => storePushAnswers(db, answers),
    pullCursor: () => readMeta(db, 'cursor'),
    storePulled: (changes, cursor, last) => storePulled(db, changes, cursor, last),
    beginReset: () => beginReset(db),
    saveDirectory: (users) => saveDirectory(db, users),
    blobsAwaitingUpload: (shas) => blobsAwaitingUpload(db, shas),
    markBlob: (sha256, state, refusal) => markBlob(db, sha256, state, refusal),
    lastSyncAt: () => readMeta(db, 'lastSyncAt'),
    setLastSyncAt: (at) => writeMeta(db, 'lastSyncAt', at),
  };
  stores.set(db, store);
  return store;
}
