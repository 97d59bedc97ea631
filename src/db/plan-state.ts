// The state of a municipality's plans, per kind, pure: `missing`, `overdue` or `current`, judged on the
// latest plan of the kind (the one adopted last; plans without an adoption date count as older than any
// dated one, and among plans adopted the same day the one valid longest).
//
// The rule, the same words the plans section and the region's coverage use:
// - No plan of the kind recorded: `missing`. The welfare report and plan and the yearly welfare report are
//   expected of every municipality, so for them missing needs attention; the substance policy, violence
//   prevention and safety plans are expected only when the agency records one, so for them missing means
//   "none recorded" and needs no attention.
// - Any kind is `overdue` when its next revision is due before today, or its period of validity ended
//   before today.
// - The welfare report and plan (once per council term) is also `overdue` when it was adopted before the
//   current council term began and that term's first year has passed: the plan for a term is due within
//   its first year. Council terms began on 1 January 2013, 1 June 2017 and 1 August 2021, and from
//   1 June 2025 every four years on 1 June.
// - The yearly welfare report is also `overdue` when it was adopted more than 15 months before today
//   (a year and a quarter's grace for the council's schedule).
// - A plan with no adoption date is judged by its revision and validity dates alone.
// - Otherwise `current`.
// Dates are YYYY-MM-DD texts and compare as texts; `today` is the caller's (the device's local date).
import type { PlanFields } from '../shared/records.ts';
import { planKinds, type PlanKind } from '../shared/vocabulary.ts';

export type PlanState = 'missing' | 'overdue' | 'current';
/** Why a plan is overdue: its revision date, its validity, no plan for the council term, or the yearly report's age. */
export type OverdueReason = 'revision' | 'validity' | 'term' | 'yearly';

/** The fields the state is judged on. */
export type PlanDates = Pick<PlanFields, 'kind'> & Partial<Pick<PlanFields, 'adoptedOn' | 'validFrom' | 'validTo' | 'nextRevisionDue'>>;

export type KindState<P extends PlanDates = PlanDates> = {
  kind: PlanKind;
  state: PlanState;
  /** Whether every municipality is expected to have one (the welfare report and plan, the yearly welfare report). */
  expected: boolean;
  /** Overdue, or missing though expected. */
  needsAttention: boolean;
  /** Why it is overdue; empty unless `overdue`. */
  reasons: OverdueReason[];
  /**
   * When overdue, the last day it was on time (YYYY-MM-DD): the earliest of its reasons' dates (the next
   * revision's due date, the end of validity, the day before the council term's first year passed, the
   * yearly report's adoption plus 15 months); null unless `overdue`.
   */
  dueOn: string | null;
  /** The latest plan of the kind, which the state is judged on. */
  latest: P | undefined;
};

/** Kinds every municipality is expected to have. */
const expectedPlanKinds: readonly PlanKind[] = ['welfare_plan', 'welfare_report_yearly'];

const YEARLY_GRACE_MONTHS = 15;
const earlyTermStarts = ['2013-01-01', '2017-06-01', '2021-08-01'];

/** The first day of the council term `date` falls in (from 2025: every four years on 1 June). */
export function councilTermStart(date: string): string {
  const year = Number(date.slice(0, 4));
  if (date >= '2025-06-01') {
    let start = year - ((year - 2025) % 4);
    if (`${start}-06-01` > date) start -= 4;
    return `${start}-06-01`;
  }
  return [...earlyTermStarts].reverse().find((s) => s <= date) ?? earlyTermStarts[0]!;
}

/** `date` plus `months` months, the day kept or, past the month's end, its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** The day before `date`. */
function previousDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

function later<P extends PlanDates>(a: P, b: P): P {
  const key = (p: P) => [p.adoptedOn ?? '', p.validTo ?? '', p.validFrom ?? ''];
  const [ka, kb] = [key(a), key(b)];
  const i = ka.findIndex((x, n) => x !== kb[n]);
  return i >= 0 && kb[i]! > ka[i]! ? b : a;
}

/** The state of one kind of plan from a municipality's plans (of any kinds; others are ignored). */
export function planState<P extends PlanDates>(plans: readonly P[], kind: PlanKind, today: string): KindState<P> {
  const expected = expectedPlanKinds.includes(kind);
  const ofKind = plans.filter((p) => p.kind === kind);
  const latest = ofKind.length === 0 ? undefined : ofKind.reduce(later);
  if (!latest) return { kind, state: 'missing', expected, needsAttention: expected, reasons: [], dueOn: null, latest };
  const reasons: OverdueReason[] = [];
  // The last day on time of each reason that applies.
  const due: string[] = [];
  if (latest.nextRevisionDue && latest.nextRevisionDue < today) {
    reasons.push('revision');
    due.push(latest.nextRevisionDue);
  }
  if (latest.validTo && latest.validTo < today) {
    reasons.push('validity');
    due.push(latest.validTo);
  }
  if (latest.adoptedOn) {
    if (kind === 'welfare_plan') {
      const term = councilTermStart(today);
      const firstYearPassed = addMonths(term, 12);
      if (latest.adoptedOn < term && firstYearPassed <= today) {
        reasons.push('term');
        due.push(previousDay(firstYearPassed));
      }
    }
    const yearlyDue = addMonths(latest.adoptedOn, YEARLY_GRACE_MONTHS);
    if (kind === 'welfare_report_yearly' && yearlyDue < today) {
      reasons.push('yearly');
      due.push(yearlyDue);
    }
  }
  const state: PlanState = reasons.length > 0 ? 'overdue' : 'current';
  const dueOn = due.length > 0 ? due.reduce((a, b) => (b < a ? b : a)) : null;
  return { kind, state, expected, needsAttention: state === 'overdue', reasons, dueOn, latest };
}

/** Every kind's state, in the order of the vocabulary. */
export function planStates<P extends PlanDates>(plans: readonly P[], today: string): KindState<P>[] {
  return planKinds.map((kind) => planState(plans, kind, today));
}

/** How many of a municipality's plans are missing (of the expected kinds) or overdue (of any kind). */
export function plansNeedingAttention(plans: readonly PlanDates[], today: string): number {
  return planStates(plans, today).filter((s) => s.needsAttention).length;
}
