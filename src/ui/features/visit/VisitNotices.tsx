// What the inspector must know before editing: a change the server turned down, whether a submission has
// reached the coordinator, or why the visit is read-only (a return has its own summary: ReturnedVisitSummary).
import type { VisitDetail } from '../../../db/visit-queries.ts';
import type { VisitStatus } from '../../../shared/workflow.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useOnline } from '../../common/use-online.ts';

/** Why the visit's own inspector cannot edit it, for the statuses that close it to them. */
const readOnlyKeys: Partial<Record<VisitStatus, MessageKey>> = {
  submitted: 'visit.readOnly.submitted',
  approved: 'visit.readOnly.approved',
  cancelled: 'visit.readOnly.cancelled',
};

/** `editable`: the policy lets the user edit the visit (`can(user, 'editVisit', …)`). */
export function VisitNotices({ detail, ownVisit, editable }: { detail: VisitDetail; ownVisit: boolean; editable: boolean }) {
  const { t } = useI18n();
  const online = useOnline();
  const { visit, rejection } = detail;
  const code = rejection?.error.code;
  return (
    <>
      {rejection && (
        <div class="notice notice-error" role="alert">
          <p class="notice-title">{t('visit.rejectedTitle')}</p>
          <p>
            {code === 'INCOMPLETE'
              ? t('visit.rejected.INCOMPLETE')
              : code === 'VISIT_LOCKED'
                ? t('visit.rejected.VISIT_LOCKED')
                : t('visit.rejected.other', { code: code ?? '' })}
          </p>
        </div>
      )}
      {!ownVisit && <p class="notice">{t('visit.notOwn')}</p>}
      {ownVisit && visit.status === 'submitted' && detail.sync.visit !== 'rejected' && (
        // Whether the submission has left this device: the coordinator sees nothing until it has.
        <p class="notice" role="status">
          {detail.sync.visit === 'synced' ? t('visit.submitted.delivered') : online ? t('visit.submitted.queued') : t('visit.submitted.offline')}
        </p>
      )}
      {ownVisit && !editable && readOnlyKeys[visit.status] && <p class="notice">{t(readOnlyKeys[visit.status]!)}</p>}
    </>
  );
}
