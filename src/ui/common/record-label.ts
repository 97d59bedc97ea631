// Records, fields and values in the words a user knows them by: "Visit to Espoo, 12 Dec 2025: answer to …".
import type { Locale } from 'date-fns';
import { municipalityName } from '../../db/queries.ts';
import type { RecordRef } from '../../db/sync-queries.ts';
import type { Language, Text3 } from '../../shared/reference.ts';
import { observationKinds } from '../../shared/records.ts';
import { visitStatuses } from '../../shared/workflow.ts';
import { choiceValues, type ChoiceValue } from './answer-labels.ts';
import { formatShortDate, intlLocales } from './format.ts';
import type { MessageKey, Params } from '../i18n/index.ts';

type ObservationKind = (typeof observationKinds)[number];

type Translate = (key: MessageKey, params?: Params) => string;

const EXCERPT = 80;

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT ? `${line.slice(0, EXCERPT - 1)}…` : line;
}

function shortDate(isoDate: string, locale: Locale | undefined): string {
  try {
    return formatShortDate(isoDate, locale);
  } catch {
    return isoDate;
  }
}

function question(q: Text3 | null, fallback: string, lang: Language): string {
  return q ? excerpt(q[lang]) : fallback;
}

/** "Visit to Espoo, 12 Dec 2025", or the record's own name, followed by what in it changed. */
export function recordLabel(ref: RecordRef, t: Translate, lang: Language, locale: Locale | undefined): string {
  const v = ref.visit;
  const place = v?.municipalityName
    ? municipalityName(v.municipalityName, lang)
    : v?.municipalityId
      ? t('visits.unknownMunicipality', { code: v.municipalityId })
      : null;
  const visit = !v
    ? null
    : place && v.plannedDate
      ? t('record.visitOn', { place, date: shortDate(v.plannedDate, locale) })
      : place
        ? t('record.visitTo', { place })
        : t('record.visitUnknown');
  const within = (part: string) => (visit ? t('record.within', { visit, part }) : part);
  switch (ref.entity) {
    case 'visit':
      return visit ?? t('record.visitUnknown');
    case 'answer':
      return within(t('record.answer', { item: question(ref.item?.question ?? null, ref.item?.id ?? '?', lang) }));
    case 'observation':
      return within(t('record.observation', { text: ref.text ? excerpt(ref.text) : '' }));
    case 'followUp':
      return within(t('record.followUp', { text: ref.text ? excerpt(ref.text) : '' }));
    case 'attachment':
      return within(t('record.attachment', { name: ref.text ? excerpt(ref.text) : '' }));
    case 'contact': {
      const town = ref.municipality?.name ? municipalityName(ref.municipality.name, lang) : (ref.municipality?.id ?? '');
      return t('record.contact', { name: ref.text ?? '?', place: town });
    }
    default:
      return t('record.reference', { id: ref.id });
  }
}

/** Where the user can open the record to fix it; null when the app has no page for it. */
export function recordPath(ref: RecordRef): string | null {
  if (!ref.visit || (ref.entity === 'visit' && !ref.onDevice)) return null;
  return `/visits/${encodeURIComponent(ref.visit.id)}`;
}

const fieldKeys: Record<string, MessageKey> = {
  municipalityId: 'field.municipalityId',
  name: 'field.name',
  title: 'field.title',
  organisation: 'field.organisation',
  areas: 'field.areas',
  email: 'field.email',
  phone: 'field.phone',
  notes: 'field.notes',
  active: 'field.active',
  templateId: 'field.templateId',
  inspectorId: 'field.inspectorId',
  plannedDate: 'field.plannedDate',
  status: 'field.status',
  attendees: 'field.attendees',
  agenda: 'field.agenda',
  summary: 'field.summary',
  returnReason: 'field.returnReason',
  reviewNote: 'field.reviewNote',
  approvedAt: 'field.approvedAt',
  approvedBy: 'field.approvedBy',
  visitId: 'field.visitId',
  itemId: 'field.itemId',
  value: 'field.value',
  comment: 'field.comment',
  reviewComment: 'field.reviewComment',
  kind: 'field.kind',
  text: 'field.text',
  dueDate: 'field.dueDate',
  legalShortcoming: 'field.legalShortcoming',
};

export function fieldLabel(field: string, t: Translate): string {
  const key = fieldKeys[field];
  return key ? t(key) : field;
}

/** A field's value as text; null and empty in words, statuses translated, lists joined. */
export function valueText(value: unknown, field: string, t: Translate, lang: Language): string {
  if (value === null || value === undefined || value === '') return t('value.empty');
  if (typeof value === 'boolean') return value ? t('value.yes') : t('value.no');
  if (typeof value === 'number') return new Intl.NumberFormat(intlLocales[lang]).format(value);
  if (typeof value === 'string') {
    if (field === 'status' && (visitStatuses as readonly string[]).includes(value)) return t(`visitStatus.${value as (typeof visitStatuses)[number]}`);
    // An answer's choice in words, as the checklist shows it ("Partly", not "partly").
    if (field === 'value' && (choiceValues as readonly string[]).includes(value)) return t(`answer.${value as ChoiceValue}`);
    if (field === 'kind' && (observationKinds as readonly string[]).includes(value)) return t(`observation.kind.${value as ObservationKind}`);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t('value.empty');
    return value.map((v) => (typeof v === 'object' && v !== null && 'name' in v ? String((v as { name: unknown }).name) : String(v))).join(', ');
  }
  return JSON.stringify(value);
}

const SHORT_VALUE = 40;

/** "Status → Submitted, Summary": the fields a change carried, with their values where they are short. */
export function changedFields(fields: Record<string, unknown>, t: Translate, lang: Language): string {
  return Object.entries(fields)
    .map(([f, v]) => {
      const text = valueText(v, f, t, lang);
      return text.length <= SHORT_VALUE && !text.includes('\n') ? `${fieldLabel(f, t)} → ${text}` : fieldLabel(f, t);
    })
    .join(', ');
}
