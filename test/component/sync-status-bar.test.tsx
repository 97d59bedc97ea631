// The status bar: connection, pending changes and the oldest's age, the last sync, progress, problems
// in plain words, and rejected changes as a warning that leads to the sync page.
import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserDb } from '../../src/db/database.ts';
import { StatusBar } from '../../src/ui/features/sync/StatusBar.tsx';
import { fakeRunner, freshDb, minutesAgo, renderSignedIn, VISIT_ID } from './sync-fixtures.tsx';

let db: UserDb;
const bar = () => document.querySelector('.sync-status') as HTMLElement;

beforeEach(async () => {
  db = await freshDb();
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function queue(n: number, oldestMinutesAgo: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await db.outbox.add({
      entity: 'visit',
      id: VISIT_ID,
      op: 'upsert',
      baseVersion: 3,
      fields: { summary: `edit ${i}` },
      queuedAt: minutesAgo(i === 0 ? oldestMinutesAgo : 1),
    });
  }
}

describe('the status bar', () => {
  it('says when nothing has synced yet and nothing waits', async () => {
    renderSignedIn(<StatusBar />, { db, runner: fakeRunner() });
    await waitFor(() => expect(bar().textContent).toContain('Not synced yet'));
    expect(bar().textContent).toContain('Online');
    expect(bar().textContent).not.toContain('unsent');
  });

  it('counts the unsent changes and says how long the oldest has waited', async () => {
    await queue(3, 125);
    renderSignedIn(<StatusBar />, { db, runner: fakeRunner() });
    await waitFor(() => expect(bar().textContent).toContain('3 unsent changes, oldest about 2 hours ago'));
  });

  it('says one unsent change in the singular', async () => {
    await queue(1, 10);
    renderSignedIn(<StatusBar />, { db, runner: fakeRunner() });
    await waitFor(() => expect(bar().textContent).toContain('1 unsent change, made 10 minutes ago'));
  });

  it('tells when the last sync succeeded, from the runner or else from the database', async () => {
    await db.meta.put({ key: 'lastSyncAt', value: minutesAgo(60 * 26) });
    const runner = fakeRunner();
    renderSignedIn(<StatusBar />, { db, runner });
    await waitFor(() => expect(bar().textContent).toContain('Synced 1 day ago'));
    act(() => runner.set({ lastSuccessAt: minutesAgo(5) }));
    await waitFor(() => expect(bar().textContent).toContain('Synced 5 minutes ago'));
  });

  it('shows the progress of a pass: sending n of m, then receiving', async () => {
    const runner = fakeRunner({ status: 'running', progress: { phase: 'push', done: 120, total: 480 } });
    renderSignedIn(<StatusBar />, { db, runner });
    await waitFor(() => expect(bar().textContent).toContain('Sending 120 of 480'));
    act(() => runner.set({ progress: { phase: 'pull', done: 0, total: 1000 } }));
    await waitFor(() => expect(bar().textContent).toContain('Receiving…'));
    expect(bar().textContent).not.toContain('Sending');
  });

  it('keeps progress and ages out of the live region, so screen readers are not told every tick', async () => {
    await queue(2, 30);
    const runner = fakeRunner({ status: 'running', progress: { phase: 'push', done: 1, total: 2 }, lastSuccessAt: minutesAgo(5) });
    renderSignedIn(<StatusBar />, { db, runner });
    await waitFor(() => expect(bar().textContent).toContain('Sending 1 of 2'));
    const live = screen.getByRole('status');
    expect(live.getAttribute('aria-live')).toBe('polite');
    const before = live.textContent;
    expect(before).not.toMatch(/Sending|ago|unsent/);
    act(() => runner.set({ progress: { phase: 'push', done: 2, total: 2 } }));
    expect(screen.getByRole('status').textContent).toBe(before);
  });

  it('says offline plainly: changes are kept on this device', async () => {
    renderSignedIn(<StatusBar />, { db, runner: fakeRunner({ problem: { kind: 'offline' } }) });
    await waitFor(() => expect(bar().textContent).toContain('Offline: changes are kept on this device'));
    expect(screen.getByRole('status').textContent).toContain('Offline: changes are kept on this device');
  });

  it('asks to sign in again after a 401, and to update the app after a 426', async () => {
    const runner = fakeRunner({ problem: { kind: 'unauthorized' } });
    renderSignedIn(<StatusBar />, { db, runner });
    await waitFor(() => expect(bar().textContent).toContain('Sign in again to sync'));
    act(() => runner.set({ problem: { kind: 'schemaTooOld' } }));
    await waitFor(() => expect(bar().textContent).toContain('Update the app to sync'));
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();
  });

  it('after a failure, says when it retries and offers Sync now', async () => {
    const next = new Date();
    next.setHours(14, 5, 0, 0);
    const runner = fakeRunner({
      problem: { kind: 'server', status: 500, code: 'INTERNAL', message: 'Internal error' },
      failures: 2,
      nextAttemptAt: next.toISOString(),
    });
    renderSignedIn(<StatusBar />, { db, runner });
    await waitFor(() => expect(bar().textContent).toContain('Sync failed, retrying at 14:05'));
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(runner.syncNow).toHaveBeenCalledTimes(1);
    act(() => runner.set({ nextAttemptAt: null }));
    await waitFor(() => expect(bar().textContent).toContain('Sync failed'));
    expect(bar().textContent).not.toContain('retrying');
  });

  it('online but the server does not answer (a dead Wi-Fi): says so calmly, never a green "Online"', async () => {
    const next = new Date();
    next.setHours(14, 5, 0, 0);
    await db.meta.put({ key: 'lastSyncAt', value: minutesAgo(60 * 3) });
    const runner = fakeRunner({ problem: { kind: 'network', message: 'Failed to fetch' }, failures: 1, nextAttemptAt: next.toISOString() });
    renderSignedIn(<StatusBar />, { db, runner });
    await waitFor(() => expect(bar().textContent).toContain('Server not reachable: changes are kept on this device'));
    // How old the device's data is, rather than when the next attempt comes.
    await waitFor(() => expect(bar().textContent).toContain('Synced about 3 hours ago'));
    expect(bar().textContent).not.toMatch(/Online|Sync failed/);
    expect(bar().querySelector('.status-online')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('Server not reachable: changes are kept on this device');
    expect(screen.getByRole('status').textContent).not.toMatch(/Online|failed/);
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeTruthy();
    // A gateway that answers 502–504 for a server that is down means the same.
    act(() => runner.set({ problem: { kind: 'server', status: 502, code: 'HTTP_502', message: 'Bad Gateway' } }));
    await waitFor(() => expect(bar().textContent).toContain('Server not reachable'));
    act(() => runner.set({ problem: null, failures: 0, nextAttemptAt: null, lastSuccessAt: new Date().toISOString() }));
    await waitFor(() => expect(bar().textContent).toContain('Online'));
  });

  it('shows rejected changes as a warning that links to them on the sync page', async () => {
    const rejection = {
      entity: 'visit' as const,
      id: VISIT_ID,
      op: 'upsert' as const,
      baseVersion: 3,
      fields: { status: 'submitted' },
      queuedAt: minutesAgo(30),
      error: { code: 'INCOMPLETE' as const, message: 'Required items unanswered', details: { missing: ['EPT-02'] } },
      rejectedAt: minutesAgo(20),
      serverRecord: null,
    };
    await db.rejections.bulkPut([
      { ...rejection, seq: 4 },
      { ...rejection, seq: 5 },
    ]);
    renderSignedIn(<StatusBar />, { db, runner: fakeRunner() });
    const link = await screen.findByRole('link', { name: /2 rejected changes/ });
    expect(link.getAttribute('href')).toBe('/sync#rejected');
    expect(screen.getByRole('status').textContent).toContain('2 rejected changes');
  });
});
