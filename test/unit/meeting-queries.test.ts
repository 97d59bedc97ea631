// The meetings' reads compiled from records as stored: the region's list (upcoming soonest first, past
// latest first, counts, tombstones and other regions left out), one meeting's invited resolved from the
// directory (a removed contact named as such), and a municipality's participation.
import { describe, expect, it } from 'vitest';
import { compileContactDirectory } from '../../src/db/contact-directory.ts';
import type { LocalRecord } from '../../src/db/database.ts';
import { compileMeetingDetail, compileMeetingList, compileParticipation } from '../../src/db/meeting-queries.ts';

const stamps = { version: 1, deleted: false, updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'u-1' };
const cid = (n: number) => `0193a0c4-5b6d-7e8f-9a0b-0000000000${String(n).padStart(2, '0')}`;

const municipality = (id: string, fi: string, regionId = 'avi-1'): LocalRecord<'municipality'> =>
  ({ id, name: { fi, sv: `${fi}-sv` }, regionId, province: { fi: 'P', sv: 'P' }, ...stamps }) as unknown as LocalRecord<'municipality'>;
const municipalities = [municipality('091', 'Helsinki'), municipality('049', 'Espoo'), municipality('837', 'Tampere', 'avi-3')];

const contact = (n: number, municipalityId: string, name: string, extra: Partial<LocalRecord<'contact'>> = {}): LocalRecord<'contact'> => ({
  id: cid(n),
  municipalityId,
  name,
  title: null,
  organisation: null,
  areas: ['substance'],
  email: null,
  phone: null,
  notes: null,
  active: true,
  ...stamps,
  ...extra,
});
const contacts = [contact(1, '091', 'Helka Helsinkiläinen'), contact(2, '049', 'Eero Espoolainen'), contact(3, '049', 'Aino Espoolainen'), contact(4, '091', 'Poistettu', { deleted: true })];

let n = 0;
const meeting = (extra: Partial<LocalRecord<'meeting'>>): LocalRecord<'meeting'> => ({
  id: `0193a0c4-5b6d-7e8f-9a0b-00000000aa${String(++n).padStart(2, '0')}`,
  regionId: 'avi-1',
  title: `Meeting ${n}`,
  kind: 'network',
  areas: ['substance'],
  date: '2026-03-01',
  status: 'planned',
  invited: [],
  attended: [],
  guests: [],
  materials: [],
  ...stamps,
  ...extra,
});

describe('the region’s meetings', () => {
  it('lists upcoming ones soonest first (by time within a day), then past ones latest first, with counts', () => {
    const a = meeting({ title: 'later today', date: '2026-03-10', startTime: '14:00' });
    const b = meeting({ title: 'earlier today', date: '2026-03-10', startTime: '09:00' });
    const c = meeting({ title: 'next month', date: '2026-04-01' });
    const d = meeting({ title: 'last week', date: '2026-03-03', status: 'held', invited: [cid(1), cid(2)], attended: [cid(1)], guests: [{ municipalityId: '049', count: 3, names: null }] });
    const e = meeting({ title: 'last year', date: '2025-11-11', status: 'cancelled' });
    const gone = meeting({ title: 'deleted', date: '2026-03-20', deleted: true });
    const other = meeting({ title: 'other region', date: '2026-03-20', regionId: 'avi-3' });
    const list = compileMeetingList([a, b, c, d, e, gone, other], ['avi-1'], '2026-03-10');
    expect(list.upcoming.map((m) => m.title)).toEqual(['earlier today', 'later today', 'next month']);
    expect(list.past.map((m) => m.title)).toEqual(['last week', 'last year']);
    expect(list.past[0]).toMatchObject({ invited: 2, attended: 1, guests: 3, status: 'held' });
  });
});

describe('one meeting', () => {
  it('resolves the invited from the directory in its order, a removed contact last as unknown, and its guests', () => {
    const directory = compileContactDirectory(municipalities, contacts, 'fi');
    const m = meeting({ invited: [cid(4), cid(1), cid(2), cid(3)], attended: [cid(2), cid(9)], guests: [{ municipalityId: '091', count: 2, names: 'A, B' }, { municipalityId: '999', count: 1, names: null }] });
    const detail = compileMeetingDetail(m, directory);
    expect(detail.invited.map((i) => [i.entry?.name ?? null, i.attended])).toEqual([
      ['Aino Espoolainen', false],
      ['Eero Espoolainen', true],
      ['Helka Helsinkiläinen', false],
      [null, false],
      // One who came uninvited is listed too.
      [null, true],
    ]);
    expect(detail.invited.slice(3).map((i) => i.id)).toEqual([cid(4), cid(9)]);
    expect(detail.guests.map((g) => [g.municipality?.name.fi ?? null, g.count, g.names])).toEqual([
      ['Helsinki', 2, 'A, B'],
      [null, 1, null],
    ]);
  });
});

describe('a municipality’s participation', () => {
  it('counts held meetings where its contact came or it had guests, the invited but absent, and the upcoming', () => {
    const came = meeting({ title: 'came', date: '2026-02-01', status: 'held', invited: [cid(2), cid(1)], attended: [cid(2)] });
    const guests = meeting({ title: 'guests', date: '2026-02-10', status: 'held', invited: [cid(1)], guests: [{ municipalityId: '049', count: 4, names: null }] });
    const absent = meeting({ title: 'absent', date: '2026-01-15', status: 'held', invited: [cid(3)], attended: [cid(1)] });
    const notInvited = meeting({ title: 'not invited', date: '2026-01-20', status: 'held', invited: [cid(1)], attended: [cid(1)] });
    const cancelled = meeting({ title: 'cancelled', date: '2026-01-25', status: 'cancelled', invited: [cid(2)], attended: [cid(2)] });
    const planned = meeting({ title: 'planned', date: '2026-05-01', invited: [cid(3)] });
    const deleted = meeting({ title: 'deleted', status: 'held', attended: [cid(2)], deleted: true });
    const p = compileParticipation('049', [came, guests, absent, notInvited, cancelled, planned, deleted], contacts);
    expect(p.reached.map((r) => [r.meeting.title, r.came, r.guests])).toEqual([
      ['guests', [], 4],
      ['came', ['Eero Espoolainen'], 0],
    ]);
    expect(p.invitedAbsent.map((m) => m.title)).toEqual(['absent']);
    expect(p.invitedUpcoming.map((m) => m.title)).toEqual(['planned']);
    expect(compileParticipation('837', [came, guests, absent], contacts)).toEqual({ reached: [], invitedAbsent: [], invitedUpcoming: [] });
  });
});
