// Submitted visits waiting for a coordinator's review.
import { listVisitsByStatus } from '../../db/queries.ts';
import { LiveState } from '../components/LiveState.tsx';
import { Page } from '../components/Page.tsx';
import { VisitList } from '../components/VisitList.tsx';
import { useLiveQuery } from '../hooks/use-live-query.ts';
import { useI18n } from '../i18n/index.ts';
import { useSignedIn } from '../session-context.ts';

export function ReviewPage() {
  const { t } = useI18n();
  const { db } = useSignedIn();
  const visits = useLiveQuery(() => listVisitsByStatus(db, 'submitted'), [db]);
  return (
    <Page title={t('nav.review')}>
      <p class="lead">{t('review.intro')}</p>
      {visits.state !== 'ready' ? (
        <LiveState state={visits.state} />
      ) : visits.value.length === 0 ? (
        <p class="empty-state">{t('review.empty')}</p>
      ) : (
        <VisitList visits={visits.value} label={t('review.listLabel')} />
      )}
    </Page>
  );
}
