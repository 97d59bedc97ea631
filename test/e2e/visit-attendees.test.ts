// Visits use the contact directory, in Chromium against the real server: a coordinator adds two contact
// persons of Lahti; the inspector's device syncs them and, offline, plans a visit of substance-abuse
// prevention: the one of that area is offered first, neither is added until ticked, the ticked one fills
// an attendee row with their title; the other is added on the visit's details; the report lists both with
// their titles and organisations (in English and Finnish, on screen and on print media). Axe on each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { goOffline, goOnline, openBrowser, signIn, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';
import { expectNoAxeViolations, unsent, waitForReferenceData } from './visit-helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

const maija = { name: 'Maija Mallikas', title: 'Ehkäisevän päihdetyön koordinaattori', area: 'Substance-abuse prevention' };
const pekka = { name: 'Pekka Puro', title: 'Hyvinvointikoordinaattori', organisation: 'Päijät-Hämeen hyvinvointialue', area: 'Health and welfare promotion' };

async function addContact(page: Page, contact: { name: string; title: string; organisation?: string; area: string }): Promise<void> {
  await page.getByRole('button', { name: 'Add a contact person' }).click();
  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'New contact person' }) });
  await form.getByLabel(/^Name/).fill(contact.name);
  await form.getByLabel('Title').fill(contact.title);
  if (contact.organisation) await form.getByLabel('Organisation').fill(contact.organisation);
  await form.getByRole('checkbox', { name: contact.area }).check();
  await form.getByRole('button', { name: 'Add contact person' }).click();
  await page.getByText(`Added ${contact.name}.`).waitFor();
}

/** The report's attendees as rows of their cells' text. */
async function attendeeRows(page: Page, table: string): Promise<string[][]> {
  const rows = page.locator('.report-document').getByRole('table', { name: table }).getByRole('row');
  return rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim())));
}

describe('a visit’s attendees from the contact directory', () => {
  it('are offered offline when planning, added when ticked, and listed with their titles in the report', async () => {
    const desk = await openBrowser();
    const tablet = await openBrowser();
    try {
      // The coordinator keeps Lahti's contact persons up to date.
      await signIn(desk.page, server, 'coordinator');
      await desk.page.goto(`${server.url}/municipalities/398`);
      await addContact(desk.page, pekka);
      await addContact(desk.page, maija);
      await expect.poll(() => unsent(desk.page), { timeout: 30_000 }).toBe(0);

      // The inspector's tablet syncs them, then loses the network.
      await signIn(tablet.page, server, 'inspector');
      await waitForServiceWorkerControl(tablet.page);
      await waitForReferenceData(tablet.page, server.url);
      await tablet.page.setViewportSize({ width: 820, height: 1180 });
      await tablet.page.goto(`${server.url}/visits/new`);
      await tablet.page.getByRole('heading', { level: 1, name: 'Plan a guidance and supervision visit' }).waitFor();
      await goOffline(tablet.context, server);

      await tablet.page.getByLabel('Search for the municipality').fill('lahti');
      await tablet.page.getByRole('radio', { name: /^Lahti/ }).check();
      const directory = tablet.page.getByRole('group', { name: 'The municipality’s contact persons (Lahti)' });
      await directory.getByRole('checkbox', { name: pekka.name }).waitFor({ timeout: 30_000 });
      await tablet.page.getByRole('checkbox', { name: /Substance-abuse prevention/ }).check();
      // Maija works on the visit's area: offered first, as a suggestion, but not added.
      const suggested = directory.getByRole('list', { name: 'Suggested: contact persons of the visit’s areas' });
      await suggested.getByRole('checkbox', { name: maija.name }).waitFor();
      expect(await directory.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.id && document.querySelector(`label[for="${b.id}"] .directory-contact-name`)?.textContent))).toEqual([
        maija.name,
        pekka.name,
      ]);
      expect(await directory.getByRole('checkbox', { name: maija.name }).isChecked()).toBe(false);
      await tablet.page.getByText('No attendees added.').waitFor();
      await expectNoAxeViolations(tablet.page, 'the plan page with the contact persons offered');
      if (process.env.SCREENSHOTS) {
        // The page as the inspector sees it, scrolled to the contact persons.
        await directory.scrollIntoViewIfNeeded();
        await tablet.page.screenshot({ path: `${process.env.SCREENSHOTS}/30-plan-attendees-tablet.png` });
        await tablet.page.setViewportSize({ width: 390, height: 844 });
        await directory.scrollIntoViewIfNeeded();
        await tablet.page.screenshot({ path: `${process.env.SCREENSHOTS}/31-plan-attendees-phone.png` });
        await tablet.page.setViewportSize({ width: 820, height: 1180 });
      }
      // Each name is a whole touch target.
      const box = await directory.locator('label', { hasText: maija.name }).boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);

      // Ticked with the keyboard: a row with name, title and, as she has no organisation, the municipality.
      await directory.getByRole('checkbox', { name: maija.name }).focus();
      await tablet.page.keyboard.press('Space');
      const row = tablet.page.getByRole('group', { name: 'Attendee 1' });
      expect(await row.getByLabel('Name').inputValue()).toBe(maija.name);
      expect(await row.getByLabel('Role (optional)').inputValue()).toBe(maija.title);
      expect(await row.getByLabel('Organisation (optional)').inputValue()).toBe('Lahti');
      await directory.getByRole('status').getByText(`${maija.name} added to the attendees.`).waitFor();
      await expectNoAxeViolations(tablet.page, 'the plan page with a contact person added');
      if (process.env.SCREENSHOTS) {
        await tablet.page.setViewportSize({ width: 390, height: 844 });
        await directory.screenshot({ path: `${process.env.SCREENSHOTS}/32-plan-attendee-added-phone.png` });
        await tablet.page.setViewportSize({ width: 820, height: 1180 });
      }
      await tablet.page.getByLabel('Planned date').fill('2025-10-07');
      await tablet.page.getByRole('button', { name: 'Save the visit' }).click();
      await tablet.page.waitForURL(/\/visits\/[0-9a-f-]{36}$/);
      await tablet.page.getByRole('region', { name: 'Progress' }).waitFor();

      // On the visit's details: Maija shown as added, Pekka added too.
      await tablet.page.getByRole('button', { name: 'Edit details' }).click();
      const details = tablet.page.getByRole('region', { name: 'Details of the visit' });
      const visitDirectory = details.getByRole('group', { name: 'The municipality’s contact persons (Lahti)' });
      expect(await visitDirectory.getByRole('checkbox', { name: maija.name }).isChecked()).toBe(true);
      await visitDirectory.getByRole('checkbox', { name: pekka.name }).check();
      expect(await details.getByRole('group', { name: 'Attendee 2' }).getByLabel('Name').inputValue()).toBe(pekka.name);
      await expectNoAxeViolations(tablet.page, 'the visit’s details with the contact persons offered');
      await details.getByRole('button', { name: 'Done' }).click();
      await tablet.page.locator('.visit-facts').getByText(`${pekka.name}, ${pekka.title}, ${pekka.organisation}`).waitFor();

      // The report, still offline: a row per attendee with their title and organisation.
      await tablet.page.getByRole('link', { name: 'Report' }).click();
      await tablet.page.locator('.report-document').waitFor();
      expect(await attendeeRows(tablet.page, 'Attendees')).toEqual([
        ['Name', 'Title', 'Organisation'],
        [maija.name, maija.title, 'Lahti'],
        [pekka.name, pekka.title, pekka.organisation],
      ]);
      await tablet.page.getByLabel('Language of the report').selectOption('fi');
      await tablet.page.locator('.report-document').getByRole('table', { name: 'Osallistujat' }).waitFor();
      expect((await attendeeRows(tablet.page, 'Osallistujat'))[0]).toEqual(['Nimi', 'Tehtävä', 'Organisaatio']);
      await expectNoAxeViolations(tablet.page, 'the report with its attendees in Finnish');
      // On paper the table stays, the app's chrome goes.
      await tablet.page.emulateMedia({ media: 'print' });
      expect(await tablet.page.locator('.report-attendees').isVisible()).toBe(true);
      expect(await tablet.page.locator('.app-header').isVisible()).toBe(false);
      if (process.env.SCREENSHOTS) await tablet.page.locator('.report-attendees').screenshot({ path: `${process.env.SCREENSHOTS}/33-report-attendees-print.png` });
      await tablet.page.emulateMedia({ media: 'screen' });

      // Back online, the visit with its attendees reaches the server.
      await goOnline(tablet.context, server);
      await expect.poll(() => unsent(tablet.page), { timeout: 30_000 }).toBe(0);
    } finally {
      await desk.close();
      await tablet.close();
      server.assertAlive();
    }
  });
});
