// Storing pulled changes (SYNC.md, "The client's side"): one transaction per call stores the changes
// and the cursor after them, so the cursor never runs ahead of what is stored and storing the same
// changes twice changes nothing. Also the reset after a 410: the pull from the beginning, and dropping
// what it did not show.
import { entityNames, type EntityName } from '../shared/entities.ts';
import type { Change } from '../shared/protocol.ts';
import { recordTable, type AnyLocalRecord, type RejectionRow, type UserDb } from './database.ts';
import { collectEdits, keepLocalFields, recordKey, rowsConcerning, type LocalEdits } from './local-edits.ts';
import { deleteMeta, readMeta, writeMeta } from './meta.ts';

/** Past this many local ids in a page's id range, its records are read by id instead (see localCopies). */
const KEY_SCAN_LIMIT = 5000;

/** Forgets the cursor and notes every local record as not yet seen, in one transaction. */
export async function beginReset(db: UserDb): Promise<void> {
  await db.transaction('rw', [db.meta, ...entityNames.map((e) => db[e])], async () => {
    const unseen: string[] = [];
    for (const entity of entityNames) {
      const ids = (await db[entity].toCollection().primaryKeys()) as string[];
      for (const id of ids) unseen.push(recordKey(entity, id));
    }
    await writeMeta(db, 'resetUnseen', unseen);
    await deleteMeta(db, 'cursor');
  });
}

/**
 * Applies pulled changes (one page or several in a row) and the cursor after them, in one
 * transaction. A change not newer than the local record is skipped; a record with unsent or rejected
 * edits takes the server's fields except those, and its rejections learn the server's newer record
 * (what discarding a rejection restores). `last`: the changes end the pull (hasMore false); the end
 * of a reset then drops what the pull did not show, in a transaction of its own.
 */
export async function storePulled(db: UserDb, changes: readonly Change[], cursor: string, last: boolean): Promise<void> {
  const resetUnderWay = await storeChanges(db, changes, cursor);
  if (last && resetUnderWay) await endReset(db);
}

/**
 * The changes and the cursor, in one transaction over only the tables they write, so the user's saves
 * to the others go on meanwhile. Returns whether a reset is under way.
 */
async function storeChanges(db: UserDb, changes: readonly Change[], cursor: string): Promise<boolean> {
  const groups = latestByEntity(changes);
  return db.transaction('rw', [db.meta, db.outbox, db.rejections, ...[...groups.keys()].map((e) => db[e])], async () => {
    const resetList = await readMeta(db, 'resetUnseen');
    const unseen = resetList ? new Set(resetList) : null;
    const { waiting, rejected } = await rowsConcerning(db, changes.map((c) => c.id));
    const edits = collectEdits(waiting, rejected);
    const rejectionPuts = new Map<number, RejectionRow>();
    for (const [entity, list] of groups) {
      const table = recordTable(db, entity);
      const locals = await localCopies(db, entity, list.map((c) => c.id));
      const { puts, removes } = applyChanges(entity, list, locals, { edits, unseen, rejectionPuts });
      if (removes.length > 0) await table.bulkDelete(removes);
      if (puts.length > 0) await table.bulkPut(puts);
    }
    if (rejectionPuts.size > 0) await db.rejections.bulkPut([...rejectionPuts.values()]);
    if (unseen) await writeMeta(db, 'resetUnseen', [...unseen]);
    await writeMeta(db, 'cursor', cursor);
    return unseen !== null;
  });
}

/**
 * After the last page of a pull from the beginning: records the server no longer shows this user go,
 * unless the device has unsent or rejected changes to them. The list stays until this transaction
 * commits, so a tab closed before it drops them at the end of its next pull.
 */
async function endReset(db: UserDb): Promise<void> {
  await db.transaction('rw', [db.meta, db.outbox, db.rejections, ...entityNames.map((e) => db[e])], async () => {
    const unseen = await readMeta(db, 'resetUnseen');
    if (unseen === undefined) return;
    await dropUnseen(db, new Set(unseen));
    await deleteMeta(db, 'resetUnseen');
  });
}

/**
 * Each record's latest change, by entity. A page holds each record once; pages stored together may
 * hold one twice, and the later copy (a higher version, a full row) is what applying both would leave.
 */
function latestByEntity(changes: readonly Change[]): Map<EntityName, Change[]> {
  const latest = new Map<string, Change>();
  for (const c of changes) {
    const key = recordKey(c.entity, c.id);
    latest.delete(key); // keeps the map in the order of each record's last change
    latest.set(key, c);
  }
  const groups = new Map<EntityName, Change[]>();
  for (const c of latest.values()) {
    const group = groups.get(c.entity);
    if (group) group.push(c);
    else groups.set(c.entity, [c]);
  }
  return groups;
}

/**
 * The local copies of the given records, by id. One keys-only read over the ids' key range finds
 * which are here (none, on a first pull), then only those are read; a range crowded with other
 * records falls back to reading every id.
 */
async function localCopies(db: UserDb, entity: EntityName, ids: readonly string[]): Promise<Map<string, AnyLocalRecord>> {
  const table = recordTable(db, entity);
  const sorted = [...ids].sort(); // string keys sort as IndexedDB compares them: by UTF-16 code units
  const inRange = (await table.where(':id').between(sorted[0]!, sorted[sorted.length - 1]!, true, true).limit(KEY_SCAN_LIMIT).primaryKeys()) as string[];
  const wanted = new Set(ids);
  const present = inRange.length < KEY_SCAN_LIMIT ? inRange.filter((id) => wanted.has(id)) : [...wanted];
  if (present.length === 0) return new Map();
  const records = await table.bulkGet(present);
  const copies = new Map<string, AnyLocalRecord>();
  records.forEach((r, i) => {
    if (r) copies.set(present[i]!, r);
  });
  return copies;
}

type ApplyContext = {
  edits: Map<string, LocalEdits>;
  /** During a reset: the local records the pull has not shown yet (shown ones are taken out). */
  unseen: Set<string> | null;
  /** Rejections that learn a newer server record, by seq. */
  rejectionPuts: Map<number, RejectionRow>;
};

/** What one entity's changes do to its table: the records to put and the ids to delete. */
function applyChanges(entity: EntityName, list: readonly Change[], locals: Map<string, AnyLocalRecord>, context: ApplyContext) {
  const puts: AnyLocalRecord[] = [];
  const removes: string[] = [];
  for (const change of list) {
    const key = recordKey(entity, change.id);
    const local = locals.get(change.id);
    // After a reset every change counts: a restored server's versions may be lower than the device's.
    const firstSinceReset = context.unseen?.delete(key) ?? false;
    if (!firstSinceReset && local?.version !== undefined && local.version >= change.version) continue;
    const record = change.deleted ? undefined : change.record;
    const mine = context.edits.get(key);
    for (const r of mine?.rejections ?? []) {
      if (versionOf(r.serverRecord) < change.version) {
        r.serverRecord = record ?? { id: change.id, version: change.version, deleted: true };
        context.rejectionPuts.set(r.seq, r);
      }
    }
    if (!record) {
      // A delete wins over edits it has not seen; those stay visible until their push settles them.
      if (local && !mine) removes.push(change.id);
      continue;
    }
    if (mine?.absent) continue;
    puts.push(keepLocalFields({ ...record, id: change.id }, mine ? local : undefined, mine?.fields ?? []));
  }
  return { puts, removes };
}

function versionOf(record: Record<string, unknown> | null | undefined): number {
  const v = record?.['version'];
  return typeof v === 'number' ? v : -1;
}

/** Drops the unseen records but those the device has unsent or rejected changes to. */
async function dropUnseen(db: UserDb, unseen: ReadonlySet<string>): Promise<void> {
  if (unseen.size === 0) return;
  const [waiting, rejected] = await Promise.all([db.outbox.toArray(), db.rejections.toArray()]);
  const held = new Set([...waiting, ...rejected].map((r) => recordKey(r.entity, r.id)));
  const byEntity = new Map<EntityName, string[]>();
  for (const key of unseen) {
    if (held.has(key)) continue;
    const slash = key.indexOf('/');
    const entity = key.slice(0, slash) as EntityName;
    byEntity.set(entity, [...(byEntity.get(entity) ?? []), key.slice(slash + 1)]);
  }
  for (const [entity, ids] of byEntity) await db[entity].bulkDelete(ids);
}
