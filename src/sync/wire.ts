// The server's sync answers, typed at the boundary: each record in a pull page, and the `record` of a
// push result, is parsed with its entity's field schema and the server's stamps (src/shared/entities.ts).
// A record that does not fit is a clear error naming it, and nothing of that answer is stored.
import { z } from 'zod/mini';
import { entityFieldSchemas, entityNames, serverStampsSchema, type EntityName } from '../shared/entities.ts';
import { pushResponseSchema, type PushResponse, type PushResult } from '../shared/protocol.ts';
import { ApiError } from './http.ts';

/** A live record as the server sends it: the entity's fields and the server's stamps. */
const stamps = serverStampsSchema.shape;
const liveRecordSchemas = {
  region: z.extend(entityFieldSchemas.region, stamps),
  municipality: z.extend(entityFieldSchemas.municipality, stamps),
  template: z.extend(entityFieldSchemas.template, stamps),
  agency: z.extend(entityFieldSchemas.agency, stamps),
  contact: z.extend(entityFieldSchemas.contact, stamps),
  visit: z.extend(entityFieldSchemas.visit, stamps),
  answer: z.extend(entityFieldSchemas.answer, stamps),
  observation: z.extend(entityFieldSchemas.observation, stamps),
  followUp: z.extend(entityFieldSchemas.followUp, stamps),
  meeting: z.extend(entityFieldSchemas.meeting, stamps),
  guidance: z.extend(entityFieldSchemas.guidance, stamps),
  plan: z.extend(entityFieldSchemas.plan, stamps),
  assessment: z.extend(entityFieldSchemas.assessment, stamps),
  interview: z.extend(entityFieldSchemas.interview, stamps),
  readinessScore: z.extend(entityFieldSchemas.readinessScore, stamps),
  attachment: z.extend(entityFieldSchemas.attachment, stamps),
} satisfies Record<EntityName, z.ZodMiniType>;

/** A deleted record (a tombstone in a push result) keeps whatever fields it last had: only its stamps are checked. */
const tombstoneSchema = z.looseObject(serverStampsSchema.shape);

type ServerRecord<E extends EntityName = EntityName> = z.infer<(typeof liveRecordSchemas)[E]>;

const changeFields = { id: z.string(), version: z.int() };

/** A change that carries its entity's live record. */
function liveChange<E extends EntityName>(entity: E) {
  return z.object({ entity: z.literal(entity), ...changeFields, deleted: z.literal(false), record: liveRecordSchemas[entity] });
}

/** One schema for a whole page: each change's record parsed as its entity's, in one pass. */
const pullPageSchema = z.object({
  changes: z.array(
    // By `deleted` first, then by entity: a record that does not fit names its field, not just its change.
    z.discriminatedUnion('deleted', [
      z.discriminatedUnion('entity', [
        liveChange('region'),
        liveChange('municipality'),
        liveChange('template'),
        liveChange('agency'),
        liveChange('contact'),
        liveChange('visit'),
        liveChange('answer'),
        liveChange('observation'),
        liveChange('followUp'),
        liveChange('meeting'),
        liveChange('guidance'),
        liveChange('plan'),
        liveChange('assessment'),
        liveChange('interview'),
        liveChange('readinessScore'),
        liveChange('attachment'),
      ]),
      // A deletion carries no record (the server sends none; one sent anyway is not stored).
      z.pipe(
        z.object({ entity: z.enum(entityNames), ...changeFields, deleted: z.literal(true), record: z.optional(z.unknown()) }),
        z.transform(({ entity, id, version }) => ({ entity, id, version, deleted: true as const })),
      ),
    ]),
  ),
  cursor: z.string(),
  hasMore: z.boolean(),
});

export type PullPage = z.infer<typeof pullPageSchema>;

/** What a failed parse says: the first problem, and the record it is in when the answer names one. */
function badAnswer(what: string, error: z.core.$ZodError, recordAt: (path: PropertyKey[]) => string | null): ApiError {
  const issue = error.issues[0];
  const path = issue?.path ?? [];
  const where = recordAt(path);
  const field = path.map(String).join('.') || 'the answer';
  const message = `${what} does not fit the protocol${where ? ` (${where})` : ''}: ${field}: ${issue?.message ?? 'invalid'}`;
  // Status 0: no HTTP error, the answer itself is wrong (SyncProblem `BAD_RESPONSE`).
  return new ApiError(0, 'BAD_RESPONSE', message, { issues: error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String), message: i.message })) });
}

function describe(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const { entity, id } = value as { entity?: unknown; id?: unknown };
  return typeof entity === 'string' && typeof id === 'string' ? `${entity} ${id}` : null;
}

/** Parses a pull page; throws ApiError `BAD_RESPONSE` naming the record that does not fit. */
export function parsePullPage(answer: unknown): PullPage {
  const parsed = pullPageSchema.safeParse(answer);
  if (parsed.success) return parsed.data;
  throw badAnswer('A pull page', parsed.error, (path) => {
    if (path[0] !== 'changes' || typeof path[1] !== 'number') return null;
    const changes = (answer as { changes?: unknown[] }).changes;
    return describe(changes?.[path[1]]);
  });
}

/** A push result's record parsed as the entity of the row it answers; a tombstone by its stamps alone. */
function parseResultRecord(entity: EntityName, record: Record<string, unknown>): ServerRecord | z.infer<typeof tombstoneSchema> {
  const schema = record['deleted'] === true ? tombstoneSchema : liveRecordSchemas[entity];
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  throw badAnswer('A push result', parsed.error, () => `${entity} ${String(record['id'])}`);
}

/**
 * Parses a push answer; `entityOf` names the entity of each seq sent. Only results that carry a record
 * (merged, rejected, duplicate) need one parse each: the common answer, all applied, carries none.
 */
export function parsePushAnswer(answer: unknown, entityOf: (seq: number) => EntityName | undefined): PushResponse {
  const parsed = pushResponseSchema.safeParse(answer);
  if (!parsed.success) throw badAnswer('A push answer', parsed.error, () => null);
  const response = parsed.data;
  const results = response.results.map((result): PushResult => {
    if (result.status === 'applied' || result.record === null) return result;
    const entity = entityOf(result.seq);
    // A result for a seq not sent is the engine's to report (it never stores one).
    if (!entity) return result;
    return { ...result, record: parseResultRecord(entity, result.record) };
  });
  return { ...response, results };
}
