// A visit's review history as a timeline: each move of its status, who made it and when, and on a return
// its reason. The one-button resubmission's first step (returned → in progress, sent with the
// submission) is shown as the submission itself.
import type { VisitTransition } from '../../../shared/history.ts';
import { formatDateTime } from '../../common/format.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { deviceText, whoText } from './history-text.ts';

/** What a transition was, in the timeline's words. */
function eventKey(t: VisitTransition, returnedBefore: boolean): MessageKey {
  if (t.from === null) return t.to === 'planned' ? 'history.event.planned' : 'history.event.started';
  switch (t.to) {
    case 'submitted':
      return returnedBefore ? 'history.event.resubmitted' : 'history.event.submitted';
    case 'returned':
      return 'history.event.returned';
    case 'approved':
      return 'history.event.approved';
    case 'cancelled':
      return 'history.event.cancelled';
    case 'in_progress':
      return t.from === 'returned' ? 'history.event.reopened' : t.from === 'submitted' ? 'history.event.recalled' : 'history.event.started';
    default:
      return 'history.event.planned';
  }
}

/** The transitions to show: a reopening sent in the same push as the next submission is folded into it. */
function shownTransitions(transitions: readonly VisitTransition[]): { transition: VisitTransition; key: MessageKey }[] {
  const shown: { transition: VisitTransition; key: MessageKey }[] = [];
  let returned = false;
  transitions.forEach((tr, i) => {
    const next = transitions[i + 1];
    const folded = tr.from === 'returned' && tr.to === 'in_progress' && next?.to === 'submitted' && next.version === tr.version;
    if (!folded) shown.push({ transition: tr, key: eventKey(tr, returned) });
    if (tr.to === 'returned') returned = true;
  });
  return shown;
}

export function HistoryTimeline({
  transitions,
  nameOf,
  ownClientId = null,
  labelledBy,
}: {
  transitions: readonly VisitTransition[];
  nameOf: (userId: string) => string | undefined;
  ownClientId?: string | null;
  labelledBy: string;
}) {
  const { t, dateLocale } = useI18n();
  const shown = shownTransitions(transitions);
  if (shown.length === 0) return <p class="muted">{t('history.noTransitions')}</p>;
  return (
    <ol class="history-timeline" aria-labelledby={labelledBy}>
      {shown.map(({ transition: tr, key }) => (
        <li key={`${tr.version}-${tr.to}`} class={`history-event history-event-${tr.to}`}>
          <p class="history-event-title">
            <strong>{t(key)}</strong>
          </p>
          <p class="history-event-meta">
            <time dateTime={tr.at}>{formatDateTime(tr.at, dateLocale)}</time>
            {' · '}
            {whoText(tr.userId, tr.userName, { t, nameOf })}
            {' · '}
            <span class="muted">{deviceText(tr.clientId, ownClientId, t)}</span>
          </p>
          {tr.to === 'returned' && (
            <div class="history-reason">
              <p class="history-reason-label">{t('history.reason')}</p>
              <p class="pre-line">{tr.reason ?? t('history.noReason')}</p>
            </div>
          )}
          {tr.note && (
            <div class="history-reason">
              <p class="history-reason-label">{t('history.note')}</p>
              <p class="pre-line">{tr.note}</p>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
