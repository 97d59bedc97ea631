// A returned visit: the coordinator's reason, note and commented items at the top of the page, each item
// a link to its place; one button submits again (returned → in_progress → submitted, two outbox rows in
// order), from the page's actions or the dock. And a submitted visit says whether it has reached the
// coordinator yet.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UserDb } from '../../src/db/database.ts';
import type { VisitStatus } from '../../src/shared/workflow.ts';
import { VisitPage } from '../../src/ui/features/visit/VisitPage.tsx';
import { inspectorSession, renderSignedIn, seededDb } from './visit-fixtures.tsx';

/** Every required item of ept-v1 answered, as the server requires for a submission. */
const ALL_EPT_ANSWERS: [string, string | number][] = [
  ...['EPT-01', 'EPT-02', 'EPT-04', 'EPT-05', 'EPT-06', 'EPT-07', 'EPT-08', 'EPT-09', 'EPT-10', 'EPT-11', 'EPT-13'].map((i): [string, string] => [i, 'yes']),
  ['EPT-03', 4],
  ['EPT-12', 2],
  ['EPT-14', 3],
];

const synced = (version: number) => ({ version, deleted: false, updatedAt: '2025-03-20T10:00:00.000Z', updatedBy: 'u-coordinator' });

/**
 * A visit of the signed-in inspector as the server sent it (synced, no outbox rows), answered in full,
 * with review comments on the given items.
 */
async function syncedVisit(status: VisitStatus, fields: Record<string, unknown> = {}, comments: Record<string, string> = {}) {
  const db: UserDb = await seededDb();
  const session = inspectorSession(db.name.replace('tillsyn-', ''));
  const id = crypto.randomUUID();
  await db.visit.put({
    id,
    municipalityId: '091',
    templateIds: ['ept-v1'],
    mode: 'on_site',
    inspectorId: session.user.id,
    plannedDate: '2025-03-14',
    status,
    attendees: [],
    ...fields,
    ...synced(5),
  } as never);
  await db.answer.bulkPut(
    ALL_EPT_ANSWERS.map(([itemId, value]) => ({ id: `${id}:${itemId}`, visitId: id, itemId, value, ...(comments[itemId] ? { reviewComment: comments[itemId] } : {}), ...synced(2) })) as never,
  );
  const render = () => renderSignedIn(<VisitPage params={{ id }} />, { db, session });
  return { db, id, render };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a returned visit', () => {
  const returned = () =>
    syncedVisit(
      'returned',
      { returnReason: 'Answer EPT-05 again, please.', reviewNote: 'Otherwise a thorough visit.' },
      { 'EPT-05': 'Which plan is meant here?', 'EPT-02': 'Name the working group.' },
    );

  it('shows the reason, the note and the commented items at the top, each linked to its item', async () => {
    const { render } = await returned();
    render();
    const summary = (await screen.findByRole('heading', { level: 2, name: 'The coordinator returned this visit for changes' })).closest('section')!;
    // At the top: before the actions and the checklist.
    const actions = screen.getByRole('group', { name: 'Visit actions' });
    expect(summary.compareDocumentPosition(actions) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(summary.textContent).toContain('Answer EPT-05 again, please.');
    expect(summary.textContent).toContain('Otherwise a thorough visit.');

    const list = within(summary).getByRole('list', { name: 'The coordinator commented on 2 items:' });
    const links = within(list).getAllByRole('link');
    // In the checklist's order, each to its item's anchor, with the comment beside it.
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['#item-EPT-02', '#item-EPT-05']);
    expect(list.textContent).toContain('Name the working group.');
    expect(list.textContent).toContain('Which plan is meant here?');
    for (const a of links) expect(document.getElementById(a.getAttribute('href')!.slice(1)), a.getAttribute('href')!).toBeTruthy();

    fireEvent.click(links[1]!);
    const item = document.getElementById('item-EPT-05')!;
    await waitFor(() => expect(item.contains(document.activeElement)).toBe(true));
  });

  it('is submitted again with one button, as two workflow steps queued in order', async () => {
    const { db, id, render } = await returned();
    render();
    await screen.findByRole('heading', { level: 2, name: 'The coordinator returned this visit for changes' });
    expect(screen.queryByRole('button', { name: 'Resume editing' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Submit again for review' }));
    await waitFor(async () => expect((await db.visit.get(id))?.status).toBe('submitted'));
    const rows = (await db.outbox.toArray()).filter((r) => r.entity === 'visit' && r.id === id);
    expect(rows.map((r) => (r.op === 'upsert' ? r.fields : null))).toEqual([{ status: 'in_progress' }, { status: 'submitted' }]);
    expect(rows[0]!.seq!).toBeLessThan(rows[1]!.seq!);
    // The summary goes with the return; the page says where the submission is.
    await screen.findByText('The visit reaches the coordinator for review at the next sync.');
    expect(screen.queryByRole('heading', { name: 'The coordinator returned this visit for changes' })).toBeNull();
  });

  it("is submitted again from the phone dock's Submit in one step, as the same two workflow steps", async () => {
    const { db, id, render } = await returned();
    render();
    await screen.findByRole('heading', { level: 2, name: 'The coordinator returned this visit for changes' });
    const dock = document.querySelector<HTMLElement>('.visit-dock')!;
    fireEvent.click(within(dock).getByRole('button', { name: 'Submit' }));
    await waitFor(async () => expect((await db.visit.get(id))?.status).toBe('submitted'));
    const rows = (await db.outbox.toArray()).filter((r) => r.entity === 'visit' && r.id === id);
    expect(rows.map((r) => (r.op === 'upsert' ? r.fields : null))).toEqual([{ status: 'in_progress' }, { status: 'submitted' }]);
    // A submitted visit has nothing left to submit: the dock's Submit goes.
    await waitFor(() => expect(within(dock).queryByRole('button', { name: 'Submit' })).toBeNull());
  });
});

describe('a submitted visit', () => {
  it('says it has reached the coordinator once the submission is synced', async () => {
    const { render } = await syncedVisit('submitted');
    render();
    expect((await screen.findByText('The visit has reached the coordinator for review.')).getAttribute('role')).toBe('status');
  });

  it('says it reaches the coordinator at the next sync while the submission waits, and why when offline', async () => {
    const { db, id, render } = await syncedVisit('submitted');
    await db.outbox.add({ entity: 'visit', id, op: 'upsert', baseVersion: 5, fields: { status: 'submitted' }, queuedAt: new Date().toISOString() });
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    render();
    await screen.findByText(/This device is offline: the visit reaches the coordinator for review at the next sync/);
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await screen.findByText('The visit reaches the coordinator for review at the next sync.');
  });
});
