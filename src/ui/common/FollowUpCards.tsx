// Follow-ups as cards, read-only or with "mark done": what, by when (open overdue ones say so), from which
// visit, unmet legal duties marked, and, where asked, who changed it last. The review page shows a
// visit's; the municipality page all of the municipality's.
import { format } from 'date-fns';
import { useId } from 'preact/hooks';
import type { FollowUp } from '../../db/visit-queries.ts';
import { formatDate, formatDateTime } from './format.ts';
import { useI18n } from '../i18n/index.ts';
import { inspectorLabel, useDirectory } from './people.ts';
import { useSignedIn } from '../app/session-context.ts';

/** `pending` (with showChanger): changed on this device and not yet sent. */
type FollowUpCard = FollowUp & { visitDate?: string | null; pending?: boolean };

type Props = {
  followUps: readonly FollowUpCard[];
  onDone?: (id: string) => void;
  busyId?: string | null;
  /** Say who changed each one last, and when: any inspector or coordinator of the region may close one. */
  showChanger?: boolean;
};

export function FollowUpCards({ followUps, onDone, busyId, showChanger = false }: Props) {
  const { t, dateLocale } = useI18n();
  const { session } = useSignedIn();
  const directory = useDirectory();
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
            {showChanger && f.pending && <p class="muted">{t('followUp.changedHere')}</p>}
            {showChanger && !f.pending && f.updatedBy && f.updatedAt && (
              <p class="muted">
                {t('followUp.changedBy', { name: inspectorLabel(f.updatedBy, session.user, t, directory), time: formatDateTime(f.updatedAt, dateLocale) })}
              </p>
            )}
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
