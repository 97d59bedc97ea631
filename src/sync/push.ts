// Push (SYNC.md, `POST /api/sync/push`): the outbox, oldest row first, in requests of at most 500
// mutations and 2 MB, one request at a time so the server receives seqs in order, until it is empty.
//
// Local work overlaps the network: while a request is away the next batch is cut and encoded, the
// rows after it are read (several requests' worth in one transaction), and earlier answers are stored
// (several in one transaction). Each answer is stored in the transaction that deletes its rows, so a
// crash loses or repeats nothing.
import type { EntityName } from '../shared/entities.ts';
import { PUSH_MAX_BYTES, PUSH_MAX_MUTATIONS, SCHEMA_VERSION, type Mutation, type PushResponse } from '../shared/protocol.ts';
import type { PushAnswer, QueuedRow, SyncStore } from '../db/sync-store.ts';
import { ApiError, prepareJson, type JsonBody } from './http.ts';
import { timed } from './timing.ts';
import { uploadFilesOf } from './blob-sync.ts';
import { parsePushAnswer } from './wire.ts';
import { figuresFor, noProgress, requestHeaders, signalOf, storeOf, type Progress, type SyncDeps } from './deps.ts';

/** Rows read ahead of the requests in one transaction: a few requests' worth. */
const READ_AHEAD_ROWS = 4 * PUSH_MAX_MUTATIONS;
const READ_AHEAD_BYTES = 4 * PUSH_MAX_BYTES;
/** Answers stored together in one transaction (fewer at the end of a push). */
const STORE_EVERY = 4;
/** Answers that may wait to be stored before the next request waits for them: bounds what is held in memory. */
const MAX_UNSTORED = 2 * STORE_EVERY;

/** An outbox row with its mutation encoded once, and the encoding's size in bytes (with its comma). */
type Encoded = { row: QueuedRow; part: string; bytes: number };
type Batch = { encoded: Encoded[]; rows: QueuedRow[]; body: JsonBody };

function toMutation(row: QueuedRow): Mutation {
  return row.op === 'delete'
    ? { seq: row.seq, entity: row.entity, id: row.id, op: 'delete', baseVersion: row.baseVersion }
    : { seq: row.seq, entity: row.entity, id: row.id, op: 'upsert', baseVersion: row.baseVersion, fields: row.fields };
}

/** UTF-8 length of a string without encoding it: the batch is measured as it is built. */
function utf8Length(text: string): number {
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

/** Encodes rows into `out` until `maxBytes` (at least one row); returns how many fit. */
function encodeUpTo(rows: readonly QueuedRow[], maxBytes: number, out: Encoded[]): number {
  let total = 0;
  for (const row of rows) {
    const part = JSON.stringify(toMutation(row));
    const bytes = utf8Length(part) + 1;
    if (out.length > 0 && total + bytes > maxBytes) break;
    total += bytes;
    out.push({ row, part, bytes });
  }
  return out.length;
}

/**
 * The outbox as the push reads it: rows in seq order, read ahead in chunks and marked as sent as
 * they are read (the store's `takeOutbox`), cut into batches that fit one request.
 */
function outboxReader(store: SyncStore, clientId: string) {
  const head = `{"clientId":${JSON.stringify(clientId)},"schemaVersion":${SCHEMA_VERSION},"mutations":[`;
  const headBytes = utf8Length(head) + 2;
  let buffer: Encoded[] = [];
  let after = 0;
  /** The last read found fewer rows than it asked for: the outbox is read to its end, for now. */
  let atEnd = false;
  /** The first read is one request's worth, so the first request leaves soon. */
  let chunk = PUSH_MAX_MUTATIONS;
  let reading: Promise<void> | null = null;

  function read(): Promise<void> {
    reading ??= (async () => {
      try {
        const encoded: Encoded[] = [];
        let found = 0;
        const fit = (candidates: readonly QueuedRow[]) => {
          found = candidates.length;
          return encodeUpTo(candidates, READ_AHEAD_BYTES, encoded);
        };
        const rows = await timed('tillsyn:push:take', () => store.takeOutbox(after, chunk, fit));
        buffer = [...buffer, ...encoded.slice(0, rows.length)];
        atEnd = found < chunk;
        if (rows.length > 0) after = rows[rows.length - 1]!.seq;
        chunk = READ_AHEAD_ROWS;
      } finally {
        reading = null;
      }
    })();
    return reading;
  }

  /** The oldest buffered rows that fit one request of at most `max` mutations. */
  function cut(max: number): Batch {
    let bytes = headBytes;
    let n = 0;
    while (n < buffer.length && n < max && (n === 0 || bytes + buffer[n]!.bytes <= PUSH_MAX_BYTES)) bytes += buffer[n++]!.bytes;
    const encoded = buffer.slice(0, n);
    buffer = buffer.slice(n);
    return { encoded, rows: encoded.map((e) => e.row), body: prepareJson(`${head}${encoded.map((e) => e.part).join(',')}]}`) };
  }

  return {
    /**
     * The next batch, or null once the outbox is read to its end. `lookAgain`: when nothing is left,
     * read once more before saying so (rows may have been queued while the last request was away).
     */
    async next(max: number, lookAgain: boolean): Promise<Batch | null> {
      while (buffer.length < max && !atEnd) await read();
      if (buffer.length === 0 && lookAgain) await read();
      if (buffer.length === 0) return null;
      const batch = cut(max);
      // Reads ahead while a chunk's worth is still buffered, so a slow read rarely holds up a request.
      if (buffer.length < READ_AHEAD_ROWS && !atEnd) read().catch(() => {}); // a failure shows on the next read
      return batch;
    },
    /** A batch the server refused as too large goes back, to be cut smaller. */
    putBack(batch: Batch): void {
      buffer = [...batch.encoded, ...buffer];
    },
    /** Waits for a read under way, so none outlives the pass. */
    async settle(): Promise<void> {
      await reading?.catch(() => {});
    },
  };
}

/**
 * The answers waiting to be stored, stored in the order they came, several in one transaction: each
 * transaction that changes the outbox wakes every live query that counts it (the status bar), so
 * fewer, larger ones leave the device's database free sooner. Until stored, an answer's rows stay
 * queued; were the tab to close, they would go again and the server would answer `duplicate`. A
 * store that fails stops the push.
 */
function answerWriter(store: SyncStore) {
  let queue: PushAnswer[] = [];
  let writing: Promise<void> | null = null;
  let inWrite = 0;
  let failure: { error: unknown } | null = null;

  async function drain(least: number): Promise<void> {
    while (queue.length >= least && !failure) {
      const answers = queue;
      queue = [];
      inWrite = answers.length;
      try {
        await timed('tillsyn:push:store', () => store.storePushAnswers(answers));
      } catch (error) {
        failure = { error };
      }
      inWrite = 0;
    }
    writing = null;
  }

  /** Starts storing once at least `least` answers wait. */
  function start(least: number): void {
    if (!writing && !failure && queue.length >= least && queue.length > 0) writing = drain(least);
  }

  return {
    add(answer: PushAnswer): void {
      queue.push(answer);
      start(STORE_EVERY);
    },
    /** Throws the failure of a store, if one failed. */
    check(): void {
      if (failure) throw failure.error;
    },
    /** Waits while too many answers wait, so memory stays bounded when storing is slower than the network. */
    async room(): Promise<void> {
      while (queue.length + inWrite >= MAX_UNSTORED && !failure) {
        start(1);
        await writing;
      }
    },
    /** Stores what waits without waiting for more: the request away is the last. */
    flush(): void {
      start(1);
    },
    /** Stores every answer given (or stops at a failure). */
    async drained(): Promise<void> {
      start(1);
      while (writing) {
        await writing;
        start(1);
      }
    },
  };
}

/**
 * The batches to send, the next one cut and encoded while the request before it is away, so a
 * request leaves as soon as the answer before it came.
 */
function batchQueue(outbox: ReturnType<typeof outboxReader>) {
  let ahead: Promise<Batch | null> | null = null;
  /** A request has left since the outbox was last read to its end. */
  let sent = false;
  return {
    /** Starts on the batch after the one just sent; resolves true when there is one. */
    async prepare(max: number): Promise<boolean> {
      sent = true;
      ahead ??= outbox.next(max, false);
      return (await ahead.catch(() => null)) !== null; // a failure shows in take()
    },
    async take(max: number): Promise<Batch | null> {
      const batch = await (ahead ?? outbox.next(max, false));
      ahead = null;
      if (batch || !sent) return batch;
      // Rows may have been queued while the last request was away: one more look before stopping.
      sent = false;
      return outbox.next(max, true);
    },
    /** A batch the server refused as too large goes back, and the one prepared after it, to be cut smaller. */
    async rewind(sent: Batch): Promise<void> {
      const next = ahead && (await ahead.catch(() => null));
      ahead = null;
      if (next) outbox.putBack(next);
      outbox.putBack(sent);
    },
    /** Waits for a batch in preparation, so no read outlives the pass. */
    async settle(): Promise<void> {
      await ahead?.catch(() => {});
      await outbox.settle();
    },
  };
}

/** Seqs of the batch the server did not answer. */
function unanswered(batch: Batch, response: PushResponse): number {
  const answered = new Set(response.results.map((r) => r.seq));
  return batch.rows.filter((r) => !answered.has(r.seq)).length;
}

function entityOfSeq(batch: Batch): (seq: number) => EntityName | undefined {
  const bySeq = new Map(batch.rows.map((r) => [r.seq, r.entity]));
  return (seq) => bySeq.get(seq);
}

/**
 * Pushes until the outbox is empty; returns how many rows were answered. Rows added while a request is
 * away go in a later batch; a 413 halves the batch for the rest of the pass. Throws what a request
 * threw (the rows stay queued), after storing every answer that came before it. An attachment the
 * server turned down for want of its file went back to the outbox (push-answers.ts): it is pushed again
 * in the same pass, after its file, a few times at most.
 */
export async function pushAll(deps: SyncDeps, onProgress: (p: Progress) => void = noProgress): Promise<number> {
  let done = 0;
  for (let round = 0; round < 3; round++) {
    const pushed = await pushRound(deps, onProgress);
    done += pushed.done;
    if (!pushed.missingFiles) break;
  }
  return done;
}

const missingFile = (response: PushResponse) => response.results.some((r) => r.status === 'rejected' && r.error.code === 'MISSING_BLOB');

async function pushRound(deps: SyncDeps, onProgress: (p: Progress) => void): Promise<{ done: number; missingFiles: boolean }> {
  const store = storeOf(deps);
  const batches = batchQueue(outboxReader(store, deps.clientId));
  const answers = answerWriter(store);
  let max = PUSH_MAX_MUTATIONS;
  let done = 0;
  let missingFiles = false;
  // Counted once: counting a large outbox per batch costs more than the progress is worth. The
  // device's report goes with each request as counted here (the pull after the push counts again).
  const figures = await figuresFor(deps, store);
  let total = figures ? figures.pending : await store.countOutbox();
  try {
    for (;;) {
      answers.check();
      const batch = await batches.take(max);
      if (!batch) break;
      total = Math.max(total, done + batch.rows.length);
      onProgress({ phase: 'push', done, total });
      let answer: unknown;
      try {
        // The files the batch's attachments name go first: the server takes an attachment only with its file.
        await uploadFilesOf(deps, batch.rows);
        const request = timed('tillsyn:push:request', () =>
          deps.api('/api/sync/push', { method: 'POST', token: deps.token(), headers: requestHeaders(deps, figures), json: batch.body, ...signalOf(deps) }),
        );
        void batches.prepare(max).then((more) => {
          if (!more) answers.flush();
        });
        answer = await request;
      } catch (e) {
        if (e instanceof ApiError && e.status === 413 && batch.rows.length > 1) {
          max = Math.max(1, Math.floor(batch.rows.length / 2));
          await batches.rewind(batch);
          continue;
        }
        throw e;
      }
      const response = parsePushAnswer(answer, entityOfSeq(batch));
      missingFiles ||= missingFile(response);
      answers.add({ rows: batch.rows, response, at: (deps.now?.() ?? new Date()).toISOString() });
      const missing = unanswered(batch, response);
      // Never loop on a batch the server does not answer: the rows stay queued for a later pass.
      if (missing > 0) throw new ApiError(200, 'BAD_RESPONSE', `The server did not answer ${missing} of the ${batch.rows.length} changes sent`);
      done += batch.rows.length;
      await answers.room();
    }
  } finally {
    // Whatever happened to the last request, the answers before it are stored before returning.
    await answers.drained();
    await batches.settle();
  }
  answers.check();
  return { done, missingFiles };
}
