// One readiness assessment (`/assessments/:id`): its facts; its key-informant interviews, each with my own
// score sheet (six dimensions, nine toggle buttons each) until every scorer's sheet is in, then everyone's
// scores side by side and the consensus to agree; the results (per dimension and overall, the stage in
// words with the action that fits it, the weakest dimensions, a chart with a table of the same numbers,
// beside the municipality's earlier finalised assessments in the area); Finalise and Delete draft with a
// confirmation. Others' scores are never shown before the reveal: the server keeps them off the device.
// Prints as the municipality's summary (readiness.css hides the controls on paper).
import { useRef, useState } from 'preact/hooks';
import { deleteAssessment, finaliseAssessment, loadAssessmentDetail, type AssessmentDetail } from '../../../db/assessments.ts';
import { municipalityName } from '../../../db/queries.ts';
import { canEditAssessments } from '../../../db/assessments.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { municipalityPaths } from '../../app/routes.ts';
import { navigate } from '../../app/router.ts';
import type { PageProps } from '../../common/LazyPage.tsx';
import { ConfirmDialog } from '../../common/ConfirmDialog.tsx';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { formatShortDate } from '../../common/format.ts';
import { inspectorLabel, useDirectory } from '../../common/people.ts';
import { useAction } from '../../common/use-action.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { AssessmentForm } from './AssessmentForm.tsx';
import { Interviews } from './Interviews.tsx';
import { ReadinessResults } from './ReadinessResults.tsx';
import '../../common/section.css';
import '../../common/facts.css';
import './readiness.css';

export function AssessmentPage({ params }: PageProps) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const id = params['id'] ?? '';
  const data = useLiveQuery(() => loadAssessmentDetail(db, id, session.user.id), [db, id, session.user.id]);
  if (data.state !== 'ready' || data.value === null) {
    return (
      <Page title={t('readiness.sectionTitle')}>
        {data.state === 'ready' ? <p class="empty-state">{t('readiness.notFound')}</p> : <LiveState state={data.state} />}
      </Page>
    );
  }
  return <AssessmentView detail={data.value} />;
}

function AssessmentView({ detail }: { detail: AssessmentDetail }) {
  const { t, lang, dateLocale } = useI18n();
  const { db, session } = useSignedIn();
  const directory = useDirectory();
  const { assessment: a, municipality } = detail;
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<'finalise' | 'delete' | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const factsHeading = useRef<HTMLHeadingElement>(null);
  const regionId = municipality?.regionId ?? '';
  const draft = a.status === 'draft';
  const canEdit = draft && canEditAssessments(session.user, regionId);
  const nameOf = (userId: string) => inspectorLabel(userId, session.user, t, directory);
  const place = municipality ? municipalityName(municipality.name, lang) : a.municipalityId;

  const say = (text: string, error = false) => {
    setMessage({ text, error });
    // The message is read out (role=status); focus goes to it, so keyboard users stay where it is said.
    setTimeout(() => status.current?.focus(), 0);
  };
  const finalise = useAction(
    async () => {
      await finaliseAssessment(db, a.id, session.user);
      say(t('readiness.finalised'));
    },
    { log: 'The assessment could not be finalised', onFailure: (e) => say(t('readiness.failed', { reason: e instanceof Error ? e.message : String(e) }), true) },
  );
  const remove = useAction(
    async () => {
      await deleteAssessment(db, a.id, session.user);
      navigate(municipalityPaths.municipality(a.municipalityId));
    },
    { log: 'The assessment could not be deleted', keepBusy: true, onFailure: (e) => say(t('readiness.failed', { reason: e instanceof Error ? e.message : String(e) }), true) },
  );
  const block = detail.finaliseBlock;

  return (
    <Page title={t('readiness.pageTitle', { issue: a.issue })} className="assessment-page">
      <p class="back-link no-print">
        <a href={municipalityPaths.municipality(a.municipalityId)}>{t('readiness.back', { municipality: place })}</a>
      </p>
      <p ref={status} tabIndex={-1} class={message?.error ? 'notice notice-error' : 'save-state'} role="status">
        {message?.text}
      </p>
      <section class="card report-section" aria-labelledby="assessment-facts">
        <h2 id="assessment-facts" ref={factsHeading} tabIndex={-1}>
          {t('readiness.facts')}
        </h2>
        {editing ? (
          <AssessmentForm
            municipalityId={a.municipalityId}
            regionId={regionId}
            assessment={a}
            onDone={(saved) => {
              setEditing(false);
              if (saved) say(t('readiness.saved'));
              else factsHeading.current?.focus();
            }}
          />
        ) : (
          <>
            <dl class="facts">
              <div>
                <dt>{t('readiness.municipality')}</dt>
                <dd>{place}</dd>
              </div>
              <div>
                <dt>{t('readiness.area')}</dt>
                <dd>{t(`area.${a.area}`)}</dd>
              </div>
              <div>
                <dt>{t('readiness.issue')}</dt>
                <dd>{a.issue}</dd>
              </div>
              <div>
                <dt>{t('readiness.scorers')}</dt>
                <dd>{a.scorerIds.map(nameOf).join(', ')}</dd>
              </div>
              <div>
                <dt>{t('readiness.status')}</dt>
                <dd>
                  <span class={`badge readiness-status-${a.status}`}>{t(`readiness.status.${a.status}`)}</span>
                  {a.finalisedAt && <> {t('readiness.finalisedOn', { date: formatShortDate(a.finalisedAt.slice(0, 10), dateLocale) })}</>}
                </dd>
              </div>
            </dl>
            {a.notes && <p class="pre-line">{a.notes}</p>}
            {!draft && <p class="notice readiness-locked">{t('readiness.lockedNote')}</p>}
            <div class="card-actions no-print">
              {canEdit && (
                <button type="button" class="button button-secondary" onClick={() => setEditing(true)}>
                  {t('readiness.edit')}
                </button>
              )}
              <button type="button" class="button button-secondary" onClick={() => window.print()}>
                {t('readiness.print')}
              </button>
            </div>
          </>
        )}
      </section>

      <Interviews detail={detail} canEdit={canEdit} nameOf={nameOf} say={say} />

      <ReadinessResults detail={detail} />

      {canEdit && (
        <section class="report-section no-print" aria-labelledby="assessment-finish">
          <h2 id="assessment-finish" class="visually-hidden">
            {t('readiness.finalise')}
          </h2>
          <div class="toolbar readiness-finish">
            <button type="button" class="button button-primary" disabled={block !== null || finalise.busy} aria-describedby={block ? 'assessment-finalise-why' : undefined} onClick={() => setConfirm('finalise')}>
              {t('readiness.finalise')}
            </button>
            <button type="button" class="button button-danger" disabled={remove.busy} onClick={() => setConfirm('delete')}>
              {t('readiness.deleteDraft')}
            </button>
          </div>
          {block && (
            <p id="assessment-finalise-why" class="muted">
              {block.reason === 'noInterviews' ? t('readiness.block.noInterviews') : t('readiness.block.consensusMissing', { count: block.count })}
            </p>
          )}
        </section>
      )}
      {confirm && (
        <ConfirmDialog
          title={confirm === 'finalise' ? t('readiness.finaliseTitle') : t('readiness.deleteTitle')}
          text={confirm === 'finalise' ? t('readiness.finaliseText') : t('readiness.deleteText')}
          confirmLabel={confirm === 'finalise' ? t('readiness.finalise') : t('readiness.deleteDraft')}
          onClose={() => setConfirm(null)}
          onConfirm={() => {
            const what = confirm;
            setConfirm(null);
            void (what === 'finalise' ? finalise.run() : remove.run());
          }}
        />
      )}
    </Page>
  );
}
