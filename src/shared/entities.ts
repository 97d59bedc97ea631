// The synced entities as data: each one's field schema, its fixed fields, who writes which field,
// and the wire record that wraps the fields (id, version, deleted, server stamps).
import { z } from 'zod/mini';
import { municipalityFieldsSchema, municipalityIdSchema, regionFieldsSchema, regionIdSchema, templateFieldsSchema } from './reference.ts';
import {
  agencyFieldsSchema,
  answerFieldsSchema,
  answerIdSchema,
  attachmentFieldsSchema,
  contactFieldsSchema,
  followUpFieldsSchema,
  guidanceFieldsSchema,
  meetingFieldsSchema,
  observationFieldsSchema,
  planFieldsSchema,
  assessmentFieldsSchema,
  interviewFieldsSchema,
  readinessScoreFieldsSchema,
  readinessScoreIdSchema,
  uuidSchema,
  visitFieldsSchema,
} from './records.ts';

export const entityNames = ['region', 'municipality', 'template', 'agency', 'contact', 'visit', 'answer', 'observation', 'followUp', 'meeting', 'guidance', 'plan', 'assessment', 'interview', 'readinessScore', 'attachment'] as const;
export const entityNameSchema = z.enum(entityNames);
export type EntityName = z.infer<typeof entityNameSchema>;

/** Written by admins alone and seen by everyone: reference data and the agency's settings. */
export const referenceEntities = ['region', 'municipality', 'template', 'agency'] as const satisfies readonly EntityName[];

/** Field schemas of a whole record: a create must satisfy them; an edit's merged result too. */
export const entityFieldSchemas = {
  region: regionFieldsSchema,
  municipality: municipalityFieldsSchema,
  template: templateFieldsSchema,
  agency: agencyFieldsSchema,
  contact: contactFieldsSchema,
  visit: visitFieldsSchema,
  answer: answerFieldsSchema,
  observation: observationFieldsSchema,
  followUp: followUpFieldsSchema,
  meeting: meetingFieldsSchema,
  guidance: guidanceFieldsSchema,
  plan: planFieldsSchema,
  assessment: assessmentFieldsSchema,
  interview: interviewFieldsSchema,
  readinessScore: readinessScoreFieldsSchema,
  attachment: attachmentFieldsSchema,
} as const;

export type EntityFields = { [E in EntityName]: z.infer<(typeof entityFieldSchemas)[E]> };

/** The id of the agency record the app reads and writes (the protocol takes any natural id). */
export const AGENCY_ID = 'agency';

/** A template's natural id, such as `ept-v1`. */
export const templateIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a template id such as ept-v2'));

/**
 * Record ids (SYNC.md, "Identities"): made on the device, a UUID in lowercase; an answer's,
 * `${visitId}:${itemId}`; reference data keeps natural ids, never with control, path or non-ASCII characters.
 */
export const recordIdSchemas: Record<EntityName, z.ZodMiniType<string>> = {
  region: regionIdSchema,
  municipality: municipalityIdSchema,
  template: templateIdSchema,
  agency: regionIdSchema,
  contact: uuidSchema,
  visit: uuidSchema,
  answer: answerIdSchema,
  observation: uuidSchema,
  followUp: uuidSchema,
  meeting: uuidSchema,
  guidance: uuidSchema,
  plan: uuidSchema,
  assessment: uuidSchema,
  interview: uuidSchema,
  readinessScore: readinessScoreIdSchema,
  attachment: uuidSchema,
};

/** Fields that cannot change once a record is created (`IMMUTABLE`). */
export const fixedFields: Record<EntityName, readonly string[]> = {
  region: [],
  municipality: [],
  template: ['key', 'revision', 'area', 'sections', 'items'],
  agency: [],
  contact: ['municipalityId'],
  visit: ['municipalityId', 'templateIds', 'inspectorId'],
  answer: ['visitId', 'itemId'],
  observation: ['visitId'],
  followUp: ['visitId', 'municipalityId'],
  meeting: ['regionId'],
  guidance: ['municipalityId'],
  plan: ['municipalityId'],
  assessment: ['municipalityId', 'area'],
  interview: ['assessmentId'],
  readinessScore: ['assessmentId', 'interviewId', 'scorerId'],
  attachment: ['visitId', 'sha256', 'thumbSha256', 'mediaType', 'bytes'],
};

/** Fields only the server sets; a client sending them is rejected `FIELD_NOT_OWNED`. */
export const serverFields: Partial<Record<EntityName, readonly string[]>> = {
  visit: ['approvedAt', 'approvedBy'],
  assessment: ['finalisedAt', 'finalisedBy'],
};

/** Fields coordinators write on a visit's records; every other field of a visit record is the inspector's. */
export const reviewFields: Partial<Record<EntityName, readonly string[]>> = {
  visit: ['returnReason', 'reviewNote'],
  answer: ['reviewComment'],
};

/** Follow-up fields coordinators of the region may also write, in every visit state. */
export const coordinatorFollowUpFields: readonly string[] = ['status', 'dueDate'];

export const serverStampsSchema = z.object({
  id: z.string().check(z.minLength(1)),
  version: z.int().check(z.gte(0)),
  deleted: z.boolean(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});
export type ServerStamps = z.infer<typeof serverStampsSchema>;
