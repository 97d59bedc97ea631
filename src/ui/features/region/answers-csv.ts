// The answers of a period's visits as CSV: a row per visit and checklist item (answered or not), with the
// municipality's code and names, the visit's date, status, areas and inspector, the item's id and
// question in the UI's language, the answer, its details as text and the comment. Dates as ISO dates,
// numbers as numbers; made on the device from what it holds (csv.ts: BOM, CRLF, the separator chosen).
import { detailShown, orderedItems, type PeriodAnswers } from '../../../db/region-answers.ts';
import type { TemplateDetail, TemplateItem } from '../../../shared/reference.ts';
import { NOT_ASSESSED, type Area, type Language } from '../../../shared/vocabulary.ts';
import { intlLocales } from '../../common/format.ts';
import type { MessageKey, Params } from '../../i18n/index.ts';
import { toCsv, type CsvSeparator, type CsvValue } from '../../common/csv.ts';

type Translate = (key: MessageKey, params?: Params) => string;
type Typed = Pick<TemplateItem, 'answerType' | 'unit' | 'anchors' | 'options'> | Pick<TemplateDetail, 'answerType' | 'unit' | 'options'>;

/** A value as a spreadsheet takes it: a number stays a number, a date stays ISO, an option is its label. */
function cell(value: unknown, typed: Typed, t: Translate, lang: Language): CsvValue {
  if (value === null || value === undefined) return null;
  if (value === NOT_ASSESSED) return t('answer.not_assessed');
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.length === 0 ? t('answer.noneChosen') : value.map((id) => typed.options?.find((o) => o.id === id)?.label[lang] ?? String(id)).join(', ');
  if (typed.answerType === 'yes_partly_no_na' && (value === 'yes' || value === 'partly' || value === 'no')) return t(`answer.${value}`);
  return String(value);
}

/** A detail in words, its number as the language writes it: "Henkilöstö: 1,5 htv". */
function detailText(detail: TemplateDetail, value: unknown, t: Translate, lang: Language): string {
  const v = cell(value, detail, t, lang);
  const number = typeof v === 'number' ? new Intl.NumberFormat(intlLocales[lang], { maximumFractionDigits: 6 }).format(v) : null;
  const text = number === null ? String(v ?? '') : detail.unit ? `${number} ${detail.unit[lang]}` : number;
  return `${detail.label[lang]}: ${text}`;
}

export function answersCsv(
  data: PeriodAnswers,
  options: { area: Area | ''; separator: CsvSeparator; t: Translate; lang: Language; inspector: (id: string) => string },
): string {
  const { t, lang, area } = options;
  const header = [
    t('region.csv.code'),
    t('region.csv.nameFi'),
    t('region.csv.nameSv'),
    t('region.ans.csv.date'),
    t('region.csv.status'),
    t('region.ans.csv.areas'),
    t('region.csv.inspector'),
    t('region.ans.csv.checklist'),
    t('region.ans.csv.item'),
    t('region.ans.csv.question'),
    t('region.ans.csv.answer'),
    t('region.ans.csv.details'),
    t('region.ans.csv.comment'),
  ];
  const rows: CsvValue[][] = [];
  for (const visit of data.visits) {
    const templates = visit.templateIds.flatMap((id) => {
      const template = data.templates.get(id);
      return template ? [template] : [];
    });
    const areas = templates.map((tpl) => t(`area.${tpl.area}`)).join(', ');
    const inspector = options.inspector(visit.inspectorId);
    for (const template of templates) {
      if (area !== '' && template.area !== area) continue;
      for (const item of orderedItems(template)) {
        const answer = data.answers.get(`${visit.id}:${item.id}`);
        const details = answer?.details;
        const detailLines = details
          ? (item.details ?? []).flatMap((d) => (Object.hasOwn(details, d.id) && detailShown(d, answer.value) ? [detailText(d, details[d.id], t, lang)] : []))
          : [];
        rows.push([
          visit.municipalityId,
          visit.municipality.fi,
          visit.municipality.sv,
          visit.plannedDate,
          t(`visitStatus.${visit.status}`),
          areas,
          inspector,
          template.id,
          item.id,
          item.question[lang],
          cell(answer?.value, item, t, lang),
          detailLines.length > 0 ? detailLines.join('\n') : null,
          answer?.comment || null,
        ]);
      }
    }
  }
  return toCsv(header, rows, { separator: options.separator });
}
