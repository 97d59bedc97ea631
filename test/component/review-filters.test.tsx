// The review inbox filtered by inspector and area, on the device's data: each choice says how many
// visits it shows, the lists and the counts follow it, and one button shows everything again.
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { UserDb } from '../../src/db/database.ts';
import { saveDirectory } from '../../src/db/directory.ts';
import type { VisitStatus } from '../../src/shared/workflow.ts';
import { ReviewPage } from '../../src/ui/features/review/ReviewPage.tsx';
import { freshDb, renderAs, user } from './review-seed.ts';

const coordinator = user('coordinator');

async function visit(db: UserDb, n: number, status: VisitStatus, inspectorId: string, templateIds: string[], municipalityId = '016') {
  await db.visit.put({
    id: `0193a0c4-5b6d-7e8f-9a0b-${String(n).padStart(12, '0')}`,
    municipalityId,
    templateIds,
    mode: 'on_site',
    inspectorId,
    plannedDate: `2025-03-${String(n).padStart(2, '0')}`,
    status,
    attendees: [],
    version: n,
  });
}

async function seeded(): Promise<UserDb> {
  const db = await freshDb(coordinator);
  await saveDirectory(db, [
    { id: 'u-ilona', name: 'Ilona Virtanen', role: 'inspector', regionIds: ['avi-1'] },
    { id: 'u-ilkka', name: 'Ilkka Laine', role: 'inspector', regionIds: ['avi-1'] },
  ]);
  await visit(db, 1, 'submitted', 'u-ilona', ['ept-v2'], '016'); // Asikkala, substance
  await visit(db, 2, 'submitted', 'u-ilkka', ['hyte-v2'], '091'); // Helsinki, welfare
  await visit(db, 3, 'returned', 'u-ilona', ['ept-v2', 'hyte-v2'], '049'); // Espoo, both
  await visit(db, 4, 'approved', 'u-ilkka', ['ept-v2'], '016');
  await visit(db, 5, 'in_progress', 'u-ilona', ['ept-v2'], '016'); // not in the inbox
  return db;
}

const optionTexts = (select: HTMLElement) => within(select).getAllByRole('option').map((o) => o.textContent);

describe('the review inbox’s filters', () => {
  it('offer each inspector and area with how many visits each shows', async () => {
    const db = await seeded();
    renderAs(db, coordinator, <ReviewPage />);
    const inspector = await screen.findByRole('combobox', { name: 'Senior inspector' });
    expect(optionTexts(inspector)).toEqual(['All senior inspectors (4)', 'Ilkka Laine (2)', 'Ilona Virtanen (2)']);
    const area = screen.getByRole('combobox', { name: 'Area' });
    expect(optionTexts(area)).toEqual([
      'All areas (4)',
      'Substance-abuse prevention (3)',
      'Health and welfare promotion (2)',
      'Prevention of violence in close relationships (0)',
      'Review of plans (0)',
    ]);
    expect(screen.getByRole('form', { name: 'Filter the review list' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show all visits' })).toBeNull();
  });

  it('show one inspector’s visits, then one area’s of them, with the counts of the other choice following', async () => {
    const db = await seeded();
    renderAs(db, coordinator, <ReviewPage />);
    const inspector = await screen.findByRole('combobox', { name: 'Senior inspector' });
    fireEvent.change(inspector, { target: { value: 'u-ilona' } });

    const submitted = await screen.findByRole('region', { name: 'Waiting for review (1)' });
    expect(within(submitted).getAllByRole('link').map((a) => a.textContent)).toEqual(['Asikkala']);
    expect(screen.getByRole('region', { name: 'Returned, waiting for the senior inspector (1)' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Recently approved (0)' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Showing 2 of 4 visits.');
    const area = screen.getByRole('combobox', { name: 'Area' });
    expect(optionTexts(area).slice(0, 3)).toEqual(['All areas (2)', 'Substance-abuse prevention (2)', 'Health and welfare promotion (1)']);

    fireEvent.change(area, { target: { value: 'welfare' } });
    expect(await screen.findByRole('region', { name: 'Waiting for review (0)' })).toBeTruthy();
    const returned = screen.getByRole('region', { name: 'Returned, waiting for the senior inspector (1)' });
    expect(within(returned).getByRole('link').textContent).toBe('Espoo');
    expect(optionTexts(screen.getByRole('combobox', { name: 'Senior inspector' }))).toEqual(['All senior inspectors (2)', 'Ilkka Laine (1)', 'Ilona Virtanen (1)']);
    const counts = screen.getByRole('list', { name: 'Review at a glance' });
    expect(within(counts).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['0 to review', '1 returned to the senior inspector', '0 approved']);

    fireEvent.click(screen.getByRole('button', { name: 'Show all visits' }));
    expect(await screen.findByRole('region', { name: 'Waiting for review (2)' })).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Senior inspector' }) as HTMLSelectElement).value).toBe('');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('say so when nothing matches', async () => {
    const db = await seeded();
    renderAs(db, coordinator, <ReviewPage />);
    fireEvent.change(await screen.findByRole('combobox', { name: 'Area' }), { target: { value: 'violence' } });
    expect(await screen.findByText(/No visits match the filters/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: /Waiting for review/ })).toBeNull();
  });
});
