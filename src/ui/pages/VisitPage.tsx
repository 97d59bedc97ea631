// The visit: its briefing, checklist, observations, recommendations and summary, all editable offline.
import { useState } from 'preact/hooks';
import { deleteFollowUp } from '../../db/follow-ups.ts';
import { deleteObservation } from '../../db/observations.ts';
import { municipalityName } from '../../db/queries.ts';
import { loadVisitDetail, type FollowUp, type Observation } from '../../db/visit-queries.ts';
import { changeVisitStatus, deleteVisit, isEditable, saveVisitFields } from '../../db/visits.ts';
import { checklistProgress, orderedItems } from '../checklist-progress.ts';
import { AutosaveTextarea } from '../components/AutosaveTextarea.tsx';
import { BeforeVisit } from '../components/BeforeVisit.tsx';
import { Checklist } from '../components/Checklist.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { FollowUpDialog } from '../components/FollowUpDialog.tsx';
import { FollowUpList } from '../components/FollowUpList.tsx';
import type { PageProps } from '../components/LazyPage.tsx';
import { LiveState } from '../components/LiveState.tsx';
import { ObservationDialog } from '../components/ObservationDialog.tsx';
import { ObservationList } from '../components/ObservationList.tsx';
import { Page } from '../components/Page.tsx';
import { ProgressPanel } from '../components/ProgressPanel.tsx';
import { VisitActions } from '../components/VisitActions.tsx';
import { VisitDock } from '../components/VisitDock.tsx';
import { VisitHeader } from '../components/VisitHeader.tsx';
import { VisitNotices } from '../components/VisitNotices.tsx';
import { useLiveQuery } from '../hooks/use-live-query.ts';
import { SaveContext, useSaveTracker } from '../hooks/use-save-tracker.ts';
import { useI18n } from '../i18n/index.ts';
import { navigate } from '../router.ts';
import { visitPaths } from '../routes.ts';
import { useSignedIn } from '../session-context.ts';
import '../visit.css';

type Open =
  | { kind: 'observation'; existing?: Observation; itemId?: string | null }
  | { kind: 'followUp'; existing?: FollowUp }
  | { kind: 'cancelVisit' }
  | { kind: 'deleteVisit' }
  | { kind: 'deleteObservation'; id: string }
  | { kind: 'deleteFollowUp'; id: string }
  | null;

export function VisitPage({ params }: PageProps) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const visitId = params['id'] ?? '';
  const detail = useLiveQuery(() => loadVisitDetail(db, visitId), [db, visitId]);
  const saver = useSaveTracker();
  const [open, setOpen] = useState<Open>(null);
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
  const { visit, template } = d;
  const ownVisit = visit.inspectorId === session.user.id;
  const editable = ownVisit && isEditable(visit.status);
  const progress = template ? checklistProgress(template, d.answers) : null;
  const items = template ? orderedItems(template) : [];
  const title = d.municipality ? municipalityName(d.municipality.name, lang) : t('visits.unknownMunicipality', { code: visit.municipalityId });
  const addObservation = (itemId?: string | null) => setOpen({ kind: 'observation', itemId: itemId ?? null });

  return (
    <SaveContext.Provider value={saver.track}>
      <Page title={title} className="visit-page">
        <VisitHeader detail={d} />
        <VisitNotices detail={d} ownVisit={ownVisit} />
        <VisitActions
          visit={visit}
          ownVisit={ownVisit}
          progress={progress}
          onAskCancel={() => setOpen({ kind: 'cancelVisit' })}
          onAskDelete={() => setOpen({ kind: 'deleteVisit' })}
        />
        {progress && <ProgressPanel progress={progress} />}
        <BeforeVisit visit={visit} />
        <Checklist detail={d} editable={editable} onAddObservation={addObservation} />
        <ObservationList
          detail={d}
          editable={editable}
          onAdd={() => addObservation(null)}
          onEdit={(o) => setOpen({ kind: 'observation', existing: o })}
          onDelete={(o) => setOpen({ kind: 'deleteObservation', id: o.id })}
        />
        <FollowUpList
          detail={d}
          editable={editable}
          onAdd={() => setOpen({ kind: 'followUp' })}
          onEdit={(f) => setOpen({ kind: 'followUp', existing: f })}
          onDelete={(f) => setOpen({ kind: 'deleteFollowUp', id: f.id })}
        />
        <section class="visit-section" aria-labelledby="summary-title">
          <h2 id="summary-title">{t('visit.summary')}</h2>
          <AutosaveTextarea
            label={t('visit.summaryLabel')}
            hint={t('visit.summaryHint')}
            value={visit.summary ?? ''}
            onSave={(text) => saveVisitFields(db, visit.id, { summary: text === '' ? null : text })}
            readOnly={!editable}
            rows={8}
            maxLength={20_000}
          />
        </section>
        <VisitDock state={saver.state} editable={editable} onAddObservation={() => addObservation(null)} />

        {open?.kind === 'observation' && (
          <ObservationDialog visitId={visit.id} items={items} existing={open.existing} itemId={open.itemId} onClose={close} />
        )}
        {open?.kind === 'followUp' && <FollowUpDialog visitId={visit.id} existing={open.existing} onClose={close} />}
        {open?.kind === 'cancelVisit' && (
          <ConfirmDialog
            title={t('visit.cancelTitle')}
            text={t('visit.cancelText')}
            confirmLabel={t('visit.action.cancel')}
            onClose={close}
            onConfirm={() => {
              close();
              void saver.track(changeVisitStatus(db, visit.id, 'cancelled'));
            }}
          />
        )}
        {open?.kind === 'deleteVisit' && (
          <ConfirmDialog
            title={t('visit.deleteTitle')}
            text={t('visit.deleteText')}
            confirmLabel={t('visit.action.delete')}
            onClose={close}
            onConfirm={() => {
              close();
              void saver.track(deleteVisit(db, visit.id)).then((ok) => ok && navigate(visitPaths.list));
            }}
          />
        )}
        {open?.kind === 'deleteObservation' && (
          <ConfirmDialog
            title={t('observation.deleteTitle')}
            text={t('observation.deleteText')}
            confirmLabel={t('common.delete')}
            onClose={close}
            onConfirm={() => {
              close();
              void saver.track(deleteObservation(db, open.id));
            }}
          />
        )}
        {open?.kind === 'deleteFollowUp' && (
          <ConfirmDialog
            title={t('followUp.deleteTitle')}
            text={t('followUp.deleteText')}
            confirmLabel={t('common.delete')}
            onClose={close}
            onConfirm={() => {
              close();
              void saver.track(deleteFollowUp(db, open.id));
            }}
          />
        )}
      </Page>
    </SaveContext.Provider>
  );
}
