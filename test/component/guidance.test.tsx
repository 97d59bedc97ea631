// The municipality page's log of guidance between visits: logging an entry on the device (its record and
// outbox row), an edit that sends only what changed, a follow-up marked done and open again, a delete, the
// form's errors next to their fields, and a user of another region offered nothing to change.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import type { LocalRecord, UserDb } from '../../src/db/database.ts';
import { saveDirectory } from '../../src/db/directory.ts';
import { MunicipalityPage } from '../../src/ui/features/municipality/MunicipalityPage.tsx';
import { freshDb, MUNICIPALITY_ID, outbox, renderAs, user } from './review-seed.ts';

const inspector = user('inspector');
const CONTACT_ID = '0193a0c4-5b6d-7e8f-9a0b-0000000000c1';
const FORMER_ID = '0193a0c4-5b6d-7e8f-9a0b-0000000000c2';
const GUIDANCE_ID = '0193a0c4-5b6d-7e8f-9a0b-0000000000d1';

function renderPage(db: UserDb, session = inspector) {
  return renderAs(db, session, <MunicipalityPage params={{ id: MUNICIPALITY_ID }} />);
}

async function seedContacts(db: UserDb) {
  const base = { municipalityId: MUNICIPALITY_ID, email: null, phone: null, notes: null, version: 1, deleted: false, updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: 'u-coordinator' };
  await db.contact.bulkPut([
    { ...base, id: CONTACT_ID, name: 'Pekka Puustinen', title: 'Hyvinvointikoordinaattori', organisation: 'Asikkalan kunta', areas: ['welfare'], active: true },
    { ...base, id: FORMER_ID, name: 'Outi Entinen', title: null, organisation: null, areas: ['substance'], active: false },
  ]);
}

async function seedGuidance(db: UserDb, extra: Partial<LocalRecord<'guidance'>> = {}) {
  await db.guidance.put({
    id: GUIDANCE_ID,
    municipalityId: MUNICIPALITY_ID,
    date: '2026-03-02',
    channel: 'phone',
    areas: ['welfare'],
    topic: 'Hyvinvointikertomuksen aikataulu',
    contactIds: [CONTACT_ID],
    notes: 'Kertomus valtuustolle kesäkuussa.',
    followUpText: 'Kunta lähettää luonnoksen',
    followUpDue: '2026-04-30',
    followUpStatus: 'open',
    version: 2,
    deleted: false,
    updatedAt: '2026-03-02T10:00:00.000Z',
    updatedBy: 'u-coordinator',
    ...extra,
  });
}

const section = async () => (await screen.findByRole('heading', { level: 2, name: /Guidance between visits/ })).closest('section')!;
const card = async (topic: string) => (await within(await section()).findByRole('heading', { level: 3, name: topic })).closest('li')!;

async function openForm() {
  fireEvent.click(await within(await section()).findByRole('button', { name: 'Log guidance' }));
  return screen.findByRole('form', { name: 'Log guidance given' });
}

describe('guidance between visits on the municipality page', () => {
  it('logs an entry on the device: today’s date by default, the chosen contacts, a follow-up agreed, and its outbox row', async () => {
    const db = await freshDb(inspector);
    await seedContacts(db);
    renderPage(db);
    const form = await openForm();
    const date = within(form).getByLabelText(/^Date/) as HTMLInputElement;
    expect(date.value).toBe(format(new Date(), 'yyyy-MM-dd'));
    expect(document.activeElement).toBe(date);
    // Only the active contact person is offered, with their title.
    const contacts = within(within(form).getByRole('group', { name: 'Contact persons involved' })).getAllByRole('checkbox');
    expect(contacts).toHaveLength(1);
    expect(within(form).getByLabelText(/Pekka Puustinen, Hyvinvointikoordinaattori/)).toBe(contacts[0]);

    fireEvent.input(date, { target: { value: '2026-02-10' } });
    fireEvent.change(within(form).getByLabelText('Channel'), { target: { value: 'statement' } });
    fireEvent.click(within(form).getByLabelText('Prevention of violence in close relationships'));
    fireEvent.click(within(form).getByLabelText('Substance-abuse prevention'));
    fireEvent.input(within(form).getByLabelText(/^Topic/), { target: { value: ' Lausunto lähisuhdeväkivallan ehkäisyn suunnitelmasta ' } });
    fireEvent.click(contacts[0]!);
    fireEvent.input(within(form).getByLabelText('Notes'), { target: { value: 'Suunnitelma päivitetään.' } });
    fireEvent.input(within(form).getByLabelText('What was agreed'), { target: { value: 'Päivitetty suunnitelma lähetetään' } });
    fireEvent.input(within(form).getByLabelText('Due date'), { target: { value: '2026-05-15' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Log guidance' }));

    await waitFor(async () => expect(await db.guidance.count()).toBe(1));
    const [entry] = await db.guidance.toArray();
    expect(entry).toMatchObject({
      municipalityId: MUNICIPALITY_ID,
      date: '2026-02-10',
      channel: 'statement',
      areas: ['substance', 'violence'],
      topic: 'Lausunto lähisuhdeväkivallan ehkäisyn suunnitelmasta',
      contactIds: [CONTACT_ID],
      notes: 'Suunnitelma päivitetään.',
      followUpText: 'Päivitetty suunnitelma lähetetään',
      followUpDue: '2026-05-15',
      followUpStatus: 'open',
    });
    expect(entry!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const rows = await outbox(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'guidance', id: entry!.id, op: 'upsert', baseVersion: null, create: true, fields: { channel: 'statement', followUpStatus: 'open' } });

    const shown = await card('Lausunto lähisuhdeväkivallan ehkäisyn suunnitelmasta');
    expect(shown.textContent).toContain('Statement');
    expect(shown.textContent).toContain('Pekka Puustinen, Hyvinvointikoordinaattori, Asikkalan kunta');
    expect(shown.textContent).toContain('Päivitetty suunnitelma lähetetään');
    expect(shown.textContent).toContain('Recorded by Test inspector');
    expect(screen.getByText('Guidance logged: Lausunto lähisuhdeväkivallan ehkäisyn suunnitelmasta').getAttribute('role')).toBe('status');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: /Guidance between visits/ }));
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('shows the errors next to their fields and writes nothing', async () => {
    const db = await freshDb(inspector);
    renderPage(db);
    const form = await openForm();
    fireEvent.input(within(form).getByLabelText(/^Date/), { target: { value: '' } });
    fireEvent.input(within(form).getByLabelText('Due date'), { target: { value: '2026-05-15' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Log guidance' }));

    // A due date with nothing agreed is found first, before the schema is asked.
    expect(await within(form).findByText('Write what was agreed, or leave the due date empty.')).toBeTruthy();
    fireEvent.input(within(form).getByLabelText('Due date'), { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Log guidance' }));

    expect(await within(form).findByText('Choose at least one area.')).toBeTruthy();
    const topic = within(form).getByLabelText(/^Topic/);
    expect(topic.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(topic.getAttribute('aria-describedby')!)?.textContent).toContain('Enter the topic');
    const date = within(form).getByLabelText(/^Date/);
    expect(document.getElementById(date.getAttribute('aria-describedby')!)?.textContent).toContain('Enter the date of the guidance.');
    expect(within(form).getByRole('alert').textContent).toContain('Check the 3 marked fields.');
    expect(within(form).queryByText('Write what was agreed, or leave the due date empty.')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(date));
    expect(await db.guidance.count()).toBe(0);
    expect(await outbox(db)).toHaveLength(0);
  });

  it('edits an entry, sending only what changed and keeping the follow-up’s status', async () => {
    const db = await freshDb(inspector);
    await seedContacts(db);
    await seedGuidance(db, { followUpStatus: 'done', contactIds: [CONTACT_ID, FORMER_ID] });
    await saveDirectory(db, [{ id: 'u-coordinator', name: 'Cecilia Koordinaattori', role: 'coordinator', regionIds: ['avi-1'] }]);
    renderPage(db);
    const shown = await card('Hyvinvointikertomuksen aikataulu');
    // A former contact person the entry names is still named.
    expect(shown.textContent).toContain('Outi Entinen');
    await waitFor(() => expect(shown.textContent).toContain('Recorded by Cecilia Koordinaattori'));
    fireEvent.click(within(shown).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: /Edit the guidance of/ });
    expect((within(form).getByLabelText('Outi Entinen') as HTMLInputElement).checked).toBe(true);
    fireEvent.input(within(form).getByLabelText(/^Topic/), { target: { value: 'Hyvinvointikertomuksen aikataulu ja sisältö' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    await waitFor(async () => expect((await db.guidance.get(GUIDANCE_ID))?.topic).toBe('Hyvinvointikertomuksen aikataulu ja sisältö'));
    expect((await db.guidance.get(GUIDANCE_ID))?.followUpStatus).toBe('done');
    const rows = await outbox(db);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ entity: 'guidance', id: GUIDANCE_ID, op: 'upsert', baseVersion: 2 });
    expect(row.op === 'upsert' && row.fields).toEqual({ topic: 'Hyvinvointikertomuksen aikataulu ja sisältö' });
    expect(await screen.findByText('Guidance saved: Hyvinvointikertomuksen aikataulu ja sisältö')).toBeTruthy();
  });

  it('marks a follow-up done and opens it again, each with a message', async () => {
    const db = await freshDb(inspector);
    await seedContacts(db);
    await seedGuidance(db);
    renderPage(db);
    const shown = await card('Hyvinvointikertomuksen aikataulu');
    expect(within(shown).getByText('Open')).toBeTruthy();
    const markDone = within(shown).getByRole('button', { name: 'Mark done' });
    expect(document.getElementById(markDone.getAttribute('aria-describedby')!)?.textContent).toBe('Hyvinvointikertomuksen aikataulu');
    fireEvent.click(markDone);

    await waitFor(async () => expect((await db.guidance.get(GUIDANCE_ID))?.followUpStatus).toBe('done'));
    expect(await screen.findByText('Follow-up marked done: Hyvinvointikertomuksen aikataulu')).toBeTruthy();
    expect((await outbox(db))[0]).toMatchObject({ entity: 'guidance', id: GUIDANCE_ID, fields: { followUpStatus: 'done' } });
    const again = await card('Hyvinvointikertomuksen aikataulu');
    expect(await within(again).findByText('Done')).toBeTruthy();
    fireEvent.click(await within(again).findByRole('button', { name: 'Open again' }));
    await waitFor(async () => expect((await db.guidance.get(GUIDANCE_ID))?.followUpStatus).toBe('open'));
    expect(await screen.findByText('Follow-up open again: Hyvinvointikertomuksen aikataulu')).toBeTruthy();
  });

  it('deletes an entry after asking', async () => {
    const db = await freshDb(inspector);
    await seedGuidance(db);
    renderPage(db);
    fireEvent.click(within(await card('Hyvinvointikertomuksen aikataulu')).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the guidance “Hyvinvointikertomuksen aikataulu”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(async () => expect(await db.guidance.get(GUIDANCE_ID)).toBeUndefined());
    expect((await outbox(db))[0]).toMatchObject({ entity: 'guidance', id: GUIDANCE_ID, op: 'delete', baseVersion: 2 });
    expect(await screen.findByText('Guidance deleted: Hyvinvointikertomuksen aikataulu')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: /Guidance between visits/ })));
    expect(await within(await section()).findByText('No guidance logged for this municipality on this device.')).toBeTruthy();
  });

  it('offers an inspector of another region the log to read, and nothing to change', async () => {
    const other = user('inspector', ['avi-2']);
    const db = await freshDb(other);
    await seedGuidance(db);
    renderPage(db, other);
    const shown = await card('Hyvinvointikertomuksen aikataulu');
    expect(within(shown).queryAllByRole('button')).toHaveLength(0);
    expect(within(await section()).queryByRole('button', { name: 'Log guidance' })).toBeNull();
  });
});
