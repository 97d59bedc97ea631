// The domain's closed lists, and what needs nothing else, without zod: the app's first route (the shell
// and the visits list) imports these and no schema, so it loads no zod. reference.ts, workflow.ts and
// records.ts make their enums of these lists and export them again.

export const languages = ['fi', 'sv', 'en'] as const;
export type Language = (typeof languages)[number];

export const areas = ['substance', 'welfare', 'violence'] as const;
export type Area = (typeof areas)[number];

export const visitStatuses = ['planned', 'in_progress', 'submitted', 'returned', 'approved', 'cancelled'] as const;
export type VisitStatus = (typeof visitStatuses)[number];

export const roles = ['inspector', 'coordinator', 'admin'] as const;
export type Role = (typeof roles)[number];

export const observationKinds = ['strength', 'note', 'concern', 'deficiency'] as const;

/** An answer given as "not assessed", whatever the item's answer type. */
export const NOT_ASSESSED = 'not_assessed';

/** Whether a value (a select's, a stored one) is a member of the list. */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return (list as readonly unknown[]).includes(value);
}

/** Templates are versioned by key; a visit pins one revision, a new visit takes the latest. */
export function latestTemplate<T extends { key: string; revision: number; area: Area }>(templates: T[], area: Area): T | undefined {
  return templates.filter((t) => t.area === area).reduce<T | undefined>((best, t) => (!best || t.revision > best.revision ? t : best), undefined);
}
