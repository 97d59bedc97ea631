// The readiness assessments' rules beyond "who writes" (SYNC.md, "Readiness"): who scores, the blind
// rule, the consensus after the reveal, finalising with every consensus, and the finalised lock. Pure,
// like rules.ts: it reads through `Lookup` and answers what the store must do besides the write.
// (Restored: the commit that introduced the blind rule imported this file but did not add it.)

import { readinessDimensions } from '../../shared/readiness.ts';
import type { Fields, Lookup, Reject, StoredRecord } from './rules.ts';

/** What a readiness write asks of the store besides storing the record. */
export type ReadinessEffects = {
  /** The one user who may read the written record (a sheet not yet shown); null or absent: its region. */
  privateTo?: string | null;
  /** Interviews whose every sheet is now done: each sheet still private is shown under this push's version. */
  reveal?: string[];
};

export type ReadinessWrite = {
  entity: 'assessment' | 'interview' | 'readinessScore';
  op: 'create' | 'update' | 'delete';
  id: string;
  existing: StoredRecord | undefined;
  /** The record's fields after the write (a delete: as stored). */
  data: Fields;
  /** Fields the write changes. */
  changed: string[];
  regionId: string | null;
};

/** The live assessment a record names; INVALID when there is none. */
export function assessmentOf(lookup: Lookup, reject: Reject, assessmentId: unknown): StoredRecord {
  const a = typeof assessmentId === 'string' ? lookup.get('assessment', assessmentId) : undefined;
  if (!a || a.deleted) reject('INVALID', `No assessment ${String(assessmentId)}`, ['assessmentId']);
  return a;
}

const complete = (scores: unknown): boolean =>
  typeof scores === 'object' && scores !== null && readinessDimensions.every((d) => typeof (scores as Record<string, unknown>)[d] === 'number');

const scorersOf = (assessment: StoredRecord): string[] => (Array.isArray(assessment.data.scorerIds) ? (assessment.data.scorerIds as string[]) : []);

/** Every scorer of the assessment has a done sheet of the interview, as stored: the sheets are shown. */
function revealed(lookup: Lookup, assessment: StoredRecord, interviewId: string): boolean {
  return scorersOf(assessment).every((s) => {
    const sheet = lookup.get('readinessScore', `${interviewId}:${s}`);
    return !!sheet && !sheet.deleted && sheet.data.done === true;
  });
}

function requireDraft(assessment: StoredRecord, reject: Reject): void {
  if (assessment.data.status === 'finalised') reject('LOCKED', 'The assessment is finalised: it, its interviews and its scores no longer change');
}

export function decideReadiness(w: ReadinessWrite, userId: string, lookup: Lookup, reject: Reject): ReadinessEffects | undefined {
  if (w.entity === 'assessment') return decideAssessment(w, lookup, reject);
  if (w.entity === 'interview') return decideInterview(w, lookup, reject);
  return decideSheet(w, userId, lookup, reject);
}

function decideAssessment(w: ReadinessWrite, lookup: Lookup, reject: Reject): undefined {
  if (w.existing) requireDraft(w.existing, reject);
  if (w.op === 'delete') return undefined;
  if (w.changed.includes('scorerIds')) {
    const scorers = scorersOf({ ...(w.existing ?? { entity: 'assessment', id: w.id, version: 0, deleted: false, regionId: w.regionId, fieldMeta: {} }), data: w.data });
    if (new Set(scorers).size !== scorers.length) reject('INVALID', 'A scorer is named twice', ['scorerIds']);
    for (const s of scorers) {
      if (!lookup.isColleagueIn(s, w.regionId ?? '')) reject('INVALID', 'Each scorer is an active inspector or coordinator of the region', ['scorerIds']);
    }
  }
  if (w.data.status === 'finalised' && w.changed.includes('status')) {
    const interviews = lookup.interviewsOf(w.id);
    if (interviews.length === 0) reject('INCOMPLETE', 'An assessment is finalised with at least one interview', ['status'], { missing: [] });
    const missing = interviews.filter((i) => !complete(i.data.consensus)).map((i) => i.id);
    if (missing.length) reject('INCOMPLETE', `${missing.length} interview(s) without a consensus score for every dimension`, ['status'], { missing });
  }
  return undefined;
}

function decideInterview(w: ReadinessWrite, lookup: Lookup, reject: Reject): undefined {
  const assessment = assessmentOf(lookup, reject, w.data.assessmentId);
  requireDraft(assessment, reject);
  if (w.op === 'delete') return undefined;
  const consensusSet = w.changed.includes('consensus') && w.data.consensus != null;
  if (consensusSet && (w.op === 'create' || !revealed(lookup, assessment, w.id))) {
    reject('INVALID', 'The consensus is agreed once every scorer’s own scores of the interview are in', ['consensus']);
  }
  return undefined;
}

function decideSheet(w: ReadinessWrite, userId: string, lookup: Lookup, reject: Reject): ReadinessEffects {
  const interviewId = String(w.data.interviewId);
  const scorerId = String(w.data.scorerId);
  if (w.id !== `${interviewId}:${scorerId}`) reject('INVALID', 'A score sheet’s id is `${interviewId}:${scorerId}`', ['id']);
  const assessment = assessmentOf(lookup, reject, w.data.assessmentId);
  if (scorerId !== userId || !scorersOf(assessment).includes(userId)) reject('FORBIDDEN', 'A score sheet is written by its own scorer, one of the assessment’s scorers');
  const interview = lookup.get('interview', interviewId);
  if (!interview || interview.deleted || interview.data.assessmentId !== assessment.id) reject('INVALID', 'The interview is not one of the assessment’s', ['interviewId']);
  requireDraft(assessment, reject);
  if (revealed(lookup, assessment, interviewId)) reject('LOCKED', 'Every scorer’s scores of the interview are shown: agree the consensus instead');
  if (w.op === 'delete') return { privateTo: scorerId };
  if (w.data.done === true && !complete(w.data.scores)) reject('INVALID', 'A score sheet is done only with all six scores', ['done']);
  // This write may complete the set: every other scorer's sheet done, and this one done now.
  const completes =
    w.data.done === true &&
    scorersOf(assessment).every((s) => {
      if (s === scorerId) return true;
      const sheet = lookup.get('readinessScore', `${interviewId}:${s}`);
      return !!sheet && !sheet.deleted && sheet.data.done === true;
    });
  return completes ? { privateTo: scorerId, reveal: [interviewId] } : { privateTo: scorerId };
}

