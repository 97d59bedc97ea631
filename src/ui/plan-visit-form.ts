// The plan-a-visit form's checks, as data the page shows inline and in a summary.
import type { Area } from '../shared/reference.ts';
import { isoDateSchema } from '../shared/reference.ts';
import type { MessageKey, Params } from './i18n/index.ts';

export type PlanDraft = {
  municipalityId: string;
  area: Area | '';
  plannedDate: string;
  agenda: string;
  attendees: { key: number; name: string; role: string; organisation: string }[];
};

export type PlanField = 'municipality' | 'area' | 'plannedDate' | `attendee-${number}`;
export type PlanError = { field: PlanField; key: MessageKey; params?: Params };

/** What is wrong with the draft, in the order the fields appear. `hasTemplate` tells whether an area has a checklist here. */
export function validatePlan(draft: PlanDraft, hasTemplate: (area: Area) => boolean): PlanError[] {
  const errors: PlanError[] = [];
  if (!draft.municipalityId) errors.push({ field: 'municipality', key: 'plan.error.municipality' });
  if (!draft.area) errors.push({ field: 'area', key: 'plan.error.area' });
  else if (!hasTemplate(draft.area)) errors.push({ field: 'area', key: 'plan.error.noTemplate' });
  if (!draft.plannedDate) errors.push({ field: 'plannedDate', key: 'plan.error.date' });
  else if (!isoDateSchema.safeParse(draft.plannedDate).success) errors.push({ field: 'plannedDate', key: 'plan.error.dateInvalid' });
  draft.attendees.forEach((a, i) => {
    if (isNamelessRow(a)) errors.push({ field: `attendee-${a.key}`, key: 'plan.error.attendeeName', params: { n: i + 1 } });
  });
  return errors;
}

export type AttendeeRow = PlanDraft['attendees'][number];
export type Attendee = { name: string; role?: string; organisation?: string };

/** The attendees to store: rows left wholly empty are dropped, empty optional fields left out. */
export function attendeesOf(draft: PlanDraft): Attendee[] {
  return attendeesFromRows(draft.attendees);
}

/** A row with a role or organisation but no name: it cannot be stored (an attendee needs a name). */
export function isNamelessRow(row: AttendeeRow): boolean {
  return row.name.trim() === '' && (row.role.trim() !== '' || row.organisation.trim() !== '');
}

export function attendeesFromRows(rows: readonly AttendeeRow[]): Attendee[] {
  return rows
    .filter((a) => a.name.trim() !== '')
    .map((a) => ({
      name: a.name.trim(),
      ...(a.role.trim() ? { role: a.role.trim() } : {}),
      ...(a.organisation.trim() ? { organisation: a.organisation.trim() } : {}),
    }));
}
