// The sync service: SYNC.md's push and pull, written once over the transaction port (sync-port.ts),
// for every store. A store gives it a port; the routes call the store, which calls this. Its refusals
// of a whole request are SyncErrors (sync-error.ts), which the routes turn into HTTP answers.
import type { PullResponse, PushRequest, PushResponse } from '../../shared/protocol.ts';
import type { DeviceReportWrite, SyncUser } from '../store/store.ts';
import { pullSteps } from './pull.ts';
import { pushSteps } from './push.ts';
import { drive, wait, type MaybePromise, type Step } from './steps.ts';
import type { PushTx, SyncPort } from './sync-port.ts';

export type PushRequestOf = { actor: SyncUser; request: PushRequest; report?: DeviceReportWrite | undefined };

/**
 * Several pushes in one transaction, so they share one commit and its fsync (group commit). Each runs
 * in a savepoint of its own: one that fails rolls back alone and its error is its outcome; the others
 * are applied as if they had come one by one. Nothing is acknowledged before the commit: if it fails,
 * every push in the group fails with it (the caller's promise rejects).
 */
function* groupSteps(tx: PushTx, requests: readonly PushRequestOf[], clock: () => Date): Step<PromiseSettledResult<PushResponse>[]> {
  const outcomes: PromiseSettledResult<PushResponse>[] = [];
  for (const { actor, request, report } of requests) {
    try {
      const value = yield* wait(tx.savepoint(() => drive(pushSteps(tx, actor, request, report, clock()))));
      outcomes.push({ status: 'fulfilled', value });
    } catch (reason) {
      outcomes.push({ status: 'rejected', reason });
    }
  }
  return outcomes;
}

export function createSyncService(port: SyncPort, clock: () => Date = () => new Date()) {
  /** Synchronous when the port is (SQLite), a promise when it is not (PostgreSQL). */
  function pushGroup(requests: readonly PushRequestOf[]): MaybePromise<PromiseSettledResult<PushResponse>[]> {
    return port.pushTransaction((tx) => drive(groupSteps(tx, requests, clock)));
  }

  /** One push in a transaction of its own. */
  async function push(actor: SyncUser, request: PushRequest, report?: DeviceReportWrite): Promise<PushResponse> {
    const [outcome] = await pushGroup([{ actor, request, report }]);
    if (outcome!.status === 'rejected') throw outcome!.reason;
    return outcome!.value;
  }

  /** The changes after the cursor that the user may see; a SyncError RESET for a cursor it cannot continue. */
  function pull(actor: SyncUser, cursor: string | undefined, limit: number): MaybePromise<PullResponse> {
    return port.read((tx) => drive(pullSteps(tx, actor, cursor, limit)));
  }

  return { push, pushGroup, pull };
}

export type SyncService = ReturnType<typeof createSyncService>;
