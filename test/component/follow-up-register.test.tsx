// The region's follow-up register on a seeded device: overdue first, the filters narrow the list, and
// "Mark done" stores the status with an outbox row, the list following from its live query.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalRecord, UserDb } from '../../src/db/database.ts';
import { saveDirectory } from '../../src/db/directory.ts';
import { FollowUpRegisterPage } from '../../src/ui/features/region/FollowUpRegisterPage.tsx';
import { inspectorSession, renderSignedIn, seededDb } from './visit-fixtures.tsx';

const ids = { a: '0193a0c4-0000-7000-8000-00000000000a', b: '0193a0c4-0000-7000-8000-00000000000b', c: '0193a0c4-0000-7000-8000-00000000000c' };
const f = (n: number) => `0193a0c4-0000-7000-8000-0000000000f${n}`;
const stamps = { version: 1, deleted: false, updatedAt: '2025-03-04T10:00:00.000Z', updatedBy: 'u-colleague' };

async function seed(): Promise<{ db: UserDb; session: ReturnType<typeof inspectorSession> }> {
  const db = await seededDb();
  const session = inspectorSession(db.name.replace('tillsyn-', ''), ['avi-1', 'avi-7']);
  const visit = (id: string, municipalityId: string, templateIds: string[], plannedDate: string, inspectorId: string): LocalRecord<'visit'> => ({
    id, municipalityId, templateIds, plannedDate, status: 'approved', inspectorId, mode: 'on_site', attendees: [], ...stamps,
  });
  await db.visit.bulkPut([
    visit(ids.a, '016', ['ept-v2', 'hyte-v2'], '2025-03-04', 'u-colleague'), // Asikkala
    visit(ids.b, '018', ['ept-v2'], '2025-05-20', session.user.id), // Askola
    visit(ids.c, '035', ['ept-v2'], '2025-05-20', session.user.id), // Brändö, Åland
  ]);
  const followUp = (n: number, visitId: string, municipalityId: string, text: string, status: LocalRecord<'followUp'>['status'], dueDate: string | null, extra: Partial<LocalRecord<'followUp'>> = {}): LocalRecord<'followUp'> => ({
    id: f(n), visitId, municipalityId, status, dueDate, text, legalShortcoming: false, ...stamps, ...extra,
  });
  await db.followUp.bulkPut([
    followUp(1, ids.a, '016', 'Update the substance plan', 'open', '2025-12-31'),
    followUp(2, ids.a, '016', 'Name a welfare coordinator', 'open', '2025-06-30', { legalShortcoming: true }),
    followUp(3, ids.b, '018', 'Train the school staff', 'open', null),
    followUp(4, ids.b, '018', 'Publish the welfare report', 'done', '2025-01-01'),
    followUp(5, ids.b, '018', 'A deleted one', 'open', '2025-01-01', { deleted: true }),
    followUp(6, ids.c, '035', 'An Åland one', 'open', '2025-01-01'),
  ]);
  await saveDirectory(db, [{ id: 'u-colleague', name: 'Kaisa Koivisto', role: 'inspector', regionIds: ['avi-1'] }]);
  return { db, session };
}

const table = () => screen.getByRole('table', { name: 'Recommendations of the region' });
const texts = () => within(table()).getAllByRole('rowheader').map((h) => h.querySelector('span')!.textContent);
const rowOf = (text: string) => within(table()).getByText(text).closest('tr')!;

describe('the follow-up register', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-09-15T10:00:00'));
  });
  afterEach(() => vi.useRealTimers());

  it('lists the open recommendations overdue first, and the filters narrow the list', async () => {
    const { db, session } = await seed();
    renderSignedIn(<FollowUpRegisterPage />, { db, session });
    await screen.findByRole('table', { name: 'Recommendations of the region' });

    // Open by default; no deleted one, no Åland one; the overdue first, then by due date, none last.
    expect(texts()).toEqual(['Name a welfare coordinator', 'Update the substance plan', 'Train the school staff']);
    expect(screen.getByText(/^3 recommendations of 4 shown/).textContent).toBe('3 recommendations of 4 shown, 1 of them overdue');
    const overdue = rowOf('Name a welfare coordinator');
    expect(overdue.textContent).toContain('Overdue');
    expect(overdue.textContent).toContain('Legal duty unmet');
    expect(within(overdue).getByRole('link', { name: 'Asikkala' }).getAttribute('href')).toBe('/municipalities/016');
    expect(within(overdue).getByRole('link', { name: '4 Mar 2025' }).getAttribute('href')).toBe(`/visits/${ids.a}`);
    expect(overdue.textContent).toContain('Kaisa Koivisto');
    expect(rowOf('Update the substance plan').textContent).not.toContain('Overdue');

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'all' } });
    await waitFor(() => expect(texts()).toHaveLength(4));
    fireEvent.change(screen.getByLabelText('Municipality'), { target: { value: '018' } });
    await waitFor(() => expect(texts()).toEqual(['Publish the welfare report', 'Train the school staff']));
    expect(rowOf('Publish the welfare report').textContent).toContain('Done');
    expect(within(rowOf('Publish the welfare report')).queryByRole('button')).toBeNull();

    fireEvent.change(screen.getByLabelText('Municipality'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Inspector of the visit'), { target: { value: 'u-colleague' } });
    await waitFor(() => expect(texts()).toEqual(['Name a welfare coordinator', 'Update the substance plan']));
    fireEvent.change(screen.getByLabelText('Inspector of the visit'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Area'), { target: { value: 'welfare' } });
    await waitFor(() => expect(texts()).toEqual(['Name a welfare coordinator', 'Update the substance plan']));
    fireEvent.change(screen.getByLabelText('Area'), { target: { value: '' } });
    fireEvent.input(screen.getByLabelText('Due from'), { target: { value: '2025-06-01' } });
    fireEvent.input(screen.getByLabelText('Due by'), { target: { value: '2025-07-01' } });
    await waitFor(() => expect(texts()).toEqual(['Name a welfare coordinator']));
  });

  it('marks one done: the status stored, an outbox row, and the open list follows', async () => {
    const { db, session } = await seed();
    renderSignedIn(<FollowUpRegisterPage />, { db, session });
    await screen.findByRole('table', { name: 'Recommendations of the region' });
    const row = rowOf('Update the substance plan');
    expect(row.textContent).toContain('Kaisa Koivisto');
    fireEvent.click(within(row).getByRole('button', { name: 'Mark done' }));

    await waitFor(() => expect(texts()).toEqual(['Name a welfare coordinator', 'Train the school staff']));
    expect((await db.followUp.get(f(1)))!.status).toBe('done');
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ entity: 'followUp', id: f(1), fields: { status: 'done' } });
    expect(screen.getByRole('status').textContent).toBe('Marked done: Update the substance plan');

    // Among all, it says it was changed here and not sent yet.
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'done' } });
    await waitFor(() => expect(texts()).toEqual(['Publish the welfare report', 'Update the substance plan']));
    expect(rowOf('Update the substance plan').textContent).toContain('On this device, not sent yet');
  });

  it('drops one', async () => {
    const { db, session } = await seed();
    renderSignedIn(<FollowUpRegisterPage />, { db, session });
    await screen.findByRole('table', { name: 'Recommendations of the region' });
    fireEvent.click(within(rowOf('Train the school staff')).getByRole('button', { name: 'Drop' }));
    await waitFor(() => expect(texts()).toEqual(['Name a welfare coordinator', 'Update the substance plan']));
    expect((await db.followUp.get(f(3)))!.status).toBe('dropped');
  });

  it('carries one on to the inspector’s open visit of the municipality, and exports the list as shown', async () => {
    const { db, session } = await seed();
    const open = '0193a0c4-0000-7000-8000-0000000000d1';
    await db.visit.put({ id: open, municipalityId: '016', templateIds: ['ept-v2'], plannedDate: '2025-10-02', status: 'planned', inspectorId: session.user.id, mode: 'on_site', attendees: [], ...stamps });
    renderSignedIn(<FollowUpRegisterPage />, { db, session });
    await screen.findByRole('table', { name: 'Recommendations of the region' });
    // Askola has no open visit of the inspector: nothing to carry on to.
    expect(within(rowOf('Train the school staff')).queryByRole('button', { name: /^Carry on/ })).toBeNull();
    fireEvent.click(within(rowOf('Update the substance plan')).getByRole('button', { name: 'Carry on to your visit of 2 Oct 2025' }));

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Carried on to your visit of 2 Oct 2025: Update the substance plan'));
    expect((await db.followUp.get(f(1)))!.status).toBe('dropped');
    const carried = (await db.followUp.where('visitId').equals(open).toArray())[0]!;
    expect(carried).toMatchObject({ text: 'Update the substance plan', status: 'open', municipalityId: '016', dueDate: null });
    // The carried one is listed on its new visit; it cannot be carried on to its own visit again.
    await waitFor(() => expect(within(rowOf('Update the substance plan')).getByRole('link', { name: '2 Oct 2025' }).getAttribute('href')).toBe(`/visits/${open}`));
    expect(within(rowOf('Update the substance plan')).queryByRole('button', { name: /^Carry on/ })).toBeNull();

    const downloads: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      downloads.push(blob);
      return 'blob:register';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    fireEvent.change(screen.getByLabelText('CSV separator'), { target: { value: ';' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export the recommendations as CSV' }));
    expect(downloads).toHaveLength(1);
    const csv = await downloads[0]!.text();
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Municipality code;Name (fi);Name (sv);Source;Recommendation;Legal duty unmet;Due date;Status;Overdue;Visit date;Guidance date;Channel;Inspector;Area;Last changed by;Last changed at',
    );
    expect(lines).toHaveLength(texts().length + 2);
    expect(lines[1]).toBe('016;Asikkala;Asikkala;Visit;Name a welfare coordinator;Yes;2025-06-30;Open;Yes;2025-03-04;;;Kaisa Koivisto;Substance-abuse prevention, Health and welfare promotion;Kaisa Koivisto;2025-03-04T10:00:00.000Z');
  });

  it('leaves Åland out until asked', async () => {
    const { db, session } = await seed();
    renderSignedIn(<FollowUpRegisterPage />, { db, session });
    await screen.findByRole('table', { name: 'Recommendations of the region' });
    expect(texts()).not.toContain('An Åland one');
    fireEvent.click(screen.getByLabelText('Include Åland'));
    await waitFor(() => expect(texts()).toContain('An Åland one'));
  });

  it('lists a follow-up agreed in guidance as guidance, marks it done through the guidance entry, offers no carrying on, and exports it', async () => {
    const { db, session } = await seed();
    const open = '0193a0c4-0000-7000-8000-0000000000d1';
    await db.visit.put({ id: open, municipalityId: '016', templateIds: ['ept-v2'], plannedDate: '2025-10-02', status: 'planned', inspectorId: session.user.id, mode: 'on_site', attendees: [], ...stamps });
    const g = '0193a0c4-0000-7000-8000-0000000000e1';
    await db.guidance.bulkPut([
      {
        id: g, municipalityId: '016', date: '2025-07-10', channel: 'email', areas: ['violence'], topic: 'Väkivallan ehkäisyn työryhmä', contactIds: [], notes: null,
        followUpText: 'Kunta nimeää työryhmän', followUpDue: '2025-08-01', followUpStatus: 'open', ...stamps,
      },
      {
        id: '0193a0c4-0000-7000-8000-0000000000e2', municipalityId: '018', date: '2025-07-11', channel: 'phone', areas: ['substance'], topic: 'Ilman jatkotoimia', contactIds: [],
        notes: null, followUpText: null, followUpDue: null, followUpStatus: null, ...stamps,
      },
    ]);
    renderSignedIn(<FollowUpRegisterPage />, { db, session });
    await screen.findByRole('table', { name: 'Recommendations of the region' });

    // Overdue (due 1 Aug) after the visit's overdue one of 30 Jun; the entry with nothing agreed is no row.
    expect(texts()).toEqual(['Name a welfare coordinator', 'Kunta nimeää työryhmän', 'Update the substance plan', 'Train the school staff']);
    const row = rowOf('Kunta nimeää työryhmän');
    expect(row.textContent).toContain('Overdue');
    expect(within(row).getByRole('link', { name: 'Guidance on 10 Jul 2025 by email' }).getAttribute('href')).toBe('/municipalities/016');
    expect(row.textContent).toContain('Kaisa Koivisto · Prevention of violence in close relationships');
    // The visit's recommendation of the same municipality is offered the inspector's open visit; guidance's is not.
    expect(within(rowOf('Update the substance plan')).getByRole('button', { name: /^Carry on/ })).toBeTruthy();
    expect(within(row).queryByRole('button', { name: /^Carry on/ })).toBeNull();
    // The area filter takes the entry's own areas.
    fireEvent.change(screen.getByLabelText('Area'), { target: { value: 'violence' } });
    await waitFor(() => expect(texts()).toEqual(['Kunta nimeää työryhmän']));

    const downloads: Blob[] = [];
    Object.assign(URL, { createObjectURL: vi.fn((blob: Blob) => (downloads.push(blob), 'blob:register')), revokeObjectURL: vi.fn() });
    fireEvent.change(screen.getByLabelText('CSV separator'), { target: { value: ';' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export the recommendations as CSV' }));
    const lines = (await downloads[0]!.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toBe(
      '016;Asikkala;Asikkala;Guidance;Kunta nimeää työryhmän;No;2025-08-01;Open;Yes;;2025-07-10;Email;Kaisa Koivisto;Prevention of violence in close relationships;Kaisa Koivisto;2025-03-04T10:00:00.000Z',
    );

    fireEvent.click(within(rowOf('Kunta nimeää työryhmän')).getByRole('button', { name: 'Mark done' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Marked done: Kunta nimeää työryhmän'));
    expect((await db.guidance.get(g))!.followUpStatus).toBe('done');
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ entity: 'guidance', id: g, op: 'upsert', baseVersion: 1, fields: { followUpStatus: 'done' } });
    await waitFor(() => expect(screen.getByText('No recommendation matches this choice.')).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'done' } });
    await waitFor(() => expect(texts()).toEqual(['Kunta nimeää työryhmän']));
    expect(rowOf('Kunta nimeää työryhmän').textContent).toContain('On this device, not sent yet');
  });
});
