// Readiness assessments on the device: a draft started with its outbox row and scorers of the region only,
// an edit sending only what changed; my sheet saved as tapped, done only with six scores, locked once every
// scorer's done sheet is on the device; the consensus only after that; finalising only with a complete
// consensus, and then everything locked; the detail's result and its earlier finalised assessments.
import { describe, expect, it } from 'vitest';
import { openUserDb, type UserDb } from '../../src/db/database.ts';
import { saveDirectory } from '../../src/db/directory.ts';
import {
  deleteAssessment,
  deleteInterview,
  finaliseAssessment,
  loadAssessmentDetail,
  loadAssessments,
  ReadinessRuleError,
  saveAssessment,
  saveInterview,
  saveMyScore,
  setConsensus,
  setMyScoresDone,
  sheetId,
  type AssessmentInput,
} from '../../src/db/assessments.ts';
import { WriteRefusedError } from '../../src/db/guard.ts';
import { readinessDimensions } from '../../src/shared/readiness.ts';

let n = 0;
const me = { id: 'u-1', role: 'inspector' as const, regionIds: ['avi-1'] };
const colleague = { id: 'u-2', role: 'coordinator' as const, regionIds: ['avi-1'] };

async function freshDb(): Promise<UserDb> {
  const db = openUserDb(`assessments-${++n}-${Date.now()}`);
  const province = { code: '01', fi: 'Uusimaa', sv: 'Nyland' };
  await db.municipality.bulkPut([
    { id: '091', name: { fi: 'Helsinki', sv: 'Helsingfors' }, regionId: 'avi-1', province },
    { id: '049', name: { fi: 'Espoo', sv: 'Esbo' }, regionId: 'avi-2', province },
  ]);
  await saveDirectory(db, [
    { id: 'u-1', name: 'Ilona Inspector', role: 'inspector', regionIds: ['avi-1'] },
    { id: 'u-2', name: 'Cecilia Coordinator', role: 'coordinator', regionIds: ['avi-1'] },
    { id: 'u-3', name: 'Other Region', role: 'inspector', regionIds: ['avi-2'] },
  ]);
  return db;
}
const input: AssessmentInput = { area: 'substance', issue: ' Young people’s alcohol use ', scorerIds: ['u-1', 'u-2'], notes: '' };
const interviewInput = { role: 'Youth worker', sector: 'youth_work' as const, date: '2026-03-02', notes: '' };
const all = (v: number) => Object.fromEntries(readinessDimensions.map((d) => [d, v]));

async function scoreAll(db: UserDb, interviewId: string, user: typeof me, value: number) {
  for (const d of readinessDimensions) await saveMyScore(db, interviewId, d, value, user);
}
/** The colleague's done sheet, as the pull brings it after the reveal. */
async function theirSheet(db: UserDb, assessmentId: string, interviewId: string, value: number) {
  await db.readinessScore.put({ id: sheetId(interviewId, 'u-2'), assessmentId, interviewId, scorerId: 'u-2', scores: all(value), done: true, version: 4, deleted: false });
}

describe('readiness assessments on the device', () => {
  it('starts a draft with its outbox row, and refuses scorers outside the region and another region’s municipality', async () => {
    const db = await freshDb();
    const a = await saveAssessment(db, '091', input, undefined, me);
    expect(a).toMatchObject({ status: 'draft', issue: 'Young people’s alcohol use', scorerIds: ['u-1', 'u-2'], notes: null });
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ entity: 'assessment', id: a.id, op: 'upsert', create: true })]);
    await expect(saveAssessment(db, '091', { ...input, scorerIds: ['u-1', 'u-3'] }, undefined, me)).rejects.toThrow(/Other Region.*not an inspector or coordinator/);
    await expect(saveAssessment(db, '091', { ...input, scorerIds: ['u-1'] }, undefined, me)).rejects.toThrow(/at least two scorers/);
    await expect(saveAssessment(db, '049', input, undefined, me)).rejects.toBeInstanceOf(WriteRefusedError);
    expect((await loadAssessments(db, '091')).map((s) => s.assessment.id)).toEqual([a.id]);
  });

  it('sends only what an edit changed', async () => {
    const db = await freshDb();
    const a = await saveAssessment(db, '091', input, undefined, me);
    await db.outbox.clear();
    await db.assessment.update(a.id, { version: 2 });
    await saveAssessment(db, '091', { ...input, notes: 'Second round' }, a.id, me);
    const rows = await db.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.op === 'upsert' && rows[0]!.fields).toEqual({ notes: 'Second round' });
  });

  it('saves my sheet as tapped; done only with six scores; the consensus only after the reveal, which locks the sheets', async () => {
    const db = await freshDb();
    const a = await saveAssessment(db, '091', input, undefined, me);
    const i = await saveInterview(db, a.id, interviewInput, undefined, me);
    await saveMyScore(db, i.id, 'A', 4, me);
    expect(await db.readinessScore.get(sheetId(i.id, 'u-1'))).toMatchObject({ scorerId: 'u-1', scores: { A: 4 }, done: false });
    await expect(setMyScoresDone(db, i.id, true, me)).rejects.toThrow(/six dimensions/);
    await scoreAll(db, i.id, me, 5);
    await setMyScoresDone(db, i.id, true, me);
    await expect(saveMyScore(db, i.id, 'A', 6, me)).rejects.toThrow(/marked done/);
    // Not done again before the reveal: the scores change.
    await setMyScoresDone(db, i.id, false, me);
    await saveMyScore(db, i.id, 'A', 6, me);
    await setMyScoresDone(db, i.id, true, me);
    await expect(setConsensus(db, i.id, 'A', 6, me)).rejects.toThrow(/once every scorer/);
    let detail = (await loadAssessmentDetail(db, a.id, 'u-1'))!;
    expect(detail.interviews[0]).toMatchObject({ revealed: false, waitingFor: ['u-2'] });

    await theirSheet(db, a.id, i.id, 5);
    detail = (await loadAssessmentDetail(db, a.id, 'u-1'))!;
    expect(detail.interviews[0]).toMatchObject({ revealed: true, waitingFor: [], agreed: { B: 5, C: 5, D: 5, E: 5, F: 5 } });
    expect(detail.interviews[0]!.agreed.A).toBeUndefined();
    await expect(setMyScoresDone(db, i.id, false, me)).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(finaliseAssessment(db, a.id, me)).rejects.toThrow(/1 interview\(s\) without a consensus/);
    for (const d of readinessDimensions) await setConsensus(db, i.id, d, d === 'A' ? 6 : 5, me);
    detail = (await loadAssessmentDetail(db, a.id, 'u-1'))!;
    expect(detail.result).toMatchObject({ dimensionScores: { A: 6, B: 5 }, overallScore: 5.17, overallStage: 5 });
    expect(detail.finaliseBlock).toBeNull();
  });

  it('refuses a sheet of someone not among the scorers', async () => {
    const db = await freshDb();
    const a = await saveAssessment(db, '091', input, undefined, me);
    const i = await saveInterview(db, a.id, interviewInput, undefined, me);
    const outsider = { id: 'u-9', role: 'inspector' as const, regionIds: ['avi-1'] };
    await expect(saveMyScore(db, i.id, 'A', 3, outsider)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('finalises with a complete consensus, then locks the assessment, its interviews and sheets; compares with earlier ones', async () => {
    const db = await freshDb();
    const earlier = await saveAssessment(db, '091', input, undefined, me);
    const e1 = await saveInterview(db, earlier.id, interviewInput, undefined, me);
    await db.interview.update(e1.id, { consensus: all(3) });
    await db.assessment.update(earlier.id, { status: 'finalised', finalisedAt: '2025-01-10T10:00:00.000Z', finalisedBy: 'u-1' });

    const a = await saveAssessment(db, '091', input, undefined, me);
    await expect(finaliseAssessment(db, a.id, me)).rejects.toThrow(/at least one interview/);
    const i = await saveInterview(db, a.id, interviewInput, undefined, me);
    await db.interview.update(i.id, { consensus: all(7) });
    await finaliseAssessment(db, a.id, me);
    expect(await db.assessment.get(a.id)).toMatchObject({ status: 'finalised' });
    await expect(saveInterview(db, a.id, interviewInput, i.id, me)).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(saveMyScore(db, i.id, 'A', 3, me)).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(deleteAssessment(db, a.id, me)).rejects.toBeInstanceOf(ReadinessRuleError);
    // Finalised by the server: its stamp makes the first one earlier.
    await db.assessment.update(a.id, { finalisedAt: '2026-04-01T10:00:00.000Z' });
    const detail = (await loadAssessmentDetail(db, a.id, 'u-1'))!;
    expect(detail.earlier).toEqual([expect.objectContaining({ date: '2025-01-10', result: expect.objectContaining({ overallStage: 3 }) })]);
    const list = await loadAssessments(db, '091');
    expect(list.map((s) => [s.assessment.id, s.result?.overallStage, s.date])).toEqual([
      [a.id, 7, '2026-04-01'],
      [earlier.id, 3, '2025-01-10'],
    ]);
  });

  it('deletes a draft with its interviews and sheets, sending only the assessment’s delete', async () => {
    const db = await freshDb();
    const a = await saveAssessment(db, '091', input, undefined, me);
    const i = await saveInterview(db, a.id, interviewInput, undefined, me);
    await saveMyScore(db, i.id, 'A', 2, me);
    await db.assessment.update(a.id, { version: 1 });
    await db.outbox.where('entity').equals('assessment').delete();
    await deleteAssessment(db, a.id, me);
    expect(await db.interview.count()).toBe(0);
    expect(await db.readinessScore.count()).toBe(0);
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ entity: 'assessment', op: 'delete' })]);
  });

  it('deletes an interview with my sheet that never left the device', async () => {
    const db = await freshDb();
    const a = await saveAssessment(db, '091', input, undefined, colleague);
    const i = await saveInterview(db, a.id, interviewInput, undefined, colleague);
    await saveMyScore(db, i.id, 'C', 2, colleague);
    await deleteInterview(db, i.id, colleague);
    expect(await db.readinessScore.count()).toBe(0);
    expect((await loadAssessmentDetail(db, a.id, 'u-2'))!.interviews).toEqual([]);
  });
});
