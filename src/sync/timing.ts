// User Timing measures of the sync: each pass (`tillsyn:push`, `tillsyn:pull`) and the phases inside
// them (`tillsyn:pull:request`, `…:parse`, `…:store`; `tillsyn:push:take`, `…:request`, `…:store`), for
// DevTools and the benchmarks (`npm run bench -- browser` prints them). Cheap enough to stay on.

type UserTiming = { now(): number; measure?(name: string, options: { start: number; end: number }): unknown };
const userTiming = (globalThis as { performance?: UserTiming }).performance;

export function timeNow(): number {
  return userTiming?.now() ?? 0;
}

/** Records `name` from `start` (a `timeNow()`) until now. */
export function measure(name: string, start: number): void {
  try {
    userTiming?.measure?.(name, { start, end: userTiming.now() });
  } catch {
    // a browser without the options form of measure(): nothing to record
  }
}

/** Runs `work` and records how long it took, whether it resolved or threw. */
export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = timeNow();
  try {
    return await work();
  } finally {
    measure(name, start);
  }
}
