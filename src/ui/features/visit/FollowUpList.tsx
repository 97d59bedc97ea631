// The visit's recommendations, and the municipality's open follow-ups from earlier visits to settle.
import { carryOnFollowUp, setFollowUpStatus } from '../../../db/follow-ups.ts';
import type { FollowUp, VisitDetail } from '../../../db/visit-queries.ts';
import { can } from '../../../shared/policy.ts';
import { formatDate } from '../../common/format.ts';
import { useTrackSave } from '../../common/use-save-tracker.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { FieldConflict } from './FieldConflict.tsx';
import { RecordActions } from './RecordActions.tsx';
import { SyncBadge } from '../../common/SyncBadge.tsx';

export function FollowUpList({
  detail,
  editable,
  onAdd,
  onEdit,
  onDelete,
}: {
  detail: VisitDetail;
  editable: boolean;
  onAdd: () => void;
  onEdit: (f: FollowUp) => void;
  onDelete: (f: FollowUp) => void;
}) {
  const { t, dateLocale } = useI18n();
  const { db, session } = useSignedIn();
  const track = useTrackSave();
  const { followUps, earlierFollowUps, visit } = detail;
  // Anyone of the region closes a follow-up (SYNC.md); carrying one on also makes one on this visit.
  const canClose = can(session.user, 'closeFollowUp', { regionId: detail.municipality?.regionId });
  const canCarryOn = canClose && editable;
  const due = (f: FollowUp) => (f.dueDate ? t('followUp.due', { date: formatDate(f.dueDate, dateLocale) }) : t('followUp.noDue'));
  return (
    <section class="visit-section" aria-labelledby="followups-title">
      <h2 id="followups-title">
        {t('followUp.title')} <span class="count">({followUps.length})</span>
      </h2>
      {followUps.length === 0 && <p class="muted">{t('followUp.none')}</p>}
      <ul class="card-list">
        {followUps.map((f) => (
          <li key={f.id} class="card record-card">
            <p class="record-head">
              <span>{due(f)}</span>
              {f.legalShortcoming && <span class="kind-tag kind-deficiency">{t('followUp.legalShortcoming')}</span>}
              {f.status !== 'open' && <span class="badge">{t(`followUp.status.${f.status}`)}</span>}
              <SyncBadge state={detail.sync.followUp.get(f.id) ?? 'synced'} subtle />
            </p>
            <p class="pre-line">{f.text}</p>
            <FieldConflict entity="followUp" id={f.id} field="text" />
            <FieldConflict entity="followUp" id={f.id} field="dueDate" />
            {editable && <RecordActions editLabel={t('followUp.edit')} deleteLabel={t('followUp.delete')} onEdit={() => onEdit(f)} onDelete={() => onDelete(f)} />}
          </li>
        ))}
      </ul>
      {editable && (
        <button type="button" class="button button-secondary" onClick={onAdd}>
          {t('followUp.add')}
        </button>
      )}
      {earlierFollowUps.length > 0 && (
        <section class="earlier-followups" aria-labelledby="earlier-followups-title">
          <h3 id="earlier-followups-title">{t('followUp.earlierTitle')}</h3>
          <p class="muted">{t('followUp.earlierIntro')}</p>
          <ul class="card-list">
            {earlierFollowUps.map((f) => (
              <li key={f.id} class="card record-card">
                <p class="record-head">
                  {f.visitDate && <span>{t('followUp.fromVisit', { date: formatDate(f.visitDate, dateLocale) })}</span>}
                  <span>{due(f)}</span>
                  {f.legalShortcoming && <span class="kind-tag kind-deficiency">{t('followUp.legalShortcoming')}</span>}
                </p>
                <p class="pre-line">{f.text}</p>
                {canClose && (
                  <p class="record-actions">
                    <button type="button" class="button button-secondary" onClick={() => void track(setFollowUpStatus(db, f.id, 'done', session.user))}>
                      {t('followUp.markDone')}
                    </button>
                    {canCarryOn && (
                      <button type="button" class="button button-secondary" onClick={() => void track(carryOnFollowUp(db, f.id, visit.id, session.user))}>
                        {t('followUp.carryOn')}
                      </button>
                    )}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
