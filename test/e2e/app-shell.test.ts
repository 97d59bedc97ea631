// The app shell in Chromium against the real server: sign in, then keep working with no network.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cachedUrls,
  demoUser,
  openBrowser,
  signIn,
  startServer,
  waitForServiceWorkerControl,
  type LoggedInUser,
  type TestServer,
} from './harness.ts';

let server: TestServer;
let inspector: LoggedInUser;

beforeAll(async () => {
  server = await startServer();
  inspector = await demoUser(server, 'inspector');
});

afterAll(async () => {
  await server?.stop();
});

describe('the app shell', () => {
  it('signs an inspector in and shows their name and the main navigation', async () => {
    const { page, close } = await openBrowser();
    try {
      await signIn(page, server, 'inspector');
      await page.getByRole('banner').getByText(inspector.name).waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const name of ['Visits', 'Municipalities', 'Settings']) {
        expect(await nav.getByRole('link', { name, exact: true }).count(), `nav link ${name}`).toBe(1);
      }
      // Review is for coordinators and admins only.
      expect(await nav.getByRole('link', { name: 'Review', exact: true }).count()).toBe(0);
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Online' }).first().waitFor();
    } finally {
      await close();
      server.assertAlive();
    }
  });

  it('reopens offline, still signed in, and opens deep links from the service worker', async () => {
    const { context, page, close } = await openBrowser();
    try {
      await signIn(page, server, 'inspector');
      await waitForServiceWorkerControl(page);
      // The first sync brings the reference data; the time it finished is kept on the device.
      await page.locator('.status-bar').getByText(/Synced/).first().waitFor({ timeout: 30_000 });

      await context.setOffline(true);
      await page.reload();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await page.getByRole('banner').getByText(inspector.name).waitFor();
      await page.getByRole('status').filter({ hasText: 'Offline' }).first().waitFor();
      await page.locator('.status-bar').getByText(/Synced/).first().waitFor();

      // A deep link, loaded from scratch with no network: the service worker answers with index.html.
      await page.goto(`${server.url}/settings`);
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      await page.getByRole('banner').getByText(inspector.name).waitFor();
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    } finally {
      await close();
      server.assertAlive();
    }
  });

  it('never keeps /api/ answers in the service worker caches', async () => {
    const { context, page, close } = await openBrowser();
    try {
      await signIn(page, server, 'inspector');
      await waitForServiceWorkerControl(page);
      // Use the app a little, so any API call it makes would have had the chance to be cached.
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const name of ['Municipalities', 'Settings', 'Visits']) {
        await nav.getByRole('link', { name, exact: true }).click();
        await page.getByRole('heading', { level: 1 }).waitFor();
      }
      await page.reload();
      await nav.waitFor();
      expect(await page.evaluate(async () => (await fetch('/api/health')).ok)).toBe(true);

      const urls = await cachedUrls(page);
      expect(urls.some((url) => new URL(url).pathname === '/index.html')).toBe(true);
      expect(urls.filter((url) => new URL(url).pathname.startsWith('/api'))).toEqual([]);

      // Offline, an API request fails instead of being answered from a cache.
      await context.setOffline(true);
      const offlineAnswer = await page.evaluate(async () => {
        try {
          const response = await fetch('/api/health');
          return `answered ${response.status}`;
        } catch {
          return 'network error';
        }
      });
      expect(offlineAnswer).toBe('network error');
    } finally {
      await close();
      server.assertAlive();
    }
  });
});
