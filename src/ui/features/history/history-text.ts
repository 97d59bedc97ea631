// The audit trail in words: field names as the forms call them, values as the report shows them (an
// answer by its item, dates in the user's language, people by name), who and which device.
import type { Locale } from 'date-fns';
import type { TemplateItem } from '../../../shared/reference.ts';
import { areas, isOneOf, type Language } from '../../../shared/vocabulary.ts';
import { answerLabel } from '../../common/answer-labels.ts';
import { formatDate } from '../../common/format.ts';
import { fieldLabel, valueText } from '../../common/record-label.ts';
import type { MessageKey, Params } from '../../i18n/index.ts';

type Translate = (key: MessageKey, params?: Params) => string;

export type TextContext = {
  t: Translate;
  lang: Language;
  dateLocale: Locale | undefined;
  /** A user's name by id (the directory, the signed-in user); undefined when the device does not know them. */
  nameOf: (userId: string) => string | undefined;
  /** The checklist item of an answer, when the device has its template. */
  item?: TemplateItem | undefined;
  /** A municipality's name by its code, when the device has it. */
  placeOf?: ((municipalityId: string) => string | undefined) | undefined;
};

/** Fields the shared labels (record-label.ts) do not name. */
const moreFieldKeys: Record<string, MessageKey> = {
  templateIds: 'history.field.templateIds',
  mode: 'history.field.mode',
  diaryNumber: 'history.field.diaryNumber',
  details: 'history.field.details',
  province: 'history.field.province',
  regionId: 'history.field.regionId',
  confirmedAt: 'history.field.confirmedAt',
};

export function historyFieldLabel(field: string, t: Translate): string {
  const key = moreFieldKeys[field];
  return key ? t(key) : fieldLabel(field, t);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A field's value in words. */
export function historyValueText(entity: string, field: string, value: unknown, ctx: TextContext): string {
  const { t, lang, dateLocale, item } = ctx;
  if (value === null || value === undefined || value === '') return t('value.empty');
  if (entity === 'answer' && field === 'value' && item) return answerLabel(value as Parameters<typeof answerLabel>[0], item, t, lang, dateLocale);
  if (entity === 'answer' && field === 'details' && typeof value === 'object' && !Array.isArray(value)) {
    const parts = Object.entries(value as Record<string, unknown>).map(([id, v]) => {
      const detail = item?.details?.find((d) => d.id === id);
      const text = detail ? answerLabel(v as Parameters<typeof answerLabel>[0], detail, t, lang, dateLocale) : historyValueText('', id, v, ctx);
      return `${detail ? detail.label[lang] : id}: ${text}`;
    });
    return parts.length > 0 ? parts.join('; ') : t('value.empty');
  }
  if ((field === 'inspectorId' || field === 'approvedBy') && typeof value === 'string') return ctx.nameOf(value) ?? t('people.inspector', { id: value.slice(0, 8) });
  if (field === 'municipalityId' && typeof value === 'string') {
    const place = ctx.placeOf?.(value);
    return place ? `${place} (${value})` : value;
  }
  if ((field === 'plannedDate' || field === 'dueDate' || field === 'confirmedAt') && typeof value === 'string' && ISO_DATE.test(value)) return formatDate(value, dateLocale);
  if (field === 'mode' && (value === 'on_site' || value === 'remote')) return t(`visit.mode.${value}`);
  if (field === 'areas' && Array.isArray(value)) return value.map((a) => (isOneOf(areas, a) ? t(`area.${a}`) : String(a))).join(', ');
  if (field === 'status' && entity === 'followUp' && (value === 'open' || value === 'done' || value === 'dropped')) return t(`followUp.status.${value}`);
  if (field === 'name' && typeof value === 'object' && !Array.isArray(value)) {
    const names = value as Record<string, unknown>;
    const name = names[lang] ?? names['fi'];
    if (typeof name === 'string') return name;
  }
  return valueText(value, field, t, lang);
}

/** Who made a change: the name the server gave, the device's directory, or a short form of the id. */
export function whoText(userId: string, userName: string | null, ctx: Pick<TextContext, 't' | 'nameOf'>): string {
  return userName ?? ctx.nameOf(userId) ?? ctx.t('history.user', { id: userId.slice(0, 8) });
}

/** A device by the first characters of its sync client id; "this device" for the user's own. */
export function deviceText(clientId: string | null, ownClientId: string | null, t: Translate): string {
  if (!clientId) return t('history.deviceUnknown');
  if (clientId === ownClientId) return t('history.thisDevice');
  return t('history.device', { id: clientId.slice(0, 8) });
}
