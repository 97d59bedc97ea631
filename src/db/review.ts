// A coordinator's review of a submitted visit: a comment per checklist item, a note on the visit, and the
// decision (approve or return). Review fields are accepted by the server only while the visit is
// submitted, so every write of them is queued before the status change, which goes last in a row of its own.
// Each write is checked against the shared policy first (guard.ts); `user` is the signed-in user.
import type { PolicyUser } from '../shared/policy.ts';
import type { VisitStatus } from '../shared/workflow.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { answerId } from './answers.ts';
import { checkWrite, visitFor } from './guard.ts';
import { LocalValidationError, saveRecord } from './write.ts';

export type ReviewDecision = Extract<VisitStatus, 'approved' | 'returned'>;

/** What the coordinator has written on the page, by item id for the comments; empty text clears a field. */
type ReviewDraft = {
  reviewNote?: string;
  returnReason?: string;
  comments?: Readonly<Record<string, string>>;
};

function cleaned(text: string | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

type Place = Awaited<ReturnType<typeof visitFor>>;

/** Checks and writes one item's review comment inside the caller's transaction; an item with no answer yet gets one with no value. */
async function writeComment(db: UserDb, place: Place, itemId: string, text: string, user: PolicyUser): Promise<void> {
  const { visit, state } = place;
  const id = answerId(visit.id, itemId);
  const comment = cleaned(text);
  const existing = await db.answer.get(id);
  const live = existing && !existing.deleted;
  // A new answer holds nothing of the inspector's: its null value is "no value of mine" (the server takes it so).
  const fields = live ? ['reviewComment'] : ['visitId', 'itemId', 'reviewComment'];
  checkWrite(user, { entity: 'answer', op: live ? 'update' : 'create', visit: state, fields }, 'take review comments');
  if (live) {
    if ((existing.reviewComment ?? null) !== comment) await saveRecord(db, 'answer', id, { reviewComment: comment });
  } else if (comment !== null) {
    await saveRecord(db, 'answer', id, { visitId: visit.id, itemId, value: null, reviewComment: comment });
  }
}

/** Saves the coordinator's comment on one checklist item of a submitted visit. */
export async function saveReviewComment(db: UserDb, visitId: string, itemId: string, text: string, user: PolicyUser): Promise<void> {
  await db.transaction('rw', db.visit, db.answer, db.outbox, async () => {
    await writeComment(db, await visitFor(db, visitId, 'take review comments'), itemId, text, user);
  });
}

/** Saves the coordinator's note on a submitted visit. */
export async function saveReviewNote(db: UserDb, visitId: string, text: string, user: PolicyUser): Promise<void> {
  await db.transaction('rw', db.visit, db.outbox, async () => {
    const what = 'take a review note';
    const { visit, state } = await visitFor(db, visitId, what);
    checkWrite(user, { entity: 'visit', op: 'update', visit: state, fields: ['reviewNote'] }, what);
    const note = cleaned(text);
    if ((visit.reviewNote ?? null) !== note) await saveRecord(db, 'visit', visitId, { reviewNote: note });
  });
}

/**
 * Approves or returns a submitted visit with what the coordinator wrote, all in one transaction: the
 * item comments, then the note and the return reason, then the status change as the last outbox row.
 * A return needs a reason; without one nothing is written.
 */
export async function decideReview(
  db: UserDb,
  visitId: string,
  decision: ReviewDecision,
  draft: ReviewDraft,
  user: PolicyUser,
): Promise<LocalRecord<'visit'>> {
  const returnReason = cleaned(draft.returnReason);
  if (decision === 'returned' && returnReason === null) {
    throw new LocalValidationError([{ path: ['returnReason'], message: 'A returned visit needs a reason' }]);
  }
  return db.transaction('rw', db.visit, db.answer, db.outbox, async () => {
    const what = `become ${decision}`;
    const place = await visitFor(db, visitId, what);
    const { visit, state } = place;
    const fields: { reviewNote?: string | null; returnReason?: string | null } = {};
    if (draft.reviewNote !== undefined && cleaned(draft.reviewNote) !== (visit.reviewNote ?? null)) fields.reviewNote = cleaned(draft.reviewNote);
    if (decision === 'returned' && returnReason !== (visit.returnReason ?? null)) fields.returnReason = returnReason;
    const transition = { from: visit.status, to: decision };
    checkWrite(user, { entity: 'visit', op: 'update', visit: state, fields: [...Object.keys(fields), 'status'], transition }, what);
    for (const [itemId, text] of Object.entries(draft.comments ?? {})) await writeComment(db, place, itemId, text, user);
    if (Object.keys(fields).length > 0) await saveRecord(db, 'visit', visitId, fields);
    // saveRecord queues a visit's status change in a row of its own, after these.
    return saveRecord(db, 'visit', visitId, { status: decision });
  });
}
