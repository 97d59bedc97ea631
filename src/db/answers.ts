// Checklist answers: one record per visit and item, id `${visitId}:${itemId}` (SYNC.md).
import { answerValueSchema, type TemplateItem } from '../shared/reference.ts';
import { issueDetails } from '../shared/errors.ts';
import type { PolicyUser } from '../shared/policy.ts';
import type { AnswerFields } from '../shared/records.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { checkWrite, visitFor } from './guard.ts';
import { LocalValidationError, saveRecord } from './write.ts';

export function answerId(visitId: string, itemId: string): string {
  return `${visitId}:${itemId}`;
}

type AnswerPatch = Partial<Pick<AnswerFields, 'value' | 'comment'>>;

/**
 * Saves an item's value or comment. The value is checked against the item's answer type, which the
 * entity schema alone cannot know. The first answer to a planned visit starts it (planned → in_progress),
 * in the same transaction, as the inspector evidently is at the visit.
 */
export async function saveAnswer(
  db: UserDb,
  visitId: string,
  item: Pick<TemplateItem, 'id' | 'answerType'>,
  patch: AnswerPatch,
  user: PolicyUser,
): Promise<LocalRecord<'answer'>> {
  if ('value' in patch) {
    const parsed = answerValueSchema(item.answerType).safeParse(patch.value);
    if (!parsed.success) throw new LocalValidationError(issueDetails(parsed.error).issues.map((i) => ({ ...i, path: ['value', ...i.path] })));
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
