// The meeting form's checks, in words next to each field, before anything is written; and how a meeting's
// time reads in the UI's language (Finnish and Swedish write 13.00, English 13:00).
import type { Locale } from 'date-fns';
import type { MeetingInput } from '../../../db/meetings.ts';
import type { MeetingFields } from '../../../shared/records.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { formatDate } from '../../common/format.ts';

export type MeetingField = 'region' | 'title' | 'areas' | 'date' | 'startTime' | 'endTime' | 'onlineLink';
export type MeetingError = { field: MeetingField; key: MessageKey };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a text is a link people can open: http or https with a host, as the shared schema has it. */
export function isWebLink(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && text.trim().length <= 2000;
  } catch {
    return false;
  }
}

export function validateMeeting(draft: MeetingInput & { regionId: string }): MeetingError[] {
  const errors: MeetingError[] = [];
  if (draft.regionId === '') errors.push({ field: 'region', key: 'meetings.error.region' });
  if (draft.title.trim() === '') errors.push({ field: 'title', key: 'meetings.error.title' });
  if (draft.areas.length === 0) errors.push({ field: 'areas', key: 'meetings.error.areas' });
  if (!DATE.test(draft.date)) errors.push({ field: 'date', key: 'meetings.error.date' });
  const start = draft.startTime.trim();
  const end = draft.endTime.trim();
  if (start !== '' && !TIME.test(start)) errors.push({ field: 'startTime', key: 'meetings.error.time' });
  if (end !== '' && !TIME.test(end)) errors.push({ field: 'endTime', key: 'meetings.error.time' });
  else if (end !== '' && start === '') errors.push({ field: 'endTime', key: 'meetings.error.endWithoutStart' });
  else if (end !== '' && TIME.test(start) && end <= start) errors.push({ field: 'endTime', key: 'meetings.error.endBeforeStart' });
  if (draft.onlineLink.trim() !== '' && !isWebLink(draft.onlineLink)) errors.push({ field: 'onlineLink', key: 'meetings.error.link' });
  return errors;
}

const clock = (time: string, locale: Locale | undefined) => (locale?.code === 'fi' || locale?.code === 'sv' ? time.replace(/^0(\d)/, '$1').replace(':', '.') : time);

/** "4.3.2026 13.00–15.30", "4 March 2026 13:00", or the date with `allDay` when the meeting has no time. */
export function meetingWhen(m: Pick<MeetingFields, 'date' | 'startTime' | 'endTime'>, locale: Locale | undefined, allDay: string): string {
  const date = formatDate(m.date, locale);
  if (!m.startTime) return `${date}, ${allDay}`;
  return m.endTime ? `${date} ${clock(m.startTime, locale)}–${clock(m.endTime, locale)}` : `${date} ${clock(m.startTime, locale)}`;
}
