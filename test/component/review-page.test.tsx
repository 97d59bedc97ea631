import { screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { UserDb } from '../../src/db/database.ts';
import type { VisitStatus } from '../../src/shared/workflow.ts';
import { saveDirectory } from '../../src/db/directory.ts';
import { ReviewPage } from '../../src/ui/features/review/ReviewPage.tsx';
import { freshDb, renderAs, user } from './review-seed.ts';

const coordinator = user('coordinator');

async function visit(db: UserDb, n: number, status: VisitStatus, municipalityId: string, plannedDate: string, extra: Record<string, unknown> = {}) {
  await db.visit.put({
    id: `0193a0c4-5b6d-7e8f-9a0b-${String(n).padStart(12, '0')}`,
    municipalityId,
    templateIds: ['ept-v2'],
    mode: 'on_site',
    inspectorId: 'u-insp',
    plannedDate,
    status,
    attendees: [],
    version: n,
    ...extra,
  });
}

describe('the review list', () => {
  it('puts submitted visits first (longest waiting first), then returned, then the latest approvals, with counts and links', async () => {
    const db = await freshDb(coordinator);
    await visit(db, 1, 'submitted', '016', '2025-03-04'); // Asikkala
    await visit(db, 2, 'submitted', '091', '2025-02-01'); // Helsinki
    await visit(db, 3, 'returned', '049', '2025-01-15', { returnReason: 'EPT-02 is missing its basis.' }); // Espoo
    await visit(db, 4, 'in_progress', '016', '2025-04-01');
    for (let i = 0; i < 12; i++) {
      await visit(db, 10 + i, 'approved', '016', '2024-06-01', { approvedAt: `2024-07-${String(i + 1).padStart(2, '0')}T09:00:00.000Z` });
    }
    renderAs(db, coordinator, <ReviewPage />);

    const submitted = await screen.findByRole('region', { name: 'Waiting for review (2)' });
    const places = within(submitted).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')]);
    expect(places).toEqual([
      ['Helsinki', '/review/0193a0c4-5b6d-7e8f-9a0b-000000000002'],
      ['Asikkala', '/review/0193a0c4-5b6d-7e8f-9a0b-000000000001'],
    ]);
    const returned = screen.getByRole('region', { name: 'Returned, waiting for the senior inspector (1)' });
    expect(within(returned).getByText('EPT-02 is missing its basis.')).toBeTruthy();
    const approved = screen.getByRole('region', { name: 'Recently approved (12)' });
    const approvedLinks = within(approved).getAllByRole('link');
    expect(approvedLinks).toHaveLength(10);
    expect(approvedLinks[0]!.getAttribute('href')).toBe('/review/0193a0c4-5b6d-7e8f-9a0b-000000000021');
    expect(within(approved).getByText('The 10 latest are shown.')).toBeTruthy();
    expect(screen.queryByText(/2025-04-01|1 April 2025/)).toBeNull();

    const counts = screen.getByRole('list', { name: 'Review at a glance' });
    expect(within(counts).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['2 to review', '1 returned to the senior inspector', '12 approved']);
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('says so when there is nothing to review', async () => {
    const db = await freshDb(coordinator);
    await visit(db, 4, 'in_progress', '016', '2025-04-01');
    renderAs(db, coordinator, <ReviewPage />);
    expect(await screen.findByText(/No visit reports to review on this device/)).toBeTruthy();
    expect(screen.queryByRole('region')).toBeNull();
  });
});

describe('who did the visit', () => {
  it('names the inspector from the directory the device keeps, and by a short id before the first sync', async () => {
    const db = await freshDb(coordinator);
    await visit(db, 1, 'submitted', '016', '2025-03-04');
    const { unmount } = renderAs(db, coordinator, <ReviewPage />);
    const card = await screen.findByRole('region', { name: 'Waiting for review (1)' });
    expect(within(card).getByText(/u-insp/)).toBeTruthy();
    unmount();

    await saveDirectory(db, [{ id: 'u-insp', name: 'Ilona Virtanen', role: 'inspector', regionIds: ['avi-1'] }]);
    renderAs(db, coordinator, <ReviewPage />);
    const named = await screen.findByRole('region', { name: 'Waiting for review (1)' });
    expect(await within(named).findByText('Ilona Virtanen')).toBeTruthy();
  });
});
