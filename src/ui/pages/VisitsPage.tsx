// The visits on this device; planning and syncing them come with later work.
import { listVisits } from '../../db/queries.ts';
import { LiveState } from '../components/LiveState.tsx';
import { Page } from '../components/Page.tsx';
import { VisitList } from '../components/VisitList.tsx';
import { useLiveQuery } from '../hooks/use-live-query.ts';
import { useI18n } from '../i18n/index.ts';
import { useSignedIn } from '../session-context.ts';

export function VisitsPage() {
  const { t } = useI18n();
  const { db } = useSignedIn();
  const visits = useLiveQuery(() => listVisits(db), [db]);
  return (
    <Page title={t('nav.visits')}>
      {visits.state !== 'ready' ? (
        <LiveState state={visits.state} />
      ) : visits.value.length === 0 ? (
        <p class="empty-state">{t('visits.empty')}</p>
      ) : (
        <VisitList visits={visits.value} label={t('nav.visits')} />
      )}
    </Page>
  );
}
