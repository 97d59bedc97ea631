// The always-visible sync status: connection, what the loop is doing or what went wrong, unsent changes
// and how long the oldest has waited, the last sync, and rejected changes that need the user. On a narrow
// screen scrolled away from the top it folds to one calm line (a dot, the unsent count, offline if so), a
// button that opens the full form in its place.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { SYNC_PATH } from '../../common/sync-paths.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSyncStatus } from './use-sync-status.ts';
import { ago, connectionText, failedProblem, problemText, progressText } from '../../common/sync-text.ts';
import { StatusAnnouncer } from './StatusAnnouncer.tsx';
import { useFoldOnScroll } from './use-fold-on-scroll.ts';
import './status-bar.css';

export function StatusBar() {
  const { t, dateLocale } = useI18n();
  const { state, available, syncNow, summary: s, connection, lastSync, now } = useSyncStatus();
  const bar = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const folded = useFoldOnScroll(bar);
  const [opened, setOpened] = useState(false);
  const open = folded && opened;
  // Back at the top it unfolds; folding again later starts closed.
  useEffect(() => {
    if (!folded) setOpened(false);
  }, [folded]);
  // One thing at a time: what it is doing, else what went wrong, else when it last worked. With no way to
  // the server, the connection item says so, and how old the device's data is matters more than a retry time.
  const activity =
    progressText(state, t) ??
    (state.problem && connection === 'online' ? problemText(state.problem, state.nextAttemptAt, t, dateLocale) : null) ??
    (lastSync ? t('sync.lastSync', { ago: ago(lastSync, now, dateLocale) }) : t('status.neverSynced'));
  const pending =
    s && s.pending > 0 && s.oldestQueuedAt
      ? t('sync.pending', { count: s.pending, ago: ago(s.oldestQueuedAt, now, dateLocale) })
      : null;
  const canRetry = available && connection !== 'offline' && failedProblem(state.problem) && state.status !== 'running';
  const problems = s ? s.rejected + s.conflicts : 0;

  const hasActions = problems > 0 || canRetry;
  const close = (refocus: boolean) => {
    setOpened(false);
    if (refocus) toggle.current?.focus();
  };

  return (
    <div
      ref={bar}
      class={`status-bar sync-status${folded ? ' is-folded' : ''}${open ? ' is-open' : ''}`}
      onKeyDown={(e) => {
        if (open && e.key === 'Escape') close(true);
      }}
    >
      {folded && (
        <button
          ref={toggle}
          type="button"
          class="sync-status-line"
          aria-expanded={open ? 'true' : 'false'}
          aria-controls={panelId}
          onClick={() => setOpened(!open)}
        >
          <span class="visually-hidden">{t('sync.lineLabel')} </span>
          <span class={`status-item status-${connection}`}>
            <span class="status-dot" aria-hidden="true" />
            {connection === 'offline' && t('sync.lineOffline')}
            {connection === 'unreachable' && t('sync.lineUnreachable')}
          </span>
          <span class="status-item">{s && s.pending > 0 ? t('sync.linePending', { count: s.pending }) : t('sync.lineNothingPending')}</span>
          {problems > 0 && (
            <span class="status-item sync-line-warning">
              <span aria-hidden="true" class="sync-warning-icon">
                !
              </span>
              {t('sync.lineProblems', { count: problems })}
            </span>
          )}
          <span class="sync-line-chevron" aria-hidden="true" />
        </button>
      )}
      {/* Links lead to another page: the folded bar closes behind them. */}
      <div
        id={panelId}
        class="sync-status-panel"
        hidden={folded && !open}
        onClick={(e) => {
          if (open && e.target instanceof Element && e.target.closest('a')) close(false);
        }}
      >
        <a class="sync-status-summary" href={SYNC_PATH}>
          <span class="sync-status-text">
            <span class={`status-item status-${connection}`}>
              <span class="status-dot" aria-hidden="true" />
              {connectionText(connection, t)}
            </span>
            <span class="status-item">{activity}</span>
            {pending && <span class="status-item">{pending}</span>}
            <span class="visually-hidden">{t('sync.detailsLink')}</span>
          </span>
          <span class="sync-status-chevron" aria-hidden="true">
            ›
          </span>
        </a>
        {hasActions && (
          <span class="sync-status-actions">
            {s && s.rejected > 0 && (
              <a class="sync-status-warning" href={`${SYNC_PATH}#rejected`}>
                <span aria-hidden="true" class="sync-warning-icon">
                  !
                </span>
                {t('sync.rejected', { count: s.rejected })}
              </a>
            )}
            {s && s.conflicts > 0 && (
              <a class="sync-status-warning" href={`${SYNC_PATH}#conflicts`}>
                {t('sync.conflicts', { count: s.conflicts })}
              </a>
            )}
            {canRetry && (
              <button type="button" class="button sync-status-button" onClick={syncNow}>
                {t('sync.now')}
              </button>
            )}
          </span>
        )}
      </div>
      <StatusAnnouncer connection={connection} problem={state.problem} neverSynced={lastSync === null} rejected={s?.rejected ?? 0} conflicts={s?.conflicts ?? 0} />
    </div>
  );
}
