import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import type { UserDb } from '../../src/db/database.ts';
import { saveDirectory } from '../../src/db/directory.ts';
import { MunicipalitiesPage } from '../../src/ui/features/municipality/MunicipalitiesPage.tsx';
import { MunicipalityPage } from '../../src/ui/features/municipality/MunicipalityPage.tsx';
import { freshDb, MUNICIPALITY_ID, outbox, renderAs, seedVisit, user } from './review-seed.ts';

const inspector = user('inspector');
const CONTACT_ID = '0193a0c4-5b6d-7e8f-9a0b-0000000000c1';

function renderPage(db: UserDb, session = inspector) {
  return renderAs(db, session, <MunicipalityPage params={{ id: MUNICIPALITY_ID }} />);
}

async function openNewContactForm() {
  fireEvent.click(await screen.findByRole('button', { name: 'Add a contact person' }));
  return screen.findByRole('form', { name: 'New contact person' });
}

function areaBoxes(form: HTMLElement) {
  return within(within(form).getByRole('group', { name: /Areas of work/ })).getAllByRole('checkbox');
}

async function seedContact(db: UserDb) {
  await db.contact.put({
    id: CONTACT_ID,
    municipalityId: MUNICIPALITY_ID,
    name: 'Pekka Puustinen',
    title: 'Hyvinvointikoordinaattori',
    organisation: 'Asikkalan kunta',
    areas: ['welfare'],
    email: 'pekka.puustinen@asikkala.fi',
    phone: '+358 40 123 4567',
    notes: null,
    active: true,
    version: 3,
    deleted: false,
    updatedAt: '2025-01-01T00:00:00.000Z',
    updatedBy: 'u-coordinator',
  });
}

describe('the municipality list', () => {
  it('links each municipality to its page', async () => {
    const db = await freshDb(inspector);
    renderAs(db, inspector, <MunicipalitiesPage />);
    expect((await screen.findByRole('link', { name: 'Asikkala' })).getAttribute('href')).toBe('/municipalities/016');
  });
});

describe('the municipality page', () => {
  it('shows the names, province and region', async () => {
    const db = await freshDb(inspector);
    renderPage(db);
    expect(await screen.findByRole('heading', { level: 1, name: 'Asikkala' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByText('Päijät-Häme')).toBeTruthy();
    expect(screen.getByText('Regional State Administrative Agency for Southern Finland')).toBeTruthy();
  });

  it('shows the schema’s findings next to the fields and writes nothing when no area is chosen and the email is bad', async () => {
    const db = await freshDb(inspector);
    renderPage(db);
    const form = await openNewContactForm();
    fireEvent.input(within(form).getByLabelText(/^Name/), { target: { value: 'Maija Meikäläinen' } });
    fireEvent.input(within(form).getByLabelText('Email'), { target: { value: 'maija.asikkala.fi' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add contact person' }));

    expect(await within(form).findByText('Choose at least one area of work.')).toBeTruthy();
    const email = within(form).getByLabelText('Email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby')!)?.textContent).toContain('Check the email address');
    expect(within(form).getByRole('alert').textContent).toContain('Check the 2 marked fields.');
    expect(within(form).getByLabelText(/^Name/).getAttribute('aria-invalid')).toBeNull();
    expect(await db.contact.count()).toBe(0);
    expect(await outbox(db)).toHaveLength(0);
  });

  it('saves a new contact with an id made on the device and an outbox row', async () => {
    const db = await freshDb(inspector);
    renderPage(db);
    const form = await openNewContactForm();
    fireEvent.input(within(form).getByLabelText(/^Name/), { target: { value: '  Maija Meikäläinen ' } });
    fireEvent.input(within(form).getByLabelText('Title'), { target: { value: 'EPT-yhdyshenkilö' } });
    fireEvent.input(within(form).getByLabelText('Email'), { target: { value: 'maija.meikalainen@asikkala.fi' } });
    fireEvent.click(areaBoxes(form)[0]!);
    fireEvent.click(areaBoxes(form)[2]!);
    fireEvent.click(within(form).getByRole('button', { name: 'Add contact person' }));

    await waitFor(async () => expect(await db.contact.count()).toBe(1));
    const [contact] = await db.contact.toArray();
    expect(contact).toMatchObject({
      municipalityId: MUNICIPALITY_ID,
      name: 'Maija Meikäläinen',
      title: 'EPT-yhdyshenkilö',
      organisation: null,
      areas: ['substance', 'violence'],
      email: 'maija.meikalainen@asikkala.fi',
      phone: null,
      active: true,
    });
    expect(contact!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const rows = await outbox(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'contact', id: contact!.id, op: 'upsert', baseVersion: null, fields: { name: 'Maija Meikäläinen', areas: ['substance', 'violence'] } });
    expect(await screen.findByRole('heading', { level: 3, name: /Maija Meikäläinen/ })).toBeTruthy();
    expect(screen.getByText('Added Maija Meikäläinen.').getAttribute('role')).toBe('status');
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('edits a contact, sending only what changed, then deactivates and deletes it', async () => {
    const db = await freshDb(inspector);
    await seedContact(db);
    renderPage(db);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Pekka Puustinen' }));
    const form = await screen.findByRole('form', { name: 'Edit Pekka Puustinen' });
    fireEvent.input(within(form).getByLabelText('Phone'), { target: { value: '+358 40 765 4321' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(async () => expect((await db.contact.get(CONTACT_ID))?.phone).toBe('+358 40 765 4321'));
    // The edit also counts as confirming the entry current today.
    const today = format(new Date(), 'yyyy-MM-dd');
    expect((await outbox(db)).map((r) => (r.op === 'upsert' ? r.fields : null))).toEqual([{ phone: '+358 40 765 4321', confirmedAt: today }]);
    expect(await screen.findByText(/^Confirmed current on \d{1,2} [A-Z][a-z]{2} \d{4}$/)).toBeTruthy();

    fireEvent.click(await screen.findByRole('button', { name: 'Deactivate Pekka Puustinen' }));
    await waitFor(async () => expect((await db.contact.get(CONTACT_ID))?.active).toBe(false));
    // A former contact shows only on request.
    await waitFor(() => expect(screen.queryByRole('heading', { name: /Pekka Puustinen/ })).toBeNull());
    fireEvent.click(screen.getByLabelText('Show former contact persons (1)'));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Pekka Puustinen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Pekka Puustinen?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(async () => expect(await db.contact.get(CONTACT_ID)).toBeUndefined());
    const rows = await outbox(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'contact', id: CONTACT_ID, op: 'delete', baseVersion: 3 });
  });

  it('confirms a contact still current: only the date is sent, and the card says so', async () => {
    const db = await freshDb(inspector);
    await seedContact(db);
    renderPage(db);
    expect(await screen.findByText('Not confirmed yet')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Pekka Puustinen is still current' }));
    const today = format(new Date(), 'yyyy-MM-dd');
    await waitFor(async () => expect((await db.contact.get(CONTACT_ID))?.confirmedAt).toBe(today));
    expect((await outbox(db)).map((r) => (r.op === 'upsert' ? r.fields : null))).toEqual([{ confirmedAt: today }]);
    expect(await screen.findByText('Confirmed Pekka Puustinen as current today.')).toBeTruthy();
  });

  it('marks an open follow-up done', async () => {
    const db = await freshDb(inspector);
    await seedVisit(db, 'approved');
    renderPage(db);
    const text = await screen.findByText('Designate the body responsible for prevention');
    const card = text.closest('li')!;
    fireEvent.click(within(card).getByRole('button', { name: /done/i }));
    await waitFor(async () => expect((await db.followUp.toArray())[0]?.status).toBe('done'));
    const rows = await outbox(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'followUp', op: 'upsert', baseVersion: 5, fields: { status: 'done' } });
    // It moves to the closed ones, which say it was changed here and is not sent yet.
    const closed = await screen.findByRole('region', { name: 'Closed recommendations (1)' });
    const moved = within(closed).getByText('Designate the body responsible for prevention').closest('li')!;
    expect(within(moved).getByText('Done')).toBeTruthy();
    expect(within(moved).getByText('Changed on this device, not sent yet')).toBeTruthy();
    expect(screen.getByText('Marked done: Designate the body responsible for prevention')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Open recommendations (0)' })).queryByText('Designate the body responsible for prevention')).toBeNull();
  });

  it('names who closed a follow-up: any inspector or coordinator of the region may', async () => {
    const db = await freshDb(inspector);
    await seedVisit(db, 'approved');
    await saveDirectory(db, [{ id: 'u-coord', name: 'Cecilia Koordinaattori', role: 'coordinator', regionIds: ['avi-1'] }]);
    const [followUp] = await db.followUp.toArray();
    await db.followUp.put({ ...followUp!, status: 'dropped', version: 9, updatedBy: 'u-coord', updatedAt: '2026-11-20T09:30:00.000Z' });
    renderPage(db);
    const closed = await screen.findByRole('region', { name: 'Closed recommendations (1)' });
    const card = within(closed).getByText('Designate the body responsible for prevention').closest('li')!;
    expect(within(card).getByText('Closed without action')).toBeTruthy();
    expect(await within(card).findByText(/^Last changed by Cecilia Koordinaattori, /)).toBeTruthy();
  });

  it('lets an admin read but not change contacts or follow-ups', async () => {
    const admin = user('admin', ['avi-1']);
    const db = await freshDb(admin);
    await seedContact(db);
    await seedVisit(db, 'approved');
    renderPage(db, admin);
    expect(await screen.findByRole('heading', { name: /Pekka Puustinen/ })).toBeTruthy();
    expect(screen.getByText('Designate the body responsible for prevention')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add a contact person' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Edit/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /done/i })).toBeNull();
  });
});
