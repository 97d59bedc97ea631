// The coordinator's decision on a submitted visit: a note on the visit, then approve (after a
// confirmation) or return to the inspector (with a reason). Only the moves the policy lets the user make show.
import { useId, useRef, useState } from 'preact/hooks';
import { decideReview, saveReviewNote, type ReviewDecision } from '../../../db/review.ts';
import type { Visit } from '../../../db/visit-queries.ts';
import { can } from '../../../shared/policy.ts';
import { nextStatuses } from '../../../shared/workflow.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { AutosaveTextarea } from '../../common/AutosaveTextarea.tsx';
import { Dialog } from '../../common/Dialog.tsx';
import { FieldError } from '../../common/FieldError.tsx';
import { useAction } from '../../common/use-action.ts';

export function ReviewActions({ visit, regionId }: { visit: Visit; regionId: string | undefined }) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const id = useId();
  const [asking, setAsking] = useState<ReviewDecision | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const ctx = { regionId, visit };
  const offered = nextStatuses(visit.status, 'coordinator')
    .filter((s): s is ReviewDecision => s === 'approved' || s === 'returned')
    .filter((s) => can(session.user, { moveTo: s }, ctx));
  // The note and the item comments saved themselves when they lost focus, before this. On success the live
  // query shows the decided visit, and this panel goes away with the dialog.
  const decision = useAction(
    (to: ReviewDecision, returnReason: string) => decideReview(db, visit.id, to, to === 'returned' ? { returnReason } : {}, session.user),
    { log: 'The review decision could not be saved', keepBusy: true },
  );
  const { busy, failed } = decision;

  const close = () => {
    setAsking(null);
    setReasonError(false);
    decision.clear();
  };

  const decide = async (to: ReviewDecision) => {
    if (busy) return;
    if (to === 'returned' && reason.trim() === '') {
      setReasonError(true);
      reasonRef.current?.focus();
      return;
    }
    await decision.run(to, reason);
  };

  return (
    <section class="card review-decision" aria-labelledby="review-decision" id="decision">
      <h2 id="review-decision">{t('reviewVisit.decisionTitle')}</h2>
      <AutosaveTextarea
        label={t('reviewVisit.reviewNote')}
        hint={t('reviewVisit.reviewNoteHint')}
        value={visit.reviewNote ?? ''}
        onSave={(text) => saveReviewNote(db, visit.id, text, session.user)}
        readOnly={false}
        rows={4}
      />
      <div class="form-actions">
        {offered.includes('approved') && (
          <button type="button" class="button button-primary" onClick={() => setAsking('approved')}>
            {t('reviewVisit.approve')}
          </button>
        )}
        {offered.includes('returned') && (
          <button type="button" class="button button-secondary" onClick={() => setAsking('returned')}>
            {t('reviewVisit.return')}
          </button>
        )}
      </div>

      {asking === 'approved' && (
        <Dialog title={t('reviewVisit.approveTitle')} onClose={close}>
          <p>{t('reviewVisit.approveText')}</p>
          {failed && <p class="notice notice-error" role="alert">{t('reviewVisit.saveFailed')}</p>}
          <div class="dialog-actions">
            <button type="button" class="button button-primary" disabled={busy} onClick={() => void decide('approved')}>
              {t('reviewVisit.approveConfirm')}
            </button>
            <button type="button" class="button button-secondary" onClick={close} autoFocus>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}

      {asking === 'returned' && (
        <Dialog title={t('reviewVisit.returnTitle')} onClose={close}>
          <p>{t('reviewVisit.returnText')}</p>
          {failed && <p class="notice notice-error" role="alert">{t('reviewVisit.saveFailed')}</p>}
          <div class="field">
            <label for={`${id}-reason`}>{t('review.returnReason')}</label>
            <textarea
              ref={reasonRef}
              id={`${id}-reason`}
              rows={5}
              maxLength={10_000}
              value={reason}
              required
              aria-invalid={reasonError ? 'true' : undefined}
              aria-describedby={reasonError ? `${id}-reason-error` : undefined}
              onInput={(e) => {
                setReason(e.currentTarget.value);
                if (e.currentTarget.value.trim()) setReasonError(false);
              }}
              autoFocus
            />
            <FieldError id={`${id}-reason-error`} message={reasonError ? t('reviewVisit.reasonMissing') : null} />
          </div>
          <div class="dialog-actions">
            <button type="button" class="button button-primary" disabled={busy} onClick={() => void decide('returned')}>
              {t('reviewVisit.returnConfirm')}
            </button>
            <button type="button" class="button button-secondary" onClick={close}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
