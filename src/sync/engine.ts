// One sync pass, as SYNC.md's client side fixes it: push the outbox until it is empty, then pull
// until the server has no more. The protocol lives here (push.ts, pull.ts, wire.ts); every local
// transaction lives in src/db behind the SyncStore (src/db/sync-store.ts).
import type { MetaKey } from '../db/meta.ts';
import { pullAll } from './pull.ts';
import { pushAll } from './push.ts';
import type { Progress, SyncDeps } from './deps.ts';

export type { Api, SyncDeps } from './deps.ts';
export { pullAll } from './pull.ts';
export { pushAll } from './push.ts';

/** The meta key of the pull position, stored with the page it follows (SYNC.md). */
export const CURSOR_KEY = 'cursor' satisfies MetaKey;

/** One pass: push everything, then pull everything. */
export async function syncOnce(deps: SyncDeps, onProgress?: (p: Progress) => void): Promise<{ pushed: number; pulled: number }> {
  const pushed = await pushAll(deps, onProgress);
  const pulled = await pullAll(deps, onProgress);
  return { pushed, pulled };
}
