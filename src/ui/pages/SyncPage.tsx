// Everything about sync in one place: the loop's state, changes the server turned down (fix and resend, or
// discard), fields that lost a conflict, what still waits to be sent, and unsent changes to and from a file.
import { ConflictList } from '../components/ConflictList.tsx';
import { Page } from '../common/Page.tsx';
import { PendingChanges } from '../components/PendingChanges.tsx';
import { RejectedChanges } from '../components/RejectedChanges.tsx';
import { SyncOverview } from '../components/SyncOverview.tsx';
import { UnsentFileCard } from '../components/UnsentFileCard.tsx';
import { useI18n } from '../i18n/index.ts';
import '../components/sync.css';

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
