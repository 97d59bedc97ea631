// Guidance between visits in Chromium: an inspector with no connection adds a contact person on a
// municipality's page and logs a call with her, with a follow-up agreed; after reconnecting, the
// coordinator sees the entry on the municipality page and its follow-up in the region's register, named as
// guidance, and marks it done there. axe on the section with its form open, on the log and on the register.
import { format } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goOffline, goOnline, openBrowser, signIn, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';
import { expectNoAxeViolations, syncNow, unsent, waitForReferenceData } from './visit-helpers.ts';

let server: TestServer;

/** The guidance section alone, at a phone's and a tablet's size, when SCREENSHOTS names a folder. */
async function screenshots(page: import('playwright-core').Page, name: string) {
  if (!process.env.SCREENSHOTS) return;
  // The app's header and navigation stay in place while the section scrolls by; left out, so it is seen whole.
  // Through the CSSOM: the app's Content Security Policy refuses a style element.
  const hide = (visibility: string) =>
    page.evaluate((v) => document.querySelectorAll<HTMLElement>('.app-header, .main-nav').forEach((el) => (el.style.visibility = v)), visibility);
  await hide('hidden');
  for (const [size, width, height] of [['phone', 390, 844], ['tablet', 820, 1180]] as const) {
    await page.setViewportSize({ width, height });
    await page.locator('section.guidance-section').screenshot({ path: `${process.env.SCREENSHOTS}/${name}-${size}.png` });
  }
  await hide('');
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('guidance between visits', () => {
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('is logged offline with a follow-up; the coordinator sees it on the municipality page and in the register after the inspector reconnects', { timeout: 180_000 }, async () => {
    const inspector = await openBrowser();
    const coordinator = await openBrowser();
    try {
      const { page, context } = inspector;
      await signIn(page, server, 'inspector');
      await waitForServiceWorkerControl(page);
      await waitForReferenceData(page, server.url);
      await goOffline(context, server);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Municipalities', exact: true }).click();
      await page.getByRole('link', { name: 'Porvoo', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Porvoo' }).waitFor();

      // A contact person first, so the guidance can name her.
      await page.getByRole('button', { name: 'Add a contact person' }).click();
      const contactForm = page.getByRole('form', { name: 'New contact person' });
      await contactForm.getByLabel(/^Name/).fill('Liisa Virtanen');
      await contactForm.getByLabel('Title').fill('Hyvinvointikoordinaattori');
      await contactForm.getByLabel('Health and welfare promotion').check();
      await contactForm.getByRole('button', { name: 'Add contact person' }).click();
      await page.getByText('Added Liisa Virtanen.').waitFor();

      const section = page.locator('section.guidance-section');
      await section.getByText('No guidance logged for this municipality on this device.').waitFor();
      await section.getByRole('button', { name: 'Log guidance' }).click();
      const form = page.getByRole('form', { name: 'Log guidance given' });
      expect(await form.getByLabel(/^Date/).inputValue()).toBe(format(new Date(), 'yyyy-MM-dd'));
      // Saved with no area and no topic: the errors in words, and nothing written.
      await form.getByRole('button', { name: 'Log guidance' }).click();
      await form.getByText('Choose at least one area.').waitFor();
      await form.getByText('Enter the topic (at most 300 characters).').waitFor();
      await expectNoAxeViolations(page, 'the guidance form with its errors');
      await screenshots(page, '30-guidance-form');

      await form.getByLabel('Channel').selectOption({ label: 'Phone' });
      await form.getByLabel('Health and welfare promotion').check();
      await form.getByLabel(/^Topic/).fill('Hyvinvointikertomuksen aikataulu');
      await form.getByLabel(/Liisa Virtanen/).check();
      await form.getByLabel('Notes').fill('Kertomus valtuustolle kesäkuussa.');
      await form.getByLabel('What was agreed').fill('Kaupunki lähettää kertomuksen luonnoksen');
      await form.getByLabel('Due date').fill('2030-05-31');
      await form.getByRole('button', { name: 'Log guidance' }).click();
      await page.getByText('Guidance logged: Hyvinvointikertomuksen aikataulu').waitFor();
      const entry = section.locator('.guidance-card').filter({ hasText: 'Hyvinvointikertomuksen aikataulu' });
      await entry.getByText('Liisa Virtanen').waitFor();
      await entry.getByText('Recorded by Ilona Virtanen').waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('municipality-guidance');
      await expectNoAxeViolations(page, 'the guidance log');
      await screenshots(page, '31-guidance-log');

      expect(await unsent(page)).toBe(2);
      await goOnline(context, server);
      await syncNow(page);
      await expect.poll(() => unsent(page)).toBe(0);

      // The coordinator, in a browser of their own: the entry on the municipality page…
      const c = coordinator.page;
      await signIn(c, server, 'coordinator');
      await c.goto(`${server.url}/municipalities/638`);
      const seen = c.locator('section.guidance-section .guidance-card').filter({ hasText: 'Hyvinvointikertomuksen aikataulu' });
      await seen.waitFor({ timeout: 30_000 });
      expect(await seen.textContent()).toContain('Liisa Virtanen, Hyvinvointikoordinaattori');
      expect(await seen.textContent()).toContain('Kaupunki lähettää kertomuksen luonnoksen');
      expect(await seen.textContent()).toContain('Recorded by Ilona Virtanen');

      // …and its follow-up in the register, as guidance, marked done there.
      await c.goto(`${server.url}/region/follow-ups`);
      const table = c.getByRole('table', { name: 'Recommendations of the region' });
      const row = table.getByRole('row').filter({ hasText: 'Kaupunki lähettää kertomuksen luonnoksen' });
      await row.getByRole('link', { name: /^Guidance on .+ by phone$/ }).waitFor({ timeout: 30_000 });
      expect(await row.getByRole('button', { name: /^Carry on/ }).count()).toBe(0);
      await expectNoAxeViolations(c, 'the follow-up register with a guidance row');
      await row.getByRole('button', { name: 'Mark done' }).click();
      await c.getByRole('status').filter({ hasText: 'Marked done: Kaupunki lähettää kertomuksen luonnoksen' }).waitFor();
      await syncNow(c);
      await expect.poll(() => unsent(c)).toBe(0);

      // The inspector's page follows once it syncs.
      await syncNow(page);
      await entry.getByText('Done', { exact: true }).waitFor({ timeout: 30_000 });
    } finally {
      await inspector.close();
      await coordinator.close();
      server.assertAlive();
    }
  });
});
