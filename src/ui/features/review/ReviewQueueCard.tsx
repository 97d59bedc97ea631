// One visit in the review list: where, when, which area, whose, its status; the card's heading links to its review.
import { municipalityName } from '../../../db/queries.ts';
import type { VisitCard } from '../../../db/visit-queries.ts';
import { formatDate, formatDateTime } from '../../common/format.ts';
import { useI18n } from '../../i18n/index.ts';
import { inspectorLabel, type Directory } from '../../common/people.ts';
import { reviewPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';

export function ReviewQueueCard({ visit, directory }: { visit: VisitCard; directory: Directory }) {
  const { t, lang, dateLocale } = useI18n();
  const { session } = useSignedIn();
  const place = visit.municipalityName ? municipalityName(visit.municipalityName, lang) : t('visits.unknownMunicipality', { code: visit.municipalityId });
  return (
    <li class={`card review-card review-card-${visit.status}`}>
      <h3 class="visit-place">
        <a href={reviewPaths.visit(visit.id)} class="card-link">
          {place}
        </a>
      </h3>
      <p class="visit-meta">
        <time dateTime={visit.plannedDate}>{formatDate(visit.plannedDate, dateLocale)}</time>
        <span>{visit.areas.length > 0 ? visit.areas.map((a) => t(`area.${a}`)).join(', ') : visit.templateIds.join(', ')}</span>
        <span>{inspectorLabel(visit.inspectorId, session.user, t, directory)}</span>
      </p>
      <p class="visit-badges">
        <span class={`badge badge-${visit.status}`}>{t(`visitStatus.${visit.status}`)}</span>
        {visit.status === 'approved' && visit.approvedAt && (
          <span class="muted">{t('review.approvedOn', { date: formatDateTime(visit.approvedAt, dateLocale) })}</span>
        )}
      </p>
      {visit.status === 'returned' && visit.returnReason && (
        <p class="review-card-reason">
          <span class="label">{t('review.returnReason')}: </span>
          {visit.returnReason}
        </p>
      )}
    </li>
  );
}
