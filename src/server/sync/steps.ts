// Sync-or-async steps: the sync service is written once, as generator functions that `yield*` each call
// of the transaction port, and runs at the speed of whatever store it is given.
//
// Why generators and not async/await: better-sqlite3 is synchronous, and its transactions must be too
// (a transaction function may not return a promise). With `await`, a push would span several turns of
// the event loop's microtask queue, and another request's continuation could read the push's uncommitted
// rows, or write into its transaction, on the one shared connection. Driven by `drive`, a store whose
// port answers plainly (SQLite) runs the whole push synchronously, inside `db.transaction(...)`, exactly
// as before; a store whose port answers with promises (PostgreSQL) is awaited at each step.
export type MaybePromise<T> = T | Promise<T>;

/** A computation over the port: yields what it waits for, returns its result. */
export type Step<T> = Generator<unknown, T, unknown>;

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Waits for a port's answer: at once when it is a plain value, through the driver when a promise. */
export function* wait<T>(value: MaybePromise<T>): Step<T> {
  if (!isPromiseLike(value)) return value;
  return (yield value) as T;
}

/** Runs the steps: synchronously while every answer is plain, then asynchronously from the first promise on. */
export function drive<T>(steps: Step<T>): MaybePromise<T> {
  let next = steps.next();
  while (!next.done) {
    if (isPromiseLike(next.value)) return finish(steps, next.value);
    next = steps.next(next.value);
  }
  return next.value;
}

async function finish<T>(steps: Step<T>, first: PromiseLike<unknown>): Promise<T> {
  let pending: PromiseLike<unknown> = first;
  for (;;) {
    let next: IteratorResult<unknown, T>;
    try {
      const value = await pending;
      next = steps.next(value);
    } catch (error) {
      // A failed read or write is thrown where the steps waited for it, so their own try/catch sees it.
      next = steps.throw(error);
    }
    while (!next.done && !isPromiseLike(next.value)) next = steps.next(next.value);
    if (next.done) return next.value;
    pending = next.value as PromiseLike<unknown>;
  }
}

/**
 * Thrown by a read-through `Lookup` (rules.ts reads synchronously) when the port answered a read with a
 * promise: the caller waits for it, which fills the cache, and decides again. The rules are pure, so
 * deciding again changes nothing but the reads it can now answer.
 */
class PendingRead extends Error {
  readonly pending: Promise<unknown>;
  constructor(pending: Promise<unknown>) {
    super('A read is pending');
    this.pending = pending;
  }
}

/** Runs a synchronous computation over a read-through cache, waiting for each read it missed. */
export function* retryingReads<T>(compute: () => T): Step<T> {
  for (;;) {
    try {
      return compute();
    } catch (e) {
      if (!(e instanceof PendingRead)) throw e;
      yield* wait(e.pending);
    }
  }
}

/** Reads through a cache: a plain answer is kept and returned, a promised one becomes a PendingRead. */
export function readThrough<K, V>(cache: Map<K, V>, key: K, load: () => MaybePromise<V>): V {
  if (cache.has(key)) return cache.get(key) as V;
  const value = load();
  if (isPromiseLike(value)) throw new PendingRead(Promise.resolve(value).then((v) => void cache.set(key, v)));
  cache.set(key, value);
  return value;
}
