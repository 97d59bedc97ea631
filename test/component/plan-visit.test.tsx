// Planning a visit: inline validation tied to the fields, the first error focused, the municipality found
// by its Finnish or Swedish name within the user's regions, and the visit made on the device.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { uuidSchema } from '../../src/shared/records.ts';
import { PlanVisitPage } from '../../src/ui/features/visits/PlanVisitPage.tsx';
import { saveDirectory } from '../../src/db/directory.ts';
import { inspectorSession, renderSignedIn, seededDb } from './visit-fixtures.tsx';

beforeEach(() => {
  window.history.replaceState(null, '', '/visits/new');
});

/** The error text a control points at with aria-describedby. */
function describedBy(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('plan a visit', () => {
  it('says what is missing, at each field and in a summary, and focuses the first', async () => {
    const db = await seededDb();
    renderSignedIn(<PlanVisitPage />, { db, session: inspectorSession('u-plan-1') });
    fireEvent.click(await screen.findByRole('button', { name: 'Save the visit' }));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Fix these 3 things to save the visit');
    expect(within(summary).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Choose the municipality.',
      'Choose at least one area.',
      'Enter the planned date.',
    ]);
    const search = screen.getByLabelText('Search for the municipality');
    await waitFor(() => expect(document.activeElement).toBe(search));
    expect(search.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(search)).toContain('Choose the municipality.');
    const date = screen.getByLabelText('Planned date');
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(date)).toContain('Enter the planned date.');
    expect(describedBy(screen.getByRole('checkbox', { name: /Substance-abuse prevention/ }).closest('fieldset')!)).toContain('Choose at least one area.');
    expect(await db.visit.count()).toBe(0);
  });

  it('finds municipalities by Swedish name, keeps Åland out unless asked, and saves a planned visit', async () => {
    const db = await seededDb();
    const session = inspectorSession('u-plan-2', ['avi-1', 'avi-7']);
    renderSignedIn(<PlanVisitPage />, { db, session });
    const search = await screen.findByLabelText('Search for the municipality');

    fireEvent.input(search, { target: { value: 'mariehamn' } });
    expect(await screen.findByText('No municipality matches “mariehamn”.')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Include Åland'));
    await screen.findByRole('radio', { name: /Maarianhamina/ });

    fireEvent.input(search, { target: { value: 'borga' } });
    fireEvent.click(await screen.findByRole('radio', { name: /Porvoo/ }));
    // Two areas: the visit takes the current checklist of each, in the order the form lists them.
    fireEvent.click(screen.getByRole('checkbox', { name: /Health and welfare promotion/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Substance-abuse prevention/ }));
    fireEvent.click(screen.getByRole('radio', { name: 'Remote' }));
    fireEvent.input(screen.getByLabelText(/Diary number/), { target: { value: 'LVV/123/2025' } });
    fireEvent.input(screen.getByLabelText('Planned date'), { target: { value: '2025-04-02' } });
    fireEvent.input(screen.getByLabelText('Agenda (optional)'), { target: { value: 'Welfare report and plan' } });

    // An attendee row with a role but no name is an error on that row.
    fireEvent.click(screen.getByRole('button', { name: 'Add an attendee' }));
    const row = within(screen.getByRole('group', { name: 'Attendee 1' }));
    fireEvent.input(row.getByLabelText('Role (optional)'), { target: { value: 'Welfare coordinator' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the visit' }));
    const name = row.getByLabelText('Name');
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(describedBy(name)).toContain('Enter the name of attendee 1, or remove the row.');
    expect(await db.visit.count()).toBe(0);

    fireEvent.input(name, { target: { value: 'Maija Meikäläinen' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the visit' }));
    await waitFor(async () => expect(await db.visit.count()).toBe(1));
    const [visit] = await db.visit.toArray();
    expect(uuidSchema.safeParse(visit!.id).success).toBe(true);
    expect(visit!.id[14]).toBe('7');
    expect(visit).toMatchObject({
      municipalityId: '638',
      templateIds: ['ept-v2', 'hyte-v2'],
      mode: 'remote',
      diaryNumber: 'LVV/123/2025',
      inspectorId: 'u-plan-2',
      plannedDate: '2025-04-02',
      status: 'planned',
      agenda: 'Welfare report and plan',
      attendees: [{ name: 'Maija Meikäläinen', role: 'Welfare coordinator' }],
    });
    await waitFor(() => expect(window.location.pathname).toBe(`/visits/${visit!.id}`));
    // Created on the device only: one outbox row, no server version yet.
    expect((await db.outbox.toArray()).map((r) => [r.entity, r.id, r.baseVersion])).toEqual([['visit', visit!.id, null]]);
  });

  it('lists only the municipalities of the user’s regions', async () => {
    const db = await seededDb();
    renderSignedIn(<PlanVisitPage />, { db, session: inspectorSession('u-plan-3', ['avi-1']) });
    const search = await screen.findByLabelText('Search for the municipality');
    fireEvent.input(search, { target: { value: 'tampere' } });
    expect(await screen.findByText('No municipality matches “tampere”.')).toBeTruthy();
    fireEvent.input(search, { target: { value: 'esbo' } });
    expect(await screen.findByRole('radio', { name: /Espoo/ })).toBeTruthy();
    expect(screen.queryByLabelText('Include Åland')).toBeNull();
  });

  it('lets a coordinator plan a visit for one of the region’s senior inspectors, and only one who works there', async () => {
    const db = await seededDb();
    await saveDirectory(db, [
      { id: 'u-aino', name: 'Aino Laine', role: 'inspector', regionIds: ['avi-1'] },
      { id: 'u-far', name: 'Mikko Nieminen', role: 'inspector', regionIds: ['avi-2'] },
      { id: 'u-kaisa', name: 'Kaisa Korhonen', role: 'coordinator', regionIds: ['avi-1'] },
    ]);
    const session = { ...inspectorSession('u-kaisa'), user: { id: 'u-kaisa', username: 'coordinator', name: 'Kaisa Korhonen', role: 'coordinator' as const, regionIds: ['avi-1'] } };
    renderSignedIn(<PlanVisitPage />, { db, session });
    const inspector = (await screen.findByLabelText('Senior inspector')) as HTMLSelectElement;
    // Only the inspectors of the coordinator's regions are offered.
    expect([...inspector.options].map((o) => o.textContent)).toEqual(['Choose the senior inspector', 'Aino Laine']);

    fireEvent.input(screen.getByLabelText('Search for the municipality'), { target: { value: 'porvoo' } });
    fireEvent.click(await screen.findByRole('radio', { name: /Porvoo/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Substance-abuse prevention/ }));
    fireEvent.input(screen.getByLabelText('Planned date'), { target: { value: '2025-04-02' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the visit' }));
    expect(within(await screen.findByRole('alert')).getByText('Choose the senior inspector whose visit it is.')).toBeTruthy();
    expect(await db.visit.count()).toBe(0);

    fireEvent.change(inspector, { target: { value: 'u-aino' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the visit' }));
    await waitFor(async () => expect(await db.visit.count()).toBe(1));
    expect((await db.visit.toArray())[0]).toMatchObject({ inspectorId: 'u-aino', municipalityId: '638' });
  });
});
