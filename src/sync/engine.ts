// One sync pass, as SYNC.md's client side fixes it: push the outbox until it is empty, then pull
// until the server has no more. Every server answer is stored in one local transaction with what it
// acknowledges, so a crash at any point leaves either the old state or the new one, never half.
import { entityNames, type EntityName } from '../shared/entities.ts';
import {
  PULL_MAX_LIMIT,
  PUSH_MAX_BYTES,
  PUSH_MAX_MUTATIONS,
  SCHEMA_HEADER,
  SCHEMA_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  type Change,
  type Mutation,
  type PushResponse,
  type PushResult,
} from '../shared/protocol.ts';
import {
  recordTable,
  type AnyLocalRecord,
  type ConflictRow,
  type OutboxRow,
  type RejectionRow,
  type UserDb,
} from '../db/database.ts';
import { ApiError, type ApiRequest } from './http.ts';
import { measure, timeNow, timed } from './timing.ts';

export type Api = (path: string, request: ApiRequest) => Promise<unknown>;

export type SyncDeps = {
  db: UserDb;
  api: Api;
  clientId: string;
  token: () => string | undefined;
  now?: () => Date;
  /** Aborts a request under way (the runner stopping); its answer is then never stored, as if lost. */
  signal?: AbortSignal;
};

export type Progress = { phase: 'push' | 'pull'; done: number; total: number };

/** The pull position, stored with the page it follows (SYNC.md). */
export const CURSOR_KEY = 'cursor';
/**
 * Present while a pull from the beginning after a 410 is under way: the local records it has not yet
 * seen. Kept in the database, so a reset cut short by a closed tab still drops what the server no
 * longer shows once it completes.
 */
export const RESET_KEY = 'resetUnseen';

const PULL_LIMIT = PULL_MAX_LIMIT;
/** Resets in a row before giving up for this pass (a server answering 410 to a fresh pull is broken). */
const MAX_RESETS = 2;

type QueuedRow = OutboxRow & { seq: number };
type Answered = { row: QueuedRow; result: PushResult };
type ServerRecord = Record<string, unknown>;

const noProgress = () => {};
const keyOf = (entity: EntityName, id: string) => `${entity}/${id}`;

function headers(): Record<string, string> {
  return { [SCHEMA_HEADER]: String(SCHEMA_VERSION) };
}

function signalOf(deps: SyncDeps): { signal?: AbortSignal } {
  return deps.signal ? { signal: deps.signal } : {};
}

function toMutation(row: QueuedRow): Mutation {
  return row.op === 'delete'
    ? { seq: row.seq, entity: row.entity, id: row.id, op: 'delete', baseVersion: row.baseVersion }
    : { seq: row.seq, entity: row.entity, id: row.id, op: 'upsert', baseVersion: row.baseVersion, fields: row.fields };
}

/** UTF-8 length of a string without encoding it: the batch is measured as it is built. */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 2; // a surrogate pair: two UTF-16 units, four bytes
      i++;
    } else n += 2;
  }
  return n;
}

function versionOf(record: ServerRecord | null | undefined): number {
  const v = record?.['version'];
  return typeof v === 'number' ? v : -1;
}

// ---------------------------------------------------------------------------------------------------
// Push

type Batch = { rows: QueuedRow[]; json: string; /** The seq the batch was taken after. */ after: number };

/**
 * The oldest outbox rows that fit one request, encoded once, and marked as sent in the same
 * transaction that reads them: an edit made from now on starts a new row instead of joining one whose
 * fields are already on their way. A batch always starts at the oldest row, so the server, which
 * takes every seq up to its `lastSeq` as seen, never receives a later seq before an earlier one.
 */
async function takeBatch(db: UserDb, clientId: string, max: number, after: number): Promise<Batch | null> {
  return db.transaction('rw', db.outbox, async () => {
    const candidates = (await db.outbox.where(':id').above(after).limit(max).toArray()) as QueuedRow[];
    if (candidates.length === 0) return null;
    const head = `{"clientId":${JSON.stringify(clientId)},"schemaVersion":${SCHEMA_VERSION},"mutations":[`;
    let bytes = utf8Length(head) + 2;
    const parts: string[] = [];
    const rows: QueuedRow[] = [];
    for (const row of candidates) {
      const part = JSON.stringify(toMutation(row));
      const size = utf8Length(part) + 1;
      if (rows.length > 0 && bytes + size > PUSH_MAX_BYTES) break;
      bytes += size;
      parts.push(part);
      rows.push(row);
    }
    // Flagging the batch's last row marks the whole batch as sent (see OutboxRow.inFlight).
    const last = rows[rows.length - 1]!;
    if (!last.inFlight) await db.outbox.put({ ...last, inFlight: true });
    return { rows, json: `${head}${parts.join(',')}]}`, after };
  });
}

/**
 * Pushes until the outbox is empty. Rows added while a request is away wait for the next batch; a 413
 * halves the batch for the rest of the pass. Throws what the request threw (the rows stay queued).
 *
 * Local work overlaps the network: the next batch is taken while a request is away, and an answer is
 * stored while the next request is away. The next request still leaves only after the previous
 * answer came, so the server receives seqs in order; a batch taken but not sent only stays marked as
 * sent (it takes no more edits, and goes first on the next pass).
 */
export async function pushAll(deps: SyncDeps, onProgress: (p: Progress) => void = noProgress): Promise<number> {
  const { db } = deps;
  let max = PUSH_MAX_MUTATIONS;
  let done = 0;
  // Counted once: counting a large outbox per batch costs more than the progress is worth.
  let total = await db.outbox.count();
  const take = (after: number, size: number) => {
    const taking = timed('tillsyn:push:take', () => takeBatch(db, deps.clientId, size, after));
    taking.catch(() => {}); // a failure shows where it is awaited
    return taking;
  };
  let next = take(0, max);
  let storing: Promise<void> = Promise.resolve();
  let storeError: { error: unknown } | null = null;
  const stored = async () => {
    await storing;
    if (storeError) throw storeError.error;
  };
  try {
    for (;;) {
      const batch = await next;
      if (!batch) break;
      total = Math.max(total, done + batch.rows.length);
      onProgress({ phase: 'push', done, total });
      const request = deps.api('/api/sync/push', { method: 'POST', token: deps.token(), headers: headers(), json: batch.json, ...signalOf(deps) });
      next = take(batch.rows[batch.rows.length - 1]!.seq, max);
      let answer: unknown;
      const asked = timeNow();
      try {
        answer = await request;
        measure('tillsyn:push:request', asked);
      } catch (e) {
        if (e instanceof ApiError && e.status === 413 && batch.rows.length > 1) {
          max = Math.max(1, Math.floor(batch.rows.length / 2));
          next = take(batch.after, max);
          continue;
        }
        throw e;
      }
      const response = pushResponseSchema.parse(answer);
      const at = (deps.now?.() ?? new Date()).toISOString();
      await stored(); // answers are stored in the order they came
      storing = timed('tillsyn:push:store', () => storeAnswer(db, batch.rows, response, at)).catch((error: unknown) => {
        storeError = { error };
      });
      done += batch.rows.length;
    }
  } finally {
    // Whatever happened to the last request, the answers before it are stored before returning.
    await storing;
  }
  await stored();
  return done;
}

async function storeAnswer(db: UserDb, rows: readonly QueuedRow[], response: PushResponse, at: string): Promise<void> {
  await storePushAnswer(db, rows, response, at);
  const answered = new Set(response.results.map((r) => r.seq));
  const missing = rows.filter((r) => !answered.has(r.seq));
  if (missing.length > 0) {
    // Never loop on a batch the server does not answer: the rows stay queued for a later pass.
    throw new ApiError(200, 'BAD_RESPONSE', `The server did not answer ${missing.length} of the ${rows.length} changes sent`);
  }
}

/** Tables small enough are read whole: cheaper than an index lookup per id. */
const READ_WHOLE_BELOW = 2000;

/** The rows of the outbox or the rejections that concern the given record ids. */
type RowTable<T> = {
  count(): PromiseLike<number>;
  toArray(): PromiseLike<T[]>;
  where(index: 'id'): { anyOf(keys: string[]): { toArray(): PromiseLike<T[]> } };
};

async function rowsFor<T extends { id: string }>(table: RowTable<T>, ids: readonly string[]): Promise<T[]> {
  if (ids.length === 0) return [];
  const count = await table.count();
  if (count === 0) return [];
  const wanted = new Set(ids);
  if (count < READ_WHOLE_BELOW) return (await table.toArray()).filter((r) => wanted.has(r.id));
  return table.where('id').anyOf([...wanted]).toArray();
}

/** What the device still holds for a record that the server has not taken: waiting or turned-down edits. */
type LocalEdits = {
  /** Fields with unsent or rejected edits: they keep the device's values. */
  fields: Set<string>;
  /** The device deleted the record and the delete waits or was turned down: keep it away. */
  absent: boolean;
  rejections: RejectionRow[];
};

function collectEdits(outbox: readonly OutboxRow[], rejections: readonly RejectionRow[]): Map<string, LocalEdits> {
  const edits = new Map<string, LocalEdits>();
  const of = (entity: EntityName, id: string) => {
    const key = keyOf(entity, id);
    let e = edits.get(key);
    if (!e) edits.set(key, (e = { fields: new Set(), absent: false, rejections: [] }));
    return e;
  };
  for (const row of [...outbox, ...rejections]) {
    const e = of(row.entity, row.id);
    if (row.op === 'delete') e.absent = true;
    else for (const f of Object.keys(row.fields)) e.fields.add(f);
  }
  for (const r of rejections) of(r.entity, r.id).rejections.push(r);
  return edits;
}

type Settled = {
  put?: AnyLocalRecord;
  remove?: true;
  /** The server's record as this answer leaves it, for the record's rejections to restore from. */
  snapshot?: ServerRecord;
  /** The version the server's record had in the answer (the snapshot may claim one less). */
  seen?: number;
};

/**
 * What one record becomes after the server's answers to the batch's rows for it (in seq order).
 * A merged, rejected or duplicate answer carries the server's record as that mutation left it; later
 * mutations of the same push may change it again, so a record the push wrote claims one version less
 * than the push's, and the following pull brings the final one.
 * `applied` alone carries no record: the pull brings it, and until then edits keep the older base
 * version, which can only report a conflict the device had a right to see, never hide one. (A
 * record created here keeps no version until then; `create` on its row tells a later delete that
 * it left the device.)
 */
function settleRecord(
  list: readonly Answered[],
  local: AnyLocalRecord | undefined,
  edits: LocalEdits | undefined,
  push: { version: number; wrote: boolean },
): Settled {
  let snapAt = -1;
  list.forEach(({ result }, i) => {
    if (result.status === 'merged' || result.status === 'rejected' || (result.status === 'duplicate' && result.record !== null)) snapAt = i;
  });
  if (snapAt < 0) return {};
  const answer = list[snapAt]!.result;
  const snap = 'record' in answer ? answer.record : null;
  // A create turned down: the server has none; the device keeps it until the user resends or discards it.
  if (snap === null) return {};
  const later = list.slice(snapAt + 1);
  const keep = new Set(edits?.fields ?? []);
  let absent = edits?.absent ?? false;
  for (const { row } of later) {
    if (row.op === 'upsert') for (const f of Object.keys(row.fields)) keep.add(f);
    else absent = true;
  }
  const snapVersion = versionOf(snap);
  // A record this push wrote may have changed again later in it (its own later rows, or a visit's
  // delete reaching its answers), all at the push's version: it claims one less, so the pull brings
  // its final state. Everything before that version it has seen, and at it there are only its own
  // writes, which never conflict with it. A record the push did not write (`unchanged` rows, a
  // rejection) keeps the version it showed: claiming less would make the next edit conflict with
  // changes the device has seen.
  const snapshot: ServerRecord = push.wrote && snapVersion >= push.version ? { ...snap, version: push.version - 1 } : snap;
  const seen = snapVersion;
  if (answer.status === 'duplicate' && local?.version !== undefined && local.version >= snapVersion) return { snapshot, seen };
  if (snap['deleted'] === true) {
    // Unsent or rejected edits of it stay visible until the server or the user settles them.
    if (!local || keep.size > 0 || (edits?.rejections.length ?? 0) > 0) return { snapshot, seen };
    return { remove: true, snapshot, seen };
  }
  if (absent) return { snapshot, seen };
  const next: AnyLocalRecord = { ...(snapshot as AnyLocalRecord) };
  if (local) {
    for (const f of keep) {
      if (f in local) next[f] = local[f];
      else delete next[f];
    }
  }
  return { put: next, snapshot, seen };
}

/**
 * Stores the server's answer to one batch in one transaction: acknowledged rows go, rejected rows move
 * whole to `rejections`, lost fields to `conflicts`, and records take what the answer says of them.
 * Only rows still queued are handled, so an answer stored before (by another tab, or a late copy of
 * a resent request) is never stored twice.
 */
async function storePushAnswer(db: UserDb, batch: readonly QueuedRow[], response: PushResponse, at: string): Promise<void> {
  const bySeq = new Map(response.results.map((r) => [r.seq, r]));
  const entities = [...new Set(batch.map((r) => r.entity))];
  const tables = [db.outbox, db.rejections, db.conflicts, ...entities.map((e) => db[e])];
  const first = batch[0]!.seq;
  const last = batch[batch.length - 1]!.seq;
  // The batch is a run of seqs, and nothing is ever inserted inside a run.
  const run = () => db.outbox.where(':id').between(first, last, true, true);
  if (batch.every((r) => bySeq.get(r.seq)?.status === 'applied')) {
    // The common answer: everything applied. Nothing to record and nothing to take, so the rows go
    // as one key range; storing it twice (another tab, a late copy) deletes nothing more.
    await db.transaction('rw', db.outbox, () => run().delete());
    return;
  }
  await db.transaction('rw', tables, async () => {
    // Keys only: which rows are still queued (not answered before by another tab or a late copy).
    const present = new Set((await run().primaryKeys()) as number[]);
    const answered: Answered[] = [];
    for (const row of batch) {
      const result = bySeq.get(row.seq);
      if (present.has(row.seq) && result) answered.push({ row, result });
    }
    if (answered.length === 0) return;
    const unanswered = batch.filter((r) => present.has(r.seq) && !bySeq.has(r.seq));
    if (unanswered.length > 0) {
      // The sent mark must stay on the last row still waiting, or the ones before it would look unsent.
      const last = unanswered[unanswered.length - 1]!;
      await db.outbox.put({ ...last, inFlight: true });
    }

    const newRejections: RejectionRow[] = [];
    const newConflicts: ConflictRow[] = [];
    const byRecord = new Map<string, Answered[]>();
    for (const a of answered) {
      const { row, result } = a;
      if (result.status === 'rejected') {
        const { inFlight: _, ...kept } = row;
        newRejections.push({ ...kept, seq: row.seq, error: result.error, rejectedAt: at, serverRecord: result.record });
      } else if (result.status === 'merged') {
        for (const c of result.conflicts) newConflicts.push({ field: c.field, yours: c.yours, kept: c.kept, seq: row.seq, entity: row.entity, id: row.id, at });
      }
      const key = keyOf(row.entity, row.id);
      const list = byRecord.get(key);
      if (list) list.push(a);
      else byRecord.set(key, [a]);
    }
    await db.outbox.bulkDelete(answered.map((a) => a.row.seq));

    // Only an answer that carries the server's record needs to know what else the device holds for
    // it; `applied` alone leaves the fields as they are, so the common case reads nothing more.
    const withRecord = answered.filter((a) => a.result.status !== 'applied').map((a) => a.row.id);
    const [waiting, rejected] = await Promise.all([rowsFor<OutboxRow>(db.outbox, withRecord), rowsFor<RejectionRow>(db.rejections, withRecord)]);
    const edits = collectEdits(waiting, [...rejected, ...newRejections]);
    const rejectionPuts = new Map<number, RejectionRow>(newRejections.map((r) => [r.seq, r]));
    // Whether the push took a version of its own (otherwise `version` is just the server's latest).
    const wrote = response.results.some((r) => r.status === 'merged' || (r.status === 'applied' && r.unchanged !== true));
    const push = { version: response.version, wrote };

    for (const entity of entities) {
      // `applied` alone leaves the device's copy as it is (the pull brings the server's version).
      const lists = [...byRecord.values()].filter((l) => l[0]!.row.entity === entity && l.some((a) => a.result.status !== 'applied'));
      if (lists.length === 0) continue;
      const table = recordTable(db, entity);
      const locals = await table.bulkGet(lists.map((l) => l[0]!.row.id));
      const puts: AnyLocalRecord[] = [];
      const removes: string[] = [];
      lists.forEach((list, i) => {
        const id = list[0]!.row.id;
        const mine = edits.get(keyOf(entity, id));
        const settled = settleRecord(list, locals[i], mine, push);
        if (settled.put) puts.push(settled.put);
        if (settled.remove) removes.push(id);
        if (settled.snapshot && settled.seen !== undefined && mine) {
          for (const r of mine.rejections) {
            if (versionOf(r.serverRecord) <= settled.seen) {
              rejectionPuts.set(r.seq, { ...r, serverRecord: settled.snapshot });
            }
          }
        }
      });
      if (removes.length > 0) await table.bulkDelete(removes);
      if (puts.length > 0) await table.bulkPut(puts);
    }
    if (rejectionPuts.size > 0) await db.rejections.bulkPut([...rejectionPuts.values()]);
    if (newConflicts.length > 0) await db.conflicts.bulkAdd(newConflicts);
  });
}

// ---------------------------------------------------------------------------------------------------
// Pull

/**
 * Pulls until the server has no more. A 410 starts again from the beginning: every change is then
 * taken whatever its version (a restored server's versions may be lower than the device's), and
 * what the full pull did not show is dropped, unless the device has unsent or rejected changes to it.
 */
export async function pullAll(deps: SyncDeps, onProgress: (p: Progress) => void = noProgress): Promise<number> {
  for (let resets = 0; ; resets++) {
    try {
      return await pullPages(deps, onProgress);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 410) || resets >= MAX_RESETS) throw e;
      await beginReset(deps.db);
    }
  }
}

async function pullPages(deps: SyncDeps, onProgress: (p: Progress) => void): Promise<number> {
  const { db } = deps;
  let done = 0;
  const stored = (await db.meta.get(CURSOR_KEY))?.value;
  let cursor = typeof stored === 'string' ? stored : undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: String(PULL_LIMIT) });
    if (cursor !== undefined) query.set('cursor', cursor);
    const answer = await timed('tillsyn:pull:request', () =>
      deps.api(`/api/sync/pull?${query.toString()}`, { token: deps.token(), headers: headers(), ...signalOf(deps) }),
    );
    const parsing = timeNow();
    const page = pullResponseSchema.parse(answer);
    measure('tillsyn:pull:parse', parsing);
    await timed('tillsyn:pull:store', () => storePage(db, page.changes, page.cursor, !page.hasMore));
    cursor = page.cursor;
    done += page.changes.length;
    onProgress({ phase: 'pull', done, total: page.hasMore ? done + PULL_LIMIT : done });
    if (!page.hasMore) return done;
  }
}

/** Forgets the cursor and notes every local record as not yet seen, in one transaction. */
async function beginReset(db: UserDb): Promise<void> {
  await db.transaction('rw', [db.meta, ...entityNames.map((e) => db[e])], async () => {
    const unseen: string[] = [];
    for (const entity of entityNames) {
      const ids = (await db[entity].toCollection().primaryKeys()) as string[];
      for (const id of ids) unseen.push(keyOf(entity, id));
    }
    await db.meta.put({ key: RESET_KEY, value: unseen });
    await db.meta.delete(CURSOR_KEY);
  });
}

/**
 * Applies one pulled page and its cursor in one transaction; applying it twice changes nothing.
 * A change not newer than the local record is skipped; a record with unsent or rejected edits takes
 * the server's fields except those, and its rejections learn the server's newer record (what
 * discarding a rejection restores). `last`: the page ends the pull (hasMore false).
 */
export async function storePage(db: UserDb, changes: readonly Change[], cursor: string, last = false): Promise<void> {
  const groups = new Map<EntityName, Change[]>();
  for (const c of changes) {
    const g = groups.get(c.entity);
    if (g) g.push(c);
    else groups.set(c.entity, [c]);
  }
  const tables = [db.meta, db.outbox, db.rejections, ...entityNames.map((e) => db[e])];
  await db.transaction('rw', tables, async () => {
    const reset = (await db.meta.get(RESET_KEY))?.value;
    const unseen = Array.isArray(reset) ? new Set(reset as string[]) : null;
    const ids = changes.map((c) => c.id);
    const [waiting, rejected] = await Promise.all([rowsFor<OutboxRow>(db.outbox, ids), rowsFor<RejectionRow>(db.rejections, ids)]);
    const edits = collectEdits(waiting, rejected);
    const rejectionPuts: RejectionRow[] = [];

    for (const [entity, list] of groups) {
      const table = recordTable(db, entity);
      const locals = await table.bulkGet(list.map((c) => c.id));
      const puts: AnyLocalRecord[] = [];
      const removes: string[] = [];
      list.forEach((change, i) => {
        const key = keyOf(entity, change.id);
        const local = locals[i];
        const firstSinceReset = unseen?.delete(key) ?? false;
        if (!firstSinceReset && local?.version !== undefined && local.version >= change.version) return;
        const serverRecord: ServerRecord = change.deleted || !change.record ? { id: change.id, version: change.version, deleted: true } : change.record;
        const mine = edits.get(key);
        for (const r of mine?.rejections ?? []) {
          if (versionOf(r.serverRecord) < change.version) {
            r.serverRecord = serverRecord;
            rejectionPuts.push(r);
          }
        }
        if (change.deleted || !change.record) {
          // A delete wins over edits it has not seen; those stay visible until their push settles them.
          if (local && !mine) removes.push(change.id);
          return;
        }
        if (mine?.absent) return;
        const next: AnyLocalRecord = { ...change.record, id: change.id };
        if (mine && local) {
          for (const f of mine.fields) {
            if (f in local) next[f] = local[f];
            else delete next[f];
          }
        }
        puts.push(next);
      });
      if (removes.length > 0) await table.bulkDelete(removes);
      if (puts.length > 0) await table.bulkPut(puts);
    }
    if (rejectionPuts.length > 0) await db.rejections.bulkPut(rejectionPuts);
    if (unseen) {
      if (last) {
        await dropUnseen(db, unseen);
        await db.meta.delete(RESET_KEY);
      } else {
        await db.meta.put({ key: RESET_KEY, value: [...unseen] });
      }
    }
    await db.meta.put({ key: CURSOR_KEY, value: cursor });
  });
}

/** After a reset: records the server no longer shows this user go, unless the device has unsent or rejected changes to them. */
async function dropUnseen(db: UserDb, unseen: ReadonlySet<string>): Promise<void> {
  if (unseen.size === 0) return;
  const [waiting, rejected] = await Promise.all([db.outbox.toArray(), db.rejections.toArray()]);
  const held = new Set([...waiting, ...rejected].map((r) => keyOf(r.entity, r.id)));
  const byEntity = new Map<EntityName, string[]>();
  for (const key of unseen) {
    if (held.has(key)) continue;
    const slash = key.indexOf('/');
    const entity = key.slice(0, slash) as EntityName;
    const list = byEntity.get(entity) ?? [];
    list.push(key.slice(slash + 1));
    byEntity.set(entity, list);
  }
  for (const [entity, ids] of byEntity) await db[entity].bulkDelete(ids);
}

/** One pass: push everything, then pull everything. */
export async function syncOnce(deps: SyncDeps, onProgress?: (p: Progress) => void): Promise<{ pushed: number; pulled: number }> {
  const pushed = await pushAll(deps, onProgress);
  const pulled = await pullAll(deps, onProgress);
  return { pushed, pulled };
}
