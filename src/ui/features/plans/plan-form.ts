// The plan form's draft and its errors: the schema's issues (from savePlan) turned into one message per
// field, and the one rule the schema cannot see (a validity that ends before it begins).
import type { PlanInput } from '../../../db/plans.ts';
import type { LocalRecord } from '../../../db/database.ts';
import type { PlanKind } from '../../../shared/vocabulary.ts';
import type { MessageKey } from '../../i18n/index.ts';

export const planFormFields = ['kind', 'title', 'adoptedOn', 'adoptedBy', 'validFrom', 'validTo', 'nextRevisionDue', 'documentUrl', 'reviewVisitId', 'notes'] as const;
export type PlanFormField = (typeof planFormFields)[number];
export type PlanErrors = Partial<Record<PlanFormField, MessageKey>>;

/** A new plan's draft (of the kind given, all else empty) or a plan's as stored. */
export function planDraft(kind: PlanKind, plan?: LocalRecord<'plan'>): PlanInput {
  return {
    kind: plan?.kind ?? kind,
    title: plan?.title ?? '',
    adoptedOn: plan?.adoptedOn ?? '',
    adoptedBy: plan?.adoptedBy ?? '',
    validFrom: plan?.validFrom ?? '',
    validTo: plan?.validTo ?? '',
    nextRevisionDue: plan?.nextRevisionDue ?? '',
    documentUrl: plan?.documentUrl ?? '',
    reviewVisitId: plan?.reviewVisitId ?? '',
    notes: plan?.notes ?? '',
  };
}

const messages: Record<PlanFormField, MessageKey> = {
  kind: 'plans.error.kind',
  title: 'plans.error.tooLong',
  adoptedOn: 'plans.error.date',
  adoptedBy: 'plans.error.tooLong',
  validFrom: 'plans.error.date',
  validTo: 'plans.error.date',
  nextRevisionDue: 'plans.error.date',
  documentUrl: 'plans.error.documentUrl',
  reviewVisitId: 'plans.error.reviewVisit',
  notes: 'plans.error.tooLong',
};

/** Errors found before saving: a validity that ends before it begins (the schema takes each date alone). */
export function draftErrors(draft: PlanInput): PlanErrors {
  const from = draft.validFrom.trim();
  const to = draft.validTo.trim();
  return from !== '' && to !== '' && to < from ? { validTo: 'plans.error.validTo' } : {};
}

/** One message per field the schema found wrong; the first issue of a field counts. */
export function planErrors(issues: readonly { path: readonly (string | number)[] }[]): PlanErrors {
  const errors: PlanErrors = {};
  for (const issue of issues) {
    const field = planFormFields.find((f) => f === issue.path[0]);
    if (field && !errors[field]) errors[field] = messages[field];
  }
  return errors;
}

/** The name a plan goes by in messages: its title, else its kind's name. */
export function planName(plan: Pick<LocalRecord<'plan'>, 'kind' | 'title'>, kindName: (kind: PlanKind) => string): string {
  return plan.title?.trim() || kindName(plan.kind);
}
