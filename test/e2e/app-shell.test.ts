// The app shell in Chromium against the real server: sign in, then keep working with no network.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cachedUrls,
  cutServerOff,
  demoUser,
  goOffline,
  goOnline,
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

  it('reopens signed in with no way to the server, says so calmly, and opens deep links from the service worker', async () => {
    const { context, page, close } = await openBrowser();
    try {
      await signIn(page, server, 'inspector');
      await waitForServiceWorkerControl(page);
      // The first sync brings the reference data; the time it finished is kept on the device.
      const bar = page.locator('.status-bar');
      await bar.getByText(/Synced/).first().waitFor({ timeout: 30_000 });

      await bar.locator('.status-online').getByText('Online', { exact: true }).waitFor();

      // A dead Wi-Fi: the browser says online, but nothing reaches the server. Reloaded like that, the
      // service worker serves the app, the stored session keeps the user signed in, and the status bar
      // says calmly that the server cannot be reached, with the age of the device's data.
      await cutServerOff(context, server);
      await page.reload();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await page.getByRole('banner').getByText(inspector.name).waitFor();
      await bar.locator('.status-unreachable').getByText('Server not reachable: changes are kept on this device').waitFor({ timeout: 30_000 });
      await bar.getByText(/Synced/).first().waitFor();
      expect(await bar.locator('.status-online').count()).toBe(0);
      expect(await bar.getByText(/Sync failed/).count()).toBe(0);

      // A deep link, loaded from scratch with no way to the server: the service worker answers with index.html.
      await page.goto(`${server.url}/settings`);
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      await page.getByRole('banner').getByText(inspector.name).waitFor();

      // The way back: the network returns, and it is online again.
      await goOnline(context, server);
      // The loop may be mid-retry (the button then hides), so wake it as a returning network does.
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await bar.locator('.status-online').getByText('Online', { exact: true }).waitFor({ timeout: 30_000 });
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

      // Cut off, an API request fails instead of being answered from a cache.
      await goOffline(context, server);
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
