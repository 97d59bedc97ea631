// One visit under review, read-only but for the coordinator's comments and decision: header, checklist
// answers by section, observations, follow-ups, summary; approve or return while the visit is submitted.
import { municipalityName } from '../../../db/queries.ts';
import { loadVisitDetail } from '../../../db/visit-queries.ts';
import { can } from '../../../shared/policy.ts';
import { FollowUpCards } from '../../common/FollowUpCards.tsx';
import { LiveState } from '../../common/LiveState.tsx';
import { ObservationsByKind } from './ObservationsByKind.tsx';
import { VisitAttachments } from '../attachments/VisitAttachments.tsx';
import { Page } from '../../common/Page.tsx';
import { ReviewActions } from './ReviewActions.tsx';
import { ReviewChecklist } from './ReviewChecklist.tsx';
import { ReviewOutcome } from './ReviewOutcome.tsx';
import { VisitHeader } from '../visit/VisitHeader.tsx';
import { RecordHistory } from '../history/RecordHistory.tsx';
import { VisitHistory } from '../history/VisitHistory.tsx';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { SaveContext, useSaveTracker } from '../../common/use-save-tracker.ts';
import { useI18n } from '../../i18n/index.ts';
import { reviewPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import '../../common/section.css';
import './review.css';

export function ReviewVisitPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const visitId = params['id'] ?? '';
  const data = useLiveQuery(() => loadVisitDetail(db, visitId), [db, visitId]);
  const saves = useSaveTracker();

  if (data.state !== 'ready' || data.value === null) {
    return (
      <Page title={t('reviewVisit.titleGeneric')}>
        {data.state === 'ready' ? <p class="empty-state">{t('reviewVisit.notFound')}</p> : <LiveState state={data.state} />}
        <p>
          <a href={reviewPaths.list}>{t('reviewVisit.back')}</a>
        </p>
      </Page>
    );
  }
  const detail = data.value;
  const { visit, municipality } = detail;
  const place = municipality ? municipalityName(municipality.name, lang) : t('visits.unknownMunicipality', { code: visit.municipalityId });
  const regionId = municipality?.regionId;
  const canReview = can(session.user, 'review', { regionId, visit });

  return (
    <SaveContext.Provider value={saves.track}>
      <Page title={t('reviewVisit.title', { municipality: place })} className="review-visit">
        <p class="back-link">
          <a href={reviewPaths.list}>{t('reviewVisit.back')}</a>
        </p>
        <ReviewOutcome visit={visit} canReview={canReview} />
        {canReview && (
          <p class="back-link">
            <a href="#decision">{t('reviewVisit.toDecision')}</a>
          </p>
        )}
        <VisitHistory detail={detail} />
        <section class="card report-section" aria-labelledby="review-facts">
          <h2 id="review-facts">{t('reviewVisit.factsTitle')}</h2>
          <VisitHeader detail={detail} />
        </section>
        <ReviewChecklist detail={detail} editable={canReview} />
        <ObservationsByKind observations={detail.observations} attachments={detail.attachments} />
        <VisitAttachments detail={detail} editable={false} />
        <section class="report-section" aria-labelledby="review-follow-ups">
          <h2 id="review-follow-ups">
            {t('followUp.title')} <span class="count">({detail.followUps.length})</span>
          </h2>
          {detail.followUps.length === 0 ? <p class="muted">{t('followUp.none')}</p> : <FollowUpCards followUps={detail.followUps} />}
        </section>
        <section class="report-section" aria-labelledby="review-summary">
          <h2 id="review-summary">{t('reviewVisit.summaryTitle')}</h2>
          <div class="card">
            {visit.summary?.trim() ? <p class="pre-line">{visit.summary}</p> : <p class="muted">{t('reviewVisit.noSummary')}</p>}
          </div>
        </section>
        {canReview && <ReviewActions visit={visit} regionId={regionId} />}
        <section class="report-section" aria-labelledby="review-record-history">
          <h2 id="review-record-history">{t('history.recordTitle')}</h2>
          <p class="muted">{t('history.recordIntro')}</p>
          <RecordHistory entity="visit" id={visit.id} label={t('history.recordLabel.visit')} />
        </section>
        <p class="save-state" role="status">
          {saves.state.phase === 'saved' && t('reviewVisit.saved')}
        </p>
        {saves.state.phase === 'error' && (
          <p class="notice notice-error" role="alert">
            {t('reviewVisit.saveFailed')}
          </p>
        )}
      </Page>
    </SaveContext.Provider>
  );
}
