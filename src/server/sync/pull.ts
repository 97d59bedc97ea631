// A pull as SYNC.md fixes it: the changes after the cursor that the user may see, ordered by
// (version, entity, id); RESET for a cursor that cannot be continued here. Store-independent: it reads
// through the port (sync-port.ts) and decides everything itself.
import { createHash } from 'node:crypto';
import type { Change, PullResponse } from '../../shared/protocol.ts';
import type { SyncUser } from '../store/store.ts';
import { wait, type Step } from './steps.ts';
import { resetError } from './sync-error.ts';
import type { PulledRecord, PullTx } from './sync-port.ts';

/** A position in the pull order and what it is valid for: `s` the scope, `d` the database's id (missing in cursors made before it had one). */
type Cursor = { v: number; e: string; i: string; s: string; d?: string };

/** A cursor is only valid for the regions it was made for. */
function scopeKey(actor: SyncUser): string {
  const scope = actor.role === 'admin' ? '*' : [...actor.regionIds].sort().join(',');
  return createHash('sha256').update(scope).digest('base64url').slice(0, 12);
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string): Cursor | undefined {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof c.v === 'number' && typeof c.e === 'string' && typeof c.i === 'string' && typeof c.s === 'string' && (c.d === undefined || typeof c.d === 'string')) {
      return c as Cursor;
    }
  } catch {
    // fall through: an unreadable cursor is a reset
  }
  return undefined;
}

/** A record on the wire: its fields with the server's stamps. */
export function wireRecord(r: PulledRecord): Record<string, unknown> {
  // A stamp never written (an empty string as read) goes out as null, as the stored NULL always did.
  return { ...r.data, id: r.id, version: r.version, deleted: r.deleted, updatedAt: r.updatedAt || null, updatedBy: r.updatedBy || null };
}

/**
 * Whether the database was restored from a backup since the cursor was made. A restore gives it a
 * new id; a cursor made before its id existed (or a copy put back by hand) is caught when the record
 * it stopped at is older here than when it was pulled, which only a rollback can do.
 */
function* rolledBack(tx: PullTx, cursor: Cursor, databaseId: string): Step<boolean> {
  if (cursor.d !== undefined && cursor.d !== databaseId) return true;
  if (cursor.e === '') return false;
  const version = yield* wait(tx.recordVersion(cursor.e, cursor.i));
  return version === undefined || version < cursor.v;
}

/** The cursor to go on from: the beginning without one; RESET for one of another scope, from the future, below the floor or from before a restore. */
function* startOf(tx: PullTx, actor: SyncUser, cursorText: string | undefined): Step<{ cursor: Cursor; version: number }> {
  const scope = scopeKey(actor);
  const meta = yield* wait(tx.pullMeta());
  if (!cursorText) return { cursor: { v: 0, e: '', i: '', s: scope, d: meta.databaseId }, version: meta.version };
  const parsed = decodeCursor(cursorText);
  if (!parsed || parsed.s !== scope || parsed.v > meta.version || parsed.v < meta.tombstoneFloor) throw resetError();
  if (yield* rolledBack(tx, parsed, meta.databaseId)) throw resetError();
  return { cursor: { ...parsed, d: meta.databaseId }, version: meta.version };
}

/** Pulls the changes after the cursor that the user may see, oldest first; at most `limit`. */
export function* pullSteps(tx: PullTx, actor: SyncUser, cursorText: string | undefined, limit: number): Step<PullResponse> {
  const { cursor, version } = yield* startOf(tx, actor, cursorText);
  const scope = { regionIds: actor.role === 'admin' ? ('all' as const) : actor.regionIds, userId: actor.userId };
  // One more than asked: whether there is more is known without a second query.
  const rows = yield* wait(tx.pullPage({ version: cursor.v, entity: cursor.e, id: cursor.i }, scope, limit + 1, version));
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const changes: Change[] = page.map((r) =>
    r.deleted ? { entity: r.entity, id: r.id, version: r.version, deleted: true } : { entity: r.entity, id: r.id, version: r.version, deleted: false, record: wireRecord(r) },
  );
  const last = page.at(-1);
  const next: Cursor = last ? { ...cursor, v: last.version, e: last.entity, i: last.id } : cursor;
  return { changes, cursor: encodeCursor(next), hasMore };
}
