// Changes the server turned down: the user fixes the record and resends the change, or discards it and
// takes the server's version back. Each is one transaction, so a change is never in both tables or in neither.
import { filesOf } from './blobs.ts';
import { entityNames } from '../shared/entities.ts';
import { isSent, lastSentSeq, recordTable, type AnyLocalRecord, type OutboxRow, type RejectionRow, type UserDb } from './database.ts';
import { keepLocalFields } from './local-edits.ts';

const stamps = new Set(['id', 'version', 'deleted', 'updatedAt', 'updatedBy']);

function fieldsOf(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !stamps.has(k)));
}

/** The lowest base version, null ("never seen") lowest of all, so a resend never hides a conflict. */
function lowestBase(versions: (number | null)[]): number | null {
  if (versions.some((v) => v === null)) return null;
  return Math.min(...(versions as number[]));
}

function earliest(times: string[]): string {
  return times.reduce((a, b) => (b < a ? b : a));
}

function allTables(db: UserDb) {
  return [db.rejections, db.outbox, db.blobs, ...entityNames.map((e) => db[e])];
}

/**
 * The record's outbox rows that have not left in a push. A sent row stays as it is until its answer
 * comes (see OutboxRow.inFlight): only the last row of a batch carries the flag, so "sent" is
 * `isSent`, not the flag.
 */
async function unsentEditsOf(db: UserDb, rejection: RejectionRow): Promise<OutboxRow[]> {
  const lastSent = await lastSentSeq(db);
  return db.outbox
    .where('id')
    .equals(rejection.id)
    .filter((r) => r.entity === rejection.entity && !isSent(r, lastSent))
    .toArray();
}

/** `queued`: back in the outbox; `gone`: the record was deleted on this device since, so nothing was left to send. */
type ResendResult = 'queued' | 'gone';

/**
 * Moves a rejected change back into the outbox as a new row (a fresh seq), with the record's current
 * local values of the fields it carried: the user's fix. Unsent edits of the same record that wait in the
 * outbox join it, so a fixed create goes out whole, not as a partial create before the full one.
 */
export async function resendRejection(db: UserDb, seq: number): Promise<ResendResult> {
  return db.transaction('rw', allTables(db), async () => {
    const rejection = await db.rejections.get(seq);
    if (!rejection) throw new Error(`No rejected change ${seq}`);
    const table = recordTable(db, rejection.entity);
    const local = await table.get(rejection.id);
    const open = await unsentEditsOf(db, rejection);
    await db.rejections.delete(seq);
    await db.outbox.bulkDelete(open.map((r) => r.seq!));
    const queuedAt = earliest([rejection.queuedAt, ...open.map((r) => r.queuedAt)]);
    const baseVersion = lowestBase([rejection.baseVersion, ...open.map((r) => r.baseVersion)]);

    if (rejection.op === 'delete' || open.some((r) => r.op === 'delete')) {
      // A create turned down and then deleted here: the server never had it, so there is nothing to delete.
      if (rejection.op === 'upsert' && rejection.baseVersion === null && !local) return 'gone';
      if (local) await table.delete(rejection.id);
      await db.outbox.add({ entity: rejection.entity, id: rejection.id, op: 'delete', baseVersion: local?.version ?? baseVersion, queuedAt });
      return 'queued';
    }
    if (!local) return 'gone';
    let fields: Record<string, unknown>;
    if (local.version === undefined) {
      // The server never had the record: a create must carry every field it sets.
      fields = fieldsOf(local);
    } else {
      const names = new Set([...Object.keys(rejection.fields), ...open.flatMap((r) => (r.op === 'upsert' ? Object.keys(r.fields) : []))]);
      fields = Object.fromEntries([...names].filter((f) => local[f] !== undefined).map((f) => [f, local[f]]));
    }
    const row: OutboxRow = {
      entity: rejection.entity,
      id: rejection.id,
      op: 'upsert',
      baseVersion: local.version === undefined ? null : baseVersion,
      fields,
      queuedAt,
    };
    await db.outbox.add(row);
    // An attachment sent again tries its files again too, one the server refused included (its limit may
    // have been raised since): the push uploads them first.
    const files = (await db.blobs.bulkGet(filesOf(row))).filter((f) => f !== undefined && f.state === 'refused');
    await db.blobs.bulkPut(files.map((f) => ({ ...f!, state: 'upload' as const })));
    return 'queued';
  });
}

/** What discarding leaves on this device: the server's version, or no record when the server has none. */
type DiscardResult = 'restored' | 'removed';

/**
 * Drops a rejected change and puts the server's version of the record back on this device: the
 * rejection's `serverRecord`, or, when the server has none, removes the local record and the unsent
 * edits of it (they could only be rejected again). A newer version already pulled is kept, and fields
 * with other unsent edits keep their local values.
 */
export async function discardRejection(db: UserDb, seq: number): Promise<DiscardResult> {
  return db.transaction('rw', allTables(db), async () => {
    const rejection = await db.rejections.get(seq);
    if (!rejection) throw new Error(`No rejected change ${seq}`);
    const table = recordTable(db, rejection.entity);
    const local = await table.get(rejection.id);
    const server = rejection.serverRecord;
    await db.rejections.delete(seq);

    const serverHasNone = server === null || server?.['deleted'] === true || (server === undefined && local?.version === undefined);
    if (serverHasNone) {
      await table.delete(rejection.id);
      const open = await unsentEditsOf(db, rejection);
      await db.outbox.bulkDelete(open.map((r) => r.seq!));
      return 'removed';
    }
    if (!server) return 'restored'; // an old row without the server's record: the local copy is the server's as last pulled
    const serverVersion = typeof server['version'] === 'number' ? server['version'] : -1;
    if (local?.version !== undefined && local.version > serverVersion) return 'restored';
    const pending = await db.outbox
      .where('id')
      .equals(rejection.id)
      .filter((r) => r.entity === rejection.entity)
      .toArray();
    const edited = pending.flatMap((row) => (row.op === 'upsert' ? Object.keys(row.fields) : []));
    await table.put(keepLocalFields({ ...(server as AnyLocalRecord), id: rejection.id }, local, edited));
    return 'restored';
  });
}
