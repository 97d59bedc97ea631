// The rules of a community readiness assessment beyond who writes at all (SYNC.md, "Readiness"): who
// scores, the blind rule (a scorer's sheet is theirs alone until every scorer's sheet of the interview is
// done), the consensus only after that, finalising only with every consensus complete, and the lock of a
// finalised assessment. Pure, like rules.ts, which calls it once the record's region and rights are told.
import { readinessDimensions } from '../../shared/vocabulary.ts';
import type { Fields, Lookup, Reject, StoredRecord } from './rules.ts';

/** What a readiness record's write also does to the store: keep a sheet private, or show an interview's sheets to all. */
export type ReadinessEffects = {
  /** The user the written sheet is visible to alone; null: everyone of the region. */
  privateTo?: string | null;
  /** Interviews whose sheets are now all done: every sheet of each is shown to the region. */
  reveal?: string[];
};

type Op = 'create' | 'update' | 'delete';

export function sheetId(interviewId: string, scorerId: string): string {
  return `${interviewId}:${scorerId}`;
}

/** The live assessment a record names (refused as the rules refuse a missing visit). */
export function assessmentOf(lookup: Lookup, reject: Reject, assessmentId: unknown): StoredRecord {
  const a = typeof assessmentId === 'string' ? lookup.get('assessment', assessmentId) : undefined;
  if (!a) reject('INVALID', `No assessment ${String(assessmentId)}`, ['assessmentId']);
  if (a.deleted) reject('DELETED', 'The assessment was deleted');
  return a;
}

function scorers(assessment: StoredRecord): string[] {
  return Array.isArray(assessment.data.scorerIds) ? (assessment.data.scorerIds as string[]) : [];
}

function complete(scores: unknown): boolean {
  const s = (scores ?? {}) as Record<string, unknown>;
  return readinessDimensions.every((d) => typeof s[d] === 'number');
}

/**
 * Whether every scorer of the assessment has a done sheet for the interview; `written` is a sheet as
 * this push leaves it, in place of the stored one.
 */
function revealed(lookup: Lookup, assessment: StoredRecord, interviewId: string, written?: { scorerId: string; done: boolean }): boolean {
  return scorers(assessment).every((s) => {
    if (written?.scorerId === s) return written.done;
    const sheet = lookup.get('readinessScore', sheetId(interviewId, s));
    return !!sheet && !sheet.deleted && sheet.data.done === true;
  });
}

function requireDraft(reject: Reject, assessment: StoredRecord): void {
  if (assessment.data.status === 'finalised') reject('LOCKED', 'The assessment is finalised: it and its interviews and scores no longer change', ['status']);
}

function requireColleagues(lookup: Lookup, reject: Reject, ids: readonly string[], regionId: string | null): void {
  ids.forEach((id, i) => {
    if (!lookup.isColleagueIn(id, regionId ?? '')) reject('INVALID', 'A scorer is an inspector or coordinator of the municipality’s region', ['scorerIds', i]);
  });
}

/**
 * The assessment's own rules. `existing`: the stored assessment (none on create); `data`: the record after
 * the write. Returns the interviews to reveal when the scorers changed.
 */
function decideAssessment(op: Op, existing: StoredRecord | undefined, data: Fields, changed: readonly string[], regionId: string | null, lookup: Lookup, reject: Reject): ReadinessEffects {
  if (existing) requireDraft(reject, existing);
  if (op === 'delete') return {};
  if (!existing && data.status !== 'draft') reject('INVALID', 'An assessment begins as a draft', ['status']);
  if (changed.includes('scorerIds')) requireColleagues(lookup, reject, data.scorerIds as string[], regionId);
  const interviews = existing ? lookup.interviewsOf(existing.id) : [];
  if (changed.includes('status') && data.status === 'finalised') {
    if (interviews.length === 0) reject('INCOMPLETE', 'An assessment is finalised with at least one interview', ['status'], { missing: [] });
    const missing = interviews.filter((i) => !complete(i.data.consensus)).map((i) => i.id);
    if (missing.length) reject('INCOMPLETE', `${missing.length} interview(s) without a consensus score for every dimension`, ['status'], { missing });
  }
  // Fewer scorers may leave an interview with every remaining scorer's sheet done.
  if (!existing || !changed.includes('scorerIds')) return {};
  const after: StoredRecord = { ...existing, data };
  return { reveal: interviews.filter((i) => !revealed(lookup, existing, i.id) && revealed(lookup, after, i.id)).map((i) => i.id) };
}

function decideInterview(op: Op, data: Fields, changed: readonly string[], assessment: StoredRecord, interviewId: string, lookup: Lookup, reject: Reject): ReadinessEffects {
  requireDraft(reject, assessment);
  if (op !== 'delete' && changed.includes('consensus') && data.consensus != null && !revealed(lookup, assessment, interviewId)) {
    reject('INVALID', 'The consensus is agreed once every scorer’s own scores of the interview are in', ['consensus']);
  }
  return {};
}

function decideSheet(op: Op, id: string, data: Fields, assessment: StoredRecord, actorId: string, lookup: Lookup, reject: Reject): ReadinessEffects {
  const interviewId = String(data.interviewId);
  const scorerId = String(data.scorerId);
  if (scorerId !== actorId) reject('FORBIDDEN', 'A scorer’s sheet is written by that scorer alone', ['scorerId']);
  if (!scorers(assessment).includes(actorId)) reject('FORBIDDEN', 'You are not one of the assessment’s scorers', ['scorerId']);
  if (op === 'create') {
    if (id !== sheetId(interviewId, scorerId)) reject('INVALID', 'A score sheet’s id is `${interviewId}:${scorerId}`', ['id']);
    const interview = lookup.get('interview', interviewId);
    if (!interview || interview.deleted || interview.data.assessmentId !== assessment.id) reject('INVALID', `No interview ${interviewId} in the assessment`, ['interviewId']);
  }
  requireDraft(reject, assessment);
  if (revealed(lookup, assessment, interviewId)) reject('LOCKED', 'Every scorer’s sheet of the interview is in and shown: agree the consensus instead', ['scores']);
  if (op === 'delete') return { privateTo: scorerId };
  if (data.done === true && !complete(data.scores)) reject('INVALID', 'A sheet is done with a score for each of the six dimensions', ['scores']);
  const nowRevealed = revealed(lookup, assessment, interviewId, { scorerId, done: data.done === true });
  return nowRevealed ? { privateTo: null, reveal: [interviewId] } : { privateTo: scorerId };
}

/**
 * The readiness rules for a write the general rules have let through. `existing`: the stored record (none
 * on create); `data`: the record as the write leaves it (the stored one on delete).
 */
export function decideReadiness(
  write: { entity: 'assessment' | 'interview' | 'readinessScore'; op: Op; id: string; existing: StoredRecord | undefined; data: Fields; changed: readonly string[]; regionId: string | null },
  actorId: string,
  lookup: Lookup,
  reject: Reject,
): ReadinessEffects {
  const { entity, op, id, existing, data, changed, regionId } = write;
  if (entity === 'assessment') return decideAssessment(op, existing, data, changed, regionId, lookup, reject);
  const assessment = assessmentOf(lookup, reject, data.assessmentId);
  if (entity === 'interview') return decideInterview(op, data, changed, assessment, id, lookup, reject);
  return decideSheet(op, id, data, assessment, actorId, lookup, reject);
}
