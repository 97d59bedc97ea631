// The service worker's notices on the page: "ready to work offline" once, and "Install app".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('PWA notices', () => {
  it('says once, after the first install, that Tillsyn works offline', async () => {
    const { page, close } = await openBrowser();
    try {
      await page.goto(server.url);
      await waitForServiceWorkerControl(page);
      const notice = page.getByText('Tillsyn is ready to work offline.');
      await notice.waitFor();
      await page.getByRole('button', { name: 'OK', exact: true }).click();
      await notice.waitFor({ state: 'hidden' });

      // Installed afresh on the same device (the worker removed, storage kept): no second notice.
      await page.evaluate(async () => {
        for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
      });
      await page.reload();
      await waitForServiceWorkerControl(page);
      // The app reads its "shown" flag (idb-keyval) when the worker installs, before it controls the
      // page. A write to the same store waits for that read, so once it is done the app has decided.
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('keyval-store');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('keyval', 'readwrite');
              tx.objectStore('keyval').put(true, 'e2e:after-install');
              tx.oncomplete = () => resolve();
              tx.onerror = () => reject(tx.error);
            };
          }),
      );
      expect(await notice.count()).toBe(0);
    } finally {
      await close();
      server.assertAlive();
    }
  });

  it('offers "Install app" where the browser allows installing', async () => {
    const { page, close } = await openBrowser();
    try {
      await page.goto(server.url);
      await waitForServiceWorkerControl(page);
      await page.getByRole('button', { name: 'Install app' }).waitFor();
    } finally {
      await close();
      server.assertAlive();
    }
  });
});
