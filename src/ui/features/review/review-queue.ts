// The review list's groups: visits waiting for a coordinator first, then those back with the inspector,
// then the latest approvals.
import type { VisitCard } from '../../../db/visit-queries.ts';
import { areas, type Area } from '../../../shared/vocabulary.ts';

const RECENT_APPROVALS = 10;

type ReviewQueue = {
  /** Submitted, the longest waiting (earliest visit) first. */
  submitted: VisitCard[];
  /** Returned and not yet taken up again by the inspector, the earliest first. */
  returned: VisitCard[];
  /** The latest approvals, newest first, at most RECENT_APPROVALS. */
  approved: VisitCard[];
  approvedTotal: number;
};

const byDate = (a: VisitCard, b: VisitCard) => a.plannedDate.localeCompare(b.plannedDate) || a.id.localeCompare(b.id);

export function reviewQueue(visits: readonly VisitCard[]): ReviewQueue {
  const approved = visits
    .filter((v) => v.status === 'approved')
    .sort((a, b) => (b.approvedAt ?? b.plannedDate).localeCompare(a.approvedAt ?? a.plannedDate) || b.id.localeCompare(a.id));
  return {
    submitted: visits.filter((v) => v.status === 'submitted').sort(byDate),
    returned: visits.filter((v) => v.status === 'returned').sort(byDate),
    approved: approved.slice(0, RECENT_APPROVALS),
    approvedTotal: approved.length,
  };
}

/** The inbox's filters: one inspector's visits, one area's, or all (''). */
export type ReviewFilter = { inspectorId: string; area: Area | '' };

/** The visits the review list shows at all: those submitted, returned or approved. */
const inReview = (v: VisitCard) => v.status === 'submitted' || v.status === 'returned' || v.status === 'approved';

const matches = (v: VisitCard, f: ReviewFilter) => (f.inspectorId === '' || v.inspectorId === f.inspectorId) && (f.area === '' || v.areas.includes(f.area));

export function filterReviewVisits(visits: readonly VisitCard[], filter: ReviewFilter): VisitCard[] {
  return visits.filter((v) => matches(v, filter));
}

/**
 * Each filter's choices with how many visits of the list each would show, given the other filter's
 * choice (so a count is what choosing it gives): the inspectors of the visits in review, and the areas.
 */
export function reviewFilterCounts(
  visits: readonly VisitCard[],
  filter: ReviewFilter,
): { inspectors: Map<string, number>; allInspectors: number; areas: Map<Area, number>; allAreas: number; total: number } {
  const listed = visits.filter(inReview);
  const inspectors = new Map<string, number>();
  const byInspector = listed.filter((v) => matches(v, { ...filter, inspectorId: '' }));
  for (const v of byInspector) inspectors.set(v.inspectorId, (inspectors.get(v.inspectorId) ?? 0) + 1);
  // A chosen inspector stays a choice even when the other filter leaves none of theirs.
  if (filter.inspectorId !== '' && !inspectors.has(filter.inspectorId)) inspectors.set(filter.inspectorId, 0);
  const byArea = listed.filter((v) => matches(v, { ...filter, area: '' }));
  const areaCounts = new Map<Area, number>(areas.map((a) => [a, byArea.filter((v) => v.areas.includes(a)).length]));
  return { inspectors, allInspectors: byInspector.length, areas: areaCounts, allAreas: byArea.length, total: listed.length };
}
