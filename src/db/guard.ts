// The device's side of the write policy (src/shared/policy.ts): a visit's records, contacts and follow-ups
// are checked against it before they are stored, so the device refuses at once what the server would
// refuse later, with the same code. The server checks every write again.
import { actorOf, authorize, type Actor, type PolicyCode, type PolicyUser, type VisitState, type WriteRequest } from '../shared/policy.ts';
import type { VisitStatus } from '../shared/workflow.ts';
import type { LocalRecord, UserDb } from './database.ts';

/** The user may not make this write; nothing was stored. `code` is what the server would answer. */
export class WriteRefusedError extends Error {
  override readonly name: string = 'WriteRefusedError';
  readonly code: PolicyCode;
  readonly path: string[] | undefined;
  constructor(code: PolicyCode, message: string, path?: string[]) {
    super(message);
    this.code = code;
    this.path = path;
  }
}

/** The visit cannot take this write in its status; the server would answer `VISIT_LOCKED` or `BAD_TRANSITION`. */
export class VisitLockedError extends WriteRefusedError {
  override readonly name = 'VisitLockedError';
  readonly status: VisitStatus | null;
  constructor(status: VisitStatus | null, what: string, code: PolicyCode = 'VISIT_LOCKED') {
    super(code, `A visit that is ${status ?? 'missing'} cannot ${what}`);
    this.status = status;
  }
}

/** The region of a municipality as this database holds it, for a new visit or contact; null when it has no such municipality. */
export async function regionOf(db: UserDb, municipalityId: string): Promise<string | null> {
  return (await db.municipality.get(municipalityId))?.regionId ?? null;
}

/** A write's visit, read in the caller's transaction; a missing visit is locked. */
export async function visitFor(db: UserDb, visitId: string, what: string): Promise<{ visit: LocalRecord<'visit'>; state: VisitState }> {
  const visit = await db.visit.get(visitId);
  if (!visit || visit.deleted) throw new VisitLockedError(null, what);
  return { visit, state: { status: visit.status, inspectorId: visit.inspectorId } };
}

/** Stands for the region of a record this device already holds (no region id is empty). */
const HELD = '';

/**
 * A write as the guard takes it: the policy's request without the actor. `regionId` is given for a new
 * visit or contact (its municipality's region). A record this device already holds, or one of its
 * visit's, leaves it out: it is in a region the user sees, as the pull brings no other and creates are
 * checked, so its region needs no lookup (and no read of the municipalities inside a caller's transaction).
 */
type GuardedWrite = Omit<WriteRequest, 'actor' | 'regionId'> & { regionId?: string | null };

/**
 * Throws the policy's refusal of the write, if it refuses. `user` is the signed-in user, as the pages have
 * it (`session.user`): every write is checked for their role and regions.
 */
export function checkWrite(user: PolicyUser, write: GuardedWrite, what: string): void {
  const regionId = write.regionId === undefined ? HELD : write.regionId;
  const actor: Actor = { ...actorOf(user), regionIds: regionId === HELD ? [...user.regionIds, HELD] : user.regionIds };
  const decision = authorize({ ...write, actor, regionId });
  if (decision.ok) return;
  if (decision.code === 'VISIT_LOCKED' || decision.code === 'BAD_TRANSITION') throw new VisitLockedError(write.visit?.status ?? null, what, decision.code);
  throw new WriteRefusedError(decision.code, decision.message, decision.path);
}
