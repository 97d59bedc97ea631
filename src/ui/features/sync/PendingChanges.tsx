// What waits to be sent, one entry per record: what changed in it and since when.
import { listPendingGroups, type PendingGroup } from '../../../db/sync-queries.ts';
import { formatDateTime } from '../../common/format.ts';
import { useI18n } from '../../i18n/index.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useSync } from '../../common/use-sync.ts';
import { fieldLabel, recordLabel, recordPath } from '../../common/record-label.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { LiveState } from '../../common/LiveState.tsx';

/** Past this many records, the rest are counted, not listed: the page must stay usable with a long outbox. */
const SHOWN = 100;

export function PendingChanges() {
  const { t, lang, dateLocale } = useI18n();
  const { db } = useSignedIn();
  const groups = useLiveQuery(() => listPendingGroups(db), [db]);
  // Rows stay marked in flight after a push that got no answer; "being sent" is true only while a pass runs.
  const sending = useSync().state.status === 'running';

  const describe = (g: PendingGroup): string => {
    if (g.changes.some((c) => c.op === 'delete')) return t('change.delete');
    if (g.changes.some((c) => c.create)) return t('change.create');
    const fields = [...new Set(g.changes.flatMap((c) => c.fields))].map((f) => fieldLabel(f, t));
    return t('change.fields', { fields: fields.join(', ') });
  };

  return (
    <section class="sync-section" aria-labelledby="pending">
      <h2 id="pending">{t('pending.title')}</h2>
      {groups.state !== 'ready' ? (
        <LiveState state={groups.state} />
      ) : groups.value.length === 0 ? (
        <p class="empty-state">{t('pending.none')}</p>
      ) : (
        <>
          <ul class="card-list sync-list">
            {groups.value.slice(0, SHOWN).map((g) => {
              const path = recordPath(g.ref);
              const label = recordLabel(g.ref, t, lang, dateLocale);
              return (
                <li key={`${g.ref.entity}/${g.ref.id}`} class="card sync-item">
                  <p class="sync-item-title">{path ? <a href={path}>{label}</a> : label}</p>
                  <p class="sync-item-meta">
                    {describe(g)} ·{' '}
                    {t('pending.since', {
                      count: g.changes.length,
                      time: formatDateTime(g.firstQueuedAt, dateLocale),
                    })}
                    {sending && g.changes.some((c) => c.inFlight) && <> · {t('pending.sending')}</>}
                  </p>
                </li>
              );
            })}
          </ul>
          {groups.value.length > SHOWN && <p class="muted">{t('pending.more', { count: groups.value.length - SHOWN })}</p>}
        </>
      )}
    </section>
  );
}
