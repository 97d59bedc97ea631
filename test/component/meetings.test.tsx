// The network's meetings on a seeded device with no network: a meeting planned (its errors in words, then
// the record and its outbox row), contacts invited by area, two attendance taps in a row both kept, guests
// of a municipality, marked held; the details edited (only what changed sent), a material link added and
// removed, a planned meeting deleted after asking; the list and a municipality's participation.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalRecord, UserDb } from '../../src/db/database.ts';
import { saveMeeting } from '../../src/db/meetings.ts';
import { MeetingFormPage } from '../../src/ui/features/network/MeetingFormPage.tsx';
import { MeetingPage } from '../../src/ui/features/network/MeetingPage.tsx';
import { MeetingsPage } from '../../src/ui/features/network/MeetingsPage.tsx';
import { MunicipalityMeetings } from '../../src/ui/features/network/MunicipalityMeetings.tsx';
import { freshDb, renderAs, user } from './review-seed.ts';
import { renderSignedIn } from './visit-fixtures.tsx';

const inspector = user('inspector');
const stamps = { version: 2, deleted: false, updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: 'u-coordinator' };
const cid = (n: number) => `0193a0c4-5b6d-7e8f-9a0b-0000000000${String(n).padStart(2, '0')}`;
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

async function seed(): Promise<UserDb> {
  const db = await freshDb(inspector);
  await db.contact.bulkPut([
    contact(1, '638', 'Liisa Virtanen', { areas: ['welfare'], email: 'liisa.virtanen@porvoo.fi' }), // Porvoo
    contact(2, '091', 'Pekka Ääritalo', { areas: ['welfare', 'substance'], email: 'pekka.aaritalo@hel.fi' }), // Helsinki
    contact(3, '091', 'Former Person', { areas: ['welfare'], active: false }),
    contact(4, '049', 'Eeva Espoolainen', { areas: ['violence'] }), // Espoo
  ]);
  return db;
}

const plan = (db: UserDb, extra: Partial<Parameters<typeof saveMeeting>[2]> = {}) =>
  saveMeeting(db, 'avi-1', { title: 'Hyvinvointikoulutus', kind: 'training', areas: ['welfare'], date: '2026-03-04', startTime: '13:00', endTime: '15:00', place: 'Kaupungintalo', onlineLink: '', agenda: '', ...extra }, undefined, inspector.user);

let fetchSpy: ReturnType<typeof vi.fn>;
beforeEach(() => {
  // Offline: nothing here may ask the network.
  fetchSpy = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
  vi.stubGlobal('fetch', fetchSpy);
});
afterEach(() => {
  vi.unstubAllGlobals();
  expect(fetchSpy).not.toHaveBeenCalled();
});

describe('planning a meeting', () => {
  it('says what is missing next to the fields, then stores the meeting with its outbox row', async () => {
    const db = await seed();
    renderAs(db, inspector, <MeetingFormPage params={{}} />);
    const submit = await screen.findByRole('button', { name: 'Plan the meeting' });
    fireEvent.click(submit);
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('3 fields need attention.'));
    const title = screen.getByLabelText('Title');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(title.getAttribute('aria-describedby')!)!.textContent).toContain('Write a title.');
    expect(screen.getAllByText('Choose at least one area.').length).toBe(2);

    fireEvent.input(title, { target: { value: 'Ehkäisevän päihdetyön koulutus' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Training' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Substance-abuse prevention' }));
    fireEvent.input(screen.getByLabelText('Date'), { target: { value: '2026-05-20' } });
    fireEvent.input(screen.getByLabelText('Starts'), { target: { value: '13:00' } });
    fireEvent.input(screen.getByLabelText('Ends'), { target: { value: '12:00' } });
    fireEvent.input(screen.getByLabelText('Online link'), { target: { value: 'javascript:alert(1)' } });
    fireEvent.click(submit);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('2 fields need attention.'));
    expect(screen.getAllByText('The end is not after the start.').length).toBe(2);
    expect(screen.getAllByText('Write a link starting with https:// or http://.').length).toBe(2);
    expect(await db.meeting.count()).toBe(0);

    fireEvent.input(screen.getByLabelText('Ends'), { target: { value: '15:30' } });
    fireEvent.input(screen.getByLabelText('Online link'), { target: { value: 'https://meet.example.fi/ept' } });
    fireEvent.input(screen.getByLabelText('Agenda'), { target: { value: '1. Avaus\n2. Ajankohtaista' } });
    fireEvent.click(submit);
    await waitFor(async () => expect(await db.meeting.count()).toBe(1));
    const [stored] = await db.meeting.toArray();
    expect(stored).toMatchObject({
      regionId: 'avi-1',
      title: 'Ehkäisevän päihdetyön koulutus',
      kind: 'training',
      areas: ['substance'],
      date: '2026-05-20',
      startTime: '13:00',
      endTime: '15:30',
      place: null,
      onlineLink: 'https://meet.example.fi/ept',
      agenda: '1. Avaus\n2. Ajankohtaista',
      status: 'planned',
      invited: [],
      attended: [],
    });
    const rows = await db.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'meeting', id: stored!.id, op: 'upsert', baseVersion: null, fields: { title: 'Ehkäisevän päihdetyön koulutus', status: 'planned' } });
  });
});

describe('planning for one of several regions', () => {
  it('asks which region, in words when none is chosen, and plans it there', async () => {
    const both = user('coordinator', ['avi-1', 'avi-2']);
    const db = await freshDb(both);
    renderAs(db, both, <MeetingFormPage params={{}} />);
    const region = (await screen.findByLabelText('Region')) as HTMLSelectElement;
    expect([...region.options].map((o) => o.value)).toEqual(['', 'avi-1', 'avi-2']);
    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Yhteistyökokous' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Prevention of violence in close relationships' }));
    fireEvent.input(screen.getByLabelText('Date'), { target: { value: '2026-06-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    await waitFor(() => expect(region.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(region.getAttribute('aria-describedby')!)!.textContent).toContain('Choose a region.');
    fireEvent.change(region, { target: { value: 'avi-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    await waitFor(async () => expect((await db.meeting.toArray()).map((m) => [m.regionId, m.title, m.date])).toEqual([['avi-2', 'Yhteistyökokous', '2026-06-01']]));
  });
});

describe('a meeting’s page', () => {
  it('invites all the active contacts of an area shown, and offers their addresses in Bcc', async () => {
    const db = await seed();
    const meeting = await plan(db);
    await db.outbox.clear();
    renderAs(db, inspector, <MeetingPage params={{ id: meeting.id }} />);
    await screen.findByRole('heading', { level: 1, name: 'Hyvinvointikoulutus' });
    expect(screen.getByText('3 active contact persons not invited yet shown.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Area of work'), { target: { value: 'welfare' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Invite all 2 shown' }));
    await waitFor(async () => expect((await db.meeting.get(meeting.id))?.invited).toEqual([cid(2), cid(1)]));
    expect(await screen.findByText('Invited 2 contact persons.')).toBeTruthy();
    expect((await db.outbox.toArray()).map((r) => (r.op === 'upsert' ? r.fields : null))).toEqual([{ invited: [cid(2), cid(1)] }]);
    await waitFor(() => expect(screen.getByText('Everyone shown is invited.')).toBeTruthy());
    // Helsinki's Pekka first, then Porvoo's Liisa (the directory's order: municipality, then name).
    const mail = screen.getByRole('link', { name: 'Write an email (addresses in Bcc)' });
    expect(mail.getAttribute('href')).toBe('mailto:?bcc=pekka.aaritalo%40hel.fi,liisa.virtanen%40porvoo.fi');

    // One by one: Espoo's contact of another area.
    fireEvent.change(screen.getByLabelText('Area of work'), { target: { value: '' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Invite Eeva Espoolainen' }));
    await waitFor(async () => expect((await db.meeting.get(meeting.id))?.invited).toEqual([cid(2), cid(1), cid(4)]));
  });

  it('keeps two attendance taps in a row, records guests of a municipality, and marks the meeting held', async () => {
    const db = await seed();
    const meeting = await plan(db);
    await db.meeting.update(meeting.id, { invited: [cid(1), cid(2), cid(4)] });
    await db.outbox.clear();
    renderAs(db, inspector, <MeetingPage params={{ id: meeting.id }} />);
    const liisa = await screen.findByRole('checkbox', { name: /^Liisa Virtanen/ });
    const pekka = screen.getByRole('checkbox', { name: /^Pekka Ääritalo/ });
    // Two taps before either write is read back.
    fireEvent.click(liisa);
    fireEvent.click(pekka);
    await waitFor(async () => expect([...((await db.meeting.get(meeting.id))?.attended ?? [])].sort()).toEqual([cid(1), cid(2)]));
    await waitFor(() => expect((screen.getByRole('checkbox', { name: /^Liisa Virtanen/ }) as HTMLInputElement).checked).toBe(true));
    expect((screen.getByRole('checkbox', { name: /^Pekka Ääritalo/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: /^Eeva Espoolainen/ }) as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText('(2 of 3 invited came)')).toBeTruthy();
    // The outbox folds the two changes of one record into one row waiting to be sent: both are in it.
    const rows = (await db.outbox.toArray()).map((r) => (r.op === 'upsert' ? r.fields : null));
    expect(rows.at(-1)).toEqual({ attended: [cid(1), cid(2)] });

    // Guests: a count of 0 is refused in words; then three from Espoo.
    const guests = screen.getByRole('heading', { name: 'Guests not in the directory' }).closest('section')!;
    fireEvent.change(within(guests).getByLabelText('Municipality'), { target: { value: '049' } });
    fireEvent.input(within(guests).getByLabelText('Number of guests'), { target: { value: '0' } });
    fireEvent.click(within(guests).getByRole('button', { name: 'Save the guests' }));
    expect(await within(guests).findByText('Write a whole number from 1 to 500.')).toBeTruthy();
    fireEvent.input(within(guests).getByLabelText('Number of guests'), { target: { value: '3' } });
    fireEvent.input(within(guests).getByLabelText('Names (optional)'), { target: { value: 'Nuorisotyöntekijät' } });
    fireEvent.click(within(guests).getByRole('button', { name: 'Save the guests' }));
    await waitFor(async () => expect((await db.meeting.get(meeting.id))?.guests).toEqual([{ municipalityId: '049', count: 3, names: 'Nuorisotyöntekijät' }]));
    expect(await within(guests).findByText('Guests of Espoo saved.')).toBeTruthy();
    await within(guests).findByRole('button', { name: 'Remove the guests of Espoo' });

    fireEvent.click(screen.getByRole('button', { name: 'Mark as held' }));
    await waitFor(async () => expect((await db.meeting.get(meeting.id))?.status).toBe('held'));
    expect(await screen.findByText('Marked as held.')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Mark as planned again' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Delete the meeting' })).toBeNull();
    expect((await db.outbox.toArray()).at(-1)).toMatchObject({ op: 'upsert', fields: { status: 'held' } });
  });

  it('lists the meeting and shows Espoo’s participation once held', async () => {
    const db = await seed();
    const meeting = await plan(db, { date: '2020-03-04' });
    await db.meeting.update(meeting.id, { invited: [cid(1), cid(4)], attended: [cid(4)], status: 'held' });
    const view = renderAs(db, inspector, <MeetingsPage />);
    const past = (await screen.findByRole('heading', { name: /^Past/ })).closest('section')!;
    await within(past).findByRole('link', { name: 'Hyvinvointikoulutus' });
    expect(past.textContent).toContain('2 invited');
    expect(past.textContent).toContain('1 came');
    view.unmount();

    renderAs(db, inspector, <MunicipalityMeetings municipalityId="049" />);
    expect(await screen.findByText(/^Reached by 1 held meeting\. Last attended/)).toBeTruthy();
    expect(screen.getByText('Came: Eeva Espoolainen')).toBeTruthy();
  });

  it('edits the details sending only what changed, adds and removes a material link, and deletes a planned meeting after asking', async () => {
    const db = await seed();
    const meeting = await plan(db);
    await db.outbox.clear();
    const form = renderAs(db, inspector, <MeetingFormPage params={{ id: meeting.id }} />);
    const title = await screen.findByLabelText('Title');
    expect((title as HTMLInputElement).value).toBe('Hyvinvointikoulutus');
    expect((screen.getByLabelText('Starts') as HTMLInputElement).value).toBe('13:00');
    fireEvent.input(title, { target: { value: 'Hyvinvointikoulutus, osa 2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the changes' }));
    await waitFor(async () => expect((await db.meeting.get(meeting.id))?.title).toBe('Hyvinvointikoulutus, osa 2'));
    expect((await db.outbox.toArray()).map((r) => (r.op === 'upsert' ? r.fields : null))).toEqual([{ title: 'Hyvinvointikoulutus, osa 2' }]);
    form.unmount();

    renderAs(db, inspector, <MeetingPage params={{ id: meeting.id }} />);
    await screen.findByRole('heading', { level: 1, name: 'Hyvinvointikoulutus, osa 2' });
    fireEvent.input(screen.getByLabelText('Title of the material'), { target: { value: 'Diat' } });
    fireEvent.input(screen.getByLabelText('Link (https://…)'), { target: { value: 'ftp://example.fi/diat.pdf' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add the link' }));
    expect(await screen.findByText('Write a link starting with https:// or http://.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Link (https://…)'), { target: { value: 'https://example.fi/diat.pdf' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add the link' }));
    const link = await screen.findByRole('link', { name: 'Diat' });
    expect(link.getAttribute('href')).toBe('https://example.fi/diat.pdf');
    expect((await db.meeting.get(meeting.id))?.materials).toEqual([{ title: 'Diat', url: 'https://example.fi/diat.pdf' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove the link Diat' }));
    await waitFor(async () => expect((await db.meeting.get(meeting.id))?.materials).toEqual([]));

    fireEvent.click(screen.getByRole('button', { name: 'Delete the meeting' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the meeting?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await db.meeting.get(meeting.id))?.deleted).toBeFalsy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete the meeting' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(async () => expect((await db.outbox.toArray()).at(-1)).toMatchObject({ entity: 'meeting', id: meeting.id, op: 'delete' }));
  });

  it('speaks Finnish as an agency writes it: the kind, the date and times, the actions', async () => {
    const db = await seed();
    const meeting = await plan(db);
    await db.meeting.update(meeting.id, { invited: [cid(1)] });
    renderSignedIn(<MeetingPage params={{ id: meeting.id }} />, { db, session: inspector, lang: 'fi' });
    await screen.findByRole('heading', { level: 1, name: 'Hyvinvointikoulutus' });
    const details = screen.getByRole('heading', { name: 'Tiedot' }).closest('section')!;
    expect(details.textContent).toContain('Koulutus');
    expect(details.textContent).toContain('4.3.2026 13.00–15.00');
    expect(screen.getByRole('button', { name: 'Merkitse pidetyksi' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Osallistujat (0/1 kutsutusta osallistui)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Kutsu kaikki 2 näytettyä' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Lataa kalenteritiedosto (.ics)' })).toBeTruthy();
  });
});
