// The region's view of readiness and plans: for each municipality of the user's regions, its latest
// finalised community readiness assessment (in one area, or any) with the stages scoreReadiness gives
// it, and the state of each kind of its plans today (plan-state.ts). One bulk read per table
// (loadRegionReadiness); the compilation is pure (compileRegionReadiness), so it is tested without
// IndexedDB.
import { scoreReadiness, type InterviewScores, type ReadinessDimension } from '../shared/readiness.ts';
import { planKinds, readinessDimensions, type PlanKind, type SupervisionArea } from '../shared/vocabulary.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { planStates } from './plan-state.ts';
import { ALAND_REGION_ID } from './queries.ts';

/** One supervision area, or '' for any. */
export type ReadinessArea = SupervisionArea | '';

type ReadinessOptions = {
  regionIds: readonly string[];
  area: ReadinessArea;
  /** The plans' state is judged on this date (YYYY-MM-DD), the device's local date. */
  today: string;
  /** Åland's municipalities are left out unless asked for. */
  includeAland?: boolean;
};

type RegionReadinessInput = ReadinessOptions & {
  municipalities: readonly LocalRecord<'municipality'>[];
  assessments: readonly LocalRecord<'assessment'>[];
  interviews: readonly LocalRecord<'interview'>[];
  plans: readonly LocalRecord<'plan'>[];
};

export type AssessedStages = {
  id: string;
  area: SupervisionArea;
  issue: string;
  /** The day it was finalised (the server's time's date, as the municipality's assessments show it); null while its finalisation has not yet reached the server. */
  finalisedOn: string | null;
  /** The interviews with every consensus score given, which the stages are scored on. */
  interviews: number;
  overallScore: number;
  overallStage: number;
  dimensionStages: Record<ReadinessDimension, number>;
};

/** A kind's state in the region's words: `notExpected` is a kind none is recorded of that need not have one. */
type PlanCellState = 'missing' | 'overdue' | 'current' | 'notExpected';
export type PlanCell = { kind: PlanKind; state: PlanCellState; dueOn: string | null };

export type ReadinessRow = {
  id: string;
  name: { fi: string; sv: string };
  regionId: string;
  /** Its latest finalised assessment that has scores; null: not assessed. */
  assessment: AssessedStages | null;
  /** Every kind, in the vocabulary's order. */
  plans: PlanCell[];
  /** Kinds missing (of the expected) or overdue. */
  plansNeedingAttention: number;
};

export type RegionReadiness = {
  rows: ReadinessRow[];
  /** Municipalities per overall stage, 1 to 9 (index 0 is stage 1). */
  stageCounts: number[];
  notAssessed: number;
  /** Per kind, how many municipalities have it missing (expected and none recorded) or overdue. */
  planCounts: Record<PlanKind, { missing: number; overdue: number }>;
  /** Municipalities with a plan missing or overdue. */
  withPlansNeedingAttention: number;
};

/** The regions to show: Åland's left out unless asked for. */
function shownRegions(options: Pick<ReadinessOptions, 'regionIds' | 'includeAland'>): string[] {
  return options.regionIds.filter((r) => options.includeAland === true || r !== ALAND_REGION_ID);
}

/** An interview's consensus when every dimension has its score. */
function fullConsensus(interview: LocalRecord<'interview'>): InterviewScores | null {
  const c = interview.consensus;
  if (!c) return null;
  const scores = {} as InterviewScores;
  for (const d of readinessDimensions) {
    const v = c[d];
    if (v === null || v === undefined) return null;
    scores[d] = v;
  }
  return scores;
}

/**
 * Newer first: by finalisation time, one not yet stamped by the server the newest (it was just finalised
 * on this device), then by id.
 */
function newer(a: LocalRecord<'assessment'>, b: LocalRecord<'assessment'>): boolean {
  const ta = a.finalisedAt ?? '\uffff';
  const tb = b.finalisedAt ?? '\uffff';
  return ta !== tb ? ta > tb : a.id > b.id;
}

/**
 * The view from the records as read. Tombstones are skipped; an assessment counts once finalised, and
 * only with at least one interview whose consensus is complete (a finalised one always has, the server
 * sees to that; one without is passed over for the one before it).
 */
export function compileRegionReadiness(input: RegionReadinessInput): RegionReadiness {
  const { area, today } = input;
  const regions = new Set(shownRegions(input));
  const municipalities = input.municipalities.filter((m) => !m.deleted && regions.has(m.regionId));
  const shown = new Set(municipalities.map((m) => m.id));

  const scoresOf = new Map<string, InterviewScores[]>();
  for (const interview of input.interviews) {
    if (interview.deleted) continue;
    const scores = fullConsensus(interview);
    if (!scores) continue;
    const list = scoresOf.get(interview.assessmentId);
    if (list) list.push(scores);
    else scoresOf.set(interview.assessmentId, [scores]);
  }

  const latest = new Map<string, LocalRecord<'assessment'>>();
  for (const a of input.assessments) {
    if (a.deleted || a.status !== 'finalised' || !shown.has(a.municipalityId)) continue;
    if (area !== '' && a.area !== area) continue;
    if (!scoresOf.has(a.id)) continue;
    const before = latest.get(a.municipalityId);
    if (!before || newer(a, before)) latest.set(a.municipalityId, a);
  }

  const plansOf = new Map<string, LocalRecord<'plan'>[]>();
  for (const plan of input.plans) {
    if (plan.deleted || !shown.has(plan.municipalityId)) continue;
    const list = plansOf.get(plan.municipalityId);
    if (list) list.push(plan);
    else plansOf.set(plan.municipalityId, [plan]);
  }

  const rows = municipalities
    .map((m): ReadinessRow => {
      const a = latest.get(m.id);
      const result = a ? scoreReadiness(scoresOf.get(a.id)!) : null;
      const states = planStates(plansOf.get(m.id) ?? [], today);
      return {
        id: m.id,
        name: m.name,
        regionId: m.regionId,
        assessment:
          a && result
            ? {
                id: a.id,
                area: a.area,
                issue: a.issue,
                finalisedOn: a.finalisedAt?.slice(0, 10) ?? null,
                interviews: scoresOf.get(a.id)!.length,
                overallScore: result.overallScore,
                overallStage: result.overallStage,
                dimensionStages: result.dimensionStages,
              }
            : null,
        plans: states.map((s) => ({ kind: s.kind, state: s.state === 'missing' && !s.expected ? 'notExpected' : s.state, dueOn: s.dueOn })),
        plansNeedingAttention: states.filter((s) => s.needsAttention).length,
      };
    })
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

  const stageCounts = Array.from({ length: 9 }, () => 0);
  let notAssessed = 0;
  const planCounts = Object.fromEntries(planKinds.map((k) => [k, { missing: 0, overdue: 0 }])) as RegionReadiness['planCounts'];
  let withPlansNeedingAttention = 0;
  for (const r of rows) {
    if (r.assessment) stageCounts[r.assessment.overallStage - 1]!++;
    else notAssessed++;
    for (const p of r.plans) {
      const c = planCounts[p.kind];
      if (p.state === 'missing') c.missing++;
      if (p.state === 'overdue') c.overdue++;
    }
    if (r.plansNeedingAttention > 0) withPlansNeedingAttention++;
  }
  return { rows, stageCounts, notAssessed, planCounts, withPlansNeedingAttention };
}

/**
 * The view of the user's regions, read from the device: one bulk read per table (the device holds only
 * its user's regions; the compilation keeps to the municipalities shown).
 */
export async function loadRegionReadiness(db: UserDb, options: ReadinessOptions): Promise<RegionReadiness> {
  const [municipalities, assessments, interviews, plans] = await Promise.all([
    db.municipality.where('regionId').anyOf(shownRegions(options)).toArray(),
    db.assessment.toArray(),
    db.interview.toArray(),
    db.plan.toArray(),
  ]);
  return compileRegionReadiness({ ...options, municipalities, assessments, interviews, plans });
}
