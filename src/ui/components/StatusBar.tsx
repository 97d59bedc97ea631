// The always-visible connection and sync status. Sync is not built yet, so it says so plainly.
import { useI18n } from '../i18n/index.ts';
import { countOutbox } from '../../db/queries.ts';
import { useLiveQuery } from '../hooks/use-live-query.ts';
import { useOnline } from '../hooks/use-online.ts';
import { useSignedIn } from '../session-context.ts';

export function StatusBar() {
  const { t } = useI18n();
  const { db } = useSignedIn();
  const online = useOnline();
  const pending = useLiveQuery(() => countOutbox(db), [db]);
  return (
    <div class="status-bar" role="status" aria-live="polite">
      <span class={online ? 'status-item status-online' : 'status-item status-offline'}>
        <span class="status-dot" aria-hidden="true" />
        {online ? t('status.online') : t('status.offline')}
      </span>
      <span class="status-item">{t('status.neverSynced')}</span>
      {pending.state === 'ready' && <span class="status-item">{t('status.pending', { count: pending.value })}</span>}
    </div>
  );
}
