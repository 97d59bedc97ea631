// The region's map coloured by one checklist answer: offered once an area is chosen; each municipality
// coloured and worded by its answer in its latest approved visit of the period, grey with none to show.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalRecord } from '../../src/db/database.ts';
import { RegionPage } from '../../src/ui/features/region/RegionPage.tsx';
import { inspectorSession, renderSignedIn, seededDb } from './visit-fixtures.tsx';

const stamps = { version: 1, deleted: false, updatedAt: '2025-03-04T10:00:00.000Z', updatedBy: 'seed' };
const visitId = (n: number) => `0193a0c4-0000-7000-8000-00000000001${n}`;

async function seed() {
  const db = await seededDb();
  const session = inspectorSession(db.name.replace('tillsyn-', ''));
  const visit = (n: number, municipalityId: string, plannedDate: string, status: LocalRecord<'visit'>['status']): LocalRecord<'visit'> => ({
    id: visitId(n), municipalityId, templateIds: ['ept-v2'], plannedDate, status, inspectorId: session.user.id, mode: 'on_site', attendees: [], ...stamps,
  });
  await db.visit.bulkPut([
    visit(1, '016', '2025-03-04', 'approved'), // Asikkala: yes
    visit(2, '018', '2025-05-20', 'approved'), // Askola: partly
    visit(3, '049', '2025-04-01', 'approved'), // Espoo: not assessed
    visit(4, '061', '2025-06-01', 'submitted'), // Forssa: not approved, so nothing to show
  ]);
  const answer = (n: number, value: string): LocalRecord<'answer'> => ({ id: `${visitId(n)}:EPT-02`, visitId: visitId(n), itemId: 'EPT-02', value, ...stamps });
  await db.answer.bulkPut([answer(1, 'yes'), answer(2, 'partly'), answer(3, 'not_assessed'), answer(4, 'no')]);
  return { db, session };
}

const mapTable = () => screen.getByRole('table', { name: /^Answers in the latest approved visit:/ });
const valueOf = (name: string) => within(mapTable()).getByRole('rowheader', { name }).closest('tr')!.querySelector('td')!.textContent;

describe('the map by an answer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-09-15T10:00:00'));
  });
  afterEach(() => vi.useRealTimers());

  it('is offered once an area is chosen, and words each municipality’s answer', async () => {
    const { db, session } = await seed();
    renderSignedIn(<RegionPage />, { db, session });
    const measure = (await screen.findByLabelText('Colour the map by')) as HTMLSelectElement;
    expect([...measure.options].map((o) => o.value)).not.toContain('answer');
    expect(screen.getByText('Choose an area to colour the map by an answer of its checklist.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Area'), { target: { value: 'substance' } });
    await waitFor(() => expect([...measure.options].map((o) => o.value)).toContain('answer'));
    fireEvent.change(measure, { target: { value: 'answer' } });
    const item = (await screen.findByLabelText('Checklist item')) as HTMLSelectElement;
    expect(item.value).toBe('EPT-01');
    fireEvent.change(item, { target: { value: 'EPT-02' } });

    await waitFor(() => expect(mapTable().querySelector('caption')!.textContent).toMatch(/^Answers in the latest approved visit: Has the body mandated/));
    await waitFor(() => expect(valueOf('Asikkala')).toBe('Yes'));
    expect(valueOf('Askola')).toBe('Partly');
    expect(valueOf('Espoo')).toBe('Not assessed');
    expect(valueOf('Forssa')).toBe('No approved visit in the period');

    // Back to every area: the answer cannot colour the map, and the visits do again.
    fireEvent.change(screen.getByLabelText('Area'), { target: { value: '' } });
    await waitFor(() => expect(screen.queryByLabelText('Checklist item')).toBeNull());
    expect(screen.getByRole('table', { name: /^Visits in the period/ })).toBeTruthy();
  });
});
