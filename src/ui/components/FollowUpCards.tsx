// Follow-ups as cards, read-only or with "mark done": what, by when (open overdue ones say so), from which
// visit, unmet legal duties marked. The review page shows a visit's; the municipality page its open ones.
import { format } from 'date-fns';
import { useId } from 'preact/hooks';
import type { FollowUp } from '../../db/visit-queries.ts';
import { formatDate } from '../format.ts';
import { useI18n } from '../i18n/index.ts';

export type FollowUpCard = FollowUp & { visitDate?: string | null };

export function FollowUpCards({ followUps, onDone, busyId }: { followUps: readonly FollowUpCard[]; onDone?: (id: string) => void; busyId?: string | null }) {
  const { t, dateLocale } = useI18n();
  const id = useId();
  // Only for showing "overdue"; nothing is decided by the device's clock.
  const today = format(new Date(), 'yyyy-MM-dd');
  return (
    <ul class="card-list">
      {followUps.map((f) => {
        const overdue = f.status === 'open' && !!f.dueDate && f.dueDate < today;
        return (
          <li key={f.id} class="card record-card">
            <p class="record-head">
              {f.dueDate ? (
                <span class={overdue ? 'overdue' : undefined}>
                  {t(overdue ? 'municipality.overdue' : 'followUp.due', { date: formatDate(f.dueDate, dateLocale) })}
                </span>
              ) : (
                <span>{t('followUp.noDue')}</span>
              )}
              {f.legalShortcoming && <span class="kind-tag kind-deficiency">{t('followUp.legalShortcoming')}</span>}
              {f.status !== 'open' && <span class="badge">{t(`followUp.status.${f.status}`)}</span>}
              {f.visitDate && <span class="muted">{t('followUp.fromVisit', { date: formatDate(f.visitDate, dateLocale) })}</span>}
            </p>
            <p class="pre-line" id={`${id}-${f.id}`}>
              {f.text}
            </p>
            {onDone && f.status === 'open' && (
              <p class="record-actions">
                <button type="button" class="button button-secondary" aria-describedby={`${id}-${f.id}`} disabled={busyId === f.id} onClick={() => onDone(f.id)}>
                  {t('followUp.markDone')}
                </button>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
