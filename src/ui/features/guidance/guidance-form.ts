// The guidance form's draft and its errors: the schema's issues (from saveGuidance) turned into one message
// per field, and the one rule the schema cannot see (a due date with no follow-up would be dropped).
import type { GuidanceInput } from '../../../db/guidance.ts';
import type { LocalRecord } from '../../../db/database.ts';
import type { MessageKey } from '../../i18n/index.ts';

export const guidanceFields = ['date', 'channel', 'areas', 'topic', 'contactIds', 'notes', 'followUpText', 'followUpDue'] as const;
export type GuidanceField = (typeof guidanceFields)[number];
export type GuidanceErrors = Partial<Record<GuidanceField, MessageKey>>;

/** A new entry's draft (dated `today`, by phone) or an entry's as stored. */
export function guidanceDraft(today: string, entry?: LocalRecord<'guidance'>): GuidanceInput {
  return {
    date: entry?.date ?? today,
    channel: entry?.channel ?? 'phone',
    areas: entry?.areas ?? [],
    topic: entry?.topic ?? '',
    contactIds: entry?.contactIds ?? [],
    notes: entry?.notes ?? '',
    followUpText: entry?.followUpText ?? '',
    followUpDue: entry?.followUpDue ?? '',
  };
}

const messages: Record<GuidanceField, MessageKey> = {
  date: 'guidance.error.date',
  channel: 'guidance.error.channel',
  areas: 'guidance.error.areas',
  topic: 'guidance.error.topic',
  contactIds: 'guidance.error.contacts',
  notes: 'guidance.error.tooLong',
  followUpText: 'guidance.error.tooLong',
  followUpDue: 'guidance.error.followUpDue',
};

/** Errors found before saving: a due date typed with nothing agreed (saveGuidance would drop it unseen). */
export function draftErrors(draft: GuidanceInput): GuidanceErrors {
  return draft.followUpDue.trim() !== '' && draft.followUpText.trim() === '' ? { followUpDue: 'guidance.error.dueWithoutFollowUp' } : {};
}

/** One message per field the schema found wrong; the first issue of a field counts. */
export function guidanceErrors(issues: readonly { path: readonly (string | number)[] }[]): GuidanceErrors {
  const errors: GuidanceErrors = {};
  for (const issue of issues) {
    const field = guidanceFields.find((f) => f === issue.path[0]);
    if (field && !errors[field]) errors[field] = messages[field];
  }
  return errors;
}
