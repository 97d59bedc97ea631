// The visit's workflow as data: its statuses, who may move a visit from which status to which. The
// write policy (policy.ts) reads these to decide who writes what in each status; ask it, not these, for rights.
import { z } from 'zod/mini';
import { roles, visitStatuses, type VisitStatus } from './vocabulary.ts';

export { roles, visitStatuses } from './vocabulary.ts';
export type { Role, VisitStatus } from './vocabulary.ts';

export const visitStatusSchema = z.enum(visitStatuses);
export const roleSchema = z.enum(roles);

type Transition = { from: VisitStatus; to: VisitStatus; by: 'inspector' | 'coordinator' };

export const visitTransitions: readonly Transition[] = [
  { from: 'planned', to: 'in_progress', by: 'inspector' },
  { from: 'in_progress', to: 'submitted', by: 'inspector' },
  { from: 'submitted', to: 'in_progress', by: 'inspector' }, // recall before review
  { from: 'returned', to: 'in_progress', by: 'inspector' },
  { from: 'planned', to: 'cancelled', by: 'inspector' },
  { from: 'in_progress', to: 'cancelled', by: 'inspector' },
  { from: 'submitted', to: 'approved', by: 'coordinator' },
  { from: 'submitted', to: 'returned', by: 'coordinator' },
];

/** Statuses a visit may be created in. */
export const createStatuses: readonly VisitStatus[] = ['planned', 'in_progress'];

/** Statuses in which the inspector may edit a visit and its answers, observations and follow-ups. */
export const inspectorEditable: readonly VisitStatus[] = ['planned', 'in_progress', 'returned'];

/** The status in which coordinators write review fields. */
export const reviewable: VisitStatus = 'submitted';

export function findTransition(from: VisitStatus, to: VisitStatus): Transition | undefined {
  return visitTransitions.find((t) => t.from === from && t.to === to);
}

/** The statuses the given role may move a visit to from `from`. */
export function nextStatuses(from: VisitStatus, by: Transition['by']): VisitStatus[] {
  return visitTransitions.filter((t) => t.from === from && t.by === by).map((t) => t.to);
}
