// An item's answers across the region as rows to show: a label, how many municipalities (and which),
// and for numbers and dates their figures ("median 2 FTE, range 1–4 FTE"). The answers page makes each
// count a button that lists its municipalities; the printed summary shows the same rows as a table.
import type { Locale } from 'date-fns';
import type { AnswerPlace, DetailSummary, ItemAnswers } from '../../../db/region-answers.ts';
import type { Language, TemplateItem } from '../../../shared/reference.ts';
import { formatDate, intlLocales } from '../../common/format.ts';
import type { MessageKey, Params } from '../../i18n/index.ts';

type Translate = (key: MessageKey, params?: Params) => string;
/** `short`: the label in a one-line summary (a scale's step without its anchor's words). */
export type AnswerRow = { key: string; label: string; short?: string; places: AnswerPlace[]; figures?: string; quiet?: boolean };
type DetailRows = { id: string; label: string; rows: AnswerRow[] };

type Unit = TemplateItem['unit'];
const numberText = (n: number, unit: Unit, lang: Language) => {
  const text = new Intl.NumberFormat(intlLocales[lang], { maximumFractionDigits: 2 }).format(n);
  return unit ? `${text} ${unit[lang]}` : text;
};

function numberFigures(s: { median: number; min: number; max: number }, unit: Unit, t: Translate, lang: Language): string {
  // The unit once after the range: "median 0.75 FTE, range 0.5–1 FTE".
  return t('region.ans.numberFigures', { median: numberText(s.median, unit, lang), min: numberText(s.min, undefined, lang), max: numberText(s.max, unit, lang) });
}

function dateFigures(s: { earliest: string; latest: string }, t: Translate, locale: Locale | undefined): string {
  return t('region.ans.dateFigures', { earliest: formatDate(s.earliest, locale), latest: formatDate(s.latest, locale) });
}

/** The rows of an item: its values, then not assessed and not answered, then (when any) not asked and answered in another form. */
export function answerRows(a: ItemAnswers, t: Translate, lang: Language, locale: Locale | undefined): AnswerRow[] {
  const { item } = a;
  const label = (key: string): string => {
    switch (item.answerType) {
      case 'yes_partly_no_na':
        return key === 'yes' || key === 'partly' || key === 'no' ? t(`answer.${key}`) : key;
      case 'scale':
      case 'scale_1_5': {
        const anchor = item.anchors?.find((x) => String(x.value) === key);
        return anchor ? `${key} – ${anchor.label[lang]}` : key;
      }
      case 'choices':
        return key === 'none' ? t('answer.noneChosen') : (item.options?.find((o) => o.id === key)?.label[lang] ?? key);
      default:
        return t('region.ans.answered');
    }
  };
  const scale = item.answerType === 'scale' || item.answerType === 'scale_1_5';
  const rows: AnswerRow[] = a.values.map((g) => ({ key: g.key, label: label(g.key), ...(scale ? { short: g.key } : {}), places: g.places }));
  if (item.answerType === 'number') rows.push({ key: 'number', label: t('region.ans.numbers'), places: a.number?.places ?? [], ...(a.number ? { figures: numberFigures(a.number, item.unit, t, lang) } : {}) });
  if (item.answerType === 'date') rows.push({ key: 'date', label: t('region.ans.dates'), places: a.date?.places ?? [], ...(a.date ? { figures: dateFigures(a.date, t, locale) } : {}) });
  rows.push({ key: 'notAssessed', label: t('answer.not_assessed'), places: a.notAssessed, quiet: true });
  rows.push({ key: 'notAnswered', label: t('answer.unanswered'), places: a.notAnswered, quiet: true });
  if (a.notAsked.length > 0) rows.push({ key: 'notAsked', label: t('region.ans.notAsked'), places: a.notAsked, quiet: true });
  if (a.otherForm.length > 0) rows.push({ key: 'otherForm', label: t('region.ans.otherForm'), places: a.otherForm, quiet: true });
  return rows;
}

/** The details that are numbers, dates or choices, each with its rows (none when no answer gave it). */
export function detailRows(a: ItemAnswers, t: Translate, lang: Language, locale: Locale | undefined): DetailRows[] {
  return a.details.flatMap((d: DetailSummary): DetailRows[] => {
    const base = { id: d.detail.id, label: d.detail.label[lang] };
    if (d.kind === 'choices') {
      const rows = d.options.filter((g) => g.places.length > 0).map((g) => ({ key: g.key, label: d.detail.options?.find((o) => o.id === g.key)?.label[lang] ?? g.key, places: g.places }));
      return rows.length > 0 ? [{ ...base, rows }] : [];
    }
    if (!d.summary) return [];
    const figures = d.kind === 'number' ? numberFigures(d.summary, d.detail.unit, t, lang) : dateFigures(d.summary, t, locale);
    return [{ ...base, rows: [{ key: d.kind, label: t(d.kind === 'number' ? 'region.ans.numbers' : 'region.ans.dates'), places: d.summary.places, figures }] }];
  });
}

/** The rows in one line: "Yes: 41, Partly: 5, No: 3, Not assessed: 2"; a scale's steps by their numbers. */
export function rowsLine(rows: readonly AnswerRow[]): string {
  return rows
    .filter((r) => r.places.length > 0 || !r.quiet)
    .map((r) => `${r.short ?? r.label}: ${r.places.length}${r.figures ? ` (${r.figures})` : ''}`)
    .join(', ');
}
