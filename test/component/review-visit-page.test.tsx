import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { UserDb } from '../../src/db/database.ts';
import { ReviewVisitPage } from '../../src/ui/features/review/ReviewVisitPage.tsx';
import { freshDb, outbox, renderAs, seedVisit, user, VISIT_ID } from './review-seed.ts';

const coordinator = user('coordinator');

function renderPage(db: UserDb, session = coordinator) {
  return renderAs(db, session, <ReviewVisitPage params={{ id: VISIT_ID }} />);
}

async function typeAndLeave(label: string | RegExp, text: string) {
  const field = await screen.findByLabelText(label);
  fireEvent.input(field, { target: { value: text } });
  fireEvent.blur(field);
}

describe('the review page', () => {
  it('shows the whole visit read-only: header, answers in words with the inspector’s comment, observations, follow-ups, summary', async () => {
    const db = await freshDb(coordinator);
    await seedVisit(db, 'submitted');
    renderPage(db);

    expect(await screen.findByRole('heading', { level: 1, name: 'Review: Asikkala' })).toBeTruthy();
    expect(screen.getByText('Maija Meikäläinen', { exact: false })).toBeTruthy();
    const item = document.querySelector<HTMLElement>('[data-item-id="EPT-01"]')!;
    expect(within(item).getByText(/Has the municipality designated, by decision, a body responsible/)).toBeTruthy();
    expect(within(item).getByText('Decision of the welfare board, 2023')).toBeTruthy();
    const answer = item.querySelector('.answer-value')!;
    expect(answer.textContent).not.toBe('partly');
    expect(answer.textContent).toMatch(/partly/i);
    // The legal basis is behind a button, not shown until asked for.
    const basis = within(item).getByRole('button', { expanded: false });
    expect(within(item).getByText('Act 523/2015 §5(1)').closest('[hidden]')).toBeTruthy();
    fireEvent.click(basis);
    expect(basis.getAttribute('aria-expanded')).toBe('true');
    expect(within(item).getByText('Act 523/2015 §5(1)').closest('[hidden]')).toBeNull();

    expect(screen.getByText('No working group since 2023')).toBeTruthy();
    expect(screen.getByText('Designate the body responsible for prevention')).toBeTruthy();
    expect(screen.getByText('The municipality has a working group but no plan.')).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('returns only with a reason, and queues the review fields before the status change', async () => {
    const db = await freshDb(coordinator);
    await seedVisit(db, 'submitted');
    renderPage(db);

    // The note first, then a comment: the status must still reach the server after both.
    await typeAndLeave('Review note', 'Good visit, one gap.');
    await typeAndLeave('Your comment to the senior inspector on EPT-02', 'Which working group is meant?');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(2));

    fireEvent.click(screen.getByRole('button', { name: 'Return to the senior inspector' }));
    const dialog = await screen.findByRole('dialog', { name: 'Return the visit to the senior inspector' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Return the visit' }));
    expect(await within(dialog).findByText('Write the reason for returning.')).toBeTruthy();
    expect(within(dialog).getByLabelText('Reason for returning').getAttribute('aria-invalid')).toBe('true');
    expect((await db.visit.get(VISIT_ID))?.status).toBe('submitted');
    expect((await outbox(db)).some((r) => r.op === 'upsert' && 'status' in r.fields)).toBe(false);

    fireEvent.input(within(dialog).getByLabelText('Reason for returning'), { target: { value: 'Answer EPT-02 again, please.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Return the visit' }));
    await waitFor(async () => expect((await db.visit.get(VISIT_ID))?.status).toBe('returned'));

    const rows = await outbox(db);
    const fieldsOf = (r: (typeof rows)[number]) => (r.op === 'upsert' ? r.fields : {});
    const statusRow = rows.findIndex((r) => 'status' in fieldsOf(r));
    expect(rows[statusRow]).toMatchObject({ entity: 'visit', id: VISIT_ID, baseVersion: 7, fields: { status: 'returned' } });
    expect(Object.keys(fieldsOf(rows[statusRow]!))).toEqual(['status']);
    expect(statusRow).toBe(rows.length - 1);
    const before = rows.slice(0, statusRow).map(fieldsOf);
    expect(before).toContainEqual(expect.objectContaining({ reviewNote: 'Good visit, one gap.', returnReason: 'Answer EPT-02 again, please.' }));
    expect(before).toContainEqual({ reviewComment: 'Which working group is meant?' });

    // Decided: the page turns read-only and shows the outcome.
    expect(await screen.findByText('Returned to the senior inspector for corrections.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Return to the senior inspector' })).toBeNull();
    expect(screen.queryByLabelText('Your comment to the senior inspector on EPT-02')).toBeNull();
    expect(screen.getByText('Which working group is meant?')).toBeTruthy();
  });

  it('comments on an item with no answer record by creating one with no value', async () => {
    const db = await freshDb(coordinator);
    await seedVisit(db, 'submitted');
    renderPage(db);
    await typeAndLeave('Your comment to the senior inspector on EPT-04', 'Not answered: why?');
    await waitFor(async () => expect(await db.answer.get(`${VISIT_ID}:EPT-04`)).toBeTruthy());
    const [row] = await outbox(db);
    expect(row).toMatchObject({
      entity: 'answer',
      id: `${VISIT_ID}:EPT-04`,
      op: 'upsert',
      baseVersion: null,
      fields: { visitId: VISIT_ID, itemId: 'EPT-04', value: null, reviewComment: 'Not answered: why?' },
    });
    // Nothing of the inspector's goes with it, or the server would refuse it (FIELD_NOT_OWNED).
    expect(row?.op === 'upsert' && Object.keys(row.fields).sort()).toEqual(['itemId', 'reviewComment', 'value', 'visitId']);
  });

  it('approves after a confirmation, queueing the status change', async () => {
    const db = await freshDb(coordinator);
    await seedVisit(db, 'submitted');
    renderPage(db);

    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    let dialog = await screen.findByRole('dialog', { name: 'Approve the visit report?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await outbox(db)).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    dialog = await screen.findByRole('dialog', { name: 'Approve the visit report?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve the report' }));
    await waitFor(async () => expect((await db.visit.get(VISIT_ID))?.status).toBe('approved'));
    const rows = await outbox(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'visit', id: VISIT_ID, op: 'upsert', fields: { status: 'approved' } });
    expect(await screen.findByText(/The server records the time of approval/)).toBeTruthy();
  });

  it.each([
    ['approved', 'The report was approved on'],
    ['returned', 'Returned to the senior inspector for corrections.'],
    ['in_progress', 'This visit is not submitted for review'],
  ] as const)('shows a %s visit with its outcome and no actions', async (status, outcome) => {
    const db = await freshDb(coordinator);
    await seedVisit(db, status, {
      approvedAt: status === 'approved' ? '2025-03-10T09:30:00.000Z' : null,
      returnReason: status === 'returned' ? 'Answer EPT-02 again.' : null,
      reviewNote: 'Noted.',
    });
    renderPage(db);
    expect(await screen.findByText(outcome, { exact: false })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Return to the senior inspector' })).toBeNull();
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
  });

  it('offers no actions to a coordinator of another region, nor to an admin', async () => {
    for (const session of [user('coordinator', ['avi-2']), user('admin', ['avi-1', 'avi-2'])]) {
      const db = await freshDb(session);
      await seedVisit(db, 'submitted');
      const { unmount } = renderPage(db, session);
      expect(await screen.findByText(/Only the coordinators of the region/)).toBeTruthy();
      expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
      expect(screen.queryAllByRole('textbox')).toHaveLength(0);
      unmount();
    }
  });
});
