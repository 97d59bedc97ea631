// Sign-out with unsent changes: refused until they are sent or saved to a file that the user confirms;
// the file is then imported after signing in again. Also: a 401 from sync asks to sign in again,
// keeps the outbox, and sync resumes after the new sign-in.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { clear, get, set } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteUserDb, listUserDbNames, openUserDb } from '../../src/db/database.ts';
import { countDrafts, saveDraft } from '../../src/db/drafts.ts';
import type { LoginResponse } from '../../src/shared/auth.ts';
import { App } from '../../src/ui/app/App.tsx';
import { session, VISIT_ID } from './sync-fixtures.tsx';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

type Routes = Record<string, (init: RequestInit | undefined) => Response>;

/** A server: /api/me answers 200, logout 204, sync calls as the test says (503 unless told). */
function server(routes: Routes = {}) {
  return vi.fn(async (path: string, init?: RequestInit) => {
    const route = Object.keys(routes).find((p) => path.startsWith(p));
    if (route) return routes[route]!(init);
    if (path === '/api/me') return json(200, { user: session.user });
    if (path === '/api/auth/logout') return new Response(null, { status: 204 });
    return json(503, { error: { code: 'UNAVAILABLE', message: 'Down for maintenance' } });
  });
}

async function queueOne(): Promise<void> {
  const db = openUserDb(session.user.id);
  await db.outbox.add({ entity: 'visit', id: VISIT_ID, op: 'upsert', baseVersion: 3, fields: { summary: 'Typed offline' }, queuedAt: new Date().toISOString() });
}

let saved: Blob[] = [];

beforeEach(async () => {
  await deleteUserDb(session.user.id);
  await clear();
  await set('lang', 'en');
  await set('session', session);
  window.history.replaceState(null, '', '/');
  saved = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    saved.push(blob as Blob);
    return 'blob:test';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  // A browser saves a download link's file and stays on the page; happy-dom would follow the link
  // instead, leaving the page at "blob:test". The file is already captured above.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('signing out with unsent changes', () => {
  it('is refused: the dialog says how many, and the data stays', async () => {
    await queueOne();
    vi.stubGlobal('fetch', server());
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    const dialog = await screen.findByRole('dialog', { name: 'Unsent changes' });
    await within(dialog).findByText(/1 change made on this device has not reached the server/);
    // The sync loop loads after the app is on screen; its button comes with it.
    expect(await within(dialog).findByRole('button', { name: 'Sync now' })).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Sign out and remove data from this device' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stay signed in' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await get('session')).toBeTruthy();
    expect(await openUserDb(session.user.id).outbox.count()).toBe(1);
  });

  it('is allowed after exporting them to a file and confirming it holds them; the file imports after signing in', async () => {
    await queueOne();
    const fetchMock = server({ '/api/auth/login': () => json(200, { ...session, token: 'tok-new' }) });
    vi.stubGlobal('fetch', fetchMock);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    const dialog = await screen.findByRole('dialog', { name: 'Unsent changes' });
    await within(dialog).findByText(/1 change made on this device/);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Save unsent changes to a file' }));
    await within(dialog).findByText(/^Saved as tillsyn-unsent-.*\.json, with 1 change\./);
    const file = JSON.parse(await saved[0]!.text()) as { format: string; userId: string; outbox: { fields: unknown }[] };
    expect(file).toMatchObject({ format: 'tillsyn-unsent', version: 1, userId: session.user.id });
    expect(file.outbox).toHaveLength(1);
    expect(file.outbox[0]!.fields).toEqual({ summary: 'Typed offline' });

    // Without ticking the confirmation, nothing happens but a clear message.
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Sign out and remove data from this device' }));
    await within(dialog).findByText('Confirm that you have the file before signing out.');
    expect(await get('session')).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('checkbox', { name: /which holds my 1 unsent change/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign out and remove data from this device' }));
    await screen.findByRole('button', { name: 'Sign in' });
    expect(await get('session')).toBeUndefined();
    expect(await listUserDbNames()).not.toContain(`tillsyn-${session.user.id}`);

    // A fresh sign-in offers the import; the file queues the change again.
    fireEvent.input(screen.getByLabelText('Username'), { target: { value: 'inspector' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const offer = (await screen.findByRole('heading', { name: 'Unsent changes in a file?' })).closest('section')!;
    fireEvent.click(within(offer).getByRole('button', { name: 'Import a file' }));
    const input = within(offer).getByLabelText('File of unsent changes (.json)');
    Object.defineProperty(input, 'files', { value: [new File([await saved[0]!.text()], 'unsent.json', { type: 'application/json' })] });
    fireEvent.change(input);
    await within(offer).findByText('1 change from the file is queued to be sent.');
    const rows = await openUserDb(session.user.id).outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'visit', id: VISIT_ID, op: 'upsert', fields: { summary: 'Typed offline' } });
  });

  it('is guarded on the re-sign-in page too', async () => {
    await queueOne();
    vi.stubGlobal('fetch', server({ '/api/me': () => json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in' } }) }));
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Sign in again' });
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    const dialog = await screen.findByRole('dialog', { name: 'Unsent changes' });
    expect(within(dialog).getByText('Sign in again first: then they are sent.')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Sync now' })).toBeNull();
    expect(await get('session')).toBeTruthy();
    expect(await openUserDb(session.user.id).outbox.count()).toBe(1);
  });
});

describe('a 401 from sync', () => {
  it('asks to sign in again, keeps the outbox, and sync resumes after signing in', async () => {
    await queueOne();
    let authorised = false;
    const pushes: string[] = [];
    const fetchMock = server({
      '/api/auth/login': () => {
        authorised = true;
        return json(200, { ...session, token: 'tok-new' } satisfies LoginResponse);
      },
      '/api/sync/push': (init) => {
        const headers = new Headers(init?.headers);
        pushes.push(headers.get('Authorization') ?? '');
        if (!authorised) return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Token expired' } });
        const body = JSON.parse(String(init?.body)) as { mutations: { seq: number }[] };
        const seqs = body.mutations.map((m) => m.seq);
        return json(200, { lastSeq: Math.max(...seqs), version: 9, results: seqs.map((seq) => ({ seq, status: 'applied', version: 9 })) });
      },
      '/api/sync/pull': () => json(200, { changes: [], cursor: 'c1', hasMore: false }),
    });
    vi.stubGlobal('fetch', fetchMock);
    render(<App />);

    await screen.findByRole('heading', { level: 1, name: 'Sign in again' });
    expect(await openUserDb(session.user.id).outbox.count()).toBe(1);
    expect(await get('session')).toBeTruthy();

    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('navigation', { name: 'Main' });
    await waitFor(async () => expect(await openUserDb(session.user.id).outbox.count()).toBe(0));
    expect(pushes).toEqual(['Bearer tok-i', 'Bearer tok-new']);
  });
});

describe('signing out with unsaved drafts', () => {
  it('asks before the drafts go with the device’s data, and keeps them when the user stays', async () => {
    const db = openUserDb(session.user.id);
    await saveDraft(db, { type: 'observation', visitId: VISIT_ID, recordId: null }, { kind: 'concern', text: 'Half a thought', itemId: '' });
    vi.stubGlobal('fetch', server());
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    const dialog = await screen.findByRole('dialog', { name: 'Unsaved drafts' });
    expect(within(dialog).getByText(/is a draft that was never saved/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await get('session')).toBeTruthy();
    expect(await countDrafts(openUserDb(session.user.id))).toBe(1);

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'Unsaved drafts' })).getByRole('button', { name: 'Sign out and delete the drafts' }));
    await screen.findByRole('button', { name: 'Sign in' });
    expect(await get('session')).toBeUndefined();
  });
});
