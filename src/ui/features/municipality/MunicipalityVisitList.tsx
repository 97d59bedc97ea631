// A municipality's visits: date, area, inspector and status; each links to its review (coordinators,
// admins, once submitted) or to the visit itself.
import type { MunicipalityVisit } from '../../../db/municipality-queries.ts';
import type { Role, VisitStatus } from '../../../shared/workflow.ts';
import { formatDate } from '../../common/format.ts';
import { useI18n } from '../../i18n/index.ts';
import { inspectorLabel, useDirectory } from '../../common/people.ts';
import { reviewPaths, visitPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';

const reviewed: readonly VisitStatus[] = ['submitted', 'returned', 'approved'];

function pathFor(visit: MunicipalityVisit, role: Role): string {
  return role !== 'inspector' && reviewed.includes(visit.status) ? reviewPaths.visit(visit.id) : visitPaths.visit(visit.id);
}

export function MunicipalityVisitList({ visits, label }: { visits: readonly MunicipalityVisit[]; label: string }) {
  const { t, lang, dateLocale } = useI18n();
  const { session } = useSignedIn();
  const directory = useDirectory();
  return (
    <ul class="card-list" aria-label={label}>
      {visits.map((v) => (
        <li key={v.id} class="card visit-card">
          <p class="visit-place">
            <a href={pathFor(v, session.user.role)} class="card-link">
              <time dateTime={v.plannedDate}>{formatDate(v.plannedDate, dateLocale)}</time>
              {' – '}
              {v.templateTitles.length > 0 ? v.templateTitles.map((title) => title[lang]).join(', ') : v.templateIds.join(', ')}
            </a>
          </p>
          <p class="visit-meta">
            <span class={`badge badge-${v.status}`}>{t(`visitStatus.${v.status}`)}</span>
            <span>{inspectorLabel(v.inspectorId, session.user, t, directory)}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}
