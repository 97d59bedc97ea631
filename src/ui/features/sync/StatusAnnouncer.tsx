// The status bar's live region. It holds only what is worth interrupting for (the connection, a problem,
// the first sync, new rejections or conflicts), so screen readers are not told every tick of the
// progress or of "5 minutes ago", which the visible bar shows.
import type { SyncProblem } from '../../../sync/state.ts';
import { useI18n } from '../../i18n/index.ts';
import { connectionText, type Connection } from '../../common/sync-text.ts';

type Props = { connection: Connection; problem: SyncProblem | null; neverSynced: boolean; rejected: number; conflicts: number };

export function StatusAnnouncer({ connection, problem, neverSynced, rejected, conflicts }: Props) {
  const { t } = useI18n();
  const parts = [connectionText(connection, t)];
  if (problem?.kind === 'unauthorized') parts.push(t('sync.signInAgain'));
  else if (problem?.kind === 'schemaTooOld') parts.push(t('sync.updateApp'));
  else if (connection === 'online' && (problem?.kind === 'server' || problem?.kind === 'network')) parts.push(t('sync.failedWillRetry'));
  else if (neverSynced) parts.push(t('status.neverSynced'));
  if (rejected > 0) parts.push(t('sync.rejected', { count: rejected }));
  if (conflicts > 0) parts.push(t('sync.conflicts', { count: conflicts }));
  return (
    <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {parts.join('. ')}
    </p>
  );
}
