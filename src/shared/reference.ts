// Reference data (regions, municipalities, checklist templates) and the answer types of checklist items.
import { z } from 'zod/mini';
import { areas, languages, NOT_ASSESSED, type Area } from './vocabulary.ts';

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

export const areaSchema = z.enum(areas);
export type { Area };

const answerTypes = ['yes_partly_no_na', 'scale_1_5', 'number', 'date', 'text'] as const;
export const answerTypeSchema = z.enum(answerTypes);
export type AnswerType = z.infer<typeof answerTypeSchema>;

export const TEXT_ANSWER_MAX = 10_000;
const notAssessed = z.literal(NOT_ASSESSED);
export const isoDateSchema = z.iso.date();

/** The schema of a non-null answer value, by its item's answer type (SYNC.md). */
const answerValueSchemas = {
  yes_partly_no_na: z.enum(['yes', 'partly', 'no', NOT_ASSESSED]),
  scale_1_5: z.union([z.int().check(z.gte(1), z.lte(5)), notAssessed]),
  number: z.union([z.number().check(z.gte(0)), notAssessed]),
  date: z.union([isoDateSchema, notAssessed]),
  text: z.string().check(z.maxLength(TEXT_ANSWER_MAX)),
} satisfies Record<AnswerType, z.ZodMiniType>;

/** A value is `null` while unanswered; otherwise it must fit the item's type. */
export function answerValueSchema(type: AnswerType) {
  return z.nullable(answerValueSchemas[type]);
}

/** An item's or a section's id within its template. */
export const shortId = z.string().check(z.minLength(1), z.maxLength(40));

export const templateItemSchema = z.object({
  id: shortId,
  sectionId: shortId,
  question: text3Schema,
  answerType: answerTypeSchema,
  required: z._default(z.boolean(), true),
  basis: z.string().check(z.maxLength(500)),
  /** Where the item comes from: `sourced` (restates law or published criteria) or `drafted`, with notes. */
  provenance: z.optional(z.string().check(z.maxLength(300))),
});
export type TemplateItem = z.infer<typeof templateItemSchema>;

export const templateFieldsSchema = z
  .object({
    key: z.string().check(z.regex(/^[a-z]{2,20}$/)),
    revision: z.int().check(z.gte(1)),
    area: areaSchema,
    title: text3Schema,
    legalBasis: z.optional(z.string().check(z.maxLength(500))),
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
    });
  }));
export type TemplateFields = z.infer<typeof templateFieldsSchema>;
