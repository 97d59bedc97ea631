// The review list's groups: visits waiting for a coordinator first, then those back with the inspector,
// then the latest approvals.
import type { VisitCard } from '../../../db/visit-queries.ts';

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
