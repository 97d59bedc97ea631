// Answer values in words, for the report and read-only views: "Partly", "3 / 5", "12", "4 March 2025".
import type { Locale } from 'date-fns';
import { NOT_ASSESSED, type AnswerType, type Language } from '../../shared/reference.ts';
import type { AnswerFields } from '../../shared/records.ts';
import { formatDate, intlLocales } from './format.ts';
import type { MessageKey, Params } from '../i18n/index.ts';

export const choiceValues = ['yes', 'partly', 'no', NOT_ASSESSED] as const;
export type ChoiceValue = (typeof choiceValues)[number];

export function answerLabel(
  value: AnswerFields['value'],
  type: AnswerType,
  t: (key: MessageKey, params?: Params) => string,
  lang: Language,
  dateLocale: Locale | undefined,
): string {
  if (value === null) return t('answer.unanswered');
  if (value === NOT_ASSESSED) return t('answer.not_assessed');
  switch (type) {
    case 'yes_partly_no_na':
      return value === 'yes' || value === 'partly' || value === 'no' ? t(`answer.${value}`) : String(value);
    case 'scale_1_5':
      return t('answer.scaleValue', { value: String(value) });
    case 'number':
      return typeof value === 'number' ? new Intl.NumberFormat(intlLocales[lang]).format(value) : String(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, dateLocale) : String(value);
    case 'text':
      return String(value);
  }
}

/** Parses a number as Finns and Swedes write it (comma or point); `negative` and `invalid` name what is wrong. */
export function parseAnswerNumber(text: string): { ok: true; value: number | null } | { ok: false; reason: 'negative' | 'invalid' } {
  const s = text.trim().replace(/\s/g, '').replace(',', '.');
  if (s === '') return { ok: true, value: null };
  if (!/^-?\d+(\.\d+)?$/.test(s)) return { ok: false, reason: 'invalid' };
  const n = Number(s);
  if (!Number.isFinite(n)) return { ok: false, reason: 'invalid' };
  if (n < 0) return { ok: false, reason: 'negative' };
  return { ok: true, value: n };
}
