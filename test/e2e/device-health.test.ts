// The sync health of devices in Chromium: an inspector's tablet queues changes offline and syncs once,
// its push carrying the device's report (its changes waiting, the oldest's age, the app's version); the
// coordinator opens the page from the region page and finds that device with its figures; a device that
// needs attention comes first with its warning in words; offline the page says it needs a connection; axe.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeviceReport, type DeviceReport, type DevicesResponse } from '../../src/shared/device-report.ts';
import { demoUser, goOffline, goOnline, openBrowser, signIn, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';
import { answerAll, expectNoAxeViolations, planVisit, syncNow, unsent, waitForReferenceData } from './visit-helpers.ts';

const appVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('the sync health of devices', () => {
  it('shows the coordinator the inspector’s tablet as its last sync reported it', { timeout: 240_000 }, async () => {
    const inspector = await demoUser(server, 'inspector');
    const tablet = await openBrowser();
    const desk = await openBrowser();
    try {
      await signIn(tablet.page, server, 'inspector');
      await waitForServiceWorkerControl(tablet.page);
      await waitForReferenceData(tablet.page, server.url);
      await planVisit(tablet.page, server.url, { search: 'lahti', municipality: /^Lahti/, area: /Substance-abuse prevention/, date: '2025-09-15' });

      // Offline, the visit is started and answered: changes queue on the tablet.
      await goOffline(tablet.context, server);
      await tablet.page.getByRole('button', { name: 'Start the visit' }).click();
      await answerAll(tablet.page);
      await expect.poll(() => unsent(tablet.page)).toBeGreaterThan(0);
      const queued = await unsent(tablet.page);

      // Back online, one pass sends them; its push and pull each carry the device's report.
      const reports: { path: string; report: DeviceReport | null }[] = [];
      tablet.page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        if (!path.startsWith('/api/sync/')) return;
        const parsed = parseDeviceReport(request.headers()['x-device-report']);
        reports.push({ path, report: parsed.ok ? parsed.report : null });
      });
      await goOnline(tablet.context, server);
      await syncNow(tablet.page);
      await expect.poll(() => unsent(tablet.page)).toBe(0);
      const push = reports.find((r) => r.path === '/api/sync/push')?.report;
      expect(push).toMatchObject({ app: appVersion, pending: queued, rejected: 0 });
      expect(push?.oldest).toBeGreaterThanOrEqual(0);
      const pull = reports.filter((r) => r.path === '/api/sync/pull').at(-1)?.report;
      expect(pull).toEqual({ client: push!.client, app: appVersion, pending: 0, rejected: 0 });
      const shortId = push!.client.replace(/-/g, '').slice(0, 8);

      // The coordinator goes from the region page to the devices.
      await signIn(desk.page, server, 'coordinator');
      await desk.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Region', exact: true }).click();
      await desk.page.getByRole('link', { name: 'Sync health of devices' }).click();
      await desk.page.getByRole('heading', { level: 1, name: 'Sync health of devices' }).waitFor();
      const card = desk.page.getByRole('region', { name: inspector.name });
      const tabletItem = card.getByRole('listitem').filter({ hasText: `device ${shortId}` });
      await tabletItem.waitFor();
      expect(await tabletItem.locator('.devices-device-name').textContent()).toBe(`Chrome on Linux · device ${shortId}`);
      const fact = (term: string) => tabletItem.locator('div').filter({ has: desk.page.getByText(term, { exact: true }) }).locator('dd').textContent();
      expect(await fact('Changes waiting')).toBe('None');
      expect(await fact('Rejected changes waiting for the user')).toBe('None');
      expect(await fact('App version')).toBe(appVersion);
      expect(await fact('Last sync')).toMatch(/\(less than a day ago\)$/);
      expect(await tabletItem.textContent()).not.toContain('Warning');
      await expectNoAxeViolations(desk.page, 'the sync health of devices');

      // A device that has not synced for days with changes waiting (the server's answer given by the
      // test, a real device cannot be made days old here): first, with its warning in words.
      await desk.context.route(`${server.url}/api/devices`, async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as DevicesResponse;
        const day = 24 * 3600 * 1000;
        const at = (days: number) => new Date(Date.parse(body.now) - days * day).toISOString();
        const user = body.users.find((u) => u.id === inspector.id)!;
        user.devices.push({
          clientId: '7c3e9a10-5b2d-4e8f-9a61-2f4d8c0b1e77',
          appVersion: '0.0.9',
          browser: 'Samsung Internet',
          os: 'Android',
          pending: 12,
          oldestPendingAt: at(6),
          rejected: 2,
          lastPushAt: at(5),
          lastPullAt: at(4),
          reportedAt: at(4),
        });
        await route.fulfill({ response, json: body });
      });
      await desk.page.getByRole('button', { name: 'Refresh' }).click();
      const first = card.getByRole('listitem').first();
      await first.getByText('Warning:').waitFor();
      expect(await first.textContent()).toContain('Warning: not synced for 4 days, with changes waiting to be sent.');
      expect(await first.textContent()).toContain(`0.0.9, older than the server’s ${appVersion}`);
      expect(await desk.page.locator('.devices-stat-attention').textContent()).toBe('1 device with changes waiting and no sync for 3 days or more');
      await expectNoAxeViolations(desk.page, 'the sync health of devices, with a warning');
      if (process.env.SCREENSHOTS) {
        for (const [size, width, height] of [['phone', 390, 844], ['tablet', 820, 1180], ['desktop', 1366, 900]] as const) {
          await desk.page.setViewportSize({ width, height });
          await desk.page.screenshot({ path: `${process.env.SCREENSHOTS}/14-devices-${size}.png`, fullPage: true });
        }
      }

      // Offline, the page says it needs a connection.
      await goOffline(desk.context, server);
      await desk.page.getByText(/This page reads the server, and this device is offline/).waitFor();
    } finally {
      await tablet.close();
      await desk.close();
      server.assertAlive();
    }
  });
});
