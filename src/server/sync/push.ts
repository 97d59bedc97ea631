// A push as SYNC.md fixes it, over the port: seqs already processed are replayed (a stored rejection
// repeats), each new mutation is decided by the rules (rules.ts) and applied under the push's one
// version with its field meta, history row, conflicts, cascades and readiness effects; lastSeq is stored
// with the writes. Store-independent; the store runs it inside one transaction (or savepoint).
import type { EntityName } from '../../shared/entities.ts';
import { maySee } from '../../shared/policy.ts';
import type { Mutation, MutationError, PushRequest, PushResponse, PushResult } from '../../shared/protocol.ts';
import type { DeviceReportWrite, FieldMeta, SyncUser } from '../store/store.ts';
import { wireRecord } from './pull.ts';
import { likelyReads, PushReads } from './push-reads.ts';
import { childEntities, decide, type Actor, type Fields } from './rules.ts';
import { retryingReads, wait, type Step } from './steps.ts';
import { anotherUsersClient } from './sync-error.ts';
import type { PortRecord, PushTx } from './sync-port.ts';

/** One push's state: who, when, its reads, and its version once taken. */
type Push = { tx: PushTx; who: Actor; at: string; now: Date; reads: PushReads; version: number | undefined };

/** `report`: the device's report that came with the push, stored in its transaction (rolled back with it). */
export function* pushSteps(tx: PushTx, actor: SyncUser, req: PushRequest, report: DeviceReportWrite | undefined, now: Date): Step<PushResponse> {
  const at = now.toISOString();
  // Where the port reads the client's row and records in one round trip, the records the mutations will
  // most likely read come with the client's row (those of seqs already processed too: it is not yet known which).
  const likely = tx.clientAndRecords ? likelyReads(req.mutations) : undefined;
  const first = likely ? yield* wait(tx.clientAndRecords!(req.clientId, likely)) : undefined;
  let client = first ? first.client : yield* wait(tx.client(req.clientId));
  if (client && client.userId !== actor.userId) throw anotherUsersClient();
  if (!client) {
    yield* wait(tx.addClient(req.clientId, actor.userId, at));
    client = { userId: actor.userId, lastSeq: 0 };
  }
  const p: Push = { tx, who: { ...actor, clientId: req.clientId }, at, now, reads: new PushReads(tx), version: undefined };
  const results: PushResult[] = [];
  const lastSeqBefore = client.lastSeq;
  yield* p.reads.prefetch(
    req.mutations.filter((m) => m.seq > lastSeqBefore),
    first && { keys: likely!, records: first.records },
  );
  let lastSeq = client.lastSeq;
  for (const m of req.mutations) {
    if (m.seq <= client.lastSeq) {
      results.push(yield* replay(p, m));
      continue;
    }
    lastSeq = Math.max(lastSeq, m.seq);
    results.push(yield* apply(p, m));
  }
  if (lastSeq !== client.lastSeq) yield* wait(tx.setLastSeq(req.clientId, lastSeq));
  // Last, with the writes (a port may write them all in one statement): a report of another user's
  // client id refuses the push, and the transaction or savepoint undoes what it wrote.
  if (report && !(yield* wait(tx.writePushReport(actor.userId, report, now)))) throw anotherUsersClient();
  return { lastSeq, version: p.version ?? (yield* wait(tx.currentVersion())), results };
}

/** The push's one version, taken at its first write (a push that changes nothing takes none). */
function* takeVersion(p: Push): Step<number> {
  p.version ??= yield* wait(p.tx.takeNextVersion());
  return p.version;
}

function* apply(p: Push, m: Mutation): Step<PushResult> {
  const { reads, who } = p;
  reads.nextMutation();
  if (m.entity === 'visit') yield* retryingReads(() => reads.lookup.statusAtPushStart(m.id));
  const d = yield* retryingReads(() => decide(m, who, reads.lookup, p.now));
  if (!d.ok) {
    yield* wait(p.tx.addRejection(who.clientId, m.seq, d.error));
    return yield* rejected(p, m, d.error);
  }
  const before = yield* retryingReads(() => reads.record(m.entity, m.id));
  const unchanged = d.op === 'delete' ? before?.deleted : d.changed.length === 0 && d.conflicts.length === 0 && before;
  if (before && unchanged) return { seq: m.seq, status: 'applied', version: before.version, unchanged: true };
  const v = yield* takeVersion(p);
  const fieldMeta: FieldMeta = { ...(before?.fieldMeta ?? {}) };
  for (const f of d.changed) fieldMeta[f] = [v, who.clientId];
  yield* write(p, { entity: m.entity, id: m.id, version: v, deleted: d.op === 'delete', regionId: d.regionId, data: d.data, fieldMeta, updatedAt: p.at, updatedBy: who.userId, privateTo: d.effects?.privateTo ?? null });
  yield* history(p, m, v, d.op, historyBefore(before, d.changed, d.op), historyAfter(d.data, d.changed, d.op));
  for (const interviewId of d.effects?.reveal ?? []) yield* reveal(p, interviewId, v);
  for (const c of d.conflicts) {
    yield* wait(p.tx.addConflict({ version: v, entity: m.entity, recordId: m.id, field: c.field, yours: c.yours, kept: c.kept, clientId: who.clientId, userId: who.userId, at: p.at, seq: m.seq }));
  }
  if (d.op === 'delete') yield* cascadeDelete(p, m.entity, m.id, v, m.seq);
  if (!d.conflicts.length) return { seq: m.seq, status: 'applied', version: v };
  const stored = yield* wait(p.tx.getRecord(m.entity, m.id));
  return { seq: m.seq, status: 'merged', version: v, conflicts: d.conflicts, record: wireRecord(stored!) };
}

function* write(p: Push, record: PortRecord): Step<void> {
  p.reads.remember(record);
  yield* wait(p.tx.upsertRecord(record));
}

function* history(p: Push, m: Pick<Mutation, 'entity' | 'id' | 'seq'>, v: number, op: 'create' | 'update' | 'delete', before: string | null, after: string | null): Step<void> {
  yield* wait(p.tx.addHistory({ version: v, entity: m.entity, recordId: m.id, op, userId: p.who.userId, clientId: p.who.clientId, at: p.at, before, after, seq: m.seq }));
}

/**
 * Every scorer's sheet of the interview is done: each sheet still private is shown to the region under
 * this version, so every device pulls it after its cursor (its data and authorship unchanged).
 */
function* reveal(p: Push, interviewId: string, v: number): Step<void> {
  for (const sheet of yield* wait(p.tx.sheetsOf(interviewId))) {
    if (sheet.privateTo !== null) yield* write(p, { ...sheet, version: v, privateTo: null });
  }
}

/** Deletes what goes with a deleted record: a visit's records, an assessment's interviews, an interview's sheets. */
function* cascadeDelete(p: Push, entity: EntityName, id: string, v: number, seq: number): Step<void> {
  const children: PortRecord[] = [];
  if (entity === 'visit') for (const child of childEntities) children.push(...(yield* wait(p.tx.childrenOf(child, id))));
  if (entity === 'assessment') children.push(...(yield* wait(p.tx.interviewsOf(id))));
  if (entity === 'interview') children.push(...(yield* wait(p.tx.sheetsOf(id))));
  for (const child of children) {
    yield* write(p, { ...child, version: v, deleted: true, updatedAt: p.at, updatedBy: p.who.userId });
    yield* history(p, { entity: child.entity, id: child.id, seq }, v, 'delete', JSON.stringify(child.data), null);
    if (child.entity === 'interview') yield* cascadeDelete(p, 'interview', child.id, v, seq);
  }
}

/**
 * The record as now stored, for an answer that carries it: only one the user may pull. A rejection
 * or a resent seq may name any id, and must not become a way to read another region's records.
 */
function* visibleRecord(p: Push, m: Mutation): Step<Record<string, unknown> | null> {
  const r = yield* wait(p.tx.getRecord(m.entity, m.id));
  return r && maySee(p.who, r.regionId) && (r.privateTo === null || r.privateTo === p.who.userId) ? wireRecord(r) : null;
}

function* replay(p: Push, m: Mutation): Step<PushResult> {
  const stored = yield* wait(p.tx.rejection(p.who.clientId, m.seq));
  const record = yield* visibleRecord(p, m);
  if (stored) return { seq: m.seq, status: 'rejected', error: stored, record };
  return { seq: m.seq, status: 'duplicate', record };
}

function* rejected(p: Push, m: Mutation, error: MutationError): Step<PushResult> {
  return { seq: m.seq, status: 'rejected', error, record: yield* visibleRecord(p, m) };
}

function historyBefore(before: PortRecord | undefined, changed: string[], op: string): string | null {
  if (!before) return null;
  if (op === 'delete') return JSON.stringify(before.data);
  return JSON.stringify(Object.fromEntries(changed.map((f) => [f, before.data[f] ?? null])));
}

function historyAfter(data: Fields, changed: string[], op: string): string | null {
  if (op === 'delete') return null;
  return JSON.stringify(Object.fromEntries(changed.map((f) => [f, data[f] ?? null])));
}
