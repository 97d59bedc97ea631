// A rejected change that can never be accepted (VISIT_LOCKED: the visit is submitted or approved on the
// server) offers no resend, only discarding, and says why; "Resend all" leaves it out.
import { fireEvent, screen, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RejectionRow, UserDb } from '../../src/db/database.ts';
import { SyncPage } from '../../src/ui/features/sync/SyncPage.tsx';
import { fakeRunner, freshDb, minutesAgo, renderSignedIn, stamps, VISIT_ID } from './sync-fixtures.tsx';

let db: UserDb;

beforeEach(async () => {
  db = await freshDb();
});

const serverVisit = {
  id: VISIT_ID,
  municipalityId: '049',
  templateIds: ['ept-v1'],
  inspectorId: 'u-sync',
  plannedDate: '2025-12-12',
  status: 'approved',
  attendees: [],
  summary: 'The server’s summary',
  ...stamps(6),
};

const rejection = (seq: number, code: 'VISIT_LOCKED' | 'INVALID', summary: string): RejectionRow =>
  ({
    seq,
    entity: 'visit',
    id: VISIT_ID,
    op: 'upsert',
    baseVersion: 3,
    fields: { summary },
    queuedAt: minutesAgo(90 - seq),
    error: code === 'VISIT_LOCKED' ? { code, message: 'The visit is approved: it cannot be changed now' } : { code, message: 'summary: too long', path: ['summary'] },
    rejectedAt: minutesAgo(60),
    serverRecord: serverVisit,
  }) as RejectionRow;

/** The rejected items, in the list's order. */
async function items(): Promise<HTMLElement[]> {
  await screen.findAllByRole('heading', { level: 3, name: 'Visit to Espoo, 12 Dec 2025' });
  return screen.getAllByRole('heading', { level: 3, name: 'Visit to Espoo, 12 Dec 2025' }).map((h) => h.closest('li')!);
}

describe('a change rejected because the visit is locked', () => {
  it('offers only discarding, says why, and the discard button is described by that sentence', async () => {
    await db.rejections.put(rejection(7, 'VISIT_LOCKED', 'Written on the train'));
    renderSignedIn(<SyncPage />, { db, runner: fakeRunner() });
    const [item] = await items();

    expect(within(item!).queryByRole('button', { name: 'Resend' })).toBeNull();
    const why = within(item!).getByText(/This change cannot be resent: the visit is locked on the server/);
    const discard = within(item!).getByRole('button', { name: 'Discard…' });
    expect(discard.getAttribute('aria-describedby')).toBe(why.id);

    fireEvent.click(discard);
    fireEvent.click(within(item!).getByRole('button', { name: 'Discard the change' }));
    await screen.findByText('The change was discarded and the server’s version restored.');
    expect(await db.rejections.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('is left out of "Resend all", which counts only the changes a resend could get accepted', async () => {
    await db.rejections.bulkPut([rejection(7, 'VISIT_LOCKED', 'Locked out'), rejection(8, 'INVALID', 'Too long'), rejection(9, 'INVALID', 'Also too long')]);
    renderSignedIn(<SyncPage />, { db, runner: fakeRunner() });
    const list = await items();
    expect(list.map((li) => within(li).queryByRole('button', { name: 'Resend' }) !== null)).toEqual([false, true, true]);

    fireEvent.click(screen.getByRole('button', { name: 'Resend all 2' }));
    await screen.findByText('The changes are queued to be sent again.');
    const left = await db.rejections.toArray();
    expect(left.map((r) => r.error.code)).toEqual(['VISIT_LOCKED']);
    // Both resent changes are to one record, so they may share one outbox row.
    expect(await db.outbox.count()).toBeGreaterThan(0);
  });
});
