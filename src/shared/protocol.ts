// The sync protocol's messages, version 5 (SYNC.md): push, pull, and their limits.
import { z } from 'zod/mini';
import { entityNameSchema } from './entities.ts';
import { rejectionCodeSchema } from './errors.ts';

/** The client's data schema version, sent as `X-Schema-Version` and in each push body. */
export const SCHEMA_VERSION = 5;
/** The oldest client schema the server still accepts. */
export const MIN_SCHEMA_VERSION = 5;
export const SCHEMA_HEADER = 'X-Schema-Version';

export const PUSH_MAX_MUTATIONS = 500;
export const PUSH_MAX_BYTES = 2 * 1024 * 1024;
export const PULL_MAX_LIMIT = 1000;

const base = {
  seq: z.int().check(z.gte(1)),
  entity: entityNameSchema,
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  baseVersion: z.nullable(z.int().check(z.gte(0))),
};
export const upsertMutationSchema = z.object({
  ...base,
  op: z.literal('upsert'),
  /**
   * Only the fields this edit changed; checked per entity by the server, so one bad record is a
   * rejection, not a 400. Kept as parsed: a record schema would build a new object and silently drop
   * an own `__proto__` key, which the server must see to reject.
   */
  fields: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'an object of fields'),
});
export const deleteMutationSchema = z.object({ ...base, op: z.literal('delete') });
export const mutationSchema = z.discriminatedUnion('op', [upsertMutationSchema, deleteMutationSchema]);
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z
  .object({
    clientId: z.uuid(),
    schemaVersion: z.int(),
    mutations: z.array(mutationSchema).check(z.maxLength(PUSH_MAX_MUTATIONS)),
  })
  .check(
    z.superRefine((req, ctx) => {
      for (let i = 1; i < req.mutations.length; i++) {
        if (req.mutations[i]!.seq <= req.mutations[i - 1]!.seq) {
          ctx.addIssue({ code: 'custom', path: ['mutations', i, 'seq'], message: 'seqs must rise within a request' });
        }
      }
    }),
  );
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const conflictSchema = z.object({ field: z.string(), yours: z.unknown(), kept: z.unknown() });
export type Conflict = z.infer<typeof conflictSchema>;

export const mutationErrorSchema = z.object({
  code: rejectionCodeSchema,
  message: z.string(),
  path: z.optional(z.array(z.union([z.string(), z.number()]))),
  details: z.optional(z.unknown()),
});
export type MutationError = z.infer<typeof mutationErrorSchema>;

const wireRecord = z.record(z.string(), z.unknown());
export const pushResultSchema = z.discriminatedUnion('status', [
  // `unchanged`: the mutation's values were already stored (or the record already deleted), so it wrote
  // nothing and `version` is the record's as it was; a client then knows it saw the latest state.
  z.object({ seq: z.int(), status: z.literal('applied'), version: z.int(), unchanged: z.optional(z.literal(true)) }),
  z.object({
    seq: z.int(),
    status: z.literal('merged'),
    version: z.int(),
    conflicts: z.array(conflictSchema),
    record: wireRecord,
  }),
  z.object({ seq: z.int(), status: z.literal('duplicate'), record: z.nullable(wireRecord) }),
  z.object({ seq: z.int(), status: z.literal('rejected'), error: mutationErrorSchema, record: z.nullable(wireRecord) }),
]);
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({
  lastSeq: z.int(),
  version: z.int(),
  results: z.array(pushResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const changeSchema = z.object({
  entity: entityNameSchema,
  id: z.string(),
  version: z.int(),
  deleted: z.boolean(),
  record: z.optional(wireRecord),
});
export type Change = z.infer<typeof changeSchema>;

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const pullQuerySchema = z.object({
  cursor: z.optional(z.string().check(z.maxLength(2000))),
  limit: z._default(z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(PULL_MAX_LIMIT))), 500),
});
