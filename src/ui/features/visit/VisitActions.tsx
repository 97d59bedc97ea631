// The workflow buttons the visit's status allows its inspector (src/shared/workflow.ts) and the policy lets the
// user press (src/shared/policy.ts), and the report.
import { changeVisitStatus } from '../../../db/visits.ts';
import type { Visit } from '../../../db/visit-queries.ts';
import { can, type UiContext } from '../../../shared/policy.ts';
import { nextStatuses, type VisitStatus } from '../../../shared/workflow.ts';
import { focusItem, itemDomId, type ChecklistProgress } from './checklist-progress.ts';
import { canSubmit } from './submit-visit.ts';
import type { VisitSubmit } from './use-visit-submit.ts';
import { useTrackSave } from '../../common/use-save-tracker.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { visitPaths } from '../../app/routes.ts';

/** The button for a move, by where the visit is now: in_progress means Start, Recall or Resume. */
function labelFor(from: VisitStatus, to: VisitStatus): MessageKey {
  if (to === 'in_progress') return from === 'planned' ? 'visit.action.start' : from === 'submitted' ? 'visit.action.recall' : 'visit.action.resume';
  if (to === 'submitted') return from === 'returned' ? 'visit.action.submitAgain' : 'visit.action.submit';
  return 'visit.action.cancel';
}

export function VisitActions({
  visit,
  ctx,
  progress,
  submit,
  onAskCancel,
  onAskDelete,
}: {
  visit: Visit;
  /** The visit and its region, as the policy reads them. */
  ctx: UiContext;
  progress: ChecklistProgress | null;
  /** The page's one submission (use-visit-submit.ts), shared with the dock. */
  submit: VisitSubmit;
  onAskCancel: () => void;
  onAskDelete: () => void;
}) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const track = useTrackSave();
  // Once Submit was tried, the list follows the live answers, so it shrinks as the gaps are filled.
  const missing = submit.tried ? (progress?.missingRequired ?? []) : [];
  const allowed = nextStatuses(visit.status, 'inspector').filter((to) => can(session.user, { moveTo: to }, ctx));
  // A returned visit is submitted again with one button (submit-visit.ts), with no "Resume editing" first.
  const moves: VisitStatus[] =
    visit.status === 'returned' && canSubmit(session.user, { ...ctx, visit }) ? ['submitted', ...allowed.filter((to) => to !== 'in_progress')] : allowed;

  const move = (to: VisitStatus) => {
    if (to === 'cancelled') return onAskCancel();
    // The submission checks the items first (the server does the same: INCOMPLETE) and says which, offline.
    if (to === 'submitted') return submit.submit(visit.id, visit.status);
    submit.forget();
    void track(changeVisitStatus(db, visit.id, to, session.user));
  };

  return (
    <div class="visit-actions-wrap">
      <div class="visit-actions" role="group" aria-label={t('visit.actions')}>
        {moves
          .filter((to) => to !== 'cancelled')
          .map((to) => (
            <button key={to} type="button" class={to === 'submitted' ? 'button button-primary' : 'button button-secondary'} onClick={() => move(to)}>
              {t(labelFor(visit.status, to))}
            </button>
          ))}
        <a class="button button-secondary" href={visitPaths.report(visit.id)}>
          {t('visit.action.report')}
        </a>
        {moves.includes('cancelled') && (
          <button type="button" class="button button-quiet-danger" onClick={() => move('cancelled')}>
            {t('visit.action.cancel')}
          </button>
        )}
        {can(session.user, 'deleteVisit', ctx) && (
          <button type="button" class="button button-quiet-danger" onClick={onAskDelete}>
            {t('visit.action.delete')}
          </button>
        )}
      </div>
      <div role="alert" class={missing.length > 0 ? 'form-errors' : 'form-errors empty'}>
        {missing.length > 0 && (
          <>
            <p>{t('visit.submitMissing', { count: missing.length })}</p>
            <ul class="missing-items">
              {missing.map((item) => (
                <li key={item.id}>
                  <a
                    href={`#${itemDomId(item.id)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      focusItem(item.id);
                    }}
                  >
                    {item.id}
                  </a>{' '}
                  {item.question[lang]}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
