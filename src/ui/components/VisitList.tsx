// A list of visits: where, when, and in which state.
import { municipalityName, type VisitRow } from '../../db/queries.ts';
import { formatDate } from '../format.ts';
import { useI18n } from '../i18n/index.ts';

export function VisitList({ visits, label }: { visits: VisitRow[]; label: string }) {
  const { t, lang, dateLocale } = useI18n();
  return (
    <ul class="card-list" aria-label={label}>
      {visits.map((v) => (
        <li key={v.id} class="card visit-card">
          <p class="visit-place">
            {v.municipalityName ? municipalityName(v.municipalityName, lang) : t('visits.unknownMunicipality', { code: v.municipalityId })}
          </p>
          <p class="visit-meta">
            <time dateTime={v.plannedDate}>{formatDate(v.plannedDate, dateLocale)}</time>
            <span class={`badge badge-${v.status}`}>{t(`visitStatus.${v.status}`)}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}
