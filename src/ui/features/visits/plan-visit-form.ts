// The plan-a-visit form's checks, as data the page shows inline and in a summary.
import type { Area } from '../../../shared/reference.ts';
import type { VisitMode } from '../../../shared/vocabulary.ts';
import { isoDateSchema } from '../../../shared/reference.ts';
import type { MessageKey, Params } from '../../i18n/index.ts';
import { attendeesFromRows, isNamelessRow, type Attendee, type AttendeeRow } from '../../common/attendees.ts';

export type PlanDraft = {
  municipalityId: string;
  /** Whose visit it is: the inspector planning it, or the one a coordinator names. */
  inspectorId: string;
  /** The areas the visit covers, in the order the form lists them. */
  areas: Area[];
  plannedDate: string;
  mode: VisitMode;
  diaryNumber: string;
  agenda: string;
  attendees: AttendeeRow[];
};

export type PlanField = 'municipality' | 'inspector' | 'area' | 'plannedDate' | `attendee-${number}`;
export type PlanError = { field: PlanField; key: MessageKey; params?: Params };

/**
 * What is wrong with the draft, in the order the fields appear. `hasTemplate` tells whether an area has
 * a checklist here; `worksIn`, whether the named inspector works in the municipality's region.
 */
export function validatePlan(draft: PlanDraft, hasTemplate: (area: Area) => boolean, worksIn: (inspectorId: string, municipalityId: string) => boolean): PlanError[] {
  const errors: PlanError[] = [];
  if (!draft.municipalityId) errors.push({ field: 'municipality', key: 'plan.error.municipality' });
  if (!draft.inspectorId) errors.push({ field: 'inspector', key: 'plan.error.inspector' });
  else if (draft.municipalityId && !worksIn(draft.inspectorId, draft.municipalityId)) errors.push({ field: 'inspector', key: 'plan.error.inspectorRegion' });
  if (draft.areas.length === 0) errors.push({ field: 'area', key: 'plan.error.area' });
  else if (!draft.areas.every(hasTemplate)) errors.push({ field: 'area', key: 'plan.error.noTemplate' });
  if (!draft.plannedDate) errors.push({ field: 'plannedDate', key: 'plan.error.date' });
  else if (!isoDateSchema.safeParse(draft.plannedDate).success) errors.push({ field: 'plannedDate', key: 'plan.error.dateInvalid' });
  draft.attendees.forEach((a, i) => {
    if (isNamelessRow(a)) errors.push({ field: `attendee-${a.key}`, key: 'plan.error.attendeeName', params: { n: i + 1 } });
  });
  return errors;
}

/** The attendees to store: rows left wholly empty are dropped, empty optional fields left out. */
export function attendeesOf(draft: PlanDraft): Attendee[] {
  return attendeesFromRows(draft.attendees);
}
