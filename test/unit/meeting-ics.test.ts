// A meeting's calendar file read back line by line: the calendar and event, UID and DTSTAMP, local times
// in Europe/Helsinki with its VTIMEZONE (or an all-day date), SUMMARY, LOCATION, DESCRIPTION, URL; CRLF
// line ends, lines folded at 75 octets without splitting a character, and TEXT values escaped.
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, meetingIcs } from '../../src/ui/features/network/ics.ts';

const base = {
  id: '0193a0c4-5b6d-7e8f-9a0b-00000000aa01',
  title: 'Verkostotapaaminen: EPT, HYTE; väkivalta',
  date: '2026-03-04',
  startTime: '13:00',
  endTime: '15:30',
  place: 'Kaupungintalo, sali 2',
  onlineLink: 'https://meet.example.fi/abc?x=1',
  agenda: 'Tervetuloa\n1. Ajankohtaista; kuulumiset\\muut',
  status: 'planned' as const,
  version: 3,
};
const now = new Date('2026-02-01T08:09:10.123Z');

/** The unfolded content lines. */
const unfold = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');
/** A property's lines in the event (the VTIMEZONE has DTSTARTs of its own). */
const prop = (lines: string[], name: string) => lines.slice(lines.indexOf('BEGIN:VEVENT'), lines.indexOf('END:VEVENT')).filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

describe('a meeting’s calendar file', () => {
  it('is a VCALENDAR with one VEVENT at local times in Europe/Helsinki, its zone defined', () => {
    const ics = meetingIcs(base, now);
    const lines = unfold(ics);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    expect(lines.at(-1)).toBe('');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines.slice(lines.indexOf('BEGIN:VTIMEZONE'), lines.indexOf('END:VTIMEZONE') + 1)).toEqual(
      expect.arrayContaining(['TZID:Europe/Helsinki', 'BEGIN:DAYLIGHT', 'TZOFFSETTO:+0300', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'BEGIN:STANDARD', 'TZOFFSETTO:+0200', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU']),
    );
    expect(lines.indexOf('END:VTIMEZONE')).toBeLessThan(lines.indexOf('BEGIN:VEVENT'));
    expect(prop(lines, 'UID')).toEqual([`UID:${base.id}@tillsyn`]);
    expect(prop(lines, 'DTSTAMP')).toEqual(['DTSTAMP:20260201T080910Z']);
    expect(prop(lines, 'DTSTART')).toEqual(['DTSTART;TZID=Europe/Helsinki:20260304T130000']);
    expect(prop(lines, 'DTEND')).toEqual(['DTEND;TZID=Europe/Helsinki:20260304T153000']);
    expect(prop(lines, 'SEQUENCE')).toEqual(['SEQUENCE:3']);
    expect(prop(lines, 'SUMMARY')).toEqual(['SUMMARY:Verkostotapaaminen: EPT\\, HYTE\\; väkivalta']);
    expect(prop(lines, 'LOCATION')).toEqual(['LOCATION:Kaupungintalo\\, sali 2']);
    expect(prop(lines, 'DESCRIPTION')).toEqual(['DESCRIPTION:Tervetuloa\\n1. Ajankohtaista\\; kuulumiset\\\\muut\\n\\nhttps://meet.example.fi/abc?x=1']);
    expect(prop(lines, 'URL')).toEqual(['URL:https://meet.example.fi/abc?x=1']);
    expect(prop(lines, 'STATUS')).toEqual(['STATUS:CONFIRMED']);
  });

  it('ends every line in CRLF, with no bare LF or CR', () => {
    const ics = meetingIcs(base, now);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('folds long lines at 75 octets, never inside a character, and unfolds to the same text', () => {
    const agenda = 'Ä'.repeat(100) + ' – ' + 'x'.repeat(120);
    const ics = meetingIcs({ ...base, agenda }, now);
    const encoder = new TextEncoder();
    const physical = ics.split('\r\n');
    for (const line of physical) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    expect(physical.some((l) => l.startsWith(' '))).toBe(true);
    // No line begins or ends in half a character: each decodes as it was written.
    for (const line of physical) expect(new TextDecoder('utf-8', { fatal: true }).decode(encoder.encode(line))).toBe(line);
    expect(prop(unfold(ics), 'DESCRIPTION')[0]).toBe(`DESCRIPTION:${agenda}\\n\\nhttps://meet.example.fi/abc?x=1`);
  });

  it('is an all-day event on the date with no time, and has no VTIMEZONE then', () => {
    const lines = unfold(meetingIcs({ ...base, startTime: null, endTime: null, date: '2026-12-31' }, now));
    expect(prop(lines, 'DTSTART')).toEqual(['DTSTART;VALUE=DATE:20261231']);
    expect(prop(lines, 'DTEND')).toEqual(['DTEND;VALUE=DATE:20270101']);
    expect(lines).not.toContain('BEGIN:VTIMEZONE');
  });

  it('lasts an hour with a start and no end; an online meeting’s link is its location', () => {
    const lines = unfold(meetingIcs({ ...base, endTime: null, place: null, agenda: null, status: 'cancelled' }, now));
    expect(prop(lines, 'DTEND')).toEqual([]);
    expect(lines).toContain('DURATION:PT1H');
    expect(prop(lines, 'LOCATION')).toEqual(['LOCATION:https://meet.example.fi/abc?x=1']);
    expect(prop(lines, 'DESCRIPTION')).toEqual([]);
    expect(prop(lines, 'STATUS')).toEqual(['STATUS:CANCELLED']);
  });

  it('escapes backslash, semicolon, comma and every kind of line break in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('leaves a line of 75 octets whole and folds one of 76', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    // 2-octet characters: 37 fit in 74 octets, the 38th would make 76.
    expect(foldLine('ä'.repeat(38)).split('\r\n')[0]).toBe('ä'.repeat(37));
  });
});
