// A municipality's community readiness assessments on the device (SYNC.md, "Readiness"): the assessment,
// its key-informant interviews and each scorer's own score sheet per interview (id `${interviewId}:${scorerId}`).
// Every write is checked against the shared policy (guard.ts) and against the readiness rules the server
// keeps (src/server/sync/readiness-rules.ts), mirrored here so that nothing is refused later: a draft
// changes, a finalised assessment does not; a sheet is its scorer's alone, done only with six scores, and
// locked once every scorer's done sheet of the interview is on the device (revealed); the consensus is
// set only after the reveal; finalising needs an interview and a complete consensus for each. Each write
// goes with its outbox row in one transaction (write.ts); an edit sends only what changed.
import type { Colleague } from '../shared/auth.ts';
import type { RejectionCode } from '../shared/errors.ts';
import { actorOf, authorize, type PolicyUser } from '../shared/policy.ts';
import { readinessDimensions, scoreReadiness, type InterviewScores, type ReadinessDimension, type ReadinessResult } from '../shared/readiness.ts';
import type { AssessmentFields, InterviewFields } from '../shared/records.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { loadDirectory } from './directory.ts';
import { checkWrite, regionOf } from './guard.ts';
import { uuidv7 } from './uuidv7.ts';
import { deleteRecord, saveRecord } from './write.ts';

type Assessment = LocalRecord<'assessment'>;
type Interview = LocalRecord<'interview'>;
type Sheet = LocalRecord<'readinessScore'>;
/** Scores per dimension, each 1–9 or not (yet) given. */
export type DimensionScores = Partial<Record<ReadinessDimension, number | null>>;

/** The readiness rules refuse the write; nothing was stored. `code` is what the server would answer. */
export class ReadinessRuleError extends Error {
  override readonly name = 'ReadinessRuleError';
  readonly code: Extract<RejectionCode, 'LOCKED' | 'INVALID' | 'FORBIDDEN' | 'INCOMPLETE'>;
  constructor(code: ReadinessRuleError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

/** A sheet's id: one sheet per interview and scorer. */
export function sheetId(interviewId: string, scorerId: string): string {
  return `${interviewId}:${scorerId}`;
}

/** Whether the user may start and edit the assessments of a municipality of this region (an inspector or coordinator of it). */
export function canEditAssessments(user: PolicyUser, regionId: string | null | undefined): boolean {
  return authorize({ actor: actorOf(user), regionId: regionId ?? null, entity: 'assessment', op: 'create', fields: ['municipalityId', 'area', 'issue', 'scorerIds', 'status'] }).ok;
}

/** The colleagues who may score an assessment of the region: its inspectors and coordinators, by name. */
export function scorerCandidates(directory: ReadonlyMap<string, Colleague>, regionId: string, user: PolicyUser & { name?: string }): Colleague[] {
  const found = [...directory.values()].filter((c) => (c.role === 'inspector' || c.role === 'coordinator') && c.regionIds.includes(regionId));
  if (!found.some((c) => c.id === user.id) && (user.role === 'inspector' || user.role === 'coordinator') && user.regionIds.includes(regionId)) {
    found.push({ id: user.id, name: user.name ?? user.id, role: user.role, regionIds: [...user.regionIds] });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

const complete = (scores: DimensionScores | null | undefined): scores is InterviewScores => readinessDimensions.every((d) => typeof scores?.[d] === 'number');

function isRevealed(assessment: Pick<Assessment, 'scorerIds'>, interviewId: string, sheets: readonly Sheet[]): boolean {
  return assessment.scorerIds.every((s) => sheets.some((x) => x.id === sheetId(interviewId, s) && !x.deleted && x.done));
}

async function liveAssessment(db: UserDb, id: string): Promise<Assessment> {
  const a = await db.assessment.get(id);
  if (!a || a.deleted) throw new ReadinessRuleError('INVALID', 'The assessment is not on this device (deleted?)');
  return a;
}

function requireDraft(a: Assessment): void {
  if (a.status === 'finalised') throw new ReadinessRuleError('LOCKED', 'The assessment is finalised: it and its interviews and scores no longer change');
}

async function liveInterview(db: UserDb, id: string): Promise<{ interview: Interview; assessment: Assessment }> {
  const interview = await db.interview.get(id);
  if (!interview || interview.deleted) throw new ReadinessRuleError('INVALID', 'The interview is not on this device (deleted?)');
  return { interview, assessment: await liveAssessment(db, interview.assessmentId) };
}

const sheetsOf = async (db: UserDb, assessmentId: string) => (await db.readinessScore.where('assessmentId').equals(assessmentId).toArray()).filter((s) => !s.deleted);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const changedOf = <T extends object>(fields: T, existing: object): Partial<T> =>
  Object.fromEntries(Object.entries(fields).filter(([k, v]) => !same(v, (existing as Record<string, unknown>)[k]))) as Partial<T>;
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** What the assessment form holds. */
export type AssessmentInput = Pick<AssessmentFields, 'area' | 'scorerIds'> & { issue: string; notes: string };

/** Each scorer an inspector or coordinator of the region, as the directory (and the session) knows them. */
function checkScorers(scorerIds: readonly string[], regionId: string | null, directory: ReadonlyMap<string, Colleague>, user: PolicyUser): void {
  if (scorerIds.length < 2) throw new ReadinessRuleError('INVALID', 'Choose at least two scorers');
  if (new Set(scorerIds).size !== scorerIds.length) throw new ReadinessRuleError('INVALID', 'A scorer is chosen twice');
  for (const id of scorerIds) {
    const c = id === user.id ? { role: user.role, regionIds: user.regionIds } : directory.get(id);
    if (!c || (c.role !== 'inspector' && c.role !== 'coordinator') || !regionId || !c.regionIds.includes(regionId)) {
      throw new ReadinessRuleError('INVALID', `A scorer (${directory.get(id)?.name ?? id}) is not an inspector or coordinator of the municipality’s region`);
    }
  }
}

/** Starts an assessment (no id, or one not on the device) as a draft, or edits a draft; an edit sends only what changed. */
export async function saveAssessment(db: UserDb, municipalityId: string, input: AssessmentInput, id: string | undefined, user: PolicyUser): Promise<Assessment> {
  const directory = await loadDirectory(db);
  const fields = { area: input.area, issue: input.issue.trim(), scorerIds: [...input.scorerIds], notes: orNull(input.notes) };
  return db.transaction('rw', [db.municipality, db.assessment, db.outbox], async () => {
    const existing = id ? await db.assessment.get(id) : undefined;
    if (!existing || existing.deleted) {
      const regionId = await regionOf(db, municipalityId);
      const created = { municipalityId, ...fields, status: 'draft' as const };
      checkWrite(user, { entity: 'assessment', op: 'create', fields: Object.keys(created), regionId }, 'start an assessment');
      checkScorers(fields.scorerIds, regionId, directory, user);
      return saveRecord(db, 'assessment', id ?? uuidv7(), created);
    }
    requireDraft(existing);
    // The area is fixed once the assessment exists (entities.ts).
    const { area: _area, ...editable } = fields;
    const changed = changedOf(editable, existing);
    if (Object.keys(changed).length === 0) return existing;
    checkWrite(user, { entity: 'assessment', op: 'update', fields: Object.keys(changed) }, 'change an assessment');
    if (changed.scorerIds) checkScorers(changed.scorerIds, await regionOf(db, existing.municipalityId), directory, user);
    return saveRecord(db, 'assessment', existing.id, changed);
  });
}

/** Deletes a draft; its interviews and sheets go from the device with it (the server deletes them with it, so none is sent). */
export async function deleteAssessment(db: UserDb, id: string, user: PolicyUser): Promise<void> {
  await db.transaction('rw', [db.assessment, db.interview, db.readinessScore, db.outbox], async () => {
    const existing = await db.assessment.get(id);
    if (!existing || existing.deleted) return;
    requireDraft(existing);
    checkWrite(user, { entity: 'assessment', op: 'delete' }, 'delete an assessment');
    const interviews = await db.interview.where('assessmentId').equals(id).primaryKeys();
    const sheets = await db.readinessScore.where('assessmentId').equals(id).primaryKeys();
    // Their unsent changes would reach a deleted assessment and be refused: they go too.
    const children = new Set<string>([...interviews, ...sheets]);
    const unsent = await db.outbox.filter((r) => (r.entity === 'interview' || r.entity === 'readinessScore') && children.has(r.id) && !r.inFlight).primaryKeys();
    await Promise.all([db.interview.bulkDelete(interviews), db.readinessScore.bulkDelete(sheets), db.outbox.bulkDelete(unsent)]);
    await deleteRecord(db, 'assessment', id);
  });
}

/** What the interview form holds: texts as typed ('' for none). */
export type InterviewInput = Pick<InterviewFields, 'sector'> & { role: string; date: string; notes: string };

/** Adds an interview to a draft (no id) or edits one; an edit sends only what changed. */
export async function saveInterview(db: UserDb, assessmentId: string, input: InterviewInput, id: string | undefined, user: PolicyUser): Promise<Interview> {
  const fields = { role: input.role.trim(), sector: input.sector, date: input.date, notes: orNull(input.notes) };
  return db.transaction('rw', [db.assessment, db.interview, db.outbox], async () => {
    requireDraft(await liveAssessment(db, assessmentId));
    const existing = id ? await db.interview.get(id) : undefined;
    if (!existing || existing.deleted) {
      const created = { assessmentId, ...fields, consensus: null };
      checkWrite(user, { entity: 'interview', op: 'create', fields: Object.keys(created) }, 'add an interview');
      return saveRecord(db, 'interview', id ?? uuidv7(), created);
    }
    const changed = changedOf(fields, existing);
    if (Object.keys(changed).length === 0) return existing;
    checkWrite(user, { entity: 'interview', op: 'update', fields: Object.keys(changed) }, 'change an interview');
    return saveRecord(db, 'interview', existing.id, changed);
  });
}

/** Deletes a draft's interview; my sheet of it goes too when it never left the device. */
export async function deleteInterview(db: UserDb, id: string, user: PolicyUser): Promise<void> {
  await db.transaction('rw', [db.assessment, db.interview, db.readinessScore, db.outbox], async () => {
    const interview = await db.interview.get(id);
    if (!interview || interview.deleted) return;
    requireDraft(await liveAssessment(db, interview.assessmentId));
    checkWrite(user, { entity: 'interview', op: 'delete' }, 'delete an interview');
    const mine = await db.readinessScore.get(sheetId(id, user.id));
    if (mine && mine.version === undefined) await deleteRecord(db, 'readinessScore', mine.id);
    await deleteRecord(db, 'interview', id);
  });
}

/** Reads what a write to my sheet needs and refuses what the server would. */
async function mySheetFor(db: UserDb, interviewId: string, user: PolicyUser, what: string): Promise<{ interview: Interview; sheet: Sheet | undefined }> {
  const { interview, assessment } = await liveInterview(db, interviewId);
  requireDraft(assessment);
  if (!assessment.scorerIds.includes(user.id)) throw new ReadinessRuleError('FORBIDDEN', 'You are not one of the assessment’s scorers');
  if (isRevealed(assessment, interviewId, await sheetsOf(db, assessment.id))) {
    throw new ReadinessRuleError('LOCKED', 'Every scorer’s scores of the interview are in and shown: agree the consensus instead');
  }
  const sheet = await db.readinessScore.get(sheetId(interviewId, user.id));
  checkWrite(user, { entity: 'readinessScore', op: sheet ? 'update' : 'create', fields: ['scores', 'done'] }, what);
  return { interview, sheet: sheet && !sheet.deleted ? sheet : undefined };
}

const sheetTables = (db: UserDb) => [db.assessment, db.interview, db.readinessScore, db.outbox];

/** Sets (or, with null, clears) one of my scores of an interview, as it is tapped. Not while my sheet is marked done. */
export async function saveMyScore(db: UserDb, interviewId: string, dimension: ReadinessDimension, score: number | null, user: PolicyUser): Promise<Sheet> {
  return db.transaction('rw', sheetTables(db), async () => {
    const { interview, sheet } = await mySheetFor(db, interviewId, user, 'score an interview');
    if (sheet?.done) throw new ReadinessRuleError('INVALID', 'Your scores are marked done: change that first');
    const scores = { ...(sheet?.scores ?? {}), [dimension]: score };
    if (sheet) return saveRecord(db, 'readinessScore', sheet.id, { scores });
    return saveRecord(db, 'readinessScore', sheetId(interviewId, user.id), { assessmentId: interview.assessmentId, interviewId, scorerId: user.id, scores, done: false });
  });
}

/** Marks my sheet done (only with all six scores) or not done (before the reveal, to change a score). */
export async function setMyScoresDone(db: UserDb, interviewId: string, done: boolean, user: PolicyUser): Promise<Sheet> {
  return db.transaction('rw', sheetTables(db), async () => {
    const { sheet } = await mySheetFor(db, interviewId, user, done ? 'mark scores done' : 'change scores');
    if (done && !complete(sheet?.scores)) throw new ReadinessRuleError('INVALID', 'Give a score for each of the six dimensions first');
    if (!sheet) throw new ReadinessRuleError('INVALID', 'You have no scores of this interview yet');
    return sheet.done === done ? sheet : saveRecord(db, 'readinessScore', sheet.id, { done });
  });
}

/** Sets (or clears) the interview's consensus score of a dimension, once every scorer's sheet is revealed. */
export async function setConsensus(db: UserDb, interviewId: string, dimension: ReadinessDimension, score: number | null, user: PolicyUser): Promise<Interview> {
  return db.transaction('rw', sheetTables(db), async () => {
    const { interview, assessment } = await liveInterview(db, interviewId);
    requireDraft(assessment);
    if (!isRevealed(assessment, interviewId, await sheetsOf(db, assessment.id))) {
      throw new ReadinessRuleError('INVALID', 'The consensus is agreed once every scorer’s own scores of the interview are in');
    }
    checkWrite(user, { entity: 'interview', op: 'update', fields: ['consensus'] }, 'set the consensus');
    const consensus = Object.fromEntries(readinessDimensions.map((d) => [d, d === dimension ? score : (interview.consensus?.[d] ?? null)]));
    return saveRecord(db, 'interview', interviewId, { consensus });
  });
}

/** Why an assessment cannot be finalised yet, or null when it can. */
export type FinaliseBlock = { reason: 'noInterviews' } | { reason: 'consensusMissing'; count: number };

function finaliseBlock(interviews: readonly Pick<Interview, 'consensus'>[]): FinaliseBlock | null {
  if (interviews.length === 0) return { reason: 'noInterviews' };
  const count = interviews.filter((i) => !complete(i.consensus)).length;
  return count > 0 ? { reason: 'consensusMissing', count } : null;
}

/** Finalises a draft: with at least one interview and a complete consensus for each. The server stamps when and by whom. */
export async function finaliseAssessment(db: UserDb, id: string, user: PolicyUser): Promise<Assessment> {
  return db.transaction('rw', [db.assessment, db.interview, db.outbox], async () => {
    const assessment = await liveAssessment(db, id);
    requireDraft(assessment);
    const interviews = (await db.interview.where('assessmentId').equals(id).toArray()).filter((i) => !i.deleted);
    const block = finaliseBlock(interviews);
    if (block?.reason === 'noInterviews') throw new ReadinessRuleError('INCOMPLETE', 'An assessment is finalised with at least one interview');
    if (block) throw new ReadinessRuleError('INCOMPLETE', `${block.count} interview(s) without a consensus score for every dimension`);
    checkWrite(user, { entity: 'assessment', op: 'update', fields: ['status'] }, 'finalise an assessment');
    return saveRecord(db, 'assessment', id, { status: 'finalised' });
  });
}

/** The result over the interviews whose consensus is complete; null with none. */
function resultOf(interviews: readonly Pick<Interview, 'consensus'>[]): ReadinessResult | null {
  return scoreReadiness(interviews.map((i) => i.consensus).filter(complete));
}

/** An assessment of the list: its stage once any interview has a complete consensus, and the date to show (finalised, or the latest interview). */
type AssessmentSummary = { assessment: Assessment; interviews: number; result: ReadinessResult | null; date: string | null };

const liveOf = <T extends { deleted?: boolean | undefined }>(rows: T[]) => rows.filter((r) => !r.deleted);
const byDate = (a: Interview, b: Interview) => a.date.localeCompare(b.date) || (a.id < b.id ? -1 : 1);

/** A municipality's assessments, the latest started first (ids are time-ordered UUIDv7s). */
export async function loadAssessments(db: UserDb, municipalityId: string): Promise<AssessmentSummary[]> {
  const assessments = liveOf(await db.assessment.where('municipalityId').equals(municipalityId).toArray()).sort((a, b) => (a.id < b.id ? 1 : -1));
  const interviews = liveOf(await db.interview.where('assessmentId').anyOf(assessments.map((a) => a.id)).toArray());
  return assessments.map((assessment) => {
    const own = interviews.filter((i) => i.assessmentId === assessment.id).sort(byDate);
    return { assessment, interviews: own.length, result: resultOf(own), date: assessment.finalisedAt?.slice(0, 10) ?? own.at(-1)?.date ?? null };
  });
}

/** One interview as the assessment page shows it. */
export type InterviewView = {
  interview: Interview;
  /** The sheets on the device: before the reveal only mine, after it every scorer's. */
  sheets: Sheet[];
  mySheet: Sheet | null;
  /** Every scorer's done sheet is on the device: the scores are shown side by side and the consensus may be set. */
  revealed: boolean;
  /** Scorers whose done sheet is not on the device yet (me included when mine is not done). */
  waitingFor: string[];
  consensusComplete: boolean;
  /** Per dimension, the score every scorer gave when all agree: the consensus to suggest. */
  agreed: DimensionScores;
};

export type AssessmentDetail = {
  assessment: Assessment;
  municipality: LocalRecord<'municipality'> | null;
  interviews: InterviewView[];
  /** Over the interviews with a complete consensus. */
  result: ReadinessResult | null;
  /** Interviews counted in the result. */
  counted: number;
  finaliseBlock: FinaliseBlock | null;
  /** The municipality's earlier finalised assessments in the same area, the latest first, with their results. */
  earlier: { assessment: Assessment; result: ReadinessResult; date: string }[];
};

function agreedOf(scorerIds: readonly string[], sheets: readonly Sheet[]): DimensionScores {
  const agreed: DimensionScores = {};
  for (const d of readinessDimensions) {
    const values = scorerIds.map((s) => sheets.find((x) => x.scorerId === s)?.scores[d] ?? null);
    if (values.length > 0 && values[0] != null && values.every((v) => v === values[0])) agreed[d] = values[0];
  }
  return agreed;
}

/** An assessment's page; null when it is not on the device. `userId`: the signed-in user, whose sheet is "mine". */
export async function loadAssessmentDetail(db: UserDb, id: string, userId: string): Promise<AssessmentDetail | null> {
  const assessment = await db.assessment.get(id);
  if (!assessment || assessment.deleted) return null;
  const [municipality, interviewRows, sheets, siblings] = await Promise.all([
    db.municipality.get(assessment.municipalityId),
    db.interview.where('assessmentId').equals(id).toArray(),
    sheetsOf(db, id),
    db.assessment.where('municipalityId').equals(assessment.municipalityId).toArray(),
  ]);
  const interviews = liveOf(interviewRows)
    .sort(byDate)
    .map((interview): InterviewView => {
      const own = sheets.filter((s) => s.interviewId === interview.id);
      const revealed = isRevealed(assessment, interview.id, own);
      return {
        interview,
        sheets: own,
        mySheet: own.find((s) => s.scorerId === userId) ?? null,
        revealed,
        waitingFor: assessment.scorerIds.filter((s) => !own.some((x) => x.scorerId === s && x.done)),
        consensusComplete: complete(interview.consensus),
        agreed: revealed ? agreedOf(assessment.scorerIds, own) : {},
      };
    });
  const counted = interviews.filter((i) => i.consensusComplete).length;
  const before = assessment.status === 'finalised' ? (assessment.finalisedAt ?? '') : '\uffff';
  const others = liveOf(siblings).filter((a) => a.id !== id && a.area === assessment.area && a.status === 'finalised' && (a.finalisedAt ?? '') < before);
  const otherInterviews = liveOf(await db.interview.where('assessmentId').anyOf(others.map((a) => a.id)).toArray());
  const earlier = others
    .map((a) => ({ assessment: a, result: resultOf(otherInterviews.filter((i) => i.assessmentId === a.id)), date: a.finalisedAt?.slice(0, 10) ?? '' }))
    .filter((e): e is { assessment: Assessment; result: ReadinessResult; date: string } => e.result !== null)
    .sort((a, b) => b.date.localeCompare(a.date));
  return {
    assessment,
    municipality: municipality ?? null,
    interviews,
    result: resultOf(interviews.map((i) => i.interview)),
    counted,
    finaliseBlock: finaliseBlock(interviews.map((i) => i.interview)),
    earlier,
  };
}
