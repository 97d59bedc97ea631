// The sync health of devices, from a stubbed GET /api/devices: the device that needs attention first and
// its warning in words, the counts at the top, an older app version marked in words; offline it says it
// needs a connection and reads the server once the connection is back; a refusal and a failure said.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openUserDb } from '../../src/db/database.ts';
import type { Session } from '../../src/db/session.ts';
import type { DevicesResponse } from '../../src/shared/device-report.ts';
import { DevicesPage } from '../../src/ui/features/devices/DevicesPage.tsx';
import { renderSignedIn } from './visit-fixtures.tsx';

const session: Session = {
  token: 'tok-coordinator',
  user: { id: 'u-kaisa', username: 'coordinator', name: 'Kaisa Korhonen', role: 'coordinator', regionIds: ['avi-1'] },
  expiresAt: '2030-01-01T00:00:00.000Z',
};

const NOW = '2026-03-10T12:00:00.000Z';
const daysAgo = (days: number, hours = 0) => new Date(Date.parse(NOW) - (days * 24 + hours) * 3600_000).toISOString();
const device = (clientId: string, fields: Partial<DevicesResponse['users'][number]['devices'][number]>) => ({
  clientId,
  appVersion: '0.1.0',
  browser: 'Chrome',
  os: 'Android',
  pending: 0,
  oldestPendingAt: null,
  rejected: 0,
  lastPushAt: null,
  lastPullAt: daysAgo(0, 2),
  reportedAt: daysAgo(0, 2),
  ...fields,
});
const user = (id: string, name: string, devices: ReturnType<typeof device>[], extra: { active?: boolean; role?: 'inspector' | 'coordinator' } = {}) => ({
  id,
  name,
  role: extra.role ?? ('inspector' as const),
  regionIds: ['avi-1'],
  active: extra.active ?? true,
  devices,
});

const answer: DevicesResponse = {
  now: NOW,
  serverVersion: '0.1.0',
  users: [
    user('u-aino', 'Aino Aalto', [device('0193a0c4-aaaa-7000-8000-000000000001', {})]),
    user('u-cecilia', 'Cecilia Berg', [], { role: 'coordinator' }),
    user('u-bertil', 'Bertil Nyström', [
      device('0193a0c4-bbbb-7000-8000-000000000002', { browser: 'Safari', os: 'iPadOS', lastPullAt: daysAgo(1, 3) }),
      device('0193a0c4-cccc-7000-8000-000000000003', {
        appVersion: '0.0.9',
        pending: 4,
        oldestPendingAt: daysAgo(6, 5),
        rejected: 1,
        lastPushAt: daysAgo(5, 2),
        lastPullAt: daysAgo(5, 1),
        reportedAt: daysAgo(5, 1),
      }),
    ]),
    user('u-dan', 'Dan Former', [device('0193a0c4-dddd-7000-8000-000000000004', { browser: null, os: null, pending: 2, oldestPendingAt: daysAgo(2), lastPullAt: daysAgo(2) })], { active: false }),
  ],
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function stubServer(...answers: (() => Response | Promise<Response>)[]) {
  const fetchMock = vi.fn(async (_input: string, _init: RequestInit) => (answers.length > 1 ? answers.shift()! : answers[0]!)());
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function render() {
  return renderSignedIn(<DevicesPage />, { db: openUserDb(`u-devices-${Math.random().toString(36).slice(2)}`), session });
}

const stat = (label: RegExp) => screen.getAllByRole('listitem').find((li) => li.classList.contains('devices-stat') && label.test(li.textContent ?? ''))?.textContent;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the sync health of devices', () => {
  it('puts the device that needs attention first, with its warning in words, and counts at the top', async () => {
    const fetchMock = stubServer(() => json(answer));
    render();
    await screen.findByRole('heading', { level: 2, name: 'Users and their devices' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [path, init] = fetchMock.mock.calls[0]!;
    expect(path).toBe('/api/devices');
    expect((init.headers as Record<string, string>)['Authorization']).toBe('Bearer tok-coordinator');

    // Bertil first (a device in need of attention), then by name, the user with no device last.
    const users = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(users).toEqual(['Bertil Nyström', 'Aino Aalto', 'Dan Former', 'Cecilia Berg']);

    const bertil = screen.getByRole('region', { name: 'Bertil Nyström' });
    const [first, second] = within(bertil).getAllByRole('listitem');
    expect(first!.textContent).toContain('Chrome on Android · device 0193a0c4');
    expect(first!.textContent).toContain('Warning: not synced for 5 days, with changes waiting to be sent.');
    expect(within(first!).getByText('Changes waiting').nextElementSibling!.textContent).toBe('4, the oldest made 6 days ago');
    expect(within(first!).getByText('Rejected changes waiting for the user').nextElementSibling!.textContent).toBe('1');
    expect(within(first!).getByText('App version').nextElementSibling!.textContent).toBe('0.0.9, older than the server’s 0.1.0');
    expect(within(first!).getByText('Last sync').nextElementSibling!.textContent).toMatch(/\(5 days ago\)$/);
    expect(second!.textContent).toContain('Safari on iPadOS');
    expect(second!.textContent).not.toContain('Warning');
    expect(within(second!).getByText('Last sync').nextElementSibling!.textContent).toMatch(/\(1 day ago\)$/);

    // Two days without a sync is not yet a warning; a disabled account is said in words.
    const dan = screen.getByRole('region', { name: 'Dan Former' });
    expect(dan.textContent).toContain('Account disabled');
    expect(dan.textContent).toContain('Unknown browser on an unknown system');
    expect(dan.textContent).not.toContain('Warning');
    expect(screen.getByRole('region', { name: 'Cecilia Berg' }).textContent).toContain('No device of this user has reported yet.');

    expect(stat(/no sync for/)).toBe('1 device with changes waiting and no sync for 3 days or more');
    expect(stat(/users?$/)).toBe('4 users');
    expect(stat(/^\d+ devices?$/)).toBe('4 devices');
    expect(stat(/changes waiting$/)).toBe('2 devices with changes waiting');
    expect(stat(/rejected/)).toBe('1 device with rejected changes');
    expect(stat(/older app/)).toBe('1 device on an older app version');
  });

  it('says offline that it needs a connection, reads the server when the connection is back, and keeps what it read when it goes again', async () => {
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const fetchMock = stubServer(() => json(answer));
    render();
    expect(screen.getByRole('status').textContent).toBe(
      'This page reads the server, and this device is offline. Connect to a network to see the sync health of devices.',
    );
    expect(fetchMock).not.toHaveBeenCalled();
    online.mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await screen.findByRole('heading', { level: 2, name: 'Users and their devices' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(/this device is offline/)).toBeNull();

    // Offline again: what was read stays, under the notice, and cannot be refreshed until back online.
    online.mockReturnValue(false);
    window.dispatchEvent(new Event('offline'));
    await screen.findByText(/this device is offline/);
    expect(screen.getByRole('heading', { level: 2, name: 'Users and their devices' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Refresh' }) as HTMLButtonElement).disabled).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('says when the server refuses, and when it cannot be reached, and tries again on request', async () => {
    const forbidden = stubServer(() => json({ error: { code: 'FORBIDDEN', message: 'For coordinators and admins' } }, 403));
    const first = render();
    expect((await screen.findByRole('alert')).textContent).toBe('The sync health of devices is shown to coordinators and administrators only.');
    expect(screen.queryByRole('button', { name: 'Refresh' })).toBeNull();
    expect(forbidden).toHaveBeenCalledTimes(1);
    first.unmount();

    const fetchMock = stubServer(
      () => Promise.reject(new TypeError('fetch failed')),
      () => json(answer),
    );
    render();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The server could not be reached. Check the connection and try again.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Refresh' }));
    await screen.findByRole('heading', { level: 2, name: 'Users and their devices' });
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
  });
});

describe('the way to the page', () => {
  it('is a link in the settings for an admin, and not for an inspector', async () => {
    const { SettingsPage } = await import('../../src/ui/features/settings/SettingsPage.tsx');
    const db = openUserDb(`u-settings-${Math.random().toString(36).slice(2)}`);
    const admin: Session = { ...session, user: { ...session.user, role: 'admin', username: 'admin' } };
    const shown = renderSignedIn(<SettingsPage />, { db, session: admin });
    const link = await screen.findByRole('link', { name: 'Sync health of devices' });
    expect(link.getAttribute('href')).toBe('/region/devices');
    expect(screen.getByRole('heading', { level: 2, name: 'Devices' })).toBeTruthy();
    shown.unmount();
    renderSignedIn(<SettingsPage />, { db, session: { ...session, user: { ...session.user, role: 'inspector' } } });
    await screen.findByRole('heading', { level: 2, name: 'Sync and unsent changes' });
    expect(screen.queryByRole('link', { name: 'Sync health of devices' })).toBeNull();
  });
});
