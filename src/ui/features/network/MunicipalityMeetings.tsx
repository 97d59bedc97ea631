// A municipality's part in the network's meetings, for its page: the held meetings that reached it (one of
// its contact persons came, or it had guests), when it last took part, those it was invited to but missed,
// and the planned ones its contacts are invited to; each linked to its meeting. Read on its own.
import { loadParticipation } from '../../../db/meeting-queries.ts';
import { formatShortDate } from '../../common/format.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { MeetingCards } from './MeetingsPage.tsx';
import './meetings.css';

export function MunicipalityMeetings({ municipalityId }: { municipalityId: string }) {
  const { t, dateLocale } = useI18n();
  const { db } = useSignedIn();
  const data = useLiveQuery(() => loadParticipation(db, municipalityId), [db, municipalityId]);
  if (data.state !== 'ready') return null;
  const { reached, invitedAbsent, invitedUpcoming } = data.value;
  const last = reached[0]?.meeting.date;
  const cameText = new Map(reached.map((p) => [p.meeting.id, [p.came.length > 0 ? t('meetings.participation.came', { names: p.came.join(', ') }) : '', p.guests > 0 ? t('meetings.guestsCount', { count: p.guests }) : ''].filter(Boolean).join(' · ')]));

  return (
    <section class="report-section meeting-participation" aria-labelledby="municipality-meetings">
      <h2 id="municipality-meetings">{t('meetings.participation.title')}</h2>
      {reached.length === 0 ? (
        <p class="muted">{t('meetings.participation.none')}</p>
      ) : (
        <p>
          {t('meetings.participation.summary', { count: reached.length })} {last && t('meetings.participation.last', { date: formatShortDate(last, dateLocale) })}
        </p>
      )}
      {reached.length > 0 && (
        <>
          <h3>{t('meetings.participation.reached')}</h3>
          <MeetingCards level={4} meetings={reached.map((p) => p.meeting)} extra={(m) => cameText.get(m.id) || null} />
        </>
      )}
      {invitedAbsent.length > 0 && (
        <>
          <h3>{t('meetings.participation.absent')}</h3>
          <MeetingCards level={4} meetings={invitedAbsent} />
        </>
      )}
      {invitedUpcoming.length > 0 && (
        <>
          <h3>{t('meetings.participation.upcoming')}</h3>
          <MeetingCards level={4} meetings={invitedUpcoming} />
        </>
      )}
    </section>
  );
}
