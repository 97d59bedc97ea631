// The visit: its briefing, checklist, observations, recommendations and summary, all editable offline.
import { useState } from 'preact/hooks';
import { loadDraft, type Draft } from '../../../db/drafts.ts';
import { municipalityName } from '../../../db/queries.ts';
import { loadVisitDetail, type FollowUp, type Observation } from '../../../db/visit-queries.ts';
import { saveVisitFields } from '../../../db/visits.ts';
import { can } from '../../../shared/policy.ts';
import { checklistProgress, orderedItems } from './checklist-progress.ts';
import { AutosaveTextarea } from '../../common/AutosaveTextarea.tsx';
import { BeforeVisit } from './BeforeVisit.tsx';
import { Checklist } from './Checklist.tsx';
import { DraftNotices } from './DraftNotices.tsx';
import { FieldConflict } from './FieldConflict.tsx';
import { FollowUpList } from './FollowUpList.tsx';
import type { PageProps } from '../../common/LazyPage.tsx';
import { LiveState } from '../../common/LiveState.tsx';
import { ObservationList } from './ObservationList.tsx';
import { Page } from '../../common/Page.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { ReturnedVisitSummary } from './ReturnedVisitSummary.tsx';
import { VisitActions } from './VisitActions.tsx';
import { VisitDialogs, type OpenDialog } from './VisitDialogs.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { VisitDock } from './VisitDock.tsx';
import { useNextUnanswered } from './use-next-unanswered.ts';
import { useVisitSubmit } from './use-visit-submit.ts';
import { canSubmit as maySubmit } from './submit-visit.ts';
import { VisitHeader } from './VisitHeader.tsx';
import { VisitHistory } from '../history/VisitHistory.tsx';
import { VisitNotices } from './VisitNotices.tsx';
import { VisitAttachments } from '../attachments/VisitAttachments.tsx';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { SaveContext, useSaveTracker } from '../../common/use-save-tracker.ts';
import { useI18n } from '../../i18n/index.ts';
import { visitPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import './visit.css';

export function VisitPage({ params }: PageProps) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const visitId = params['id'] ?? '';
  const detail = useLiveQuery(() => loadVisitDetail(db, visitId), [db, visitId]);
  const saver = useSaveTracker();
  const submit = useVisitSubmit(saver);
  const nextUnanswered = useNextUnanswered();
  const [open, setOpen] = useState<OpenDialog>(null);
  const close = () => setOpen(null);

  if (detail.state !== 'ready') {
    return (
      <Page title={t('visit.title')}>
        <LiveState state={detail.state} />
      </Page>
    );
  }
  if (!detail.value) {
    return (
      <Page title={t('visit.notFound')}>
        <p>{t('visit.notFoundText')}</p>
        <p>
          <a href={visitPaths.list}>{t('notFound.home')}</a>
        </p>
      </Page>
    );
  }
  const d = detail.value;
  const { visit, templates } = d;
  const ownVisit = visit.inspectorId === session.user.id;
  const ctx = { regionId: d.municipality?.regionId, visit };
  const editable = can(session.user, 'editVisit', ctx);
  const progress = templates.length > 0 ? checklistProgress(templates, d.answers) : null;
  const items = templates.flatMap(orderedItems);
  const title = d.municipality ? municipalityName(d.municipality.name, lang) : t('visits.unknownMunicipality', { code: visit.municipalityId });
  // The dock (VisitDock.tsx): the checklist's progress, the next unanswered required item, and Submit when the workflow allows it.
  const missing = progress?.missingRequired ?? [];
  const canSubmit = maySubmit(session.user, ctx);

  // The dialog opens with the draft kept for the record (or for a new one), read first so the form starts from it.
  const openObservation = (existing?: Observation, itemId?: string | null) =>
    void loadDraft(db, { type: 'observation', visitId: visit.id, recordId: existing?.id ?? null })
      .catch(() => null)
      .then((draft) => setOpen({ kind: 'observation', existing, itemId: itemId ?? null, draft }));
  const openFollowUp = (existing?: FollowUp, prefill?: { text: string; legalShortcoming: boolean }) =>
    void loadDraft(db, { type: 'followUp', visitId: visit.id, recordId: existing?.id ?? null })
      .catch(() => null)
      .then((draft) => setOpen({ kind: 'followUp', existing, draft, prefill }));
  const continueDraft = (draft: Draft) =>
    setOpen(
      draft.type === 'observation'
        ? { kind: 'observation', existing: d.observations.find((o) => o.id === draft.recordId), draft }
        : { kind: 'followUp', existing: d.followUps.find((f) => f.id === draft.recordId), draft },
    );

  return (
    <SaveContext.Provider value={saver.track}>
      <Page title={title} className="visit-page">
        <p class="back-link">
          <a href={visitPaths.list}>{t('visit.back')}</a>
        </p>
        <ReturnedVisitSummary detail={d} items={items} ownVisit={ownVisit} />
        <VisitHeader
          detail={d}
          editable={editable}
          notices={
            ownVisit && (
              <DraftNotices visitId={visit.id} editable={editable} onContinue={continueDraft} onDiscard={(draft) => setOpen({ kind: 'discardDraft', draft })} />
            )
          }
        />
        <VisitNotices detail={d} ownVisit={ownVisit} editable={editable} />
        <VisitActions
          visit={visit}
          ctx={ctx}
          progress={progress}
          submit={submit}
          onAskCancel={() => setOpen({ kind: 'cancelVisit' })}
          onAskDelete={() => setOpen({ kind: 'deleteVisit' })}
        />
        {progress && <ProgressPanel progress={progress} />}
        <BeforeVisit visit={visit} />
        {progress && (
          <Checklist
            detail={d}
            progress={progress}
            editable={editable}
            onAddObservation={(itemId) => openObservation(undefined, itemId)}
            onRecommend={(prefill) => openFollowUp(undefined, prefill)}
          />
        )}
        <ObservationList
          detail={d}
          editable={editable}
          onAdd={() => openObservation()}
          onEdit={(o) => openObservation(o)}
          onDelete={(o) => setOpen({ kind: 'deleteObservation', id: o.id })}
        />
        <VisitAttachments detail={d} editable={editable} />
        <FollowUpList
          detail={d}
          editable={editable}
          onAdd={() => openFollowUp()}
          onEdit={(f) => openFollowUp(f)}
          onDelete={(f) => setOpen({ kind: 'deleteFollowUp', id: f.id })}
        />
        <section class="visit-section" aria-labelledby="summary-title">
          <h2 id="summary-title">{t('visit.summary')}</h2>
          <AutosaveTextarea
            label={t('visit.summaryLabel')}
            hint={t('visit.summaryHint')}
            value={visit.summary ?? ''}
            onSave={(text) => saveVisitFields(db, visit.id, { summary: text === '' ? null : text }, session.user)}
            readOnly={!editable}
            rows={8}
            maxLength={20_000}
          />
          <FieldConflict entity="visit" id={visit.id} field="summary" />
        </section>
        {/* Who returned or approved it, when and why; after a return, what has changed since (read from the server). */}
        {(visit.status === 'returned' || visit.status === 'approved') && (ownVisit || session.user.role !== 'inspector') && <VisitHistory detail={d} />}
        {(editable || canSubmit || saver.state.phase !== 'idle') && (
          <VisitDock
            answered={progress?.answered ?? 0}
            total={progress?.total ?? 0}
            onNext={missing.length > 0 ? () => nextUnanswered(items.map((i) => i.id), missing.map((i) => i.id)) : undefined}
            onSubmit={() => submit.submit(visit.id, visit.status)}
            canSubmit={canSubmit}
            submitting={submit.submitting}
            keepShown={saver.state.phase === 'error'}
          >
            {submit.tried && missing.length > 0 && (
              <p class="dock-message" role="alert">
                {t('progress.missing', { count: missing.length })}
              </p>
            )}
            <SaveStatus state={saver.state} />
            {editable && (
              <button type="button" class="button button-secondary dock-add" onClick={() => openObservation()}>
                <span aria-hidden="true" class="button-icon">
                  +
                </span>
                <span class="dock-label">{t('observation.add')}</span>
              </button>
            )}
          </VisitDock>
        )}
        <VisitDialogs open={open} visitId={visit.id} items={items} onClose={close} />
      </Page>
    </SaveContext.Provider>
  );
}
