// What the inspector must know before editing: a coordinator's return, a change the server turned down,
// or why the visit is read-only.
import type { VisitDetail } from '../../../db/visit-queries.ts';
import { useI18n } from '../../i18n/index.ts';

export function VisitNotices({ detail, ownVisit }: { detail: VisitDetail; ownVisit: boolean }) {
  const { t } = useI18n();
  const { visit, rejection } = detail;
  const code = rejection?.error.code;
  return (
    <>
      {visit.status === 'returned' && (
        <div class="notice notice-attention">
          <p class="notice-title">{t('visit.returnedTitle')}</p>
          <p class="pre-line">{visit.returnReason?.trim() || t('visits.noReturnReason')}</p>
          {visit.reviewNote && <p class="pre-line">{visit.reviewNote}</p>}
        </div>
      )}
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
      {ownVisit && (visit.status === 'submitted' || visit.status === 'approved' || visit.status === 'cancelled') && (
        <p class="notice">{t(`visit.readOnly.${visit.status}`)}</p>
      )}
    </>
  );
}
