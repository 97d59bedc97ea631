// A coordinator's review of a submitted visit: a comment per checklist item, a note on the visit, and the
// decision (approve or return). Review fields are accepted by the server only while the visit is
// submitted, so every write of them is queued before the status change, which goes last in a row of its own.
import { nextStatuses, reviewable, type VisitStatus } from '../shared/workflow.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { answerId } from './answers.ts';
import { VisitLockedError } from './visits.ts';
import { LocalValidationError, saveRecord } from './write.ts';

export type ReviewDecision = Extract<VisitStatus, 'approved' | 'returned'>;

/** What the coordinator has written on the page, by item id for the comments; empty text clears a field. */
export type ReviewDraft = {
  reviewNote?: string;
  returnReason?: string;
  comments?: Readonly<Record<string, string>>;
};

function cleaned(text: string | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

async function reviewableVisit(db: UserDb, visitId: string, what: string): Promise<LocalRecord<'visit'>> {
  const visit = await db.visit.get(visitId);
  if (!visit || visit.deleted || visit.status !== reviewable) throw new VisitLockedError(visit?.status ?? null, what);
  return visit;
}

/** Writes one item's review comment inside the caller's transaction; an item with no answer yet gets one with no value. */
async function writeComment(db: UserDb, visitId: string, itemId: string, text: string): Promise<void> {
  const id = answerId(visitId, itemId);
  const comment = cleaned(text);
  const existing = await db.answer.get(id);
  if (existing && !existing.deleted) {
    if ((existing.reviewComment ?? null) !== comment) await saveRecord(db, 'answer', id, { reviewComment: comment });
  } else if (comment !== null) {
    // The server accepts this create from a coordinator: a null value and nothing of the inspector's.
    await saveRecord(db, 'answer', id, { visitId, itemId, value: null, reviewComment: comment });
  }
}

/** Saves the coordinator's comment on one checklist item of a submitted visit. */
export async function saveReviewComment(db: UserDb, visitId: string, itemId: string, text: string): Promise<void> {
  await db.transaction('rw', db.visit, db.answer, db.outbox, async () => {
    await reviewableVisit(db, visitId, 'take review comments');
    await writeComment(db, visitId, itemId, text);
  });
}

/** Saves the coordinator's note on a submitted visit. */
export async function saveReviewNote(db: UserDb, visitId: string, text: string): Promise<void> {
  await db.transaction('rw', db.visit, db.outbox, async () => {
    const visit = await reviewableVisit(db, visitId, 'take a review note');
    const note = cleaned(text);
    if ((visit.reviewNote ?? null) !== note) await saveRecord(db, 'visit', visitId, { reviewNote: note });
  });
}

/**
 * Approves or returns a submitted visit with what the coordinator wrote, all in one transaction: the
 * item comments, then the note and the return reason, then the status change as the last outbox row.
 * A return needs a reason; without one nothing is written.
 */
export async function decideReview(db: UserDb, visitId: string, decision: ReviewDecision, draft: ReviewDraft = {}): Promise<LocalRecord<'visit'>> {
  const returnReason = cleaned(draft.returnReason);
  if (decision === 'returned' && returnReason === null) {
    throw new LocalValidationError([{ path: ['returnReason'], message: 'A returned visit needs a reason' }]);
  }
  return db.transaction('rw', db.visit, db.answer, db.outbox, async () => {
    const visit = await db.visit.get(visitId);
    if (!visit || visit.deleted || !nextStatuses(visit.status, 'coordinator').includes(decision)) {
      throw new VisitLockedError(visit?.status ?? null, `become ${decision}`);
    }
    for (const [itemId, text] of Object.entries(draft.comments ?? {})) await writeComment(db, visitId, itemId, text);
    const fields: { reviewNote?: string | null; returnReason?: string | null } = {};
    if (draft.reviewNote !== undefined && cleaned(draft.reviewNote) !== (visit.reviewNote ?? null)) fields.reviewNote = cleaned(draft.reviewNote);
    if (decision === 'returned' && returnReason !== (visit.returnReason ?? null)) fields.returnReason = returnReason;
    if (Object.keys(fields).length > 0) await saveRecord(db, 'visit', visitId, fields);
    // saveRecord queues a visit's status change in a row of its own, after these.
    return saveRecord(db, 'visit', visitId, { status: decision });
  });
}
