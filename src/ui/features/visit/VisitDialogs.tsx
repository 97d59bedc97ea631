// The visit page's dialogs: an observation or recommendation (with its draft), and the confirmations
// before cancelling or deleting the visit, deleting a record or discarding a draft.
import { discardDraft, discardVisitDrafts, withDraftDropped, type Draft } from '../../../db/drafts.ts';
import { deleteFollowUp } from '../../../db/follow-ups.ts';
import { deleteObservation } from '../../../db/observations.ts';
import type { FollowUp, Observation } from '../../../db/visit-queries.ts';
import { changeVisitStatus, deleteVisit } from '../../../db/visits.ts';
import type { TemplateItem } from '../../../shared/reference.ts';
import { useTrackSave } from '../../common/use-save-tracker.ts';
import { useI18n } from '../../i18n/index.ts';
import { navigate } from '../../app/router.ts';
import { visitPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { ConfirmDialog } from '../../common/ConfirmDialog.tsx';
import { FollowUpDialog } from './FollowUpDialog.tsx';
import { ObservationDialog } from './ObservationDialog.tsx';

export type OpenDialog =
  | { kind: 'observation'; existing?: Observation | undefined; itemId?: string | null; draft: Extract<Draft, { type: 'observation' }> | null }
  | {
      kind: 'followUp';
      existing?: FollowUp | undefined;
      draft: Extract<Draft, { type: 'followUp' }> | null;
      prefill?: { text: string; legalShortcoming: boolean } | undefined;
    }
  | { kind: 'cancelVisit' }
  | { kind: 'deleteVisit' }
  | { kind: 'deleteObservation'; id: string }
  | { kind: 'deleteFollowUp'; id: string }
  | { kind: 'discardDraft'; draft: Draft }
  | null;

export function VisitDialogs({ open, visitId, items, onClose }: { open: OpenDialog; visitId: string; items: TemplateItem[]; onClose: () => void }) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const track = useTrackSave();
  if (open === null) return null;
  const confirm = (title: string, text: string, label: string, act: () => Promise<unknown>) => (
    <ConfirmDialog
      title={title}
      text={text}
      confirmLabel={label}
      onClose={onClose}
      onConfirm={() => {
        onClose();
        void track(act());
      }}
    />
  );
  switch (open.kind) {
    case 'observation':
      return <ObservationDialog visitId={visitId} items={items} existing={open.existing} itemId={open.itemId} draft={open.draft} onClose={onClose} />;
    case 'followUp':
      return <FollowUpDialog visitId={visitId} existing={open.existing} draft={open.draft} prefill={open.prefill} onClose={onClose} />;
    case 'cancelVisit':
      return confirm(t('visit.cancelTitle'), t('visit.cancelText'), t('visit.action.cancel'), () => changeVisitStatus(db, visitId, 'cancelled', session.user));
    case 'deleteVisit':
      return confirm(t('visit.deleteTitle'), t('visit.deleteText'), t('visit.action.delete'), async () => {
        await deleteVisit(db, visitId, session.user);
        navigate(visitPaths.list);
        // Orphaned drafts would only take space: no page lists them once the visit is gone.
        await discardVisitDrafts(db, visitId).catch((e: unknown) => console.warn('Drafts of a deleted visit were kept', e));
      });
    case 'deleteObservation': {
      const ref = { type: 'observation', visitId, recordId: open.id } as const;
      return confirm(t('observation.deleteTitle'), t('observation.deleteText'), t('common.delete'), () =>
        withDraftDropped(db, ref, () => deleteObservation(db, open.id, session.user)),
      );
    }
    case 'deleteFollowUp': {
      const ref = { type: 'followUp', visitId, recordId: open.id } as const;
      return confirm(t('followUp.deleteTitle'), t('followUp.deleteText'), t('common.delete'), () =>
        withDraftDropped(db, ref, () => deleteFollowUp(db, open.id, session.user)),
      );
    }
    case 'discardDraft':
      return confirm(t('draft.discardTitle'), t('draft.discardText'), t('draft.discardConfirm'), () => discardDraft(db, open.draft));
  }
}
