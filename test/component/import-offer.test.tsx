// The offer to import a file of unsent changes after a fresh sign-in shows only when this user signed
// out here with unsent changes saved to a file; a device that never held any offers nothing.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { clear, set } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteUserDb, openUserDb } from '../../src/db/database.ts';
import { importOffered } from '../../src/db/outbox-file.ts';
import { App } from '../../src/ui/app/App.tsx';
import { noteUnsentFileSaved } from '../../src/db/session.ts';
import { session } from './sync-fixtures.tsx';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Sign-in succeeds; /api/me knows the user; sync is down, so nothing else happens. */
function server() {
  return vi.fn(async (path: string) => {
    if (path === '/api/auth/login') return json(200, session);
    if (path === '/api/me') return json(200, { user: session.user });
    return json(503, { error: { code: 'UNAVAILABLE', message: 'Down for maintenance' } });
  });
}

async function signIn(): Promise<void> {
  render(<App />);
  fireEvent.input(await screen.findByLabelText('Username'), { target: { value: 'inspector' } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'secret' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByText('Ilona Inspector');
}

beforeEach(async () => {
  await deleteUserDb(session.user.id);
  await clear();
  await set('lang', 'en');
  window.history.replaceState(null, '', '/');
  vi.stubGlobal('fetch', server());
});

afterEach(() => {
  // The app goes first: its sync loop must not outlive the stubbed network and reach for a real one.
  cleanup();
  vi.unstubAllGlobals();
});

describe('the import offer after signing in', () => {
  it('is not shown on the first sign-in of a device that never had unsent changes', async () => {
    await signIn();
    await screen.findByText(/No visits on this device yet/);
    // The offer is decided right after sign-in and its part loads lazily: give both time to show up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(screen.queryByRole('heading', { name: 'Unsent changes in a file?' })).toBeNull();
    expect(await importOffered(openUserDb(session.user.id))).toBe(false);
  });

  it('is shown once when this user signed out here with unsent changes saved to a file', async () => {
    await noteUnsentFileSaved(session.user.id);
    await signIn();
    expect(await screen.findByRole('heading', { name: 'Unsent changes in a file?' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(await importOffered(openUserDb(session.user.id))).toBe(false);
  });
});
