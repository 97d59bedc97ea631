// The network meetings and trainings of the user's regions: upcoming first (the soonest at the top), then
// past ones (the latest first), each with its kind, time, place, status and who was invited and came.
// Read from the device, so it works offline from what was last synced.
import { format } from 'date-fns';
import { loadMeetingList, type MeetingSummary } from '../../../db/meeting-queries.ts';
import { can } from '../../../shared/policy.ts';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n } from '../../i18n/index.ts';
import { networkPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { meetingWhen } from './meeting-form.ts';
import '../../common/section.css';
import './meetings.css';

export function MeetingsPage() {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const me = session.user;
  const today = format(new Date(), 'yyyy-MM-dd');
  const data = useLiveQuery(() => loadMeetingList(db, me.regionIds, today), [db, me.regionIds.join(','), today]);
  const canPlan = me.regionIds.some((regionId) => can(me, 'editMeetings', { regionId }));

  return (
    <Page title={t('meetings.title')} className="meetings-page">
      <p class="back-link">
        <a href={networkPaths.directory}>{t('meetings.back')}</a>
      </p>
      {canPlan && (
        <p class="meetings-actions">
          <a class="button button-primary" href={networkPaths.newMeeting}>
            {t('meetings.plan')}
          </a>
        </p>
      )}
      {data.state !== 'ready' ? (
        <LiveState state={data.state} />
      ) : data.value.upcoming.length + data.value.past.length === 0 ? (
        <p class="empty-state">{t('meetings.none')}</p>
      ) : (
        <>
          <section class="report-section" aria-labelledby="meetings-upcoming">
            <h2 id="meetings-upcoming">
              {t('meetings.upcoming')} <span class="count">({data.value.upcoming.length})</span>
            </h2>
            {data.value.upcoming.length === 0 ? <p class="muted">{t('meetings.noneUpcoming')}</p> : <MeetingCards meetings={data.value.upcoming} />}
          </section>
          <section class="report-section" aria-labelledby="meetings-past">
            <h2 id="meetings-past">
              {t('meetings.past')} <span class="count">({data.value.past.length})</span>
            </h2>
            {data.value.past.length === 0 ? <p class="muted">{t('meetings.nonePast')}</p> : <MeetingCards meetings={data.value.past} />}
          </section>
        </>
      )}
    </Page>
  );
}

/** A card per meeting, its title a link covering the card. Also the municipality page's participation. */
export function MeetingCards({ meetings, extra, level = 3 }: { meetings: readonly MeetingSummary[]; extra?: (m: MeetingSummary) => string | null; level?: 3 | 4 }) {
  const { t, dateLocale } = useI18n();
  return (
    <ul class="card-list meeting-list">
      {meetings.map((m) => {
        const more = extra?.(m) ?? null;
        const Heading = level === 3 ? 'h3' : 'h4';
        return (
          <li key={m.id} class="card visit-card meeting-card">
            <Heading class="visit-place">
              <a class="card-link" href={networkPaths.meeting(m.id)}>
                {m.title}
              </a>
            </Heading>
            <p class="visit-meta">
              <span>{meetingWhen(m, dateLocale, t('meetings.allDay'))}</span>
              <span>{t(`meetings.kind.${m.kind}`)}</span>
              {(m.place || m.onlineLink) && <span>{m.place ?? t('meetings.online')}</span>}
            </p>
            <p class="visit-badges">
              <span class={`badge meeting-status-${m.status}`}>{t(`meetings.status.${m.status}`)}</span>
              <span>
                {[
                  t('meetings.invitedCount', { count: m.invited }),
                  m.status !== 'planned' || m.attended > 0 ? t('meetings.attendedCount', { count: m.attended }) : '',
                  m.guests > 0 ? t('meetings.guestsCount', { count: m.guests }) : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </p>
            {more && <p class="meeting-extra">{more}</p>}
          </li>
        );
      })}
    </ul>
  );
}
