// The coordinator's review list: submitted visits first, then those returned to the inspector, then recent approvals.
import { listVisitCards } from '../../../db/visit-queries.ts';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { ReviewQueueSection } from './ReviewQueueSection.tsx';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n } from '../../i18n/index.ts';
import { reviewQueue } from './review-queue.ts';
import { useSignedIn } from '../../app/session-context.ts';
import './review.css';

export function ReviewPage() {
  const { t } = useI18n();
  const { db } = useSignedIn();
  const visits = useLiveQuery(() => listVisitCards(db), [db]);
  if (visits.state !== 'ready') {
    return (
      <Page title={t('nav.review')}>
        <LiveState state={visits.state} />
      </Page>
    );
  }
  const queue = reviewQueue(visits.value);
  const nothing = queue.submitted.length + queue.returned.length + queue.approvedTotal === 0;
  return (
    <Page title={t('nav.review')}>
      <p class="lead">{t('review.intro')}</p>
      {nothing ? (
        <p class="empty-state">{t('review.empty')}</p>
      ) : (
        <>
          <ul class="review-counts" aria-label={t('review.countsLabel')}>
            <li>
              <a href="#review-submitted">
                <strong>{queue.submitted.length}</strong> {t('review.countSubmitted')}
              </a>
            </li>
            <li>
              <a href="#review-returned">
                <strong>{queue.returned.length}</strong> {t('review.countReturned')}
              </a>
            </li>
            <li>
              <a href="#review-approved">
                <strong>{queue.approvedTotal}</strong> {t('review.countApproved')}
              </a>
            </li>
          </ul>
          <ReviewQueueSection id="review-submitted" titleKey="review.submittedTitle" visits={queue.submitted} emptyKey="review.submittedEmpty" />
          <ReviewQueueSection id="review-returned" titleKey="review.returnedTitle" visits={queue.returned} emptyKey="review.returnedEmpty" />
          <ReviewQueueSection
            id="review-approved"
            titleKey="review.approvedTitle"
            visits={queue.approved}
            total={queue.approvedTotal}
            emptyKey="review.approvedEmpty"
            {...(queue.approvedTotal > queue.approved.length ? { note: t('review.approvedLatest', { count: queue.approved.length }) } : {})}
          />
        </>
      )}
    </Page>
  );
}
