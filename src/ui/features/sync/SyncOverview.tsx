// The sync page's summary: connection, what the loop is doing or what went wrong, the last sync, what
// waits, and "Sync now".
import { formatDateTime } from '../../common/format.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSyncStatus } from './use-sync-status.ts';
import { ago, problemText, progressText } from '../../common/sync-text.ts';

export function SyncOverview() {
  const { t, dateLocale } = useI18n();
  const { state, available, syncNow, summary: s, connection, lastSync, now } = useSyncStatus();
  const doing =
    progressText(state, t) ??
    (connection === 'offline' ? t('sync.offlineKept') : state.problem ? problemText(state.problem, state.nextAttemptAt, t, dateLocale) : t('sync.idle'));

  return (
    <section class="card sync-card" aria-labelledby="sync-overview">
      <h2 id="sync-overview" class="visually-hidden">
        {t('sync.overviewTitle')}
      </h2>
      <dl class="facts">
        <div>
          <dt>{t('sync.connection')}</dt>
          <dd>{t(`status.${connection}`)}</dd>
        </div>
        <div>
          <dt>{t('sync.stateLabel')}</dt>
          <dd>{doing}</dd>
        </div>
        <div>
          <dt>{t('sync.lastSyncLabel')}</dt>
          <dd>
            {lastSync ? (
              <>
                <time dateTime={lastSync}>{formatDateTime(lastSync, dateLocale)}</time> {t('sync.agoAside', { ago: ago(lastSync, now, dateLocale) })}
              </>
            ) : (
              t('status.neverSynced')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('sync.pendingLabel')}</dt>
          <dd>
            {!s
              ? t('common.loading')
              : s.pending === 0
                ? t('sync.nothingPending')
                : t('sync.pending', { count: s.pending, ago: ago(s.oldestQueuedAt!, now, dateLocale) })}
          </dd>
        </div>
      </dl>
      {available && connection !== 'offline' && (
        <button type="button" class="button button-primary" onClick={syncNow} disabled={state.status === 'running'}>
          {state.status === 'running' ? t('sync.syncing') : t('sync.now')}
        </button>
      )}
      {connection === 'offline' && <p class="muted">{t('sync.offlineHint')}</p>}
      {connection === 'unreachable' && <p class="muted">{t('sync.unreachableHint')}</p>}
    </section>
  );
}
