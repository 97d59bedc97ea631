// Each record's sync state, derived from the local tables only: what the user sees on cards and items.
import type { EntityName } from '../shared/entities.ts';
import type { UserDb } from './database.ts';

/**
 * `rejected`: the server turned a change down (a row in `rejections`); `queued`: the server has the
 * record and a change waits in the outbox; `local`: the record waits in the outbox and the server never
 * had it; `synced`: nothing waits.
 */
export const syncStates = ['synced', 'queued', 'local', 'rejected'] as const;
export type SyncState = (typeof syncStates)[number];

function deriveSyncState(record: { version?: number | undefined }, queued: boolean, rejected: boolean): SyncState {
  if (rejected) return 'rejected';
  if (queued) return record.version === undefined ? 'local' : 'queued';
  return 'synced';
}

/** The sync state of each given record of one entity, by id. */
export async function syncStatesOf(
  db: UserDb,
  entity: EntityName,
  records: readonly { id: string; version?: number | undefined }[],
): Promise<Map<string, SyncState>> {
  const ids = records.map((r) => r.id);
  const states = new Map<string, SyncState>();
  if (ids.length === 0) return states;
  const [queued, rejected] = await Promise.all([
    db.outbox.where('id').anyOf(ids).filter((r) => r.entity === entity).toArray(),
    db.rejections.where('id').anyOf(ids).filter((r) => r.entity === entity).toArray(),
  ]);
  const queuedIds = new Set(queued.map((r) => r.id));
  const rejectedIds = new Set(rejected.map((r) => r.id));
  for (const r of records) states.set(r.id, deriveSyncState(r, queuedIds.has(r.id), rejectedIds.has(r.id)));
  return states;
}
