// A meeting as a calendar file (RFC 5545): one VEVENT in a VCALENDAR, its times in Finnish local time
// (TZID=Europe/Helsinki, with the zone's rules in a VTIMEZONE so any calendar places it right), or an
// all-day event when the meeting has no start time. Lines end in CRLF and are folded at 75 octets without
// splitting a character; text values escape backslash, semicolon, comma and line breaks.
import type { MeetingFields } from '../../../shared/records.ts';

type IcsMeeting = Pick<MeetingFields, 'title' | 'date' | 'startTime' | 'endTime' | 'place' | 'onlineLink' | 'agenda' | 'status'> & { id: string; version?: number | undefined };

const ICS_TZID = 'Europe/Helsinki';

/** Finland's time zone since 1983, as the EU's rules have it: EEST from the last Sunday of March, EET from the last of October. */
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${ICS_TZID}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0300',
  'TZNAME:EEST',
  'DTSTART:19830327T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0300',
  'TZOFFSETTO:+0200',
  'TZNAME:EET',
  'DTSTART:19831030T040000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** A TEXT value: backslash, semicolon and comma escaped, every line break as \n. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/** A content line folded so no line is longer than 75 octets (UTF-8), never inside a character; each continuation starts with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      // The leading space of a continuation line is one of its 75 octets.
      limit = 74;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compact = (date: string) => date.replace(/-/g, '');
const localTime = (date: string, time: string) => `${compact(date)}T${time.replace(':', '')}00`;
const utcStamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The day after an ISO date (for an all-day event's exclusive end). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The calendar file of a meeting, for the invited to add to their calendars; `now` is its DTSTAMP. */
export function meetingIcs(meeting: IcsMeeting, now: Date): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tillsyn//Network meetings//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  const start = meeting.startTime ?? null;
  if (start) lines.push(...VTIMEZONE);
  lines.push('BEGIN:VEVENT', `UID:${meeting.id}@tillsyn`, `DTSTAMP:${utcStamp(now)}`, `SEQUENCE:${meeting.version ?? 0}`);
  if (start) {
    // No end time: an hour, which is what calendars assume for an event with a start only.
    const end = meeting.endTime && meeting.endTime > start ? meeting.endTime : null;
    lines.push(`DTSTART;TZID=${ICS_TZID}:${localTime(meeting.date, start)}`);
    lines.push(end ? `DTEND;TZID=${ICS_TZID}:${localTime(meeting.date, end)}` : 'DURATION:PT1H');
  } else {
    lines.push(`DTSTART;VALUE=DATE:${compact(meeting.date)}`, `DTEND;VALUE=DATE:${compact(nextDay(meeting.date))}`);
  }
  lines.push(`SUMMARY:${escapeText(meeting.title)}`);
  const location = meeting.place ?? meeting.onlineLink ?? null;
  if (location) lines.push(`LOCATION:${escapeText(location)}`);
  const description = [meeting.agenda ?? '', meeting.place && meeting.onlineLink ? meeting.onlineLink : ''].filter((s) => s.trim() !== '').join('\n\n');
  if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
  if (meeting.onlineLink) lines.push(`URL:${meeting.onlineLink}`);
  lines.push(`STATUS:${meeting.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
