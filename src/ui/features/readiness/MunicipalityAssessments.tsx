// The municipality page's readiness assessments: each with its area, issue, status, stage when known and
// date, the latest started first, a link to its page; "Start an assessment" for the region's inspectors
// and coordinators. Read through a live query, so a synced change shows at once. The model's texts are
// not loaded here (crm-model.ts belongs to the assessment page): the stage shows as its number and score.
import { useRef, useState } from 'preact/hooks';
import { canEditAssessments, loadAssessments } from '../../../db/assessments.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { assessmentPaths } from '../../app/routes.ts';
import { navigate } from '../../app/router.ts';
import { LiveState } from '../../common/LiveState.tsx';
import { formatShortDate } from '../../common/format.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { AssessmentForm } from './AssessmentForm.tsx';
import '../../common/section.css';
import './readiness.css';

export function MunicipalityAssessments({ municipalityId, regionId }: { municipalityId: string; regionId: string }) {
  const { t, dateLocale, lang } = useI18n();
  const { db, session } = useSignedIn();
  const data = useLiveQuery(() => loadAssessments(db, municipalityId), [db, municipalityId]);
  const [starting, setStarting] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const canEdit = canEditAssessments(session.user, regionId);
  const score = (n: number) => n.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  return (
    <section class="report-section readiness-section" aria-labelledby="municipality-readiness">
      <h2 id="municipality-readiness" ref={heading} tabIndex={-1}>
        {t('readiness.sectionTitle')}
      </h2>
      <p class="muted">{t('readiness.intro')}</p>
      {canEdit && !starting && (
        <div class="toolbar">
          <button type="button" class="button button-primary" onClick={() => setStarting(true)}>
            {t('readiness.start')}
          </button>
        </div>
      )}
      {starting && (
        <AssessmentForm
          municipalityId={municipalityId}
          regionId={regionId}
          onDone={(saved) => {
            setStarting(false);
            if (saved) navigate(assessmentPaths.assessment(saved.id));
            else heading.current?.focus();
          }}
        />
      )}
      {data.state !== 'ready' ? (
        <LiveState state={data.state} />
      ) : data.value.length === 0 ? (
        <p class="empty-state">{t('readiness.none')}</p>
      ) : (
        <ul class="card-list readiness-list" aria-label={t('readiness.listLabel')}>
          {data.value.map(({ assessment: a, interviews, result, date }) => (
            <li key={a.id} class="card readiness-card" data-assessment-id={a.id}>
              <h3 class="readiness-card-title">
                <a href={assessmentPaths.assessment(a.id)}>{a.issue}</a>
              </h3>
              <p class="readiness-card-meta">
                <span>{t(`area.${a.area}`)}</span>
                <span class={`badge readiness-status-${a.status}`}>{t(`readiness.status.${a.status}`)}</span>
                <span>{result ? t('readiness.stageShort', { stage: result.overallStage, score: score(result.overallScore) }) : t('readiness.noStage')}</span>
                <span>{t('readiness.interviewCount', { count: interviews })}</span>
                {date && <time dateTime={date}>{formatShortDate(date, dateLocale)}</time>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
