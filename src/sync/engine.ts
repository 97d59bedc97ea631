// One sync pass, as SYNC.md's client side fixes it: push the outbox until it is empty, then pull
// until the server has no more. Every server answer is stored in one local transaction.
import { entityNames, type EntityName } from '../shared/entities.ts';
import {
  PUSH_MAX_BYTES,
  PUSH_MAX_MUTATIONS,
  SCHEMA_HEADER,
  SCHEMA_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  type Change,
  type Mutation,
  type PushResult,
} from '../shared/protocol.ts';
import { recordTable, type AnyLocalRecord, type LocalRecord, type OutboxRow, type UserDb } from '../db/database.ts';
import { ApiError, type ApiRequest } from './http.ts';

export type Api = (path: string, request: ApiRequest) => Promise<unknown>;

export type SyncDeps = {
  db: UserDb;
  api: Api;
  clientId: string;
  token: () => string | undefined;
  now?: () => Date;
};

export type Progress = { phase: 'push' | 'pull'; done: number; total: number };

const PULL_LIMIT = 1000;
/** Room for the envelope around the mutations, so a full batch stays under the server's limit. */
const ENVELOPE_BYTES = 1024;

type AnyRecord = LocalRecord<EntityName> & Record<string, unknown>;

function headers(): Record<string, string> {
  return { [SCHEMA_HEADER]: String(SCHEMA_VERSION) };
}

function toMutation(row: OutboxRow & { seq: number }): Mutation {
  return row.op === 'delete'
    ? { seq: row.seq, entity: row.entity, id: row.id, op: 'delete', baseVersion: row.baseVersion }
    : { seq: row.seq, entity: row.entity, id: row.id, op: 'upsert', baseVersion: row.baseVersion, fields: row.fields };
}

/** The oldest outbox rows that fit one request: at most `max` mutations and the byte limit. */
async function nextBatch(db: UserDb, max: number): Promise<(OutboxRow & { seq: number })[]> {
  const rows = (await db.outbox.orderBy('seq').limit(max).toArray()) as (OutboxRow & { seq: number })[];
  const batch: (OutboxRow & { seq: number })[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const row of rows) {
    bytes += new TextEncoder().encode(JSON.stringify(toMutation(row))).length + 1;
    if (batch.length > 0 && bytes > PUSH_MAX_BYTES) break;
    batch.push(row);
  }
  return batch;
}

/** Pushes until the outbox is empty. Rows added while a request is away wait for the next batch. */
export async function pushAll(deps: SyncDeps, onProgress: (p: Progress) => void = () => {}): Promise<number> {
  const { db } = deps;
  let max = PUSH_MAX_MUTATIONS;
  let done = 0;
  for (;;) {
    const batch = await nextBatch(db, max);
    if (batch.length === 0) return done;
    const seqs = batch.map((r) => r.seq);
    // Edits made from now on start a new outbox row instead of joining one already on its way.
    await db.outbox.where('seq').anyOf(seqs).modify({ inFlight: true });
    onProgress({ phase: 'push', done, total: done + (await db.outbox.count()) });
    let answer: unknown;
    try {
      answer = await deps.api('/api/sync/push', {
        method: 'POST',
        token: deps.token(),
        headers: headers(),
        body: { clientId: deps.clientId, schemaVersion: SCHEMA_VERSION, mutations: batch.map(toMutation) },
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 413 && batch.length > 1) {
        max = Math.max(1, Math.floor(batch.length / 2));
        continue;
      }
      throw e;
    }
    const response = pushResponseSchema.parse(answer);
    await storePushAnswer(deps, batch, response.results);
    done += batch.length;
    max = PUSH_MAX_MUTATIONS;
  }
}

/** Stores the server's answer to one batch in one transaction: acknowledged rows go, rejected rows move. */
async function storePushAnswer(deps: SyncDeps, batch: (OutboxRow & { seq: number })[], results: PushResult[]): Promise<void> {
  const { db } = deps;
  const at = (deps.now?.() ?? new Date()).toISOString();
  const bySeq = new Map(batch.map((r) => [r.seq, r]));
  const tables = [db.outbox, db.rejections, db.conflicts, ...entityNames.map((e) => db[e])];
  await db.transaction('rw', tables, async () => {
    for (const result of results) {
      const row = bySeq.get(result.seq);
      if (!row) continue;
      await db.outbox.delete(row.seq);
      if (result.status === 'rejected') {
        const { inFlight: _, ...kept } = row;
        await db.rejections.put({ ...kept, seq: row.seq, error: result.error, rejectedAt: at, serverRecord: result.record });
      } else if (result.status === 'merged') {
        for (const c of result.conflicts) {
          await db.conflicts.add({ ...c, seq: row.seq, entity: row.entity, id: row.id, at });
        }
        await mergeServerRecord(db, row.entity, row.id, result.record);
      }
    }
  });
}

/** Takes the server's record, keeping fields this device still has unsent edits for. */
async function mergeServerRecord(db: UserDb, entity: EntityName, id: string, record: Record<string, unknown>): Promise<void> {
  const table = db[entity];
  const local = (await table.get(id)) as AnyRecord | undefined;
  const pending = await pendingFields(db, entity, id);
  const merged: Record<string, unknown> = { ...record };
  for (const f of pending) if (local && f in local) merged[f] = local[f];
  await table.put(merged as never);
}

async function pendingFields(db: UserDb, entity: EntityName, id: string): Promise<Set<string>> {
  const rows = await db.outbox.where('id').equals(id).filter((r) => r.entity === entity).toArray();
  return new Set(rows.flatMap((r) => (r.op === 'upsert' ? Object.keys(r.fields) : [])));
}

/** Pulls until the server has no more; a 410 starts again from the beginning and drops what is gone. */
export async function pullAll(deps: SyncDeps, onProgress: (p: Progress) => void = () => {}): Promise<number> {
  try {
    return await pullPages(deps, onProgress, null);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 410)) throw e;
    await deps.db.meta.delete('cursor');
    const seen = new Set<string>();
    const n = await pullPages(deps, onProgress, seen);
    await dropUnseen(deps.db, seen);
    return n;
  }
}

async function pullPages(deps: SyncDeps, onProgress: (p: Progress) => void, seen: Set<string> | null): Promise<number> {
  const { db } = deps;
  let done = 0;
  for (;;) {
    const cursor = (await db.meta.get('cursor'))?.value;
    const query = new URLSearchParams({ limit: String(PULL_LIMIT) });
    if (typeof cursor === 'string') query.set('cursor', cursor);
    const page = pullResponseSchema.parse(
      await deps.api(`/api/sync/pull?${query.toString()}`, { token: deps.token(), headers: headers() }),
    );
    await storePage(db, page.changes, page.cursor);
    if (seen) for (const c of page.changes) if (!c.deleted) seen.add(`${c.entity}/${c.id}`);
    done += page.changes.length;
    onProgress({ phase: 'pull', done, total: page.hasMore ? done + PULL_LIMIT : done });
    if (!page.hasMore) return done;
  }
}

/** Applies one pulled page and its cursor in one transaction; applying it twice changes nothing. */
export async function storePage(db: UserDb, changes: Change[], cursor: string): Promise<void> {
  const byEntity = new Map<EntityName, Change[]>();
  for (const c of changes) byEntity.set(c.entity, [...(byEntity.get(c.entity) ?? []), c]);
  const tables = [db.meta, db.outbox, ...[...byEntity.keys()].map((e) => db[e])];
  await db.transaction('rw', tables, async () => {
    const pending = await db.outbox.toArray();
    const edited = new Map<string, Set<string>>();
    for (const row of pending) {
      if (row.op !== 'upsert') continue;
      const key = `${row.entity}/${row.id}`;
      edited.set(key, new Set([...(edited.get(key) ?? []), ...Object.keys(row.fields)]));
    }
    for (const [entity, list] of byEntity) {
      const table = db[entity];
      const locals = (await table.bulkGet(list.map((c) => c.id))) as (AnyRecord | undefined)[];
      const puts: Record<string, unknown>[] = [];
      const deletes: string[] = [];
      list.forEach((change, i) => {
        const local = locals[i];
        if (local?.version !== undefined && local.version >= change.version) return;
        if (change.deleted || !change.record) {
          deletes.push(change.id);
          return;
        }
        const record: Record<string, unknown> = { ...change.record };
        const mine = edited.get(`${entity}/${change.id}`);
        if (mine && local) for (const f of mine) record[f] = local[f];
        puts.push(record);
      });
      if (deletes.length) await table.bulkDelete(deletes);
      if (puts.length) await recordTable(db, entity).bulkPut(puts as AnyLocalRecord[]);
    }
    await db.meta.put({ key: 'cursor', value: cursor });
  });
}

/** After a reset: records the server no longer shows this user go, unless this device has unsent edits for them. */
async function dropUnseen(db: UserDb, seen: Set<string>): Promise<void> {
  await db.transaction('rw', [db.outbox, ...entityNames.map((e) => db[e])], async () => {
    const pending = new Set((await db.outbox.toArray()).map((r) => `${r.entity}/${r.id}`));
    for (const entity of entityNames) {
      const ids = (await db[entity].toCollection().primaryKeys()) as string[];
      const gone = ids.filter((id) => !seen.has(`${entity}/${id}`) && !pending.has(`${entity}/${id}`));
      if (gone.length) await db[entity].bulkDelete(gone);
    }
  });
}

/** One pass: push everything, then pull everything. */
export async function syncOnce(deps: SyncDeps, onProgress?: (p: Progress) => void): Promise<{ pushed: number; pulled: number }> {
  const pushed = await pushAll(deps, onProgress);
  const pulled = await pullAll(deps, onProgress);
  return { pushed, pulled };
}
