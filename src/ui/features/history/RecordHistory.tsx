// "History" of one record, for coordinators and admins: a disclosure that reads the record's audit trail
// from the server when first opened: who, when, from which device, each changed field before → after.
import { useCallback, useId, useState } from 'preact/hooks';
import { loadAuditNames } from '../../../db/audit-names.ts';
import { municipalityName } from '../../../db/queries.ts';
import type { EntityName } from '../../../shared/entities.ts';
import type { HistoryEntry } from '../../../shared/history.ts';
import type { TemplateItem } from '../../../shared/reference.ts';
import { formatDateTime } from '../../common/format.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { ReadProblemNotice } from './ReadProblemNotice.tsx';
import { fetchRecordHistory } from './history-api.ts';
import { deviceText, historyFieldLabel, historyValueText, whoText, type TextContext } from './history-text.ts';
import { useNameOf, useOwnClientId } from './use-history-context.ts';
import { useServerRead } from './use-server-read.ts';
import './history.css';

const opKeys = { create: 'history.op.create', update: 'history.op.update', delete: 'history.op.delete' } as const;

/** Fields not worth a line: the record's fixed links to its parents. */
const quiet = new Set(['visitId', 'itemId']);

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

export function RecordHistory({ entity, id, label, item }: { entity: EntityName; id: string; label: string; item?: TemplateItem }) {
  const { t } = useI18n();
  const { session } = useSignedIn();
  const [opened, setOpened] = useState(false);
  const read = useServerRead((signal) => fetchRecordHistory(session.token, entity, id, signal), [session.token, entity, id]);
  const listId = useId();
  return (
    <details
      class="record-history"
      onToggle={(e) => {
        const open = e.currentTarget.open;
        setOpened(open);
        if (open && read.value === null && read.phase !== 'loading') read.load();
      }}
    >
      <summary>
        <span class="record-history-label">{label}</span>
      </summary>
      {opened && (
        <div class="record-history-body">
          <div role="status">
            {read.phase === 'loading' && <p class="save-state">{t('history.loading')}</p>}
            {read.problem && <ReadProblemNotice problem={read.problem} kept={read.value !== null} />}
          </div>
          {read.value && (read.value.length === 0 ? <p class="muted">{t('history.noEntries')}</p> : <HistoryEntries entity={entity} entries={read.value} item={item} id={listId} />)}
          <p>
            <button type="button" class="button button-secondary" onClick={read.load} disabled={read.phase === 'loading'}>
              {read.value ? t('history.refresh') : t('history.retry')}
            </button>
          </p>
        </div>
      )}
    </details>
  );
}

/**
 * One push's changes to the record, each mutation a history row of its own (a return's reason and its
 * status, say), shown as one entry: consecutive edits of one version from one device are merged.
 */
function groupEntries(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const grouped: HistoryEntry[] = [];
  for (const e of entries) {
    const last = grouped.at(-1);
    // Only edits of other fields: a field written twice in one push (a visit started and submitted) keeps both steps.
    const disjoint = !!last && Object.keys(e.after ?? {}).every((f) => !(f in (last.after ?? {})));
    if (last && disjoint && e.op === 'update' && last.op === 'update' && last.version === e.version && last.userId === e.userId && last.clientId === e.clientId) {
      // The earliest value before, the latest after.
      grouped[grouped.length - 1] = { ...last, before: { ...e.before, ...last.before }, after: { ...last.after, ...e.after } };
    } else grouped.push(e);
  }
  return grouped;
}

/** The entries, newest first (the server gives them oldest first): the latest is what a coordinator looks for. */
function HistoryEntries({ entity, entries, item, id }: { entity: EntityName; entries: readonly HistoryEntry[]; item?: TemplateItem | undefined; id: string }) {
  const { t, lang, dateLocale } = useI18n();
  const { db } = useSignedIn();
  const nameOf = useNameOf();
  const ownClientId = useOwnClientId();
  const names = useLiveQuery(() => loadAuditNames(db), [db]);
  const places = names.state === 'ready' ? names.value.municipalities : null;
  const placeOf = useCallback((id: string) => {
    const name = places?.get(id);
    return name ? municipalityName(name, lang) : undefined;
  }, [places, lang]);
  const ctx: TextContext = { t, lang, dateLocale, nameOf, item, placeOf };
  return (
    <ol class="history-entries" id={id}>
      {groupEntries(entries).reverse().map((e, i) => {
        // A creation lists what it set; an empty field set nothing.
        const set = (f: string) => e.op !== 'create' || !isEmpty(e.after?.[f]);
        const fields = [...new Set([...Object.keys(e.op === 'delete' ? {} : (e.after ?? {})), ...(e.op === 'update' ? Object.keys(e.before ?? {}) : [])])].filter(
          (f) => !quiet.has(f) && set(f),
        );
        return (
          <li key={`${e.version}-${i}`} class="history-entry">
            <p class="history-event-meta">
              <strong>{t(opKeys[e.op])}</strong>
              {' · '}
              <time dateTime={e.at}>{formatDateTime(e.at, dateLocale)}</time>
              {' · '}
              {whoText(e.userId, e.userName, { t, nameOf })}
              {' · '}
              <span class="muted">{deviceText(e.clientId, ownClientId, t)}</span>
            </p>
            {fields.length > 0 && (
              <ul class="history-entry-fields">
                {fields.map((f) => (
                  <li key={f}>
                    <span class="history-entry-field">{historyFieldLabel(f, t)}:</span>{' '}
                    {e.op === 'create' ? (
                      <span class="pre-line">{historyValueText(entity, f, e.after?.[f], ctx)}</span>
                    ) : (
                      <>
                        <span class="pre-line history-old">{historyValueText(entity, f, e.before?.[f], ctx)}</span>
                        <span aria-hidden="true"> → </span>
                        <span class="visually-hidden"> {t('history.changedTo')} </span>
                        <span class="pre-line">{historyValueText(entity, f, e.after?.[f], ctx)}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
