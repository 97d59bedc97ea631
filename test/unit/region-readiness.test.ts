// The region's view of readiness and plans, read from a device (fake IndexedDB) holding a small fixed data
// set, every figure worked out by hand: the latest finalised assessment per municipality (drafts,
// tombstones, older ones, another area's and one without a complete consensus passed over), its stages by
// the model's scoring, the counts per overall stage; each kind of plan's state today with the last day on
// time of an overdue one, the counts per kind; another region's municipalities never, Åland's when asked.
import { describe, expect, it } from 'vitest';
import { openUserDb, type LocalRecord, type UserDb } from '../../src/db/database.ts';
import { compileRegionReadiness, loadRegionReadiness, type ReadinessArea } from '../../src/db/region-readiness.ts';

const today = '2025-09-15';
const province = { code: '01', fi: 'Uusimaa', sv: 'Nyland' };
const municipality = (id: string, fi: string, regionId: string, deleted = false): LocalRecord<'municipality'> => ({
  id,
  name: { fi, sv: `${fi} sv` },
  regionId,
  province,
  ...(deleted ? { deleted } : {}),
});
const assessment = (
  id: string,
  municipalityId: string,
  area: LocalRecord<'assessment'>['area'],
  status: 'draft' | 'finalised',
  finalisedAt: string | null,
  extra: Partial<LocalRecord<'assessment'>> = {},
): LocalRecord<'assessment'> => ({ id, municipalityId, area, issue: `Issue ${id}`, scorerIds: ['u-1', 'u-2'], status, finalisedAt, ...extra });
type Scores = NonNullable<LocalRecord<'interview'>['consensus']>;
const all = (n: number): Scores => ({ A: n, B: n, C: n, D: n, E: n, F: n });
const interview = (id: string, assessmentId: string, consensus: Scores | null, deleted = false): LocalRecord<'interview'> => ({
  id,
  assessmentId,
  role: 'Rehtori',
  sector: 'education',
  date: '2025-01-10',
  consensus,
  ...(deleted ? { deleted } : {}),
});
const plan = (id: string, municipalityId: string, kind: LocalRecord<'plan'>['kind'], dates: Partial<LocalRecord<'plan'>>): LocalRecord<'plan'> => ({ id, municipalityId, kind, ...dates });

const municipalities = [
  municipality('001', 'Alpha', 'avi-1'),
  municipality('002', 'Beta', 'avi-1'),
  municipality('003', 'Gamma', 'avi-1', true),
  municipality('004', 'Delta', 'avi-2'),
  municipality('005', 'Epsilon', 'avi-1'),
  municipality('006', 'Zeta', 'avi-1'),
  municipality('035', 'Brändö', 'avi-7'),
];
const assessments = [
  assessment('a1', '001', 'substance', 'finalised', '2025-03-10T10:00:00.000Z'),
  assessment('a2', '001', 'substance', 'finalised', '2024-05-01T10:00:00.000Z'), // older
  assessment('a3', '001', 'welfare', 'finalised', '2025-06-01T10:00:00.000Z'), // the latest of any area
  assessment('a4', '002', 'substance', 'draft', null), // a draft
  assessment('a5', '002', 'substance', 'finalised', '2025-08-01T10:00:00.000Z', { deleted: true }),
  assessment('a6', '005', 'substance', 'finalised', '2025-07-01T10:00:00.000Z'),
  assessment('a7', '005', 'substance', 'finalised', '2025-08-15T10:00:00.000Z'), // newer, but no complete consensus
  assessment('a8', '035', 'violence', 'finalised', null), // finalised on this device, not yet synced
  assessment('a9', '004', 'substance', 'finalised', '2025-02-01T10:00:00.000Z'), // another region's
  assessment('a10', '003', 'substance', 'finalised', '2025-02-01T10:00:00.000Z'), // a removed municipality's
];
const interviews = [
  // a1: A (3+4)/2 = 3.5, B 4, C 5, D 3.5, E 4.5, F 5; overall 25.5 / 6 = 4.25: stage 4.
  interview('i1', 'a1', { A: 3, B: 4, C: 5, D: 3, E: 4, F: 5 }),
  interview('i2', 'a1', { A: 4, B: 4, C: 5, D: 4, E: 5, F: 5 }),
  interview('i3', 'a2', all(2)),
  interview('i4', 'a3', all(6)),
  interview('i5', 'a4', all(7)),
  interview('i5b', 'a5', all(7)),
  interview('i6', 'a6', all(2)),
  interview('i7', 'a6', { A: 9, B: null, C: 9, D: 9, E: 9, F: 9 }), // incomplete: not scored
  interview('i8', 'a6', all(9), true), // deleted
  interview('i9', 'a7', { A: 5, B: 5, C: 5, D: 5, E: 5 }), // F absent
  interview('i10', 'a8', all(8)),
  interview('i11', 'a9', all(3)),
  interview('i12', 'a10', all(3)),
  interview('i13', 'a6', null), // no consensus yet
];
const plans = [
  // Alpha: the expected two current (the welfare plan adopted in the previous term, whose successor is
  // due only by 31.5.2026), its violence plan's revision due the day before today.
  plan('p1', '001', 'welfare_plan', { adoptedOn: '2024-02-01' }),
  plan('p2', '001', 'welfare_report_yearly', { adoptedOn: '2025-03-01' }),
  plan('p3', '001', 'violence_prevention', { nextRevisionDue: '2025-09-14' }),
  // Beta: the welfare plan's validity ended 30.6.2025; its yearly report deleted, so missing.
  plan('p4', '002', 'welfare_plan', { adoptedOn: '2021-11-01', validTo: '2025-06-30' }),
  plan('p5', '002', 'welfare_report_yearly', { adoptedOn: '2025-02-01', deleted: true }),
  plan('p6', '002', 'substance_policy', { nextRevisionDue: '2026-01-01' }),
  // Epsilon: none. Zeta: both expected current.
  plan('p7', '006', 'welfare_plan', { adoptedOn: '2025-08-01' }),
  plan('p8', '006', 'welfare_report_yearly', { adoptedOn: '2025-05-01' }),
  plan('p9', '004', 'welfare_plan', { adoptedOn: '2010-01-01' }), // another region's
];

let n = 0;
async function device(): Promise<UserDb> {
  const db = openUserDb(`region-readiness-${++n}-${Date.now()}`);
  await db.municipality.bulkPut(municipalities);
  await db.assessment.bulkPut(assessments);
  await db.interview.bulkPut(interviews);
  await db.plan.bulkPut(plans);
  return db;
}
const options = (area: ReadinessArea, includeAland = false) => ({ regionIds: ['avi-1', 'avi-7'], area, today, includeAland });

describe('the region’s readiness stages', () => {
  it('takes each municipality’s latest finalised assessment of the area, scored, and counts the overall stages', async () => {
    const view = await loadRegionReadiness(await device(), options('substance'));
    // Alpha, Beta, Epsilon, Zeta: Gamma removed, Delta another region's, Brändö Åland's.
    expect(view.rows.map((r) => r.id)).toEqual(['001', '002', '005', '006']);
    const [alpha, beta, epsilon, zeta] = view.rows;
    expect(alpha!.assessment).toEqual({
      id: 'a1',
      area: 'substance',
      issue: 'Issue a1',
      finalisedOn: '2025-03-10',
      interviews: 2,
      overallScore: 4.25,
      overallStage: 4,
      dimensionStages: { A: 3, B: 4, C: 5, D: 3, E: 4, F: 5 },
    });
    // Beta's only finalised one is deleted, its other a draft.
    expect(beta!.assessment).toBeNull();
    // Epsilon's newer a7 has no complete consensus: a6 stands, on its one complete interview.
    expect(epsilon!.assessment).toMatchObject({ id: 'a6', interviews: 1, overallScore: 2, overallStage: 2, dimensionStages: all(2) });
    expect(zeta!.assessment).toBeNull();
    expect(view.stageCounts).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0]);
    expect(view.notAssessed).toBe(2);
  });

  it('takes the latest of any area with every area chosen, and Åland’s when asked', async () => {
    const db = await device();
    const any = await loadRegionReadiness(db, options(''));
    // Alpha's welfare assessment of June is newer than its substance one of March.
    expect(any.rows.map((r) => [r.id, r.assessment?.id ?? null, r.assessment?.overallStage ?? null])).toEqual([
      ['001', 'a3', 6],
      ['002', null, null],
      ['005', 'a6', 2],
      ['006', null, null],
    ]);
    expect(any.stageCounts).toEqual([0, 1, 0, 0, 0, 1, 0, 0, 0]);
    expect(any.notAssessed).toBe(2);

    const aland = await loadRegionReadiness(db, options('', true));
    expect(aland.rows.map((r) => r.id)).toEqual(['001', '002', '005', '006', '035']);
    // Brändö's was finalised on this device and has no server time yet.
    expect(aland.rows[4]!.assessment).toMatchObject({ id: 'a8', area: 'violence', finalisedOn: null, overallStage: 8 });
    expect(aland.stageCounts).toEqual([0, 1, 0, 0, 0, 1, 0, 1, 0]);
    expect(aland.notAssessed).toBe(2);

    const violence = await loadRegionReadiness(db, options('violence'));
    expect(violence.stageCounts).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(violence.notAssessed).toBe(4);
  });

  it('places an assessment finalised on this device, not yet synced, before any the server stamped', () => {
    const view = compileRegionReadiness({
      ...options('substance'),
      municipalities: [municipality('001', 'Alpha', 'avi-1')],
      assessments: [assessment('b1', '001', 'substance', 'finalised', '2025-09-01T10:00:00.000Z'), assessment('b2', '001', 'substance', 'finalised', null)],
      interviews: [interview('j1', 'b1', all(3)), interview('j2', 'b2', all(5))],
      plans: [],
    });
    expect(view.rows[0]!.assessment).toMatchObject({ id: 'b2', overallStage: 5, finalisedOn: null });
  });
});

describe('the region’s plans', () => {
  it('gives each kind’s state today in the vocabulary’s order, and counts the missing and overdue per kind', async () => {
    const view = await loadRegionReadiness(await device(), options('substance'));
    const states = (id: string) => view.rows.find((r) => r.id === id)!.plans.map((p) => (p.dueOn ? `${p.state} ${p.dueOn}` : p.state));
    // welfare_plan, welfare_report_yearly, substance_policy, violence_prevention, safety
    expect(states('001')).toEqual(['current', 'current', 'notExpected', 'overdue 2025-09-14', 'notExpected']);
    expect(states('002')).toEqual(['overdue 2025-06-30', 'missing', 'current', 'notExpected', 'notExpected']);
    expect(states('005')).toEqual(['missing', 'missing', 'notExpected', 'notExpected', 'notExpected']);
    expect(states('006')).toEqual(['current', 'current', 'notExpected', 'notExpected', 'notExpected']);
    expect(view.rows.map((r) => r.plansNeedingAttention)).toEqual([1, 2, 2, 0]);
    expect(view.planCounts).toEqual({
      welfare_plan: { missing: 1, overdue: 1 }, // Epsilon; Beta
      welfare_report_yearly: { missing: 2, overdue: 0 }, // Beta, Epsilon
      substance_policy: { missing: 0, overdue: 0 },
      violence_prevention: { missing: 0, overdue: 1 }, // Alpha
      safety: { missing: 0, overdue: 0 },
    });
    expect(view.withPlansNeedingAttention).toBe(3);

    // Brändö has none: both expected kinds missing.
    const aland = await loadRegionReadiness(await device(), options('substance', true));
    expect(aland.planCounts.welfare_plan).toEqual({ missing: 2, overdue: 1 });
    expect(aland.planCounts.welfare_report_yearly).toEqual({ missing: 3, overdue: 0 });
    expect(aland.withPlansNeedingAttention).toBe(4);
  });
});
