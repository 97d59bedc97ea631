// What changed in a returned visit since its return, record by record: each changed field's value at the
// return beside its value now. Items are named by their question from the visit's templates (the
// device has them), answers shown as the report shows them.
import type { RecordChange } from '../../../shared/history.ts';
import type { TemplateItem } from '../../../shared/reference.ts';
import type { Language } from '../../../shared/vocabulary.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { historyFieldLabel, historyValueText, type TextContext } from './history-text.ts';

/** What the device knows to name the records: the visit's items, and its observations' and follow-ups' texts now. */
export type ChangeNames = {
  items: ReadonlyMap<string, TemplateItem>;
  texts: ReadonlyMap<string, string>;
  nameOf: (userId: string) => string | undefined;
};

function itemIdOf(change: RecordChange): string | null {
  if (change.entity !== 'answer') return null;
  return change.id.slice(change.id.indexOf(':') + 1);
}

function recordTitle(change: RecordChange, names: ChangeNames, { t }: I18n, lang: Language): string {
  switch (change.entity) {
    case 'visit':
      return t('history.record.visit');
    case 'answer': {
      const itemId = itemIdOf(change)!;
      const item = names.items.get(itemId);
      return item ? t('history.record.answer', { id: itemId, question: item.question[lang] }) : t('history.record.answerUnknown', { id: itemId });
    }
    case 'observation':
    case 'followUp': {
      const text = names.texts.get(change.id) ?? textOf(change);
      const short = text.length > 80 ? `${text.slice(0, 79)}…` : text;
      return t(change.entity === 'observation' ? 'history.record.observation' : 'history.record.followUp', { text: short });
    }
  }
}

function textOf(change: RecordChange): string {
  const field = change.fields.find((f) => f.field === 'text');
  const value = field?.now ?? field?.atReturn;
  return typeof value === 'string' ? value : '';
}

/** The order a record's fields are listed in: the answer and its comments first, the rest as the server gave them. */
const fieldOrder = ['value', 'details', 'comment', 'reviewComment', 'kind', 'text', 'dueDate', 'status', 'legalShortcoming'];
const rank = (field: string) => {
  const i = fieldOrder.indexOf(field);
  return i === -1 ? fieldOrder.length : i;
};

const changeKeys = {
  created: 'history.change.created',
  changed: 'history.change.changed',
  deleted: 'history.change.deleted',
} as const;

export function ChangesSinceReturn({ changes, names, headingLevel = 3 }: { changes: readonly RecordChange[]; names: ChangeNames; headingLevel?: 3 | 4 }) {
  const i18n = useI18n();
  const { t, lang, dateLocale } = i18n;
  if (changes.length === 0) return <p class="muted">{t('history.noChanges')}</p>;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <ul class="history-changes">
      {changes.map((change) => {
        const item = change.entity === 'answer' ? names.items.get(itemIdOf(change)!) : undefined;
        const ctx: TextContext = { t, lang, dateLocale, nameOf: names.nameOf, item };
        return (
          <li key={`${change.entity}/${change.id}`} class="card history-change">
            <Heading class="history-change-title">
              {recordTitle(change, names, i18n, lang)} <span class={`history-change-kind history-change-${change.change}`}>{t(changeKeys[change.change])}</span>
            </Heading>
            <dl class="history-fields">
              {[...change.fields].sort((a, b) => rank(a.field) - rank(b.field)).map((f) => (
                <div key={f.field} class="history-field">
                  <dt>{historyFieldLabel(f.field, t)}</dt>
                  <dd class="history-pair">
                    <div class="history-then">
                      <span class="history-side">{t('history.atReturn')}</span>
                      <span class="pre-line">{historyValueText(change.entity, f.field, f.atReturn, ctx)}</span>
                    </div>
                    <div class="history-now">
                      <span class="history-side">{t('history.now')}</span>
                      <span class="pre-line">{historyValueText(change.entity, f.field, f.now, ctx)}</span>
                    </div>
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
