// The records users write and sync: contacts, visits, answers, observations, follow-ups, the network's
// meetings, the guidance given between visits, the municipalities' plans and community readiness
// assessments (SYNC.md, "Entities").
import { z } from 'zod/mini';
import { isoDateSchema, municipalityIdSchema, regionIdSchema, shortId, supervisionAreaSchema, text3Schema, TEXT_ANSWER_MAX } from './reference.ts';
import { visitStatusSchema } from './workflow.ts';
import {
  assessmentStatuses,
  attachmentTypes,
  followUpStatuses,
  guidanceChannels,
  informantSectors,
  MAX_SCORERS,
  MIN_SCORERS,
  MAX_VISIT_TEMPLATES,
  meetingKinds,
  meetingStatuses,
  observationKinds,
  planKinds,
  readinessDimensions,
  visitModes,
} from './vocabulary.ts';

/**
 * Record ids made on the device are UUIDs (v7) in canonical lowercase form: an id is compared as text
 * everywhere (IndexedDB keys, SQLite), so one record must have one spelling.
 */
export const uuidSchema = z.uuid().check(z.lowercase('a UUID in lowercase'));
/** An answer's id: its visit's id and its item's, so two devices answering one item write one record. */
export const answerIdSchema = z.string().check(
  z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[A-Za-z0-9_-]{1,40}$/, 'an answer id `${visitId}:${itemId}`'),
);

const line = (max = 200) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** Optional text: absent, or null to clear it. */
const optionalText = (max: number) => z.nullish(z.string().check(z.maxLength(max)));
/** Areas a contact, meeting or guidance entry concerns: at least one, each once. */
const supervisionAreasSchema = z.array(supervisionAreaSchema).check(
  z.minLength(1),
  z.refine((a) => new Set(a).size === a.length, 'an area is listed twice'),
);

export const contactFieldsSchema = z.object({
  municipalityId: municipalityIdSchema,
  name: line(),
  title: optionalText(200),
  organisation: optionalText(200),
  areas: supervisionAreasSchema,
  email: z.nullish(z.email().check(z.maxLength(254))),
  phone: z.nullish(z.string().check(z.regex(/^[+0-9 ()-]{5,30}$/, 'a phone number of digits, spaces, +, - and parentheses'))),
  notes: optionalText(5000),
  active: z.boolean(),
  /** The day the entry was last confirmed current: on creation, on an edit, or "still current" (YYYY-MM-DD). */
  confirmedAt: z.nullish(isoDateSchema),
});

const attendeeSchema = z.object({
  name: line(),
  role: optionalText(200),
  organisation: optionalText(200),
});

export const visitFieldsSchema = z.object({
  municipalityId: municipalityIdSchema,
  /** One template per area the visit covers (their areas distinct), each the latest when it was planned. */
  templateIds: z
    .array(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a template id such as ept-v2')))
    .check(
      z.minLength(1),
      z.maxLength(MAX_VISIT_TEMPLATES),
      z.refine((ids) => new Set(ids).size === ids.length, 'a template is listed twice'),
    ),
  /** The agency's case (diary) number. */
  diaryNumber: z.nullish(z.string().check(z.trim(), z.maxLength(40))),
  mode: z._default(z.enum(visitModes), 'on_site'),
  inspectorId: z.string().check(z.minLength(1), z.maxLength(64)),
  plannedDate: isoDateSchema,
  status: visitStatusSchema,
  attendees: z._default(z.array(attendeeSchema).check(z.maxLength(100)), []),
  agenda: optionalText(10_000),
  summary: optionalText(20_000),
  returnReason: optionalText(10_000),
  reviewNote: optionalText(10_000),
  approvedAt: z.nullish(z.iso.datetime()),
  approvedBy: z.nullish(z.string()),
});

/** A detail's value: text, a date, a number or the chosen option ids (checked against the item as the value is). */
const detailValue = z.union([z.string().check(z.maxLength(TEXT_ANSWER_MAX)), z.number(), z.array(z.string().check(z.maxLength(40))).check(z.maxLength(100))]);

/**
 * The value and details are checked against the template item where the template is known (see
 * answerValueSchema and answerDetailsSchema in reference.ts); here only their shapes.
 */
export const answerFieldsSchema = z.object({
  visitId: uuidSchema,
  itemId: shortId,
  value: z.nullable(z.union([z.string().check(z.maxLength(TEXT_ANSWER_MAX)), z.number(), z.array(z.string().check(z.maxLength(40))).check(z.maxLength(100))])),
  details: z.nullish(z.record(z.string().check(z.regex(/^[a-z][A-Za-z0-9_]{0,39}$/)), detailValue)),
  comment: optionalText(10_000),
  reviewComment: optionalText(10_000),
});

export { observationKinds };
export const observationFieldsSchema = z.object({
  visitId: uuidSchema,
  itemId: z.nullish(shortId),
  kind: z.enum(observationKinds),
  text: line(10_000),
});

/** A blob's name: the SHA-256 of its bytes, in lowercase hex. */
export const sha256Schema = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex'));

/**
 * A photo or document attached to a visit, to one of its observations or to one of its items: a record
 * that names its file by the file's SHA-256; the bytes travel apart (SYNC.md, "Attachments").
 */
export const attachmentFieldsSchema = z.object({
  visitId: uuidSchema,
  observationId: z.nullish(uuidSchema),
  itemId: z.nullish(shortId),
  sha256: sha256Schema,
  /** A photo's small copy (longest side 320 px, JPEG), a blob of its own, for lists on devices that lack the photo. */
  thumbSha256: z.nullish(sha256Schema),
  mediaType: z.enum(attachmentTypes),
  /** The file's size; the server checks it against the blob it holds. */
  bytes: z.int().check(z.gte(1), z.lte(1024 * 1024 * 1024)),
  caption: optionalText(1000),
  fileName: optionalText(255),
});

export const followUpFieldsSchema = z.object({
  visitId: uuidSchema,
  municipalityId: municipalityIdSchema,
  text: line(10_000),
  dueDate: z.nullish(isoDateSchema),
  status: z.enum(followUpStatuses),
  legalShortcoming: z.boolean(),
});

/** Contact persons named by id, each once. */
const contactIdsSchema = (max: number) =>
  z.array(uuidSchema).check(
    z.maxLength(max),
    z.refine((ids) => new Set(ids).size === ids.length, 'a contact is listed twice'),
  );
/** A time of day, HH:MM, 24-hour. */
const timeSchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM'));
/** A link people open: http or https only (never javascript: or data:). */
const webLinkSchema = z.url({ protocol: /^https?$/, hostname: /.+/ }).check(z.maxLength(2000));

/**
 * A meeting of the region's contact network, a training or a cooperation meeting: planned, then held
 * (who came recorded) or cancelled. `invited` and `attended` name contact persons; guests not in the
 * directory are counted per municipality.
 */
export const meetingFieldsSchema = z.object({
  regionId: regionIdSchema,
  title: line(200),
  kind: z.enum(meetingKinds),
  areas: supervisionAreasSchema,
  date: isoDateSchema,
  startTime: z.nullish(timeSchema),
  endTime: z.nullish(timeSchema),
  place: optionalText(300),
  onlineLink: z.nullish(webLinkSchema),
  agenda: optionalText(10_000),
  status: z.enum(meetingStatuses),
  invited: contactIdsSchema(2000),
  attended: contactIdsSchema(2000),
  guests: z.array(z.object({ municipalityId: municipalityIdSchema, count: z.int().check(z.gte(1), z.lte(500)), names: optionalText(1000) })).check(
    z.maxLength(400),
    z.refine((g) => new Set(g.map((x) => x.municipalityId)).size === g.length, 'a municipality’s guests are listed twice'),
  ),
  minutes: optionalText(20_000),
  materials: z.array(z.object({ title: line(200), url: webLinkSchema })).check(z.maxLength(50)),
});

/**
 * Guidance given to a municipality between visits (a call, an email, a statement, a short meeting),
 * with the follow-up agreed, if any, which the region's follow-up register lists beside the visits'.
 */
export const guidanceFieldsSchema = z.object({
  municipalityId: municipalityIdSchema,
  date: isoDateSchema,
  channel: z.enum(guidanceChannels),
  areas: supervisionAreasSchema,
  topic: line(300),
  contactIds: contactIdsSchema(50),
  notes: optionalText(10_000),
  followUpText: optionalText(10_000),
  followUpDue: z.nullish(isoDateSchema),
  followUpStatus: z.nullish(z.enum(followUpStatuses)),
});

/**
 * A municipality's plan (the welfare report and plan, the yearly welfare report, the substance policy,
 * violence prevention or safety plan): when and by which body it was adopted, its period, the next
 * revision due, a link to the document, and the visit that reviewed it with the plan-v1 checklist.
 */
export const planFieldsSchema = z.object({
  municipalityId: municipalityIdSchema,
  kind: z.enum(planKinds),
  title: optionalText(300),
  adoptedOn: z.nullish(isoDateSchema),
  adoptedBy: optionalText(200),
  validFrom: z.nullish(isoDateSchema),
  validTo: z.nullish(isoDateSchema),
  nextRevisionDue: z.nullish(isoDateSchema),
  documentUrl: z.nullish(webLinkSchema),
  reviewVisitId: z.nullish(uuidSchema),
  notes: optionalText(10_000),
});

/** A user's id, as the server makes them (a UUID). */
const userIdSchema = z.string().check(z.minLength(1), z.maxLength(64));
/** A readiness score of an interview's dimension: a whole stage, 1 to 9. */
const stageScoreSchema = z.int().check(z.gte(1), z.lte(9));
/** Scores per dimension (A–F), each 1–9 or not given yet (absent or null). */
const dimensionScoresSchema = z.object(
  Object.fromEntries(readinessDimensions.map((d) => [d, z.nullish(stageScoreSchema)])) as Record<(typeof readinessDimensions)[number], z.ZodMiniOptional<z.ZodMiniNullable<typeof stageScoreSchema>>>,
);

/**
 * A community readiness assessment of a municipality in one area, on one issue: the colleagues who
 * score its interviews (at least two, each once), draft until finalised (SYNC.md, "Readiness").
 */
export const assessmentFieldsSchema = z.object({
  municipalityId: municipalityIdSchema,
  area: supervisionAreaSchema,
  /** The issue assessed, as the community would name it ("young people's alcohol use"). */
  issue: line(300),
  scorerIds: z.array(userIdSchema).check(
    z.minLength(MIN_SCORERS, 'at least two scorers'),
    z.maxLength(MAX_SCORERS),
    z.refine((ids) => new Set(ids).size === ids.length, 'a scorer is listed twice'),
  ),
  status: z.enum(assessmentStatuses),
  notes: optionalText(10_000),
  finalisedAt: z.nullish(z.iso.datetime()),
  finalisedBy: z.nullish(userIdSchema),
});

/** One key-informant interview of an assessment: who spoke (their role and sector, no name), when, and the scorers' consensus. */
export const interviewFieldsSchema = z.object({
  assessmentId: uuidSchema,
  role: line(200),
  sector: z.enum(informantSectors),
  date: isoDateSchema,
  /** The scorers' agreed scores, set once every scorer's own are in. */
  consensus: z.nullish(dimensionScoresSchema),
  notes: optionalText(10_000),
});

/** A readiness score's id: its interview's and its scorer's, so each scorer has one score sheet per interview. */
export const readinessScoreIdSchema = z.string().check(
  z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[A-Za-z0-9_-]{1,64}$/, 'a score id `${interviewId}:${scorerId}`'),
);

/**
 * One scorer's own scores of one interview, seen by nobody else until every scorer of the assessment has
 * marked theirs done for that interview (the server withholds them: SYNC.md, "Readiness").
 */
export const readinessScoreFieldsSchema = z.object({
  assessmentId: uuidSchema,
  interviewId: uuidSchema,
  scorerId: userIdSchema,
  scores: dimensionScoresSchema,
  done: z.boolean(),
});

/** The largest logo kept, as a data URL: about 150 kB of image, enough for a crisp logo on an A4 page. */
export const LOGO_MAX_CHARS = 200_000;
export const logoTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;

/**
 * The agency the reports speak for (one record, id `agency`): its name in each language and its logo,
 * set by an admin. Deployment-wide, so every region's reports carry it.
 */
export const agencyFieldsSchema = z.object({
  name: text3Schema,
  logo: z.nullish(
    z.string().check(
      z.maxLength(LOGO_MAX_CHARS),
      z.regex(/^data:image\/(png|jpeg|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$/, 'a PNG, JPEG, WebP or SVG image as a base64 data URL'),
    ),
  ),
});

export type ContactFields = z.infer<typeof contactFieldsSchema>;
export type AgencyFields = z.infer<typeof agencyFieldsSchema>;
export type VisitFields = z.infer<typeof visitFieldsSchema>;
export type AnswerFields = z.infer<typeof answerFieldsSchema>;
export type ObservationFields = z.infer<typeof observationFieldsSchema>;
export type AttachmentFields = z.infer<typeof attachmentFieldsSchema>;
export type FollowUpFields = z.infer<typeof followUpFieldsSchema>;
export type MeetingFields = z.infer<typeof meetingFieldsSchema>;
export type GuidanceFields = z.infer<typeof guidanceFieldsSchema>;
export type PlanFields = z.infer<typeof planFieldsSchema>;
export type AssessmentFields = z.infer<typeof assessmentFieldsSchema>;
export type InterviewFields = z.infer<typeof interviewFieldsSchema>;
