// The region's coverage in Chromium: an inspector with no network opens it from the navigation, follows
// a count to its municipality and hands the table to a spreadsheet as CSV; axe on the page.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUser, goOffline, openBrowser, signIn, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';
import { expectNoAxeViolations, planVisit, waitForReferenceData } from './visit-helpers.ts';

let server: TestServer;

describe('the region’s coverage', () => {
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('opens offline, counts, filters, exports the CSV and leads to the municipality', { timeout: 120_000 }, async () => {
    const inspector = await demoUser(server, 'inspector');
    const { context, page, close } = await openBrowser();
    try {
      await signIn(page, server, 'inspector');
      await waitForServiceWorkerControl(page);
      await waitForReferenceData(page, server.url);
      const year = new Date().getFullYear();
      const visit = await planVisit(page, server.url, {
        search: 'borg',
        municipality: /^Porvoo/,
        area: [/Substance-abuse prevention/, /Health and welfare promotion/],
        date: `${year}-01-02`,
      });
      await page.goto(visit.url);
      await page.getByRole('button', { name: 'Add a recommendation', exact: true }).click();
      await page.getByLabel('Recommendation', { exact: true }).fill('Convene the working group; agree its "annual plan".');
      await page.getByLabel('Due date (optional)').fill(`${year - 1}-12-01`);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await goOffline(context, server);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Region', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Coverage of the region' }).waitFor();
      const table = page.getByRole('table', { name: /^Coverage:/ });
      await table.waitFor();
      // Every municipality listed, most never visited: on a phone the table scrolls in its own box; the page itself never scrolls sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.setViewportSize({ width: 1280, height: 800 });
      const stat = (label: string) => page.locator('.region-stat').filter({ has: page.getByText(label, { exact: true }) }).textContent();
      expect(await stat('overdue recommendation')).toBe('1 overdue recommendation');
      expect(await stat('municipality visited in the period')).toBe('1 municipality visited in the period');

      await page.getByRole('radio', { name: /^Overdue recommendations/ }).check();
      await expect.poll(() => table.getByRole('rowheader').allTextContents()).toEqual(['Porvoo']);
      await page.locator('.region-map__svg').waitFor();
      await expectNoAxeViolations(page, 'the region’s coverage, filtered');
      if (process.env.SCREENSHOTS) {
        for (const [size, width, height] of [['phone', 390, 844], ['tablet', 820, 1180], ['desktop', 1366, 900]] as const) {
          await page.setViewportSize({ width, height });
          await page.screenshot({ path: `${process.env.SCREENSHOTS}/12-region-${size}.png`, fullPage: true });
        }
      }

      await page.getByLabel('CSV separator').selectOption(';');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      expect(download.suggestedFilename()).toBe(`coverage-esavi-${year}-01-01-${year}-12-31.csv`);
      const bytes = await readFile((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3).toString('utf8').split('\r\n')).toEqual([
        'Municipality code;Name (fi);Name (sv);Last visit;Status;Inspector;Visits in the period;Guidance in the period;Open recommendations;Overdue recommendations;Contact person;Reached by a network meeting in the period;Plans missing or overdue today (the welfare report and plan and the yearly welfare report always, the others when recorded)',
        `638;Porvoo;Borgå;${year}-01-02;Planned;${inspector.name};1;0;1;1;No;No;2`,
        '',
      ]);

      await table.getByRole('link', { name: 'Porvoo' }).click();
      await page.getByRole('heading', { level: 1, name: 'Porvoo' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/municipalities/638');

      // The follow-up register, still offline: the overdue recommendation first, marked in words; done from here.
      await page.goto(`${server.url}/region/follow-ups`);
      const register = page.getByRole('table', { name: 'Recommendations of the region' });
      const row = register.getByRole('row').filter({ hasText: 'Convene the working group' });
      await row.getByText('Overdue').waitFor();
      await expectNoAxeViolations(page, 'the follow-up register');
      if (process.env.SCREENSHOTS) {
        for (const [size, width, height] of [['phone', 390, 844], ['desktop', 1366, 900]] as const) {
          await page.setViewportSize({ width, height });
          await page.screenshot({ path: `${process.env.SCREENSHOTS}/13-follow-ups-${size}.png`, fullPage: true });
        }
      }
      await row.getByRole('button', { name: 'Mark done' }).click();
      // Open ones are shown by default: the done one leaves the list.
      await row.waitFor({ state: 'detached' });
    } finally {
      await close();
      server.assertAlive();
    }
  });
});
