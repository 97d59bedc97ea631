// Submitting a visit from where it stands. The workflow (src/shared/workflow.ts) has no returned →
// submitted: a returned visit goes back in progress, then is submitted, as the two steps the server
// checks, each its own outbox row in that order (write.ts never joins a status change to another row).
// The user presses one button for both.
import { changeVisitStatus } from '../../../db/visits.ts';
import type { LocalRecord, UserDb } from '../../../db/database.ts';
import { can, type PolicyUser, type UiContext } from '../../../shared/policy.ts';
import type { VisitStatus } from '../../../shared/workflow.ts';

/** Whether the user may submit the visit now: directly, or a returned one through in_progress. */
export function canSubmit(user: PolicyUser, ctx: UiContext & { visit: { status: VisitStatus; inspectorId: string } }): boolean {
  if (can(user, { moveTo: 'submitted' }, ctx)) return true;
  return ctx.visit.status === 'returned' && can(user, { moveTo: 'in_progress' }, ctx) && can(user, { moveTo: 'submitted' }, { ...ctx, visit: { ...ctx.visit, status: 'in_progress' } });
}

/**
 * Submits the visit; a returned one is first moved back in progress, in the same transaction, so a
 * refused submission leaves it returned, not half way. Resolves with the submitted visit.
 */
export async function submitVisit(db: UserDb, visitId: string, from: VisitStatus, user: PolicyUser): Promise<LocalRecord<'visit'>> {
  return db.transaction('rw', db.visit, db.outbox, async () => {
    if (from === 'returned') await changeVisitStatus(db, visitId, 'in_progress', user);
    return changeVisitStatus(db, visitId, 'submitted', user);
  });
}
