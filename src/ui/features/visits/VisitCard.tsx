// One visit in the list: where and when, its area, status and sync state; a returned visit says why.
import { municipalityName } from '../../../db/queries.ts';
import type { VisitCard as VisitCardData } from '../../../db/visit-queries.ts';
import { formatDate } from '../../common/format.ts';
import { useI18n } from '../../i18n/index.ts';
import { visitPaths } from '../../app/routes.ts';
import { SyncBadge } from '../../common/SyncBadge.tsx';

export function VisitCard({ visit }: { visit: VisitCardData }) {
  const { t, lang, dateLocale } = useI18n();
  const place = visit.municipalityName ? municipalityName(visit.municipalityName, lang) : t('visits.unknownMunicipality', { code: visit.municipalityId });
  return (
    <li class={`card visit-card visit-card-${visit.status}`}>
      <h3 class="visit-place">
        <a href={visitPaths.visit(visit.id)} class="card-link">
          {place}
        </a>
      </h3>
      <p class="visit-meta">
        <time dateTime={visit.plannedDate}>{formatDate(visit.plannedDate, dateLocale)}</time>
        {visit.areas.length > 0 && <span>{visit.areas.map((a) => t(`area.${a}`)).join(', ')}</span>}
      </p>
      <p class="visit-badges">
        <span class={`badge badge-${visit.status}`}>{t(`visitStatus.${visit.status}`)}</span>
        <SyncBadge state={visit.sync} />
      </p>
      {visit.status === 'returned' && (
        <div class="return-reason">
          <p class="return-reason-title">{t('visits.returnReason')}</p>
          <p>{visit.returnReason?.trim() || t('visits.noReturnReason')}</p>
        </div>
      )}
    </li>
  );
}
