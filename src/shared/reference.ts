// Reference data (regions, municipalities, checklist templates) and the answer types of checklist items.
import { z } from 'zod/mini';
import { areas, languages, NOT_ASSESSED, supervisionAreas, type Area } from './vocabulary.ts';

export { areas, latestTemplate, NOT_ASSESSED } from './vocabulary.ts';

export const languageSchema = z.enum(languages);
export type Language = z.infer<typeof languageSchema>;

const label = z.string().check(z.trim(), z.minLength(1), z.maxLength(500));
export const text3Schema = z.object({ fi: label, sv: label, en: label });
export type Text3 = z.infer<typeof text3Schema>;
const text2Schema = z.object({ fi: label, sv: label });

export const regionIdSchema = z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'a region id such as avi-1'));
export const municipalityIdSchema = z.string().check(z.regex(/^\d{3}$/, 'a three-digit municipality code'));

export const regionFieldsSchema = z.object({
  name: text3Schema,
  abbr: z.optional(z.string().check(z.maxLength(20))),
});

export const municipalityFieldsSchema = z.object({
  name: text2Schema,
  regionId: regionIdSchema,
  province: z.object({ code: z.string().check(z.regex(/^\d{2}$/)), fi: label, sv: label }),
});

const areaSchema = z.enum(areas);
export const supervisionAreaSchema = z.enum(supervisionAreas);
export type { Area };

/**
 * Answer types. Format 2 (SYNC.md, "Version 2"): `scale` (the item's own min, max and anchors) and
 * `choices`; `scale_1_5` lives on only in the revision-1 templates, for the visits made on them.
 */
const answerTypes = ['yes_partly_no_na', 'scale', 'scale_1_5', 'number', 'date', 'text', 'choices'] as const;
const answerTypeSchema = z.enum(answerTypes);
type AnswerType = z.infer<typeof answerTypeSchema>;
const detailTypes = ['text', 'date', 'number', 'choices'] as const;

export const TEXT_ANSWER_MAX = 10_000;
export const isoDateSchema = z.iso.date();
const notAssessed = z.literal(NOT_ASSESSED);

/** An item's or a section's id within its template. */
export const shortId = z.string().check(z.minLength(1), z.maxLength(40));
/** A detail's id (lowerCamelCase) or an option's. */
const keyId = z.string().check(z.regex(/^[a-z][A-Za-z0-9_]{0,39}$/, 'an id of letters, digits and _'));

const optionSchema = z.object({ id: keyId, label: text3Schema });
/** A number's bounds and unit; revision 1's numbers have no unit and start at 0. */
const numberRules = {
  unit: z.optional(text3Schema),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  integer: z.optional(z.boolean()),
};

/** A typed sub-field asked with an item's answer when the answer is one of `showWhen` (format 2). */
export const templateDetailSchema = z.object({
  id: keyId,
  answerType: z.enum(detailTypes),
  label: text3Schema,
  ...numberRules,
  options: z.optional(z.array(optionSchema).check(z.minLength(1))),
  /** Main answers (or option ids) for which the detail is asked; `answered`: any answer but not assessed. */
  showWhen: z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.minLength(1)),
});
export type TemplateDetail = z.infer<typeof templateDetailSchema>;

const basisText = z.string().check(z.maxLength(1000));

export const templateItemSchema = z.object({
  id: shortId,
  sectionId: shortId,
  question: text3Schema,
  help: z.optional(text3Schema),
  answerType: answerTypeSchema,
  required: z._default(z.boolean(), true),
  /** A "no" (or "partly") means a legal duty is not met; only on yes/partly/no items. */
  statutory: z._default(z.boolean(), false),
  ...numberRules,
  anchors: z.optional(z.array(z.object({ value: z.int(), label: text3Schema })).check(z.minLength(2))),
  options: z.optional(z.array(optionSchema).check(z.minLength(1))),
  details: z.optional(z.array(templateDetailSchema).check(z.maxLength(10))),
  /** Main answers for which a comment is needed before the visit can be submitted. */
  commentRequiredWhen: z.optional(z.array(z.union([z.string().check(z.minLength(1), z.maxLength(40)), z.int()]))),
  /** The basis in each language (format 2), or revision 1's plain English note. */
  basis: z.union([text3Schema, basisText]),
  basisUrl: z.optional(z.object({ fi: z.url(), sv: z.url() })),
  /** The item of the same meaning in the revision this one replaces. */
  sameAs: z.optional(shortId),
  /** Where the item comes from (revision 1), kept for maintainers, never shown. */
  provenance: z.optional(z.string().check(z.maxLength(300))),
});
export type TemplateItem = z.infer<typeof templateItemSchema>;

const typeRules: Record<AnswerType, (item: TemplateItem) => string | undefined> = {
  yes_partly_no_na: () => undefined,
  scale: (i) => (i.min === undefined || i.max === undefined || !Number.isInteger(i.min) || !Number.isInteger(i.max) || i.min >= i.max ? 'a scale needs integer min < max' : undefined),
  scale_1_5: () => undefined,
  number: (i) => (i.min !== undefined && i.max !== undefined && i.min > i.max ? 'min is above max' : undefined),
  date: () => undefined,
  text: () => undefined,
  choices: (i) => (!i.options ? 'choices need options' : new Set(i.options.map((o) => o.id)).size !== i.options.length ? 'an option id is used twice' : undefined),
};

export const templateFieldsSchema = z
  .object({
    key: z.string().check(z.regex(/^[a-z]{2,20}$/)),
    revision: z.int().check(z.gte(1)),
    area: areaSchema,
    title: text3Schema,
    legalBasis: z.optional(z.union([text3Schema, basisText])),
    /** The revision this one succeeds. */
    replaces: z.optional(z.string().check(z.maxLength(40))),
    /** Every revision but the latest of its key: kept so the visits made on it still open and print. */
    superseded: z.optional(z.boolean()),
    sections: z.array(z.object({ id: shortId, title: text3Schema })).check(z.minLength(1)),
    items: z.array(templateItemSchema).check(z.minLength(1)),
  })
  .check(z.superRefine((t, ctx) => {
    const sections = new Set(t.sections.map((s) => s.id));
    const seen = new Set<string>();
    t.items.forEach((item, i) => {
      if (!sections.has(item.sectionId)) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'sectionId'], message: `no section "${item.sectionId}"` });
      }
      if (seen.has(item.id)) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `item id "${item.id}" is used twice` });
      }
      seen.add(item.id);
      const problem = typeRules[item.answerType](item);
      if (problem) ctx.addIssue({ code: 'custom', path: ['items', i], message: problem });
    });
  }));
export type TemplateFields = z.infer<typeof templateFieldsSchema>;

/** The text of a basis or legal basis in the user's language (revision 1's is English only). */
export function basisIn(basis: TemplateItem['basis'] | TemplateFields['legalBasis'], lang: Language): string {
  if (basis === undefined) return '';
  return typeof basis === 'string' ? basis : basis[lang];
}

type NumberRules = Pick<TemplateItem, 'min' | 'max' | 'integer'>;
function numberSchema(rules: NumberRules, legacy: boolean) {
  const min = rules.min ?? (legacy ? 0 : undefined);
  return z.number().check(
    z.refine((n) => Number.isFinite(n), 'a finite number'),
    z.refine((n) => min === undefined || n >= min, `at least ${min}`),
    z.refine((n) => rules.max === undefined || n <= rules.max, `at most ${rules.max}`),
    z.refine((n) => !rules.integer || Number.isInteger(n), 'a whole number'),
  );
}

function choicesSchema(options: readonly { id: string }[]) {
  const ids = options.map((o) => o.id);
  return z.array(z.string()).check(
    z.refine((list) => list.every((v) => ids.includes(v)), `options of the item: ${ids.join(', ')}`),
    z.refine((list) => new Set(list).size === list.length, 'an option is chosen twice'),
  );
}

/** The schema of a non-null answer value for its item (SYNC.md, "Version 2"). */
function valueSchema(item: TemplateItem): z.ZodMiniType {
  switch (item.answerType) {
    case 'yes_partly_no_na':
      return z.enum(['yes', 'partly', 'no', NOT_ASSESSED]);
    case 'scale':
      return z.union([z.int().check(z.gte(item.min ?? 1), z.lte(item.max ?? 5)), notAssessed]);
    case 'scale_1_5':
      return z.union([z.int().check(z.gte(1), z.lte(5)), notAssessed]);
    case 'number':
      return z.union([numberSchema(item, item.unit === undefined), notAssessed]);
    case 'date':
      return z.union([isoDateSchema, notAssessed]);
    case 'text':
      return z.string().check(z.maxLength(TEXT_ANSWER_MAX));
    case 'choices':
      return z.union([choicesSchema(item.options ?? []), notAssessed]);
  }
}

/** A value is `null` while unanswered (or cleared); otherwise it must fit its item. */
export function answerValueSchema(item: TemplateItem): z.ZodMiniType {
  return z.nullable(valueSchema(item));
}

function detailValueSchema(detail: TemplateDetail): z.ZodMiniType {
  switch (detail.answerType) {
    case 'text':
      return z.string().check(z.maxLength(TEXT_ANSWER_MAX));
    case 'date':
      return isoDateSchema;
    case 'number':
      return numberSchema(detail, false);
    case 'choices':
      return choicesSchema(detail.options ?? []);
  }
}

/** An answer's details: an object from the item's detail ids to values of their types; nothing else. */
export function answerDetailsSchema(item: TemplateItem): z.ZodMiniType {
  const details = item.details ?? [];
  return z.nullish(z.strictObject(Object.fromEntries(details.map((d) => [d.id, z.optional(detailValueSchema(d))]))));
}

/** Whether a detail is asked for this main answer (its `showWhen`). */
export function detailShown(detail: Pick<TemplateDetail, 'showWhen'>, value: unknown): boolean {
  if (value === null || value === undefined || value === NOT_ASSESSED) return false;
  if (detail.showWhen.includes('answered')) return true;
  const given = Array.isArray(value) ? value.map(String) : [String(value)];
  return given.some((v) => detail.showWhen.includes(v));
}

/** Whether the item needs a comment for this answer before the visit is submitted (`commentRequiredWhen`). */
export function commentRequired(item: Pick<TemplateItem, 'commentRequiredWhen'>, value: unknown): boolean {
  if (value === null || value === undefined || !item.commentRequiredWhen) return false;
  const given = Array.isArray(value) ? value : [value];
  return given.some((v) => item.commentRequiredWhen!.some((w) => w === v));
}
