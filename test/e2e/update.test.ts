// A new version of the service worker: the user is asked, and the page reloads only when they accept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { controllingVersion, openBrowser, publishNewServiceWorker, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
  // The version every test starts from, marked so that controllingVersion can tell it apart.
  await publishNewServiceWorker(server, 'rev 1');
});

afterAll(async () => {
  await server?.stop();
});

/** What the browser would do on its own within the hour: ask the server whether sw.js changed. */
async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    await registration.update();
  });
}

const prompt = (page: Page) => page.getByText('A new version of Tillsyn is available.');

describe('updating Tillsyn', () => {
  it('offers a new version, keeps what was typed, and switches over only when the user accepts', async () => {
    const { page, close } = await openBrowser();
    try {
      await page.goto(server.url);
      await waitForServiceWorkerControl(page);
      const username = page.getByLabel('Username', { exact: true });
      await username.fill('half-typed');

      await publishNewServiceWorker(server, 'rev 2');
      await checkForUpdate(page);
      await prompt(page).waitFor();
      // The prompt came without a reload: what the user typed is still there.
      expect(await username.inputValue()).toBe('half-typed');
      expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).waiting !== null)).toBe(true);

      expect(await controllingVersion(page)).toBe('rev 1');

      await page.evaluate(() => Object.assign(window, { e2eOldDocument: true }));
      const reloaded = page.waitForEvent('load');
      await page.getByRole('button', { name: 'Update now' }).click();
      await reloaded;

      await username.waitFor();
      expect(await page.evaluate(() => 'e2eOldDocument' in window)).toBe(false);
      // The new version is active and controls the reloaded page; none is left waiting.
      await waitForServiceWorkerControl(page);
      expect(await controllingVersion(page)).toBe('rev 2');
      expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).waiting !== null)).toBe(false);
      expect(await prompt(page).count()).toBe(0);
    } finally {
      await close();
      server.assertAlive();
    }
  });

  it('"Later" hides the prompt, and the waiting version is offered again on the next visit', async () => {
    const { page, close } = await openBrowser();
    try {
      await page.goto(server.url);
      await waitForServiceWorkerControl(page);
      await publishNewServiceWorker(server, 'rev later');
      await checkForUpdate(page);
      await prompt(page).waitFor();

      await page.getByRole('button', { name: 'Later' }).click();
      await prompt(page).waitFor({ state: 'hidden' });
      expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).waiting !== null)).toBe(true);

      await page.reload();
      await prompt(page).waitFor();
    } finally {
      await close();
      server.assertAlive();
    }
  });

  it('notices a version deployed since the last visit when the app is opened again', async () => {
    const { page, close } = await openBrowser();
    try {
      await page.goto(server.url);
      await waitForServiceWorkerControl(page);
      await publishNewServiceWorker(server, 'rev next-visit');
      // No check by the page: the browser looks for a new sw.js itself when the app is opened.
      await page.reload();
      await prompt(page).waitFor();
      const reloaded = page.waitForEvent('load');
      await page.getByRole('button', { name: 'Update now' }).click();
      await reloaded;
      await waitForServiceWorkerControl(page);
      expect(await controllingVersion(page)).toBe('rev next-visit');
      expect(await prompt(page).count()).toBe(0);
    } finally {
      await close();
      server.assertAlive();
    }
  });
});
