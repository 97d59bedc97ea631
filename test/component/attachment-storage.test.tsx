// Settings' storage card and the add buttons, as the user reads them: the warning before the browser's
// quota runs out (in Settings, and after attaching a file), what photos and documents take on the
// device with those waiting to be sent, and removing fetched copies.
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { putFetchedBlob, putOwnBlob } from '../../src/db/blobs.ts';
import { openUserDb } from '../../src/db/database.ts';
import type { Session } from '../../src/db/session.ts';
import { StorageInfo } from '../../src/ui/features/settings/StorageInfo.tsx';
import { renderSignedIn } from './visit-fixtures.tsx';

const session: Session = {
  token: 'tok-inspector',
  user: { id: 'u-ilona', username: 'inspector', name: 'Ilona Virtanen', role: 'inspector', regionIds: ['avi-1'] },
  expiresAt: '2030-01-01T00:00:00.000Z',
};

let n = 0;
function stubStorage(usage: number, quota: number) {
  vi.stubGlobal('navigator', {
    ...navigator,
    storage: { estimate: async () => ({ usage, quota }), persisted: async () => false, persist: async () => true },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the storage card in Settings', () => {
  it('warns when the app has used most of what the browser allows it', async () => {
    stubStorage(850 * 1024 * 1024, 1000 * 1024 * 1024);
    const db = openUserDb(`storage-${++n}`);
    renderSignedIn(<StorageInfo askedAtSignIn={false} />, { db, session });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/This app has used 85% of the storage the browser allows it/);
  });

  it('says nothing of the kind while there is room', async () => {
    stubStorage(100 * 1024 * 1024, 1000 * 1024 * 1024);
    const db = openUserDb(`storage-${++n}`);
    renderSignedIn(<StorageInfo askedAtSignIn={false} />, { db, session });
    await screen.findByText(/10%/);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('counts the files waiting to be sent and removes only fetched copies', async () => {
    stubStorage(100, 1000);
    const db = openUserDb(`storage-${++n}`);
    await db.transaction('rw', db.blobs, () => putOwnBlob(db, 'a'.repeat(64), new Blob(['x'.repeat(2000)]), 'image/jpeg', new Date()));
    await putFetchedBlob(db, 'b'.repeat(64), new Blob(['y'.repeat(3000)]), 'image/jpeg', false, new Date());
    renderSignedIn(<StorageInfo askedAtSignIn={false} />, { db, session });
    await screen.findByText('2 files, 5 kB in all.');
    screen.getByText(/1 file waits to be sent \(2 kB\)/);
    fireEvent.click(screen.getByRole('button', { name: 'Remove fetched copies' }));
    await screen.findByText(/Removed 3 kB/);
    await waitFor(() => expect(screen.queryByText(/Copies fetched for viewing/)).toBeNull());
    expect(await db.blobs.count()).toBe(1);
    // The browser has not promised to keep the data: the user can ask.
    screen.getByRole('button', { name: 'Ask the browser to keep this app’s data' });
  });
});
