// The municipality's contact persons offered as attendees: on the plan page once a municipality is chosen
// (those of the chosen areas first, none added until ticked, a ticked one filling a row with name, title
// and organisation or the municipality's name), and on a visit's details (one already there shown as
// added, a ticked one saved at once).
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRecord, UserDb } from '../../src/db/database.ts';
import { PlanVisitPage } from '../../src/ui/features/visits/PlanVisitPage.tsx';
import { inspectorSession, renderSignedIn, seededDb, visitOnPage } from './visit-fixtures.tsx';

const stamps = { version: 1, deleted: false, updatedAt: '2025-03-04T10:00:00.000Z', updatedBy: 'u-colleague' };
const cid = (n: number) => `0193a0c4-0000-7000-8000-0000000000c${n}`;

/** Two active contact persons of the municipality (one of welfare, one of substance-abuse prevention), and others never offered. */
async function seedContacts(db: UserDb, municipalityId: string): Promise<void> {
  const contact = (n: number, fields: Partial<LocalRecord<'contact'>>): LocalRecord<'contact'> => ({
    id: cid(n), municipalityId, name: `Contact ${n}`, areas: ['substance'], active: true, confirmedAt: '2025-01-10', ...stamps, ...fields,
  });
  await db.contact.bulkPut([
    contact(1, { name: 'Anna Aalto', title: 'Hyvinvointikoordinaattori', organisation: 'Hyvinvointialue', areas: ['welfare'] }),
    contact(2, { name: 'Bertil Berg', title: 'Ehkäisevän päihdetyön koordinaattori', organisation: null, areas: ['substance', 'violence'] }),
    contact(3, { name: 'Cecilia Carlsson', title: 'Rehtori', active: false }),
    contact(4, { name: 'Dan Dahl', deleted: true }),
    contact(5, { name: 'Eero Esko', municipalityId: '091' === municipalityId ? '638' : '091' }),
  ]);
}

const contactNames = (group: HTMLElement) => within(group).getAllByRole('checkbox').map((c) => document.querySelector(`label[for="${c.id}"] .directory-contact-name`)?.textContent);
const checked = (group: HTMLElement, name: string) => (within(group).getByRole('checkbox', { name }) as HTMLInputElement).checked;

beforeEach(() => {
  window.history.replaceState(null, '', '/visits/new');
});

describe('planning a visit with the contact directory', () => {
  it('offers the municipality’s active contact persons, those of the chosen area first, and adds one only when ticked', async () => {
    const db = await seededDb();
    await seedContacts(db, '638');
    renderSignedIn(<PlanVisitPage />, { db, session: inspectorSession('u-dir-1') });
    expect(screen.queryByRole('group', { name: /contact persons/ })).toBeNull();

    fireEvent.input(await screen.findByLabelText('Search for the municipality'), { target: { value: 'porvoo' } });
    fireEvent.click(await screen.findByRole('radio', { name: /Porvoo/ }));
    const directory = await screen.findByRole('group', { name: 'The municipality’s contact persons (Porvoo)' });
    // No area yet: one list by name; nobody inactive, deleted or of another municipality.
    await waitFor(() => expect(contactNames(directory)).toEqual(['Anna Aalto', 'Bertil Berg']));
    expect(within(directory).queryByText(/Suggested/)).toBeNull();

    fireEvent.click(screen.getByRole('checkbox', { name: /Substance-abuse prevention/ }));
    await waitFor(() => expect(contactNames(directory)).toEqual(['Bertil Berg', 'Anna Aalto']));
    expect(within(within(directory).getByRole('list', { name: 'Suggested: contact persons of the visit’s areas' })).getByText('Bertil Berg')).toBeTruthy();
    expect(within(within(directory).getByRole('list', { name: 'Other contact persons' })).getByText('Anna Aalto')).toBeTruthy();
    // What the inspector sees of each, and tells a screen reader too: title, organisation (else the municipality), areas.
    const bertil = within(directory).getByRole('checkbox', { name: 'Bertil Berg' });
    const about = document.getElementById(bertil.getAttribute('aria-describedby')!)!.textContent;
    expect(about).toContain('Ehkäisevän päihdetyön koordinaattori, Porvoo');
    expect(about).toContain('Substance-abuse prevention, Prevention of violence in close relationships');
    // Suggested, yet not added.
    expect(checked(directory, 'Bertil Berg')).toBe(false);
    expect(screen.getByText('No attendees added.')).toBeTruthy();

    fireEvent.click(bertil);
    expect(checked(directory, 'Bertil Berg')).toBe(true);
    const first = within(screen.getByRole('group', { name: 'Attendee 1' }));
    expect((first.getByLabelText('Name') as HTMLInputElement).value).toBe('Bertil Berg');
    expect((first.getByLabelText('Role (optional)') as HTMLInputElement).value).toBe('Ehkäisevän päihdetyön koordinaattori');
    expect((first.getByLabelText('Organisation (optional)') as HTMLInputElement).value).toBe('Porvoo');
    expect(within(directory).getByRole('status').textContent).toBe('Bertil Berg added to the attendees.');

    // Another ticked and unticked again: its row goes with it.
    fireEvent.click(within(directory).getByRole('checkbox', { name: 'Anna Aalto' }));
    expect((within(screen.getByRole('group', { name: 'Attendee 2' })).getByLabelText('Organisation (optional)') as HTMLInputElement).value).toBe('Hyvinvointialue');
    fireEvent.click(within(directory).getByRole('checkbox', { name: 'Anna Aalto' }));
    expect(screen.queryByRole('group', { name: 'Attendee 2' })).toBeNull();
    expect(within(directory).getByRole('status').textContent).toBe('Anna Aalto removed from the attendees.');

    // A name typed by hand counts as added: it is not added twice.
    fireEvent.click(screen.getByRole('button', { name: 'Add an attendee' }));
    fireEvent.input(within(screen.getByRole('group', { name: 'Attendee 2' })).getByLabelText('Name'), { target: { value: ' anna  aalto' } });
    expect(checked(directory, 'Anna Aalto')).toBe(true);

    fireEvent.input(screen.getByLabelText('Planned date'), { target: { value: '2025-05-06' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the visit' }));
    await waitFor(async () => expect(await db.visit.count()).toBe(1));
    expect((await db.visit.toArray())[0]!.attendees).toEqual([
      { name: 'Bertil Berg', role: 'Ehkäisevän päihdetyön koordinaattori', organisation: 'Porvoo' },
      { name: 'anna  aalto' },
    ]);
  });

  it('says when the municipality has no active contact person on the device, in Finnish too', async () => {
    const db = await seededDb();
    await seedContacts(db, '638');
    renderSignedIn(<PlanVisitPage />, { db, session: inspectorSession('u-dir-2'), lang: 'fi' });
    fireEvent.input(await screen.findByLabelText('Hae kuntaa'), { target: { value: 'espoo' } });
    fireEvent.click(await screen.findByRole('radio', { name: /Espoo/ }));
    const directory = await screen.findByRole('group', { name: 'Kunnan yhteyshenkilöt (Espoo)' });
    expect(within(directory).getByText('Kunnalla ei ole tällä laitteella aktiivisia yhteyshenkilöitä.')).toBeTruthy();
    expect(within(directory).queryAllByRole('checkbox')).toHaveLength(0);
  });
});

describe('a visit’s attendees from the contact directory', () => {
  it('shows one already there as added and saves a ticked one at once, with its title', async () => {
    const { db, visit, render } = await visitOnPage({ attendees: [{ name: 'Anna Aalto', role: 'Chair' }] });
    await seedContacts(db, '091');
    await db.outbox.clear();
    await db.visit.update(visit.id, { version: 3, status: 'in_progress' });
    render();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit details' }));
    const editor = within(screen.getByRole('region', { name: 'Details of the visit' }));
    const directory = await editor.findByRole('group', { name: 'The municipality’s contact persons (Helsinki)' });
    // The visit is of substance-abuse prevention: Bertil first.
    await waitFor(() => expect(contactNames(directory)).toEqual(['Bertil Berg', 'Anna Aalto']));
    expect(checked(directory, 'Anna Aalto')).toBe(true);
    expect(within(directory).getByText('Added')).toBeTruthy();
    expect(checked(directory, 'Bertil Berg')).toBe(false);

    fireEvent.click(within(directory).getByRole('checkbox', { name: 'Bertil Berg' }));
    const expected = [
      { name: 'Anna Aalto', role: 'Chair' },
      { name: 'Bertil Berg', role: 'Ehkäisevän päihdetyön koordinaattori', organisation: 'Helsinki' },
    ];
    await waitFor(async () => expect((await db.visit.get(visit.id))?.attendees).toEqual(expected));
    const rows = await db.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'visit', id: visit.id, baseVersion: 3, fields: { attendees: expected } });
    expect((within(editor.getByRole('group', { name: 'Attendee 2' })).getByLabelText('Name') as HTMLInputElement).value).toBe('Bertil Berg');

    fireEvent.click(editor.getByRole('button', { name: 'Done' }));
    const facts = document.querySelector('.visit-facts') as HTMLElement;
    await waitFor(() => expect(facts.textContent).toContain('Bertil Berg, Ehkäisevän päihdetyön koordinaattori, Helsinki'));
  });
});
