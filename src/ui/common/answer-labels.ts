// Answer values in words, for the report and read-only views: "Partly", "3 – Mostly in place", "0,5 htv",
// "4.3.2025", "Schools, Youth work".
import type { Locale } from 'date-fns';
import { detailShown, NOT_ASSESSED, type Language, type TemplateDetail, type TemplateItem } from '../../shared/reference.ts';
import type { AnswerFields } from '../../shared/records.ts';
import { formatDate, intlLocales } from './format.ts';
import type { MessageKey, Params } from '../i18n/index.ts';

export const choiceValues = ['yes', 'partly', 'no', NOT_ASSESSED] as const;
export type ChoiceValue = (typeof choiceValues)[number];

type Translate = (key: MessageKey, params?: Params) => string;
type Typed = Pick<TemplateItem, 'answerType' | 'unit' | 'anchors' | 'options'> | Pick<TemplateDetail, 'answerType' | 'unit' | 'options'>;

function numberText(value: number, unit: TemplateItem['unit'], lang: Language): string {
  const n = new Intl.NumberFormat(intlLocales[lang]).format(value);
  return unit ? `${n} ${unit[lang]}` : n;
}

/** A value of an item or of a detail, in words. */
export function answerLabel(
  value: AnswerFields['value'] | undefined,
  typed: Typed,
  t: Translate,
  lang: Language,
  dateLocale: Locale | undefined,
): string {
  if (value === null || value === undefined) return t('answer.unanswered');
  if (value === NOT_ASSESSED) return t('answer.not_assessed');
  switch (typed.answerType) {
    case 'yes_partly_no_na':
      return value === 'yes' || value === 'partly' || value === 'no' ? t(`answer.${value}`) : String(value);
    case 'scale_1_5':
      return t('answer.scaleValue', { value: String(value) });
    case 'scale': {
      const anchor = 'anchors' in typed ? typed.anchors?.find((a) => a.value === value) : undefined;
      return anchor ? `${String(value)} – ${anchor.label[lang]}` : String(value);
    }
    case 'number':
      return typeof value === 'number' ? numberText(value, typed.unit, lang) : String(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, dateLocale) : String(value);
    case 'text':
      return String(value);
    case 'choices': {
      if (!Array.isArray(value)) return String(value);
      if (value.length === 0) return t('answer.noneChosen');
      return value.map((id) => typed.options?.find((o) => o.id === id)?.label[lang] ?? id).join(', ');
    }
  }
}

export type NumberRules = Pick<TemplateItem, 'min' | 'max' | 'integer'>;
type NumberProblem = { reason: 'invalid' } | { reason: 'min'; min: number } | { reason: 'max'; max: number } | { reason: 'integer' };

/**
 * Parses a number as Finns and Swedes write it (comma or point, spaces between thousands) and checks
 * it against the item's bounds (a number without bounds, as revision 1 has them, is 0 or more).
 */
export function parseAnswerNumber(text: string, rules: NumberRules = {}): { ok: true; value: number | null } | ({ ok: false } & NumberProblem) {
  const s = text.trim().replace(/\s/g, '').replace(',', '.');
  if (s === '') return { ok: true, value: null };
  if (!/^-?\d+(\.\d+)?$/.test(s)) return { ok: false, reason: 'invalid' };
  const n = Number(s);
  if (!Number.isFinite(n)) return { ok: false, reason: 'invalid' };
  const min = rules.min ?? 0;
  if (n < min) return { ok: false, reason: 'min', min };
  if (rules.max !== undefined && n > rules.max) return { ok: false, reason: 'max', max: rules.max };
  if (rules.integer && !Number.isInteger(n)) return { ok: false, reason: 'integer' };
  return { ok: true, value: n };
}

/** What is wrong with a typed number, in words. */
export function numberProblemText(problem: NumberProblem, t: Translate, lang: Language): string {
  const format = (n: number) => new Intl.NumberFormat(intlLocales[lang]).format(n);
  switch (problem.reason) {
    case 'invalid':
      return t('answer.error.number');
    case 'min':
      return t('answer.error.min', { min: format(problem.min) });
    case 'max':
      return t('answer.error.max', { max: format(problem.max) });
    case 'integer':
      return t('answer.error.integer');
  }
}

/** An answer's details in words, as label and value, in the item's order: those stored and asked for by the answer. */
export function detailLines(
  item: Pick<TemplateItem, 'details'>,
  answer: Pick<AnswerFields, 'value' | 'details'> | undefined,
  t: Translate,
  lang: Language,
  dateLocale: Locale | undefined,
): { id: string; label: string; text: string }[] {
  const stored = answer?.details;
  if (!stored || !answer) return [];
  return (item.details ?? []).flatMap((d) =>
    Object.hasOwn(stored, d.id) && detailShown(d, answer.value) ? [{ id: d.id, label: d.label[lang], text: answerLabel(stored[d.id], d, t, lang, dateLocale) }] : [],
  );
}
