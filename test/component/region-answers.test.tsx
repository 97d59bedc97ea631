// The answers across the region on a seeded device: a count leads to its municipalities (links to their
// pages and visits), an answer of revision 1 counted under the item of revision 2 it is the same as, and
// the unmet statutory duty listed with its municipality.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalRecord, UserDb } from '../../src/db/database.ts';
import { AnswersPage } from '../../src/ui/features/region/AnswersPage.tsx';
import { inspectorSession, renderSignedIn, seededDb } from './visit-fixtures.tsx';

const ids = { a: '0193a0c4-0000-7000-8000-00000000001a', b: '0193a0c4-0000-7000-8000-00000000001b', c: '0193a0c4-0000-7000-8000-00000000001c', d: '0193a0c4-0000-7000-8000-00000000001d' };
const stamps = { version: 1, deleted: false, updatedAt: '2025-03-04T10:00:00.000Z', updatedBy: 'seed' };

async function seed(): Promise<{ db: UserDb; session: ReturnType<typeof inspectorSession> }> {
  const db = await seededDb();
  const session = inspectorSession(db.name.replace('tillsyn-', ''));
  const visit = (id: string, municipalityId: string, templateIds: string[], plannedDate: string, status: LocalRecord<'visit'>['status']): LocalRecord<'visit'> => ({
    id, municipalityId, templateIds, plannedDate, status, inspectorId: session.user.id, mode: 'on_site', attendees: [], ...stamps,
  });
  await db.visit.bulkPut([
    visit(ids.a, '016', ['ept-v2'], '2025-03-04', 'approved'), // Asikkala
    visit(ids.b, '018', ['ept-v1'], '2025-05-20', 'approved'), // Askola, on revision 1
    visit(ids.c, '049', ['ept-v2', 'hyte-v2'], '2025-06-01', 'approved'), // Espoo
    visit(ids.d, '061', ['ept-v2'], '2025-06-02', 'submitted'), // Forssa: not approved, not counted
  ]);
  const answer = (visitId: string, itemId: string, value: LocalRecord<'answer'>['value']): LocalRecord<'answer'> => ({ id: `${visitId}:${itemId}`, visitId, itemId, value, ...stamps });
  await db.answer.bulkPut([
    answer(ids.a, 'EPT-01', 'yes'),
    answer(ids.b, 'EPT-01', 'no'),
    answer(ids.c, 'EPT-01', 'yes'),
    answer(ids.d, 'EPT-01', 'no'),
  ]);
  return { db, session };
}

describe('the answers across the region', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-09-15T10:00:00'));
    window.history.replaceState(null, '', '/region/answers?area=substance&from=2025-01-01&to=2025-12-31');
  });
  afterEach(() => {
    vi.useRealTimers();
    window.history.replaceState(null, '', '/');
  });

  it('leads from a count to its municipalities, each a link to its page and its visit', async () => {
    const { db, session } = await seed();
    renderSignedIn(<AnswersPage />, { db, session });
    const item = await screen.findByRole('article', { name: /^EPT-01 / });
    expect(screen.getByText(/^3 municipalities of 62 have an approved visit/)).toBeTruthy();

    const yes = within(item).getByRole('button', { name: /^Yes 2/ });
    expect(yes.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(yes);
    expect(yes.getAttribute('aria-expanded')).toBe('true');
    const list = within(item).getByRole('region', { name: 'Yes: 2 municipalities' });
    expect(yes.getAttribute('aria-controls')).toBe(list.id);
    const links = within(list).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Asikkala', '/municipalities/016'],
      ['Visit 4 Mar 2025', `/visits/${ids.a}`],
      ['Espoo', '/municipalities/049'],
      ['Visit 1 Jun 2025', `/visits/${ids.c}`],
    ]);

    // Askola's "no" was given on revision 1 (ept-v1), counted under the revision-2 item it is the same as.
    fireEvent.click(within(item).getByRole('button', { name: /^No 1/ }));
    expect(within(item).queryByRole('region', { name: 'Yes: 2 municipalities' })).toBeNull();
    const no = within(item).getByRole('region', { name: 'No: 1 municipality' });
    expect(no.textContent).toContain('Askola');
    expect(no.textContent).toContain('(on ept-v1)');

    // Forssa's submitted visit is not counted: 59 municipalities without an approved visit.
    expect(screen.getByRole('button', { name: /^No approved visit in the period 59/ })).toBeTruthy();

    // EPT-01 is statutory: Askola's "no" is an unmet duty still open.
    const duties = screen.getByRole('table', { name: 'Unmet statutory duties by municipality' });
    const rows = within(duties).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Askola']);
    expect(rows[0]!.textContent).toContain('No recommendation names it');
  });

  it('exports the period’s answers, and says so when the period has no visit of the area', async () => {
    const { db, session } = await seed();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:csv'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    try {
      renderSignedIn(<AnswersPage />, { db, session });
      await screen.findByRole('article', { name: /^EPT-01 / });
      fireEvent.click(screen.getByRole('button', { name: 'Export the answers as CSV' }));
      await waitFor(() => expect(blobs).toHaveLength(1));
      // Four visits of the area in 2025 (the submitted one too), 14 items each, and the header.
      const lines = (await blobs[0]!.text()).split('\r\n').filter(Boolean);
      expect(lines).toHaveLength(1 + 4 * 14);

      fireEvent.input(screen.getByLabelText('From'), { target: { value: '2020-01-01' } });
      fireEvent.input(screen.getByLabelText('To'), { target: { value: '2020-12-31' } });
      await screen.findByText('No municipality has an approved visit of this area in the period.');
      fireEvent.click(screen.getByRole('button', { name: 'Export the answers as CSV' }));
      await screen.findByText('No visit of this area in the period.');
      expect(blobs).toHaveLength(1);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
