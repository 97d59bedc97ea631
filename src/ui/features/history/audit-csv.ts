// The audit export as CSV (region/csv.ts: UTF-8 with a BOM, CRLF, the chosen separator, formulas
// defused): a row per changed field of each history row, times as ISO 8601 in UTC.
import type { ExportRow } from '../../../shared/history.ts';
import type { Language } from '../../../shared/vocabulary.ts';
import type { MessageKey, Params } from '../../i18n/index.ts';
import { toCsv, type CsvSeparator, type CsvValue } from '../../common/csv.ts';
import { historyFieldLabel } from './history-text.ts';

type Translate = (key: MessageKey, params?: Params) => string;

/** The record types in words; one the app does not name yet keeps its wire name. */
const entityKeys: Partial<Record<ExportRow['entity'], MessageKey>> = {
  region: 'history.entity.region',
  municipality: 'history.entity.municipality',
  template: 'history.entity.template',
  agency: 'history.entity.agency',
  contact: 'history.entity.contact',
  visit: 'history.entity.visit',
  answer: 'history.entity.answer',
  observation: 'history.entity.observation',
  followUp: 'history.entity.followUp',
  meeting: 'history.entity.meeting',
  guidance: 'history.entity.guidance',
  attachment: 'history.entity.attachment',
};

function entityText(entity: ExportRow['entity'], t: Translate): string {
  const key = entityKeys[entity];
  return key ? t(key) : entity;
}

const opKeys = { create: 'history.op.create', update: 'history.op.update', delete: 'history.op.delete' } as const;

/** A stored value as a cell: text as it is, nothing for null, anything else as its JSON. */
function cell(value: unknown): CsvValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}

export function auditCsv(
  rows: readonly ExportRow[],
  separator: CsvSeparator,
  { t, lang, municipalities }: { t: Translate; lang: Language; municipalities: ReadonlyMap<string, { fi: string; sv: string }> },
): string {
  const header = [
    t('history.csv.time'),
    t('history.csv.user'),
    t('history.csv.device'),
    t('history.csv.entity'),
    t('history.csv.recordId'),
    t('history.csv.municipality'),
    t('history.csv.op'),
    t('history.csv.field'),
    t('history.csv.before'),
    t('history.csv.after'),
  ];
  const body: CsvValue[][] = [];
  for (const r of rows) {
    const names = r.municipalityId ? municipalities.get(r.municipalityId) : undefined;
    const municipality = r.municipalityId ? `${r.municipalityId} ${names ? (lang === 'sv' ? names.sv : names.fi) : ''}`.trim() : null;
    const fields = [...new Set([...Object.keys(r.before ?? {}), ...Object.keys(r.after ?? {})])];
    const start = [r.at, r.userName ?? r.userId, r.clientId, entityText(r.entity, t), r.recordId, municipality, t(opKeys[r.op])];
    if (fields.length === 0) body.push([...start, null, null, null]);
    for (const f of fields) body.push([...start, historyFieldLabel(f, t), cell(r.before?.[f]), cell(r.after?.[f])]);
  }
  return toCsv(header, body, { separator });
}
