// Importing a file of unsent changes on the sync page: a good file queues its changes again; another
// user's file, a damaged one, or one imported before is named as such and changes nothing.
import { fireEvent, screen, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import type { UserDb } from '../../src/db/database.ts';
import { SyncPage } from '../../src/ui/features/sync/SyncPage.tsx';
import { fakeRunner, freshDb, renderSignedIn, session, VISIT_ID } from './sync-fixtures.tsx';

let db: UserDb;

beforeEach(async () => {
  db = await freshDb();
});

const OBSERVATION_ID = '0193a0c4-5b6d-7e8f-9a0b-00000000000a';

function unsentFile(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'tillsyn-unsent',
    version: 1,
    userId: session.user.id,
    clientId: '0193a0c4-0000-7000-8000-000000000001',
    exportedAt: '2025-12-12T14:05:00.000Z',
    outbox: [
      { seq: 12, entity: 'visit', id: VISIT_ID, op: 'upsert', baseVersion: 3, fields: { summary: 'Written on the old tablet' }, queuedAt: '2025-12-12T13:00:00.000Z' },
      {
        seq: 14,
        entity: 'observation',
        id: OBSERVATION_ID,
        op: 'upsert',
        baseVersion: null,
        fields: { visitId: VISIT_ID, kind: 'concern', text: 'No working group since 2023' },
        queuedAt: '2025-12-12T13:10:00.000Z',
      },
    ],
    rejections: [
      {
        seq: 13,
        entity: 'visit',
        id: VISIT_ID,
        op: 'upsert',
        baseVersion: 3,
        fields: { status: 'submitted' },
        queuedAt: '2025-12-12T13:05:00.000Z',
        error: { code: 'INCOMPLETE', message: 'Required items unanswered', details: { missing: ['EPT-02'] } },
        rejectedAt: '2025-12-12T13:06:00.000Z',
        serverRecord: null,
      },
    ],
    ...patch,
  };
}

async function choose(content: string): Promise<HTMLElement> {
  renderSignedIn(<SyncPage />, { db, runner: fakeRunner() });
  const input = await screen.findByLabelText('File of unsent changes (.json)');
  Object.defineProperty(input, 'files', { value: [new File([content], 'unsent.json', { type: 'application/json' })], configurable: true });
  fireEvent.change(input);
  return input.closest('.sync-import') as HTMLElement;
}

async function nothingChanged(): Promise<void> {
  expect(await db.outbox.count()).toBe(0);
  expect((await db.visit.get(VISIT_ID))?.summary).toBe('Working group meets twice a year.');
  expect(await db.observation.get(OBSERVATION_ID)).toBeUndefined();
}

describe('importing a file of unsent changes', () => {
  it('queues every change again, in the order they were made, and shows them on the device', async () => {
    const area = await choose(JSON.stringify(unsentFile()));
    await within(area).findByText('3 changes from the file are queued to be sent.');
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => [r.entity, r.op === 'upsert' ? Object.keys(r.fields) : []])).toEqual([
      ['visit', ['summary']],
      ['visit', ['status']],
      ['observation', ['visitId', 'kind', 'text']],
    ]);
    expect(rows[0]).toMatchObject({ baseVersion: 3, queuedAt: '2025-12-12T13:00:00.000Z' });
    expect((await db.visit.get(VISIT_ID))?.summary).toBe('Written on the old tablet');
    expect((await db.observation.get(OBSERVATION_ID))?.text).toBe('No working group since 2023');
  });

  it('refuses another user’s file, saying so, and changes nothing', async () => {
    const area = await choose(JSON.stringify(unsentFile({ userId: 'u-someone-else' })));
    const alert = await within(area).findByRole('alert');
    expect(alert.textContent).toBe('The file holds another user’s changes, so it cannot be imported here. Nothing was changed. That user must sign in and import it.');
    await nothingChanged();
  });

  it('refuses a damaged file, saying so, and changes nothing', async () => {
    const damaged = unsentFile();
    (damaged['outbox'] as Record<string, unknown>[])[1]!['queuedAt'] = 'yesterday';
    const area = await choose(JSON.stringify(damaged));
    expect((await within(area).findByRole('alert')).textContent).toContain('The file is damaged: parts of it are missing or changed. Nothing was changed.');
    await nothingChanged();
  });

  it('refuses a file cut short, and a file of another kind', async () => {
    const text = JSON.stringify(unsentFile());
    const area = await choose(text.slice(0, text.length / 2));
    expect((await within(area).findByRole('alert')).textContent).toContain('it could not be read. Nothing was changed.');
    const input = within(area).getByLabelText('File of unsent changes (.json)');
    Object.defineProperty(input, 'files', { value: [new File(['{"name":"tillsyn","version":"0.1.0"}'], 'package.json')], configurable: true });
    fireEvent.change(input);
    await within(area).findByText('This is not a file of unsent Tillsyn changes. Nothing was changed.');
    await nothingChanged();
  });

  it('does not queue the same file twice', async () => {
    const area = await choose(JSON.stringify(unsentFile()));
    await within(area).findByText('3 changes from the file are queued to be sent.');
    const input = within(area).getByLabelText('File of unsent changes (.json)');
    Object.defineProperty(input, 'files', { value: [new File([JSON.stringify(unsentFile())], 'unsent.json')], configurable: true });
    fireEvent.change(input);
    await within(area).findByText('This file has already been imported on this device. Nothing was changed.');
    expect(await db.outbox.count()).toBe(3);
  });
});
