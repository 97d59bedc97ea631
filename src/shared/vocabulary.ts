// The domain's closed lists, and what needs nothing else, without zod: the app's first route (the shell
// and the visits list) imports these and no schema, so it loads no zod. reference.ts, workflow.ts and
// records.ts make their enums of these lists and export them again.

export const languages = ['fi', 'sv', 'en'] as const;
export type Language = (typeof languages)[number];

/** The areas a visit's templates cover: the three supervision areas and the review of plans. */
export const areas = ['substance', 'welfare', 'violence', 'planning'] as const;
export type Area = (typeof areas)[number];
/** The statutory supervision areas, each with a contact person in every municipality (`planning` has none). */
export const supervisionAreas = ['substance', 'welfare', 'violence'] as const satisfies readonly Area[];
export type SupervisionArea = (typeof supervisionAreas)[number];

export const visitModes = ['on_site', 'remote'] as const;
export type VisitMode = (typeof visitModes)[number];
/** A visit covers one to this many templates, each of another area. */
export const MAX_VISIT_TEMPLATES = 4;

export const visitStatuses = ['planned', 'in_progress', 'submitted', 'returned', 'approved', 'cancelled'] as const;
export type VisitStatus = (typeof visitStatuses)[number];

export const roles = ['inspector', 'coordinator', 'admin'] as const;
export type Role = (typeof roles)[number];

export const observationKinds = ['strength', 'note', 'concern', 'deficiency'] as const;
/** The kinds of file a visit's attachment may hold: photos (shrunk on the device) and documents. */
export const attachmentTypes = ['image/jpeg', 'image/webp', 'image/png', 'application/pdf'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];
/** The largest attachment the server takes by default (`BLOB_MAX_BYTES`): 15 MiB. */
export const BLOB_MAX_BYTES_DEFAULT = 15 * 1024 * 1024;
/** A network event's kind: a meeting of the contact network, a training, or a cooperation meeting. */
export const meetingKinds = ['network', 'training', 'cooperation'] as const;
export const meetingStatuses = ['planned', 'held', 'cancelled'] as const;
/** How guidance between visits was given. */
export const guidanceChannels = ['phone', 'email', 'meeting', 'statement', 'other'] as const;
export const followUpStatuses = ['open', 'done', 'dropped'] as const;
/**
 * A municipality's statutory or recorded plans: the welfare report and plan (once per council term), the
 * yearly welfare report, the substance policy plan, the plan against violence in close relationships and
 * the safety plan.
 */
export const planKinds = ['welfare_plan', 'welfare_report_yearly', 'substance_policy', 'violence_prevention', 'safety'] as const;
export type PlanKind = (typeof planKinds)[number];
/** A community readiness assessment is a draft until finalised; a finalised one is locked. */
export const assessmentStatuses = ['draft', 'finalised'] as const;
/** The sector a readiness interview's key informant speaks from (their role, not their name, is kept). */
export const informantSectors = ['leadership', 'social_health', 'education', 'youth_work', 'police', 'business', 'ngo', 'parish', 'media', 'other'] as const;
export type InformantSector = (typeof informantSectors)[number];
/** The Community Readiness Model's six dimensions (src/shared/crm.json). */
export const readinessDimensions = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type ReadinessDimension = (typeof readinessDimensions)[number];
/** Scorers who rate each interview independently before they agree its consensus (the model's rule), and the most an assessment names. */
export const MIN_SCORERS = 2;
export const MAX_SCORERS = 6;

/** An answer given as "not assessed", whatever the item's answer type. */
export const NOT_ASSESSED = 'not_assessed';

/** Whether a value (a select's, a stored one) is a member of the list. */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return (list as readonly unknown[]).includes(value);
}

/** Templates are versioned by key; a visit pins one revision per area, a new visit takes the latest. */
export function latestTemplate<T extends { key: string; revision: number; area: Area; superseded?: boolean | undefined }>(
  templates: readonly T[],
  area: Area,
): T | undefined {
  return templates
    .filter((t) => t.area === area && !t.superseded)
    .reduce<T | undefined>((best, t) => (!best || t.revision > best.revision ? t : best), undefined);
}
