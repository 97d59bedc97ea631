// The visit's whole second edition in Chromium against the real server: an admin sets the agency's name
// and logo; an inspector plans a two-area visit on a phone-sized page, fills it offline (a statutory "no"
// with its recommendation), submits; the coordinator returns it, the inspector corrects and submits
// again in one step, the coordinator approves; the report, in Finnish and in Swedish, is the agency's
// document (name, logo, diary number, approver, legal bases in its language) and prints to a PDF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { goOffline, goOnline, openBrowser, signIn, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';
import { answerAll, expectNoAxeViolations, item, planVisit, syncNow, unsent, waitForReferenceData } from './visit-helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

const agency = { fi: 'Lupa- ja valvontavirasto', sv: 'Tillstånds- och tillsynsverket', en: 'Permit and Supervision Agency' };
const diaryNumber = 'LVV/2025/481';
/** A 1×1 PNG: the logo. */
const logo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const reason = 'Kirjaa työryhmän kokoonpano kohtaan EPT-02.';
const duty = 'Kunnan on nimettävä päätöksellä ehkäisevästä päihdetyöstä vastaava toimielin.';

/** Words of the app's English that must not show on a Finnish page. */
const english = ['the', 'and', 'of', 'yes', 'no', 'partly', 'answer', 'comment', 'recommendation', 'recommendations', 'visit', 'report', 'page', 'draft', 'approved', 'not'];

async function expectNoEnglish(page: Page, where: string): Promise<void> {
  const text = await page.locator('.report-document').innerText();
  const words = new Set(text.toLowerCase().split(/[^\p{L}]+/u));
  expect(english.filter((w) => words.has(w)), `English on ${where}`).toEqual([]);
}

describe('the agency’s report of a two-area visit', () => {
  it('is set up by an admin, filled offline on a phone, returned, corrected, approved and printed in Finnish and Swedish', async () => {
    const admin = await openBrowser();
    const phone = await openBrowser();
    const desk = await openBrowser();
    const cspRefusals: string[] = [];
    desk.page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspRefusals.push(m.text());
    });
    try {
      // The admin names the agency in three languages and gives its logo.
      await signIn(admin.page, server, 'admin');
      await admin.page.goto(`${server.url}/settings`);
      const settings = admin.page.getByRole('region', { name: 'The agency on reports' });
      await settings.getByLabel('Name in Finnish').fill(agency.fi);
      await settings.getByLabel('Name in Swedish').fill(agency.sv);
      await settings.getByLabel('Name in English').fill(agency.en);
      await settings.getByLabel('Logo (optional)').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
      await settings.getByRole('img', { name: 'The logo as reports will show it' }).waitFor();
      await expectNoAxeViolations(admin.page, 'the settings with the agency form');
      if (process.env.SCREENSHOTS) {
        await admin.page.setViewportSize({ width: 390, height: 844 });
        await settings.screenshot({ path: `${process.env.SCREENSHOTS}/10-agency-settings-phone.png` });
        await admin.page.setViewportSize({ width: 1366, height: 900 });
      }
      await settings.getByRole('button', { name: 'Save' }).click();
      await settings.getByText(/Saved on this device/).waitFor();
      await expect.poll(() => unsent(admin.page), { timeout: 30_000 }).toBe(0);

      // The inspector plans a visit of two areas, then fills it on a phone with no network.
      await signIn(phone.page, server, 'inspector');
      await waitForServiceWorkerControl(phone.page);
      await waitForReferenceData(phone.page, server.url);
      const visit = await planVisit(phone.page, server.url, {
        search: 'lahti',
        municipality: /^Lahti/,
        area: [/Substance-abuse prevention/, /Health and welfare promotion/],
        date: '2025-09-15',
        diaryNumber,
      });
      await phone.page.setViewportSize({ width: 390, height: 844 });
      await goOffline(phone.context, server);
      await phone.page.getByRole('button', { name: 'Start the visit' }).click();
      await answerAll(phone.page);
      // A statutory duty not met: the answer needs a comment and offers its recommendation.
      const first = item(phone.page, 'EPT-01');
      await first.getByRole('button', { name: 'No', exact: true }).click();
      const comment = first.getByLabel('Comment (needed for this answer)');
      await comment.fill('Toimielintä ei ole nimetty.');
      await comment.blur();
      await first.getByRole('button', { name: 'Add a recommendation for this duty' }).click();
      const dialog = phone.page.getByRole('dialog', { name: 'New recommendation' });
      // Prefilled with the question and its basis, flagged as a legal duty; the inspector words it for the municipality.
      const text = dialog.getByLabel('Recommendation', { exact: true });
      expect(await text.inputValue()).toMatch(/statutory duty is not met/);
      expect(await dialog.getByLabel('A legal duty is not met').isChecked()).toBe(true);
      await text.fill(duty);
      await dialog.getByLabel('Due date (optional)').fill('2026-03-31');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expectNoAxeViolations(phone.page, 'the filled two-area visit on a phone');
      await phone.page.getByRole('button', { name: 'Submit for review' }).first().click();
      await phone.page.getByRole('button', { name: 'Recall for editing' }).waitFor();
      await goOnline(phone.context, server);
      await expect.poll(() => unsent(phone.page), { timeout: 30_000 }).toBe(0);

      // The coordinator returns it with a reason.
      await signIn(desk.page, server, 'coordinator');
      await syncNow(desk.page);
      await desk.page.goto(`${server.url}/review/${visit.id}`);
      await desk.page.getByRole('button', { name: 'Return to the senior inspector' }).click();
      const returning = desk.page.getByRole('dialog', { name: 'Return the visit to the senior inspector' });
      await returning.getByLabel('Reason for returning').fill(reason);
      await returning.getByRole('button', { name: 'Return the visit' }).click();
      await returning.waitFor({ state: 'detached' });
      await expect.poll(() => unsent(desk.page), { timeout: 30_000 }).toBe(0);

      // The inspector corrects it and submits again in one step.
      await phone.page.evaluate(() => window.dispatchEvent(new Event('online')));
      await phone.page.goto(visit.url);
      await phone.page.getByText(reason).first().waitFor({ timeout: 30_000 });
      const second = item(phone.page, 'EPT-02');
      await second.getByLabel('Comment').fill('Sivistys-, nuoriso- ja sosiaalitoimi sekä poliisi.');
      await second.getByLabel('Comment').blur();
      await phone.page.getByRole('button', { name: 'Submit again for review' }).first().click();
      await phone.page.getByRole('button', { name: 'Recall for editing' }).waitFor();
      await expect.poll(() => unsent(phone.page), { timeout: 30_000 }).toBe(0);

      // The coordinator approves.
      await syncNow(desk.page);
      await desk.page.goto(`${server.url}/review/${visit.id}`);
      await desk.page.getByRole('button', { name: 'Approve', exact: true }).click();
      await desk.page.getByRole('dialog').getByRole('button', { name: 'Approve the report' }).click();
      await expect.poll(() => unsent(desk.page), { timeout: 30_000 }).toBe(0);

      // The report, in Finnish: the agency's document.
      await syncNow(desk.page);
      await desk.page.goto(`${server.url}/visits/${visit.id}/report`);
      await desk.page.getByLabel('Language of the report').selectOption('fi');
      const report = desk.page.locator('.report-document');
      await report.getByText(agency.fi).waitFor();
      await report.getByRole('img', { name: agency.fi }).waitFor();
      await report.getByText(diaryNumber).waitFor();
      await report.getByText(/Kaisa Korhonen, /).waitFor();
      expect(await report.getByText('LUONNOS – ei hyväksytty').count()).toBe(0);
      await report.getByText(/Laki ehkäisevän päihdetyön järjestämisestä \(523\/2015\)/).first().waitFor();
      expect(await report.locator('.report-part-title').count()).toBe(2);
      // The unmet duty is listed apart and among the recommendations, and marked at its item.
      expect(await report.getByText(duty).count()).toBe(2);
      await report.getByText('(lakisääteinen velvoite ei täyty)').first().waitFor();
      await report.getByText('31.3.2026').first().waitFor();
      await expectNoEnglish(desk.page, 'the Finnish report');
      await expectNoAxeViolations(desk.page, 'the approved report in Finnish');
      if (process.env.SCREENSHOTS) await desk.page.screenshot({ path: `${process.env.SCREENSHOTS}/11-report-approved-fi-desktop.png` });
      // Every printed page's margins carry the agency, the municipality and the diary number, and the page
      // number: set through a constructed style sheet, which the Content-Security-Policy lets through.
      const margins = await desk.page.evaluate(() => document.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)).join('\n'));
      expect(margins).toContain(agency.fi);
      expect(margins).toContain(diaryNumber);
      expect(margins).toContain('counter(pages)');
      expect(cspRefusals).toEqual([]);
      const finnishPdf = await desk.page.pdf({ format: 'A4' });
      expect(finnishPdf.subarray(0, 5).toString()).toBe('%PDF-');

      // And in Swedish.
      await desk.page.getByLabel('Language of the report').selectOption('sv');
      await report.getByText(agency.sv).waitFor();
      await report.getByText(/Lag om organisering av det förebyggande rusmedelsarbetet \(523\/2015\)/).first().waitFor();
      expect(await desk.page.locator('.report-page').getAttribute('lang')).toBe('sv');
      const swedishPdf = await desk.page.pdf({ format: 'A4' });
      expect(swedishPdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await admin.close();
      await phone.close();
      await desk.close();
      server.assertAlive();
    }
  });
});
