// The sync page: rejected changes with the server's reason, fixed and resent or discarded after asking;
// conflicts whose losing value can be taken back; what waits to be sent.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RejectionRow, UserDb } from '../../src/db/database.ts';
import { saveRecord } from '../../src/db/write.ts';
import { FieldConflict } from '../../src/ui/features/visit/FieldConflict.tsx';
import { SyncPage } from '../../src/ui/features/sync/SyncPage.tsx';
import { fakeRunner, freshDb, minutesAgo, renderSignedIn, stamps, VISIT_ID } from './sync-fixtures.tsx';

let db: UserDb;

beforeEach(async () => {
  db = await freshDb();
});

const rejected = (patch: Partial<RejectionRow> = {}): RejectionRow =>
  ({
    seq: 7,
    entity: 'visit',
    id: VISIT_ID,
    op: 'upsert',
    baseVersion: 3,
    fields: { summary: 'x'.repeat(3) },
    queuedAt: minutesAgo(90),
    error: { code: 'INVALID', message: 'summary: too short', path: ['summary'] },
    rejectedAt: minutesAgo(60),
    serverRecord: {
      id: VISIT_ID,
      municipalityId: '049',
      templateIds: ['ept-v1'],
      inspectorId: 'u-sync',
      plannedDate: '2025-12-12',
      status: 'in_progress',
      attendees: [],
      summary: 'The server’s summary',
      ...stamps(4),
    },
    ...patch,
  }) as RejectionRow;

async function rejectedItem(): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { level: 3, name: 'Visit to Espoo, 12 Dec 2025' });
  return heading.closest('li')!;
}

describe('rejected changes', () => {
  it('names the record and gives the server’s reason in words, listing missing items for INCOMPLETE', async () => {
    await db.rejections.put(
      rejected({
        fields: { status: 'submitted' },
        error: { code: 'INCOMPLETE', message: 'Required items unanswered', details: { missing: ['EPT-02'] } },
      }),
    );
    renderSignedIn(<SyncPage />, { db, runner: fakeRunner() });
    const item = await rejectedItem();
    expect(item.textContent).toContain('The visit cannot be submitted until every required item is answered');
    expect(within(item).getByRole('listitem').textContent).toBe('Is there a working group?');
    expect(within(item).getByRole('link', { name: 'Open to fix' }).getAttribute('href')).toBe(`/visits/${VISIT_ID}`);
  });

  it('resends with the user’s fix: the row moves back to the outbox with a new seq and the current value', async () => {
    // As the engine does: the row got its seq in the outbox, then the push's answer moved it to rejections.
    const seq = (await db.outbox.add({ entity: 'visit', id: VISIT_ID, op: 'upsert', baseVersion: 3, fields: { summary: 'xxx' }, queuedAt: minutesAgo(90) })) as number;
    await db.outbox.delete(seq);
    await db.rejections.put(rejected({ seq }));
    // The user opened the visit and fixed the summary; that edit queued a row of its own.
    await saveRecord(db, 'visit', VISIT_ID, { summary: 'A proper summary of the visit.' });
    const fixSeq = (await db.outbox.toArray())[0]!.seq!;
    const runner = fakeRunner();
    renderSignedIn(<SyncPage />, { db, runner });
    const item = await rejectedItem();
    expect(item.textContent).toContain('The server did not accept the value of Summary');

    fireEvent.click(within(item).getByRole('button', { name: 'Resend' }));
    await screen.findByText('The change is queued to be sent again.');
    expect(await db.rejections.count()).toBe(0);
    const rows = await db.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'visit', id: VISIT_ID, op: 'upsert', baseVersion: 3, fields: { summary: 'A proper summary of the visit.' } });
    expect(rows[0]!.seq).toBeGreaterThan(fixSeq);
    expect(fixSeq).toBeGreaterThan(seq);
    expect(runner.syncNow).toHaveBeenCalled();
  });

  it('discards only after confirmation, and puts the server’s version back', async () => {
    await db.rejections.put(rejected());
    await db.visit.update(VISIT_ID, { summary: 'xxx' });
    renderSignedIn(<SyncPage />, { db, runner: fakeRunner() });
    const item = await rejectedItem();

    fireEvent.click(within(item).getByRole('button', { name: 'Discard…' }));
    expect(within(item).getByText(/Discard this change\? The server’s version is put back/)).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: 'Keep it' }));
    expect(await db.rejections.count()).toBe(1);
    expect((await db.visit.get(VISIT_ID))?.summary).toBe('xxx');

    fireEvent.click(within(item).getByRole('button', { name: 'Discard…' }));
    fireEvent.click(within(item).getByRole('button', { name: 'Discard the change' }));
    await screen.findByText('The change was discarded and the server’s version restored.');
    expect(await db.rejections.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    const visit = await db.visit.get(VISIT_ID);
    expect(visit).toMatchObject({ summary: 'The server’s summary', version: 4 });
  });

  it('discarding a create the server does not have removes the record from the device', async () => {
    const observationId = '0193a0c4-5b6d-7e8f-9a0b-00000000000a';
    await db.observation.put({ id: observationId, visitId: VISIT_ID, kind: 'concern', text: 'No plan' });
    await db.rejections.put(
      rejected({
        entity: 'observation',
        id: observationId,
        baseVersion: null,
        fields: { visitId: VISIT_ID, kind: 'concern', text: 'No plan' },
        error: { code: 'VISIT_LOCKED', message: 'The visit is approved' },
        serverRecord: null,
      }),
    );
    renderSignedIn(<SyncPage />, { db, runner: fakeRunner() });
    const heading = await screen.findByRole('heading', { level: 3, name: 'Visit to Espoo, 12 Dec 2025: observation “No plan”' });
    const item = heading.closest('li')!;
    expect(item.textContent).toContain('The visit cannot be changed in its current state');
    fireEvent.click(within(item).getByRole('button', { name: 'Discard…' }));
    expect(within(item).getByText(/it is removed from this device/)).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: 'Discard the change' }));
    await screen.findByText('The change was discarded and the record removed from this device.');
    expect(await db.observation.get(observationId)).toBeUndefined();
  });
});

describe('conflicts', () => {
  it('shows the value that lost and takes it back as a new edit', async () => {
    await db.conflicts.add({ field: 'summary', yours: 'My long summary', kept: 'Their summary', seq: 5, entity: 'visit', id: VISIT_ID, at: minutesAgo(15) });
    await db.visit.update(VISIT_ID, { summary: 'Their summary' });
    const runner = fakeRunner();
    renderSignedIn(<SyncPage />, { db, runner });
    const heading = await screen.findByRole('heading', { level: 3, name: 'Visit to Espoo, 12 Dec 2025' });
    const item = heading.closest('li')!;
    expect(item.textContent).toContain('Summary: your value was replaced');
    expect(item.textContent).toContain('Your valueMy long summary');
    expect(item.textContent).toContain('Kept (current)Their summary');

    fireEvent.click(within(item).getByRole('button', { name: 'Take mine back' }));
    await screen.findByText('Your value is saved again and waits to be sent.');
    expect(await db.conflicts.count()).toBe(0);
    expect((await db.visit.get(VISIT_ID))?.summary).toBe('My long summary');
    const rows = await db.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'visit', id: VISIT_ID, op: 'upsert', baseVersion: 3, fields: { summary: 'My long summary' } });
    expect(runner.syncNow).toHaveBeenCalled();
  });

  it('keeps the current value when dismissed, queuing nothing', async () => {
    await db.conflicts.add({ field: 'summary', yours: 'Mine', kept: 'Theirs', seq: 5, entity: 'visit', id: VISIT_ID, at: minutesAgo(15) });
    renderSignedIn(<SyncPage />, { db, runner: fakeRunner() });
    fireEvent.click(await screen.findByRole('button', { name: 'Keep current' }));
    await screen.findByText('The current value is kept.');
    expect(await db.conflicts.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('the conflict note next to a field', () => {
  it('shows the replaced value and takes it back; it is gone once handled', async () => {
    await db.conflicts.add({ field: 'agenda', yours: 'My agenda', kept: 'Their agenda', seq: 5, entity: 'visit', id: VISIT_ID, at: minutesAgo(15) });
    renderSignedIn(
      <>
        <FieldConflict entity="visit" id={VISIT_ID} field="summary" />
        <FieldConflict entity="visit" id={VISIT_ID} field="agenda" />
      </>,
      { db, runner: fakeRunner() },
    );
    const note = (await screen.findByText('Your earlier value was replaced by a change from another device.')).closest('.field-conflict') as HTMLElement;
    expect(screen.getAllByRole('group')).toHaveLength(1);
    expect(note.textContent).toContain('Yours: My agenda');
    fireEvent.click(within(note).getByRole('button', { name: 'Take mine back' }));
    await waitFor(() => expect(screen.queryByRole('group')).toBeNull());
    expect((await db.visit.get(VISIT_ID))?.agenda).toBe('My agenda');
    expect((await db.outbox.toArray()).map((r) => (r.op === 'upsert' ? r.fields : null))).toEqual([{ agenda: 'My agenda' }]);
  });
});

describe('pending changes', () => {
  it('lists what waits, one entry per record, with what changed', async () => {
    await saveRecord(db, 'visit', VISIT_ID, { summary: 'New summary' });
    await saveRecord(db, 'visit', VISIT_ID, { agenda: 'New agenda' });
    renderSignedIn(<SyncPage />, { db, runner: fakeRunner() });
    const section = (await screen.findByRole('heading', { level: 2, name: 'Waiting to be sent' })).closest('section')!;
    await waitFor(() => expect(within(section).getAllByRole('listitem')).toHaveLength(1));
    expect(section.textContent).toContain('Visit to Espoo, 12 Dec 2025');
    expect(section.textContent).toContain('Changed: Summary, Agenda');
  });
});
