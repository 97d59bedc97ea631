// The records users write and sync: contacts, visits, answers, observations, follow-ups (SYNC.md, "Entities").
import { z } from 'zod';
import { areaSchema, isoDateSchema, municipalityIdSchema, TEXT_ANSWER_MAX } from './reference.ts';
import { visitStatusSchema } from './workflow.ts';

/** Record ids made on the device are UUIDs (v7); reference data keeps natural ids. */
export const uuidSchema = z.uuid();
export const answerIdSchema = z.string().regex(/^[0-9a-f-]{36}:[A-Za-z0-9_-]{1,40}$/, 'an answer id `${visitId}:${itemId}`');

const line = (max = 200) => z.string().trim().min(1).max(max);
/** Optional text: absent, or null to clear it. */
const optionalText = (max: number) => z.string().max(max).nullish();

export const contactFieldsSchema = z.object({
  municipalityId: municipalityIdSchema,
  name: line(),
  title: optionalText(200),
  organisation: optionalText(200),
  areas: z.array(areaSchema).min(1).refine((a) => new Set(a).size === a.length, 'an area is listed twice'),
  email: z.email().max(254).nullish(),
  phone: z.string().regex(/^[+0-9 ()-]{5,30}$/, 'a phone number of digits, spaces, +, - and parentheses').nullish(),
  notes: optionalText(5000),
  active: z.boolean(),
});

export const attendeeSchema = z.object({
  name: line(),
  role: optionalText(200),
  organisation: optionalText(200),
});

export const visitFieldsSchema = z.object({
  municipalityId: municipalityIdSchema,
  templateId: z.string().min(1).max(40),
  inspectorId: z.string().min(1).max(64),
  plannedDate: isoDateSchema,
  status: visitStatusSchema,
  attendees: z.array(attendeeSchema).max(100).default([]),
  agenda: optionalText(10_000),
  summary: optionalText(20_000),
  returnReason: optionalText(10_000),
  reviewNote: optionalText(10_000),
  approvedAt: z.iso.datetime().nullish(),
  approvedBy: z.string().nullish(),
});

/** The value is checked against the template item's answer type where the template is known (see answerValueSchema). */
export const answerFieldsSchema = z.object({
  visitId: uuidSchema,
  itemId: z.string().min(1).max(40),
  value: z.union([z.string().max(TEXT_ANSWER_MAX), z.number().finite()]).nullable(),
  comment: optionalText(10_000),
  reviewComment: optionalText(10_000),
});

export const observationKinds = ['strength', 'note', 'concern', 'deficiency'] as const;
export const observationFieldsSchema = z.object({
  visitId: uuidSchema,
  itemId: z.string().min(1).max(40).nullish(),
  kind: z.enum(observationKinds),
  text: line(10_000),
});

export const followUpStatuses = ['open', 'done', 'dropped'] as const;
export const followUpFieldsSchema = z.object({
  visitId: uuidSchema,
  municipalityId: municipalityIdSchema,
  text: line(10_000),
  dueDate: isoDateSchema.nullish(),
  status: z.enum(followUpStatuses),
  legalShortcoming: z.boolean(),
});

export type ContactFields = z.infer<typeof contactFieldsSchema>;
export type VisitFields = z.infer<typeof visitFieldsSchema>;
export type AnswerFields = z.infer<typeof answerFieldsSchema>;
export type ObservationFields = z.infer<typeof observationFieldsSchema>;
export type FollowUpFields = z.infer<typeof followUpFieldsSchema>;
