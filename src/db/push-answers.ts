// Storing the server's answers to push requests (SYNC.md, "The client's side"): acknowledged outbox rows
// go, rejected ones move whole to `rejections`, lost fields to `conflicts`, and records take what the
// answer says of them, all in the one transaction that stores the answer.
import type { EntityName } from '../shared/entities.ts';
import type { PushResponse, PushResult } from '../shared/protocol.ts';
import { recordTable, type AnyLocalRecord, type ConflictRow, type OutboxRow, type RejectionRow, type UserDb } from './database.ts';
import { filesOf } from './blobs.ts';
import { collectEdits, keepLocalFields, recordKey, rowsConcerning, type LocalEdits } from './local-edits.ts';

/** An outbox row as read from the table: its seq is set. */
export type QueuedRow = OutboxRow & { seq: number };

/** The server's answer to one push request, with the rows it was for and when it came. */
export type PushAnswer = { rows: readonly QueuedRow[]; response: PushResponse; at: string };

type Answered = { row: QueuedRow; result: PushResult };
type ServerRecord = Record<string, unknown>;

function versionOf(record: ServerRecord | null | undefined): number {
  const v = record?.['version'];
  return typeof v === 'number' ? v : -1;
}

function allApplied(answer: PushAnswer): boolean {
  const bySeq = new Map(answer.response.results.map((r) => [r.seq, r.status]));
  return answer.rows.every((r) => bySeq.get(r.seq) === 'applied');
}

/** The batch's rows as a key range: a batch is a run of seqs, and nothing is ever inserted inside a run. */
function batchRange(db: UserDb, rows: readonly QueuedRow[]) {
  return db.outbox.where(':id').between(rows[0]!.seq, rows[rows.length - 1]!.seq, true, true);
}

/**
 * Stores answers in the order they came, all in one transaction. Only rows still queued are handled,
 * so an answer stored before (by another tab, or a late copy of a resent request) is never stored twice.
 */
export async function storePushAnswers(db: UserDb, answers: readonly PushAnswer[]): Promise<void> {
  const stored = answers.filter((a) => a.rows.length > 0);
  if (stored.length === 0) return;
  if (stored.every(allApplied)) {
    // The common answer: everything applied. Nothing to record and nothing to take, so the rows go
    // as key ranges; storing it twice (another tab, a late copy) deletes nothing more.
    await db.transaction('rw', db.outbox, async () => {
      for (const answer of stored) await batchRange(db, answer.rows).delete();
    });
    return;
  }
  const entities = [...new Set(stored.flatMap((a) => a.rows.map((r) => r.entity)))];
  const tables = [db.outbox, db.rejections, db.conflicts, db.blobs, ...entities.map((e) => db[e])];
  await db.transaction('rw', tables, async () => {
    for (const answer of stored) {
      if (allApplied(answer)) await batchRange(db, answer.rows).delete();
      else await storeMixedAnswer(db, answer);
    }
  });
}

/** An answer with rejections, merges or duplicates; inside the transaction of storePushAnswers. */
async function storeMixedAnswer(db: UserDb, { rows, response, at }: PushAnswer): Promise<void> {
  const bySeq = new Map(response.results.map((r) => [r.seq, r]));
  // Keys only: which rows are still queued (not answered before by another tab or a late copy).
  const present = new Set((await batchRange(db, rows).primaryKeys()) as number[]);
  const answered: Answered[] = [];
  for (const row of rows) {
    const result = bySeq.get(row.seq);
    if (present.has(row.seq) && result) answered.push({ row, result });
  }
  if (answered.length === 0) return;
  const unanswered = rows.filter((r) => present.has(r.seq) && !bySeq.has(r.seq));
  if (unanswered.length > 0) {
    // The sent mark must stay on the last row still waiting, or the ones before it would look unsent.
    await db.outbox.put({ ...unanswered[unanswered.length - 1]!, inFlight: true });
  }
  const resend = await filesToSendAgain(db, answered);
  const { newRejections, newConflicts } = recordsOfAnswer(answered.filter((a) => !resend.has(a.row.seq)), at);
  await db.outbox.bulkDelete(answered.map((a) => a.row.seq));
  for (const seq of resend) await sendAgain(db, answered.find((a) => a.row.seq === seq)!.row);
  const rejectionPuts = await settleRecords(db, answered, newRejections, response);
  if (rejectionPuts.size > 0) await db.rejections.bulkPut([...rejectionPuts.values()]);
  if (newConflicts.length > 0) await db.conflicts.bulkAdd(newConflicts);
}

/** An attachment is sent again after `MISSING_BLOB` at most this many times; then it is a rejection the user sees. */
const MAX_FILE_RETRIES = 3;

/**
 * Attachments the server turned down for want of their file (`MISSING_BLOB`), whose file this device
 * holds and the server has not refused: the file is marked for upload again and the change goes back to
 * the outbox as a new row (a new seq: the old one is answered), so it is never lost for that reason.
 */
async function filesToSendAgain(db: UserDb, answered: readonly Answered[]): Promise<Set<number>> {
  const resend = new Set<number>();
  for (const { row, result } of answered) {
    if (result.status !== 'rejected' || result.error.code !== 'MISSING_BLOB' || row.op !== 'upsert') continue;
    if ((row.fileRetries ?? 0) >= MAX_FILE_RETRIES) continue;
    const files = await db.blobs.bulkGet(filesOf(row));
    if (files.some((f) => !f || f.state === 'refused')) continue;
    await db.blobs.bulkPut(files.map((f) => ({ ...f!, state: 'upload' as const })));
    resend.add(row.seq);
  }
  return resend;
}

/**
 * Queues a create turned down for want of its file as a new row, with the edits queued after it folded
 * in (they would otherwise reach the server before the record they edit); a delete queued after it
 * means the user deleted the attachment meanwhile, and nothing is sent.
 */
async function sendAgain(db: UserDb, sent: QueuedRow): Promise<void> {
  if (sent.op !== 'upsert') return;
  const later = (await db.outbox.where('id').equals(sent.id).toArray()).filter((r) => r.entity === sent.entity && r.seq! > sent.seq);
  await db.outbox.bulkDelete(later.map((r) => r.seq!));
  if (later.some((r) => r.op === 'delete')) return;
  const fields = later.reduce((all, r) => (r.op === 'upsert' ? { ...all, ...r.fields } : all), sent.fields);
  const { seq: _, inFlight: __, ...row } = sent;
  await db.outbox.add({ ...row, fields, fileRetries: (sent.fileRetries ?? 0) + 1 });
}

/** The rejections and conflicts an answer adds. */
function recordsOfAnswer(answered: readonly Answered[], at: string): { newRejections: RejectionRow[]; newConflicts: ConflictRow[] } {
  const newRejections: RejectionRow[] = [];
  const newConflicts: ConflictRow[] = [];
  for (const { row, result } of answered) {
    if (result.status === 'rejected') {
      const { inFlight: _, ...kept } = row;
      newRejections.push({ ...kept, seq: row.seq, error: result.error, rejectedAt: at, serverRecord: result.record });
    } else if (result.status === 'merged') {
      for (const c of result.conflicts) newConflicts.push({ field: c.field, yours: c.yours, kept: c.kept, seq: row.seq, entity: row.entity, id: row.id, at });
    }
  }
  return { newRejections, newConflicts };
}

/**
 * Applies what the answer says of each record it carries, and returns the rejections to store: the new
 * ones, and older ones of the same records that learn the server's newer copy (what discarding restores).
 */
async function settleRecords(
  db: UserDb,
  answered: readonly Answered[],
  newRejections: readonly RejectionRow[],
  response: PushResponse,
): Promise<Map<number, RejectionRow>> {
  const rejectionPuts = new Map<number, RejectionRow>(newRejections.map((r) => [r.seq, r]));
  // `applied` alone leaves the device's copy as it is (the pull brings the server's version), so only
  // records with another answer need to know what else the device holds for them.
  const byRecord = new Map<string, Answered[]>();
  for (const a of answered) {
    const key = recordKey(a.row.entity, a.row.id);
    byRecord.set(key, [...(byRecord.get(key) ?? []), a]);
  }
  const lists = [...byRecord.values()].filter((l) => l.some((a) => a.result.status !== 'applied'));
  if (lists.length === 0) return rejectionPuts;
  const { waiting, rejected } = await rowsConcerning(db, lists.map((l) => l[0]!.row.id));
  const edits = collectEdits(waiting, [...rejected, ...newRejections]);
  // Whether the push took a version of its own (otherwise `version` is just the server's latest).
  const wrote = response.results.some((r) => r.status === 'merged' || (r.status === 'applied' && r.unchanged !== true));
  const push = { version: response.version, wrote };
  const byEntity = new Map<EntityName, Answered[][]>();
  for (const l of lists) byEntity.set(l[0]!.row.entity, [...(byEntity.get(l[0]!.row.entity) ?? []), l]);
  for (const [entity, entityLists] of byEntity) {
    const table = recordTable(db, entity);
    const locals = await table.bulkGet(entityLists.map((l) => l[0]!.row.id));
    const puts: AnyLocalRecord[] = [];
    const removes: string[] = [];
    entityLists.forEach((list, i) => {
      const id = list[0]!.row.id;
      const mine = edits.get(recordKey(entity, id));
      const settled = settleRecord(list, locals[i], mine, push);
      if (settled.put) puts.push(settled.put);
      if (settled.remove) removes.push(id);
      if (settled.snapshot && settled.seen !== undefined && mine) {
        for (const r of mine.rejections) {
          if (versionOf(r.serverRecord) <= settled.seen) rejectionPuts.set(r.seq, { ...r, serverRecord: settled.snapshot });
        }
      }
    });
    if (removes.length > 0) await table.bulkDelete(removes);
    if (puts.length > 0) await table.bulkPut(puts);
  }
  return rejectionPuts;
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
  const keep = new Set(edits?.fields ?? []);
  let absent = edits?.absent ?? false;
  for (const { row } of list.slice(snapAt + 1)) {
    if (row.op === 'upsert') for (const f of Object.keys(row.fields)) keep.add(f);
    else absent = true;
  }
  const seen = versionOf(snap);
  // A record this push wrote may have changed again later in it (its own later rows, or a visit's
  // delete reaching its answers), all at the push's version: it claims one less, so the pull brings
  // its final state. Everything before that version it has seen, and at it there are only its own
  // writes, which never conflict with it. A record the push did not write (`unchanged` rows, a
  // rejection) keeps the version it showed: claiming less would make the next edit conflict with
  // changes the device has seen.
  const snapshot: ServerRecord = push.wrote && seen >= push.version ? { ...snap, version: push.version - 1 } : snap;
  if (answer.status === 'duplicate' && local?.version !== undefined && local.version >= seen) return { snapshot, seen };
  if (snap['deleted'] === true) {
    // Unsent or rejected edits of it stay visible until the server or the user settles them.
    if (!local || keep.size > 0 || (edits?.rejections.length ?? 0) > 0) return { snapshot, seen };
    return { remove: true, snapshot, seen };
  }
  if (absent) return { snapshot, seen };
  return { put: keepLocalFields(snapshot as AnyLocalRecord, local, keep), snapshot, seen };
}
