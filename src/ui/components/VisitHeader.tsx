// The visit's facts under its title: when, what, who, and its status and sync state.
import type { VisitDetail } from '../../db/visit-queries.ts';
import { formatDate } from '../format.ts';
import { useI18n } from '../i18n/index.ts';
import { useSignedIn } from '../session-context.ts';
import { SyncBadge } from './SyncBadge.tsx';

export function VisitHeader({ detail }: { detail: VisitDetail }) {
  const { t, lang, dateLocale } = useI18n();
  const { session } = useSignedIn();
  const { visit, template } = detail;
  const inspector = visit.inspectorId === session.user.id ? session.user.name : visit.inspectorId;
  return (
    <div class="visit-header">
      <p class="visit-badges">
        <span class={`badge badge-${visit.status}`}>{t(`visitStatus.${visit.status}`)}</span>
        <SyncBadge state={detail.sync.visit} />
      </p>
      <dl class="facts visit-facts">
        <div>
          <dt>{t('visit.date')}</dt>
          <dd>
            <time dateTime={visit.plannedDate}>{formatDate(visit.plannedDate, dateLocale)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('visit.checklist')}</dt>
          <dd>{template ? template.title[lang] : visit.templateId}</dd>
        </div>
        <div>
          <dt>{t('visit.inspector')}</dt>
          <dd>{inspector}</dd>
        </div>
        {visit.attendees.length > 0 && (
          <div>
            <dt>{t('visit.attendees')}</dt>
            <dd>
              <ul class="plain-list">
                {visit.attendees.map((a, i) => (
                  <li key={i}>{[a.name, a.role, a.organisation].filter(Boolean).join(', ')}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {visit.agenda && (
          <div>
            <dt>{t('visit.agenda')}</dt>
            <dd class="pre-line">{visit.agenda}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
