// The visits list: returned visits first with the coordinator's reason, then in progress, then planned by
// date, then finished ones; cancelled ones behind the status filter; each card with its sync state.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { UserDb } from '../../src/db/database.ts';
import { VisitsPage } from '../../src/ui/features/visits/VisitsPage.tsx';
import { saveRecord } from '../../src/db/write.ts';
import { inspectorSession, renderSignedIn, seededDb } from './visit-fixtures.tsx';

const base = { templateIds: ['ept-v2'], inspectorId: 'u-list', attendees: [] };

/** A visit as the server sent it (synced: a version, no outbox row). */
async function pulled(db: UserDb, id: string, fields: Record<string, unknown>) {
  await db.visit.put({ ...base, id, version: 7, deleted: false, ...fields } as never);
}

const ids = {
  returned: '01900000-0000-7000-8000-000000000001',
  progress: '01900000-0000-7000-8000-000000000002',
  plannedLate: '01900000-0000-7000-8000-000000000003',
  plannedSoon: '01900000-0000-7000-8000-000000000004',
  approved: '01900000-0000-7000-8000-000000000005',
  cancelled: '01900000-0000-7000-8000-000000000006',
};

async function setUp() {
  const db = await seededDb();
  await pulled(db, ids.returned, { municipalityId: '091', plannedDate: '2025-01-10', status: 'returned', returnReason: 'Section 3 needs the budget figures.' });
  await pulled(db, ids.progress, { municipalityId: '049', plannedDate: '2025-02-01', status: 'in_progress', templateIds: ['ept-v2', 'hyte-v2'] });
  await pulled(db, ids.plannedLate, { municipalityId: '638', plannedDate: '2025-06-01', status: 'planned', agenda: 'Youth work and alcohol' });
  await pulled(db, ids.approved, { municipalityId: '092', plannedDate: '2024-10-01', status: 'approved' });
  await pulled(db, ids.cancelled, { municipalityId: '091', plannedDate: '2024-09-01', status: 'cancelled' });
  // Planned on this device and never synced: only a local copy and its outbox row.
  await saveRecord(db, 'visit', ids.plannedSoon, { ...base, municipalityId: '091', plannedDate: '2025-05-01', status: 'planned' });
  return db;
}

function groups() {
  return screen.getAllByRole('region').map((r) => ({
    title: within(r).getByRole('heading', { level: 2 }).textContent,
    places: within(r).getAllByRole('heading', { level: 3 }).map((h) => h.textContent),
  }));
}

describe('the visits list', () => {
  it('puts what needs attention first and counts each group', async () => {
    const db = await setUp();
    renderSignedIn(<VisitsPage />, { db, session: inspectorSession('u-list') });
    await screen.findByText('5 visits');
    expect(groups()).toEqual([
      { title: 'Needs your attention (1)', places: ['Helsinki'] },
      { title: 'In progress (1)', places: ['Espoo'] },
      { title: 'Planned (2)', places: ['Helsinki', 'Porvoo'] },
      { title: 'Submitted and approved (1)', places: ['Vantaa'] },
    ]);
    expect(screen.getByText('Section 3 needs the budget figures.')).toBeTruthy();
    expect(screen.getByText('1 cancelled visit is not shown. Choose “Cancelled” under Status to see it.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Plan a visit' }).getAttribute('href')).toBe('/visits/new');

    const cards = screen.getAllByRole('listitem');
    const local = cards.find((c) => c.querySelector(`a[href="/visits/${ids.plannedSoon}"]`))!;
    expect(within(local).getByText('Only on this device')).toBeTruthy();
    const synced = cards.find((c) => c.querySelector(`a[href="/visits/${ids.progress}"]`))!;
    expect(within(synced).getByText('Synced')).toBeTruthy();
  });

  it('filters by area, municipality, status and a search of names in both languages and the agenda', async () => {
    const db = await setUp();
    renderSignedIn(<VisitsPage />, { db, session: inspectorSession('u-list') });
    await screen.findByText('5 visits');

    fireEvent.change(screen.getByLabelText('Area'), { target: { value: 'welfare' } });
    await waitFor(() => expect(groups().flatMap((g) => g.places)).toEqual(['Espoo']));
    fireEvent.change(screen.getByLabelText('Area'), { target: { value: '' } });

    fireEvent.input(screen.getByLabelText('Search by municipality or agenda'), { target: { value: 'borgå' } });
    await waitFor(() => expect(groups().flatMap((g) => g.places)).toEqual(['Porvoo']));
    fireEvent.input(screen.getByLabelText('Search by municipality or agenda'), { target: { value: 'alcohol' } });
    await waitFor(() => expect(groups().flatMap((g) => g.places)).toEqual(['Porvoo']));
    fireEvent.input(screen.getByLabelText('Search by municipality or agenda'), { target: { value: '' } });

    fireEvent.change(screen.getByLabelText('Municipality'), { target: { value: '091' } });
    await waitFor(() => expect(groups().flatMap((g) => g.places)).toEqual(['Helsinki', 'Helsinki']));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'cancelled' } });
    await waitFor(() => expect(groups()).toEqual([{ title: 'Cancelled (1)', places: ['Helsinki'] }]));
  });
});
