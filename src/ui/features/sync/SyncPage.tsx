// Everything about sync in one place: the loop's state, changes the server turned down (fix and resend, or
// discard), fields that lost a conflict, what still waits to be sent, and unsent changes to and from a file.
import { ConflictList } from './ConflictList.tsx';
import { Page } from '../../common/Page.tsx';
import { PendingChanges } from './PendingChanges.tsx';
import { RejectedChanges } from './RejectedChanges.tsx';
import { SyncOverview } from './SyncOverview.tsx';
import { UnsentFileCard } from './UnsentFileCard.tsx';
import { useI18n } from '../../i18n/index.ts';
import './sync.css';

export function SyncPage() {
  const { t } = useI18n();

  return (
    <Page title={t('sync.title')} className="sync-page">
      <SyncOverview />
      <RejectedChanges />
      <ConflictList />
      <PendingChanges />
      <UnsentFileCard />
    </Page>
  );
}
