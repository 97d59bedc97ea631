// Where the visit stands in review: a decided visit shows the outcome, reason and note; a visit that
// cannot be reviewed here says why. Takes focus when a decision lands while it is shown.
import { useEffect, useRef } from 'preact/hooks';
import type { Visit } from '../../../db/visit-queries.ts';
import { formatDateTime } from '../../common/format.ts';
import { useI18n } from '../../i18n/index.ts';

export function ReviewOutcome({ visit, canReview }: { visit: Visit; canReview: boolean }) {
  const { t, dateLocale } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const previous = useRef(visit.status);
  useEffect(() => {
    // Approving or returning removes the buttons that had focus; the outcome is where the user continues.
    if (previous.current === 'submitted' && (visit.status === 'approved' || visit.status === 'returned')) ref.current?.focus();
    previous.current = visit.status;
  }, [visit.status]);

  let body;
  if (visit.status === 'approved') {
    body = <p>{visit.approvedAt ? t('reviewVisit.approvedAt', { date: formatDateTime(visit.approvedAt, dateLocale) }) : t('reviewVisit.approvedPending')}</p>;
  } else if (visit.status === 'returned') {
    body = (
      <>
        <p>{t('reviewVisit.outcomeReturned')}</p>
        <p class="label">{t('review.returnReason')}</p>
        <p class="pre-line">{visit.returnReason}</p>
      </>
    );
  } else if (visit.status === 'submitted') {
    body = (
      <>
        <p>{canReview ? t('reviewVisit.waiting') : t('reviewVisit.notYours')}</p>
        {visit.returnReason && (
          <p class="muted">
            {t('reviewVisit.earlierReturn')}: {visit.returnReason}
          </p>
        )}
      </>
    );
  } else {
    body = <p>{t('reviewVisit.notSubmitted', { status: t(`visitStatus.${visit.status}`) })}</p>;
  }

  const decided = visit.status === 'approved' || visit.status === 'returned';
  return (
    <div ref={ref} tabIndex={-1} class={`review-outcome outcome-${visit.status}`} role="status">
      {body}
      {decided && visit.reviewNote && (
        <>
          <p class="label">{t('reviewVisit.reviewNote')}</p>
          <p class="pre-line">{visit.reviewNote}</p>
        </>
      )}
    </div>
  );
}
