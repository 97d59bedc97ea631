// Decides one pushed mutation: its id, schema and values, where it belongs, the rights (asked of the
// shared policy, src/shared/policy.ts), conflicts and completeness. Pure: it reads through `Lookup` and
// returns what to write, so every store applies the same rules.
import type { z } from 'zod/mini';
import { entityFieldSchemas, recordIdSchemas, type EntityName } from '../../shared/entities.ts';
import type { RejectionCode } from '../../shared/errors.ts';
import { authorize, authorizeEntity, maySee, type Actor as PolicyActor, type Decision as Rights, type VisitState } from '../../shared/policy.ts';
import type { StoredRecord as StoreRecord } from '../store/store.ts';
import type { Conflict, Mutation, MutationError } from '../../shared/protocol.ts';
import { answerDetailsSchema, answerValueSchema, commentRequired, templateFieldsSchema, type TemplateFields, type TemplateItem } from '../../shared/reference.ts';
import type { VisitStatus } from '../../shared/workflow.ts';
import { wireValueProblem } from '../../shared/values.ts';
import { assessmentOf, decideReadiness, type ReadinessEffects } from './readiness-rules.ts';

export type Fields = Record<string, unknown>;
/** A stored record as the rules read it (the server's stamps aside). */
export type StoredRecord = Omit<StoreRecord, 'updatedAt' | 'updatedBy'>;

export type Actor = PolicyActor & { clientId: string };

export interface Lookup {
  get(entity: EntityName, id: string): StoredRecord | undefined;
  /** Live answers of a visit. */
  answersOf(visitId: string): StoredRecord[];
  /** Live interviews of an assessment. */
  interviewsOf(assessmentId: string): StoredRecord[];
  /** Whether the user exists, is an active inspector, and works in the region. */
  isInspectorIn(userId: string, regionId: string): boolean;
  /** Whether the user exists, is an active inspector or coordinator, and works in the region. */
  isColleagueIn(userId: string, regionId: string): boolean;
  /** A visit's status before this push changed it: review fields may follow a return in the same push. */
  statusAtPushStart(visitId: string): VisitStatus | undefined;
  /** The file the server holds under this SHA-256 (an attachment's blob), if it has it. */
  blob(sha256: string): StoredBlob | undefined;
}

/** What the server knows of a blob it holds: its size and the type its content was found to be. */
export type StoredBlob = { bytes: number; mediaType: string };

type Decision =
  | { ok: false; error: MutationError }
  | {
      ok: true;
      op: 'create' | 'update' | 'delete';
      regionId: string | null;
      /** The record's fields after the mutation. */
      data: Fields;
      /** Fields whose value this mutation changes. */
      changed: string[];
      conflicts: Conflict[];
      /** A readiness record's effects on the store: a sheet kept private, interviews' sheets shown (readiness-rules.ts). */
      effects?: ReadinessEffects;
    };

/** Records that belong to a visit and go with it when it is deleted. */
export const childEntities: readonly EntityName[] = ['answer', 'observation', 'followUp', 'attachment'];

class Rejection extends Error {
  readonly code: RejectionCode;
  readonly path: (string | number)[] | undefined;
  readonly details: unknown;
  constructor(code: RejectionCode, message: string, path?: (string | number)[], details?: unknown) {
    super(message);
    this.code = code;
    this.path = path;
    this.details = details;
  }
}

export type Reject = (code: RejectionCode, message: string, path?: (string | number)[], details?: unknown) => never;

function reject(code: RejectionCode, message: string, path?: (string | number)[], details?: unknown): never {
  throw new Rejection(code, message, path, details);
}

export function decide(m: Mutation, actor: Actor, lookup: Lookup, now: Date): Decision {
  try {
    return decideOrThrow(m, actor, lookup, now);
  } catch (e) {
    if (!(e instanceof Rejection)) throw e;
    const error: MutationError = { code: e.code, message: e.message };
    if (e.path) error.path = e.path;
    if (e.details !== undefined) error.details = e.details;
    return { ok: false, error };
  }
}

function decideOrThrow(m: Mutation, actor: Actor, lookup: Lookup, now: Date): Decision {
  checkId(m.entity, m.id);
  const existing = lookup.get(m.entity, m.id);
  if (m.op === 'delete') return decideDelete(m, actor, lookup, existing);
  checkFields(m.entity, m.fields);
  if (!existing) {
    if (m.baseVersion !== null) reject('NOT_FOUND', `There is no ${m.entity} ${m.id} to edit`);
    return decideCreate(m.entity, m.id, m.fields, actor, lookup);
  }
  if (existing.deleted) reject('DELETED', `This ${m.entity} was deleted`);
  return decideUpdate(existing, m.fields, m.baseVersion, actor, lookup, now);
}

/** `prefix`: the field a field's own schema was checked for. Only the first issues: the rejection is stored. */
function parseInvalid(error: z.core.$ZodError, prefix: string[] = []): never {
  const first = error.issues[0];
  const path = [...prefix, ...(first ? first.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) : [])];
  reject('INVALID', first ? `${path.join('.') || 'record'}: ${first.message}` : 'Invalid record', path, {
    issues: error.issues.slice(0, 20).map((i) => ({ path: [...prefix, ...i.path.map(String)], message: i.message })),
  });
}

/** Ids are compared and stored as text, so each record has exactly one spelling (SYNC.md, "Identities"). */
function checkId(entity: EntityName, id: string): void {
  const parsed = recordIdSchemas[entity].safeParse(id);
  if (!parsed.success) reject('INVALID', `id: not a valid ${entity} id (${parsed.error.issues[0]?.message ?? 'malformed'})`, ['id']);
}

/**
 * Each sent field is one of the entity's own (never a name an object inherits, such as `constructor`)
 * and its value fits that field's schema, before anything compares, merges or stores it: a value
 * nested thousands deep would overflow the stack of a comparison and fail the whole push.
 */
function checkFields(entity: EntityName, fields: Fields): void {
  const shape = entityFieldSchemas[entity].shape as Record<string, z.ZodMiniType>;
  for (const f of Object.keys(fields)) {
    if (!Object.hasOwn(shape, f)) reject('INVALID', `${entity} has no field ${f}`, [f]);
    const problem = wireValueProblem(fields[f]);
    if (problem) reject('INVALID', `${f}: ${problem}`, [f]);
    const parsed = shape[f]!.safeParse(fields[f]);
    if (!parsed.success) parseInvalid(parsed.error, [f]);
  }
}

function regionOfMunicipality(lookup: Lookup, municipalityId: string): string {
  const m = lookup.get('municipality', municipalityId);
  if (!m || m.deleted) reject('INVALID', `No municipality ${municipalityId}`, ['municipalityId']);
  return String(m.data.regionId);
}

function knownRegion(lookup: Lookup, regionId: string): string {
  const r = lookup.get('region', regionId);
  if (!r || r.deleted) reject('INVALID', `No region ${regionId}`, ['regionId']);
  return regionId;
}

function visitOf(lookup: Lookup, visitId: unknown): StoredRecord {
  const visit = typeof visitId === 'string' ? lookup.get('visit', visitId) : undefined;
  if (!visit) reject('INVALID', `No visit ${String(visitId)}`, ['visitId']);
  if (visit.deleted) reject('DELETED', 'The visit was deleted');
  return visit;
}

function templateOf(lookup: Lookup, templateId: unknown, path: (string | number)[] = ['templateIds']): TemplateFields {
  const t = typeof templateId === 'string' ? lookup.get('template', templateId) : undefined;
  if (!t || t.deleted) reject('INVALID', `No template ${String(templateId)}`, path);
  const cached = parsedTemplates.get(t.id);
  if (cached?.version === t.version) return cached.fields;
  const fields = templateFieldsSchema.parse(t.data);
  parsedTemplates.set(t.id, { version: t.version, fields });
  return fields;
}

/**
 * Templates parsed once per stored version, not once per push: every answer of every push is checked
 * against one of a handful of templates, and a template's version changes whenever it does.
 */
const parsedTemplates = new Map<string, { version: number; fields: TemplateFields }>();

function status(visit: StoredRecord): VisitStatus {
  return visit.data.status as VisitStatus;
}

/** A stored visit as the policy reads it. */
function visitState(visit: StoredRecord, lookup: Lookup): VisitState {
  return { status: status(visit), inspectorId: String(visit.data.inspectorId), statusAtPushStart: lookup.statusAtPushStart(visit.id) };
}

/** The shared policy's answer (src/shared/policy.ts), as a rejection when it refuses. */
function requireRights(rights: Rights): Rights & { ok: true } {
  if (!rights.ok) reject(rights.code, rights.message, rights.path);
  return rights;
}

/** The templates of a visit, one per area it covers. */
function templatesOf(lookup: Lookup, visit: StoredRecord): TemplateFields[] {
  const ids = visit.data.templateIds;
  return (Array.isArray(ids) ? ids : []).map((id) => templateOf(lookup, id));
}

/** A visit's item, in whichever of its templates holds it. */
function itemOf(lookup: Lookup, visit: StoredRecord, itemId: unknown): TemplateItem | undefined {
  for (const t of templatesOf(lookup, visit)) {
    const item = t.items.find((i) => i.id === itemId);
    if (item) return item;
  }
  return undefined;
}

/**
 * A new visit's templates exist and cover distinct areas. A superseded revision is taken too: a device
 * that planned the visit offline before it had the new revision made it on the one current there, and
 * refusing it would lose the visit (the app always offers the current one).
 */
function checkNewVisitTemplates(lookup: Lookup, templateIds: readonly string[]): void {
  const seenAreas = new Set<string>();
  templateIds.forEach((id, i) => {
    const t = templateOf(lookup, id, ['templateIds', i]);
    if (seenAreas.has(t.area)) reject('INVALID', `templateIds: two templates of the area ${t.area}`, ['templateIds', i]);
    seenAreas.add(t.area);
  });
}

/** Schema of a whole record, with an answer's value and details checked against its item. */
function validate(entity: EntityName, data: Fields, lookup: Lookup): Fields {
  const parsed = entityFieldSchemas[entity].safeParse(data);
  if (!parsed.success) parseInvalid(parsed.error);
  const fields = parsed.data as Fields;
  if (entity === 'answer' || entity === 'observation' || entity === 'attachment') {
    const visit = visitOf(lookup, fields.visitId);
    const item = fields.itemId == null ? undefined : itemOf(lookup, visit, fields.itemId);
    if (fields.itemId != null && !item) reject('INVALID', `No item ${String(fields.itemId)} in the visit's templates`, ['itemId']);
    if (entity === 'answer' && item) {
      const value = answerValueSchema(item).safeParse(fields.value);
      if (!value.success) parseInvalid(value.error, ['value']);
      const details = answerDetailsSchema(item).safeParse(fields.details);
      if (!details.success) parseInvalid(details.error, ['details']);
    }
  }
  return fields;
}

/**
 * A coordinator's comment on an item their device had no answer for arrives with `value: null`: the null
 * means "no value of mine", so it is not a write of the inspector's field (on an edit, not applied at all).
 */
function coordinatorsOwn(actor: Actor, entity: EntityName, fields: Fields): Fields {
  return actor.role === 'coordinator' && entity === 'answer' && fields.value === null ? withoutKey(fields, 'value') : fields;
}

function decideCreate(entity: EntityName, id: string, fields: Fields, actor: Actor, lookup: Lookup): Decision {
  const sent = coordinatorsOwn(actor, entity, fields);
  const written = { actor, entity, op: 'create', fields: Object.keys(sent), changed: Object.keys(sent).filter((f) => sent[f] != null) } as const;
  // Who writes the entity at all is told before the record is checked and placed.
  requireRights(authorizeEntity(written));
  const data = validate(entity, fields, lookup);
  // Where it belongs: a contact's, a visit's, a guidance entry's, a plan's and an assessment's region is their
  // municipality's; a visit's record's, its visit's; an assessment's record's, its assessment's; a meeting's, the region it names.
  const visit = childEntities.includes(entity) ? visitOf(lookup, data.visitId) : undefined;
  const regionId = visit
    ? visit.regionId
    : entity === 'contact' || entity === 'visit' || entity === 'guidance' || entity === 'plan' || entity === 'assessment'
      ? regionOfMunicipality(lookup, String(data.municipalityId))
      : entity === 'meeting'
        ? knownRegion(lookup, String(data.regionId))
        : entity === 'interview' || entity === 'readinessScore'
          ? assessmentOf(lookup, reject, data.assessmentId).regionId
          : null;
  // Whether it fits its visit or template is told only to whoever works in the region: anyone else is
  // refused just below, whatever the record holds, and learns nothing of another region's visit.
  if (maySee(actor, regionId)) {
    if (entity === 'visit') checkNewVisitTemplates(lookup, data.templateIds as string[]);
    if (entity === 'answer' && id !== `${String(data.visitId)}:${String(data.itemId)}`) {
      reject('INVALID', 'An answer id is `${visitId}:${itemId}`', ['id']);
    }
    if (entity === 'followUp' && data.municipalityId !== visit?.data.municipalityId) {
      reject('INVALID', "A follow-up's municipality is its visit's", ['municipalityId']);
    }
    if (entity === 'plan') checkPlanReview(lookup, data);
    if (entity === 'attachment') checkAttachedTo(lookup, data);
  }
  requireRights(
    authorize({
      ...written,
      regionId,
      visit: visit ? visitState(visit, lookup) : entity === 'visit' ? { status: data.status as VisitStatus, inspectorId: String(data.inspectorId) } : undefined,
    }),
  );
  if (entity === 'visit' && !lookup.isInspectorIn(String(data.inspectorId), regionId ?? '')) {
    reject('INVALID', 'The visit must name an inspector of its region', ['inspectorId']);
  }
  if (entity === 'attachment') checkBlob(lookup, data);
  const changed = Object.keys(data);
  const effects = readinessEntity(entity) ? decideReadiness({ entity, op: 'create', id, existing: undefined, data, changed, regionId }, actor.userId, lookup, reject) : undefined;
  return { ok: true, op: 'create', regionId, data, changed, conflicts: [], ...(effects ? { effects } : {}) };
}

/** An attachment's observation is one of its visit's (live or not: an observation deleted since keeps its photos' place). */
function checkAttachedTo(lookup: Lookup, data: Fields): void {
  if (data.observationId == null) return;
  const observation = lookup.get('observation', String(data.observationId));
  if (!observation || observation.data.visitId !== data.visitId) reject('INVALID', "An attachment's observation must be one of its visit's", ['observationId']);
}

/**
 * The server holds the attachment's file, of the size and type the record says (the type as the server
 * found it in the bytes). A file not uploaded yet is a retryable `MISSING_BLOB`: the device uploads it
 * and sends the record again.
 */
function checkBlob(lookup: Lookup, data: Fields): void {
  const blob = lookup.blob(String(data.sha256));
  if (!blob) reject('MISSING_BLOB', `The server does not hold the file ${String(data.sha256)} yet: upload it, then send the attachment again`, ['sha256']);
  if (blob.bytes !== data.bytes) reject('INVALID', `The file is ${blob.bytes} bytes, not ${String(data.bytes)}`, ['bytes']);
  if (blob.mediaType !== data.mediaType) reject('INVALID', `The file is ${blob.mediaType}, not ${String(data.mediaType)}`, ['mediaType']);
  if (data.thumbSha256 == null) return;
  const thumb = lookup.blob(String(data.thumbSha256));
  if (!thumb) reject('MISSING_BLOB', `The server does not hold the small copy ${String(data.thumbSha256)} yet: upload it, then send the attachment again`, ['thumbSha256']);
  if (!thumb.mediaType.startsWith('image/')) reject('INVALID', `The small copy is ${thumb.mediaType}, not an image`, ['thumbSha256']);
}

function withoutKey(fields: Fields, key: string): Fields {
  const { [key]: _, ...rest } = fields;
  return rest;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function decideUpdate(
  existing: StoredRecord,
  sent: Fields,
  baseVersion: number | null,
  actor: Actor,
  lookup: Lookup,
  now: Date,
): Decision {
  const entity = existing.entity;
  // If the inspector's answer reached the server first, a coordinator's comment made without it is an
  // edit of that answer, and its `value: null` is not applied.
  const incoming = coordinatorsOwn(actor, entity, sent);
  const changed = Object.keys(incoming).filter((f) => !sameValue(incoming[f], existing.data[f]));
  const visit = entity === 'visit' ? existing : childEntities.includes(entity) ? visitOf(lookup, existing.data.visitId) : undefined;
  const moves = entity === 'visit' && Object.hasOwn(incoming, 'status') && incoming.status !== status(existing);
  const rights = requireRights(
    authorize({
      actor,
      entity,
      op: 'update',
      regionId: existing.regionId,
      visit: visit ? visitState(visit, lookup) : undefined,
      fields: Object.keys(incoming),
      changed,
      transition: moves ? { from: status(existing), to: incoming.status as VisitStatus } : undefined,
    }),
  );

  // Fields someone else changed after this device's base version keep their stored value.
  const conflicts: Conflict[] = [];
  const applied: Fields = {};
  for (const f of changed) {
    const meta = existing.fieldMeta[f];
    if (meta && meta[0] > (baseVersion ?? 0) && meta[1] !== actor.clientId) {
      conflicts.push({ field: f, yours: incoming[f], kept: existing.data[f] });
    } else {
      applied[f] = incoming[f];
    }
  }
  // The lock rule (SYNC.md): fields that only the transition unlocked stay locked when it lost.
  if (rights.onlyWithTransition && !Object.hasOwn(applied, 'status')) {
    reject('VISIT_LOCKED', `The visit is ${status(existing)}, and the change of status these edits came with lost to a newer one`, ['status']);
  }
  const data = validate(entity, { ...existing.data, ...applied }, lookup);

  if (entity === 'visit' && Object.hasOwn(applied, 'status')) {
    const to = applied.status as VisitStatus;
    if (to === 'submitted') requireComplete(existing, lookup);
    if (to === 'approved') {
      data.approvedAt = now.toISOString();
      data.approvedBy = actor.userId;
      applied.approvedAt = data.approvedAt;
      applied.approvedBy = data.approvedBy;
    }
  }
  if (entity === 'plan' && Object.hasOwn(applied, 'reviewVisitId')) checkPlanReview(lookup, data);
  let effects: ReadinessEffects | undefined;
  if (readinessEntity(entity)) {
    effects = decideReadiness({ entity, op: 'update', id: existing.id, existing, data, changed: Object.keys(applied), regionId: existing.regionId }, actor.userId, lookup, reject);
    if (entity === 'assessment' && applied.status === 'finalised') {
      data.finalisedAt = applied.finalisedAt = now.toISOString();
      data.finalisedBy = applied.finalisedBy = actor.userId;
    }
  }
  return { ok: true, op: 'update', regionId: existing.regionId, data, changed: Object.keys(applied), conflicts, ...(effects ? { effects } : {}) };
}

/** A plan's review is a visit of the plan's municipality on the plans' checklist (area `planning`, plan-v1). */
function checkPlanReview(lookup: Lookup, plan: Fields): void {
  if (plan.reviewVisitId == null) return;
  const visit = lookup.get('visit', String(plan.reviewVisitId));
  if (!visit || visit.deleted || visit.data.municipalityId !== plan.municipalityId) {
    reject('INVALID', 'The review is a visit of the same municipality', ['reviewVisitId']);
  }
  if (!templatesOf(lookup, visit).some((t) => t.area === 'planning')) reject('INVALID', 'The review is a visit on the plans’ checklist (plan-v1)', ['reviewVisitId']);
}

/**
 * Submission needs an answer to every required item of every template of the visit, and a comment
 * wherever the answer is one that the item's `commentRequiredWhen` names (SYNC.md, "Version 2").
 */
function requireComplete(visit: StoredRecord, lookup: Lookup): void {
  const answers = new Map(lookup.answersOf(visit.id).map((a) => [String(a.data.itemId), a.data]));
  const missing: string[] = [];
  for (const template of templatesOf(lookup, visit)) {
    for (const item of template.items) {
      const answer = answers.get(item.id);
      const value = answer?.value ?? null;
      if (value === null) {
        if (item.required) missing.push(item.id);
      } else if (commentRequired(item, value) && !(typeof answer?.comment === 'string' && answer.comment.trim() !== '')) {
        missing.push(`${item.id}:comment`);
      }
    }
  }
  if (missing.length) reject('INCOMPLETE', `${missing.length} required answer(s) or comment(s) missing`, ['status'], { missing });
}

function decideDelete(m: Mutation, actor: Actor, lookup: Lookup, existing: StoredRecord | undefined): Decision {
  if (!existing) reject('NOT_FOUND', `There is no ${m.entity} ${m.id} to delete`);
  const done: Decision = { ok: true, op: 'delete', regionId: existing.regionId, data: existing.data, changed: [], conflicts: [] };
  if (existing.deleted) return done;
  const visit = m.entity === 'visit' ? existing : childEntities.includes(m.entity) ? visitOf(lookup, existing.data.visitId) : undefined;
  requireRights(authorize({ actor, entity: m.entity, op: 'delete', regionId: existing.regionId, visit: visit ? visitState(visit, lookup) : undefined }));
  if (!readinessEntity(m.entity)) return done;
  const effects = decideReadiness({ entity: m.entity, op: 'delete', id: m.id, existing, data: existing.data, changed: [], regionId: existing.regionId }, actor.userId, lookup, reject);
  return { ...done, effects };
}

function readinessEntity(entity: EntityName): entity is 'assessment' | 'interview' | 'readinessScore' {
  return entity === 'assessment' || entity === 'interview' || entity === 'readinessScore';
}
