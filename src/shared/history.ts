// The audit trail as the API gives it (src/shared/api.ts): a record's history, a visit's review history
// with what changed since its last return, and the history of a period for export. The server writes a
// history row per changed record in every push (src/server/sync/push.ts); these read them.
import { z } from 'zod/mini';
import { entityNameSchema, recordIdSchemas } from './entities.ts';
import { isoDateSchema, regionIdSchema } from './reference.ts';
import { visitStatusSchema } from './workflow.ts';

const historyOps = ['create', 'update', 'delete'] as const;
export const historyOpSchema = z.enum(historyOps);
export type HistoryOp = z.infer<typeof historyOpSchema>;

/** A history row's `before` or `after`: the changed fields and their values, as stored (a delete's `before`: the whole record). */
const fieldValuesSchema = z.nullable(z.record(z.string(), z.unknown()));

/** Who made a change: the user's id and, when the server still knows them, their name. */
const whoSchema = {
  userId: z.string(),
  userName: z.nullable(z.string()),
  /** The device (sync client id) the change came from. */
  clientId: z.nullable(z.string()),
};

export const historyEntrySchema = z.object({
  version: z.int(),
  op: historyOpSchema,
  at: z.iso.datetime(),
  ...whoSchema,
  before: fieldValuesSchema,
  after: fieldValuesSchema,
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** `GET /api/history?entity=…&id=…`. The id is checked against the entity's own id form. */
export const historyQuerySchema = z
  .object({ entity: entityNameSchema, id: z.string().check(z.minLength(1), z.maxLength(200)) })
  .check(
    z.refine((q) => recordIdSchemas[q.entity].safeParse(q.id).success, {
      message: 'not an id of that entity',
      path: ['id'],
    }),
  );

export const recordHistoryResponseSchema = z.object({
  entity: entityNameSchema,
  id: z.string(),
  /** Oldest first. */
  entries: z.array(historyEntrySchema),
});
export type RecordHistoryResponse = z.infer<typeof recordHistoryResponseSchema>;

/** A move of the visit from one status to another (`from` null: the visit was created in `to`). */
export const visitTransitionSchema = z.object({
  version: z.int(),
  at: z.iso.datetime(),
  from: z.nullable(visitStatusSchema),
  to: visitStatusSchema,
  ...whoSchema,
  /** On a return: the reason stored with it. */
  reason: z.nullable(z.string()),
  /** On a return or an approval: the review note stored with it. */
  note: z.nullable(z.string()),
});
export type VisitTransition = z.infer<typeof visitTransitionSchema>;

/** The entities of a visit's records whose changes since a return are shown. */
const visitRecordEntities = ['visit', 'answer', 'observation', 'followUp'] as const;
const visitRecordEntitySchema = z.enum(visitRecordEntities);

/** One field of a record changed since the return: its value then and now (null: none). */
export const fieldChangeSchema = z.object({ field: z.string(), atReturn: z.unknown(), now: z.unknown() });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const recordChangeSchema = z.object({
  entity: visitRecordEntitySchema,
  id: z.string(),
  /** `created`: did not exist at the return; `deleted`: existed then, deleted now; `changed`: fields differ. */
  change: z.enum(['created', 'changed', 'deleted']),
  fields: z.array(fieldChangeSchema),
});
export type RecordChange = z.infer<typeof recordChangeSchema>;

/** `GET /api/visits/:id/history`. */
export const visitHistoryResponseSchema = z.object({
  visitId: z.string(),
  /** Oldest first. */
  transitions: z.array(visitTransitionSchema),
  /** The last return, if the visit was ever returned. */
  lastReturn: z.nullable(z.object({ version: z.int(), at: z.iso.datetime() })),
  /** Each record of the visit changed since the last return (empty without one), the visit first, then answers by id. */
  changes: z.array(recordChangeSchema),
});
export type VisitHistoryResponse = z.infer<typeof visitHistoryResponseSchema>;

/** The most rows an export page holds. */
const EXPORT_PAGE_MAX = 1000;

/**
 * `GET /api/history/export?from=YYYY-MM-DD&to=YYYY-MM-DD[&regionId=…][&after=<row id>][&limit=…]`:
 * the days are UTC days, both included; `after` is the `next` of the page before.
 */
export const historyExportQuerySchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    regionId: z.optional(regionIdSchema),
    after: z.optional(z.string().check(z.regex(/^[1-9][0-9]{0,15}$/, 'the `next` of the page before'))),
    limit: z._default(z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(EXPORT_PAGE_MAX))), EXPORT_PAGE_MAX),
  })
  .check(z.refine((q) => q.from <= q.to, { message: '`to` must not be before `from`', path: ['to'] }));

export const exportRowSchema = z.object({
  /** The history row's id: the cursor a page ends at. */
  id: z.int(),
  version: z.int(),
  at: z.iso.datetime(),
  entity: entityNameSchema,
  recordId: z.string(),
  op: historyOpSchema,
  ...whoSchema,
  /** The region and municipality the record belongs to (an answer's or observation's: its visit's). */
  regionId: z.nullable(z.string()),
  municipalityId: z.nullable(z.string()),
  before: fieldValuesSchema,
  after: fieldValuesSchema,
});
export type ExportRow = z.infer<typeof exportRowSchema>;

export const historyExportResponseSchema = z.object({
  rows: z.array(exportRowSchema),
  /** Pass as `after` for the next page; null on the last. */
  next: z.nullable(z.string()),
});
