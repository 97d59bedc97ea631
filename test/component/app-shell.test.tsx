import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { clear, get, set } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/app/App.tsx';
import { listUserDbNames, openUserDb } from '../../src/db/database.ts';
import type { LoginResponse } from '../../src/shared/auth.ts';

const coordinator: LoginResponse = {
  token: 'tok-c',
  user: { id: 'u-coord', username: 'coordinator', name: 'Cecilia Coordinator', role: 'coordinator', regionIds: ['avi-1'] },
  expiresAt: '2030-01-01T00:00:00.000Z',
};
const inspector: LoginResponse = {
  token: 'tok-i',
  user: { id: 'u-insp', username: 'inspector', name: 'Ilona Inspector', role: 'inspector', regionIds: ['avi-1'] },
  expiresAt: '2030-01-01T00:00:00.000Z',
};

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** A server that answers /api/me with the given status (200: the stored user), logout with 204. */
function server(meStatus: number, session: LoginResponse) {
  return vi.fn(async (path: string) => {
    if (path === '/api/me') {
      return meStatus === 200 ? json(200, { user: session.user }) : json(meStatus, { error: { code: 'UNAUTHENTICATED', message: 'Sign in' } });
    }
    if (path === '/api/auth/logout') return new Response(null, { status: 204 });
    return json(404, { error: { code: 'NOT_FOUND', message: 'No such path' } });
  });
}

beforeEach(async () => {
  await clear();
  await set('lang', 'en');
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the app shell', () => {
  it('opens signed in from the stored session, with the navigation for the role', async () => {
    await set('session', coordinator);
    vi.stubGlobal('fetch', server(200, coordinator));
    render(<App />);

    expect(await screen.findByText('Cecilia Coordinator')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link').map((a) => a.textContent);
    expect(links).toEqual(['Visits', 'Municipalities', 'Network', 'Region', 'Review', 'Settings']);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Visits');
    expect(within(nav).getByRole('link', { name: 'Visits' }).getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(window.location.pathname).toBe('/visits'));
    expect(screen.getByRole('status').textContent).toContain('Not synced yet');
    expect(await screen.findByText(/No visits on this device yet/)).toBeTruthy();
  });

  it('opens signed in with no network at all', async () => {
    await set('session', inspector);
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    render(<App />);
    expect(await screen.findByText('Ilona Inspector')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Review' })).toBeNull();
    expect(screen.queryByLabelText('Password')).toBeNull();
  });

  it('tells an inspector that the review page is not for their role', async () => {
    await set('session', inspector);
    vi.stubGlobal('fetch', server(200, inspector));
    window.history.replaceState(null, '', '/review');
    render(<App />);
    expect(await screen.findByText(/not available for your role/)).toBeTruthy();
  });

  it('moves between pages without a reload and shows a not-found page for unknown paths', async () => {
    await set('session', inspector);
    vi.stubGlobal('fetch', server(200, inspector));
    render(<App />);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    fireEvent.click(within(nav).getByRole('link', { name: 'Settings' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Settings'));
    expect(window.location.pathname).toBe('/settings');
    expect(document.title).toBe('Settings – Tillsyn');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 })));

    window.history.pushState(null, '', '/nowhere');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Page not found'));
    expect(screen.getByRole('link', { name: 'Go to the visits' })).toBeTruthy();
  });

  it('asks the same user to sign in again when the server turns the token down, keeping the local data', async () => {
    await set('session', inspector);
    const db = openUserDb(inspector.user.id);
    await db.meta.put({ key: 'marker', value: 1 });
    vi.stubGlobal('fetch', server(401, inspector));
    render(<App />);

    const username = (await screen.findByLabelText('Username')) as HTMLInputElement;
    expect(username.value).toBe('inspector');
    expect(username.readOnly).toBe(true);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sign in again');
    expect(await get('session')).toBeTruthy();
    expect((await openUserDb(inspector.user.id).meta.get('marker'))?.value).toBe(1);
  });

  it('signs out: deletes the user database and the session, then shows the sign-in page', async () => {
    await set('session', inspector);
    await openUserDb(inspector.user.id).meta.put({ key: 'marker', value: 1 });
    const fetchMock = server(200, inspector);
    vi.stubGlobal('fetch', fetchMock);
    render(<App />);

    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await screen.findByRole('button', { name: 'Sign in' });
    expect(await get('session')).toBeUndefined();
    expect(await listUserDbNames()).not.toContain('tillsyn-u-insp');
    expect(fetchMock.mock.calls.some(([path]) => path === '/api/auth/logout')).toBe(true);
    await waitFor(() => expect(window.location.pathname).toBe('/sign-in'));
  });
});
