// Checklist answers: one record per visit and item, id `${visitId}:${itemId}` (SYNC.md).
import { answerDetailsSchema, answerValueSchema, type TemplateItem } from '../shared/reference.ts';
import { issueDetails } from '../shared/errors.ts';
import type { PolicyUser } from '../shared/policy.ts';
import type { AnswerFields } from '../shared/records.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { checkWrite, visitFor } from './guard.ts';
import { LocalValidationError, saveRecord } from './write.ts';

export function answerId(visitId: string, itemId: string): string {
  return `${visitId}:${itemId}`;
}

type AnswerPatch = Partial<Pick<AnswerFields, 'value' | 'details' | 'comment'>>;

/**
 * Saves an item's value, details or comment (a null value clears the answer). The value and details are
 * checked against the item, which the entity schema alone cannot know. The first answer to a planned visit starts it (planned → in_progress),
 * in the same transaction, as the inspector evidently is at the visit.
 */
export async function saveAnswer(
  db: UserDb,
  visitId: string,
  item: TemplateItem,
  patch: AnswerPatch,
  user: PolicyUser,
): Promise<LocalRecord<'answer'>> {
  // The value and details are checked against the item, as the server will check them.
  for (const [field, schema] of [['value', answerValueSchema(item)], ['details', answerDetailsSchema(item)]] as const) {
    if (!(field in patch)) continue;
    const parsed = schema.safeParse(patch[field]);
    if (!parsed.success) throw new LocalValidationError(issueDetails(parsed.error).issues.map((i) => ({ ...i, path: [field, ...i.path] })));
  }
  return db.transaction('rw', db.visit, db.answer, db.outbox, async () => {
    const { visit, state } = await visitFor(db, visitId, 'take answers');
    const id = answerId(visitId, item.id);
    const existing = await db.answer.get(id);
    const fields = existing ? patch : { visitId, itemId: item.id, value: null, ...patch };
    checkWrite(user, { entity: 'answer', op: existing ? 'update' : 'create', visit: state, fields: Object.keys(fields) }, 'take answers');
    const starts = visit.status === 'planned' && patch.value !== undefined && patch.value !== null;
    const transition = { from: visit.status, to: 'in_progress' } as const;
    if (starts) checkWrite(user, { entity: 'visit', op: 'update', visit: state, fields: ['status'], transition }, 'start');
    const saved = await saveRecord(db, 'answer', id, fields);
    if (starts) await saveRecord(db, 'visit', visitId, { status: 'in_progress' });
    return saved;
  });
}

type DetailValue = NonNullable<AnswerFields['details']>[string];

/**
 * Sets one detail of an answer (undefined or an empty value removes it), merged with the details stored
 * in the same transaction: two details typed one after the other never overwrite each other.
 */
export async function saveAnswerDetail(
  db: UserDb,
  visitId: string,
  item: TemplateItem,
  detailId: string,
  value: DetailValue | null | undefined,
  user: PolicyUser,
): Promise<LocalRecord<'answer'>> {
  return db.transaction('rw', db.visit, db.answer, db.outbox, async () => {
    const stored = (await db.answer.get(answerId(visitId, item.id)))?.details ?? {};
    const next: Record<string, DetailValue> = { ...stored };
    const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) delete next[detailId];
    else next[detailId] = value;
    return saveAnswer(db, visitId, item, { details: Object.keys(next).length > 0 ? next : null }, user);
  });
}
