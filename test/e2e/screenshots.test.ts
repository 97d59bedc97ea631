// Screenshots of the visit pages at phone, tablet and desktop sizes, for a person to look at. Skipped
// unless SCREENSHOTS names a folder: SCREENSHOTS=/tmp/shots npx vitest run --project e2e test/e2e/screenshots.test.ts
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openBrowser, signIn, startServer, type TestServer } from './harness.ts';
import { answerAll, item, planVisit, waitForReferenceData } from './visit-helpers.ts';

const folder = process.env['SCREENSHOTS'];
const sizes = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 820, height: 1180 },
  { name: 'desktop', width: 1366, height: 900 },
] as const;

let server: TestServer;

describe.skipIf(!folder)('screenshots of the visit pages', () => {
  beforeAll(async () => {
    server = await startServer();
    await mkdir(folder!, { recursive: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('shoots the list, the plan form, the visit, a dialog and the report', { timeout: 180_000 }, async () => {
    const { page, close } = await openBrowser();
    try {
      await signIn(page, server, 'inspector');
      await waitForReferenceData(page, server.url);
      const visit = await planVisit(page, server.url, {
        search: 'borg',
        municipality: /^Porvoo/,
        // Two areas: a checklist part for each.
        area: [/Substance-abuse prevention/, /Health and welfare promotion/],
        date: '2025-05-20',
        agenda: 'Working group, annual plan, licensing cooperation',
        attendee: { name: 'Maija Meikäläinen', role: 'Welfare coordinator', organisation: 'City of Porvoo' },
      });
      await planVisit(page, server.url, { search: 'esbo', municipality: /^Espoo/, area: /Prevention of violence in close relationships/, date: '2025-06-03' });
      await page.goto(visit.url);
      // A statutory duty unmet (its notice, and the comment the answer needs, left empty), details under
      // "yes" (several choices, a text, a number with its unit), an anchored scale, a number with a unit.
      await item(page, 'EPT-01').getByRole('button', { name: 'No', exact: true }).click();
      await item(page, 'EPT-02').getByRole('button', { name: 'Yes', exact: true }).click();
      await item(page, 'EPT-02').getByRole('button', { name: 'Municipal management' }).click();
      await item(page, 'EPT-03').getByRole('button', { name: 'Yes', exact: true }).click();
      await item(page, 'EPT-03').getByLabel('Name and job title').fill('Anna Virtanen, prevention coordinator');
      await item(page, 'EPT-03').getByLabel(/Working time allocated to the task/).fill('0,5');
      await item(page, 'EPT-03').getByLabel('Comment').fill('Named in the welfare board decision of 12 March 2024; no deputy named.');
      await item(page, 'EPT-14').getByRole('button', { name: /^3 – / }).click();
      await item(page, 'HYT-12').getByLabel(/^Answer \(a number\)/).fill('64');
      await item(page, 'EPT-01').getByRole('button', { name: 'Legal basis' }).click();
      await page.getByRole('button', { name: 'Add observation' }).last().click();
      await page.getByLabel('Observation', { exact: true }).fill('The working group has not met since autumn 2023.');
      await page.getByRole('radio', { name: 'Concern' }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('button', { name: 'Add a recommendation', exact: true }).click();
      await page.getByLabel('Recommendation', { exact: true }).fill('Convene the multisectoral working group and agree its annual plan.');
      await page.getByLabel('Due date (optional)').fill('2025-10-31');
      await page.getByLabel('A legal duty is not met').check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      // A half-written observation left as a draft: the notice on the page, and the dialog it reopens.
      await page.getByRole('button', { name: 'Add observation' }).last().click();
      await page.getByLabel('Observation', { exact: true }).fill('Licensing supervision and the prevention work have no shared');
      await page.getByRole('dialog').getByText('Draft kept on this device').waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      for (const size of sizes) {
        await page.setViewportSize(size);
        const shot = async (name: string, fullPage = true) => page.screenshot({ path: join(folder!, `${name}-${size.name}.png`), fullPage });
        // Viewport shots of each part, scrolled to it (full-page shots of a long page are too small to judge).
        const at = async (name: string, target: ReturnType<typeof page.locator>) => {
          await target.evaluate((el) => el.scrollIntoView({ block: 'start' }));
          await page.evaluate(() => window.scrollBy(0, -140));
          await shot(name, false);
        };
        await page.goto(`${server.url}/visits`);
        await page.getByRole('heading', { level: 2, name: /Planned/ }).waitFor();
        await shot('1-visits');
        await page.goto(`${server.url}/visits/new`);
        await page.getByRole('button', { name: 'Save the visit' }).click();
        await page.getByRole('alert').filter({ hasText: 'Fix these' }).waitFor();
        await shot('2-plan-errors');
        await page.goto(visit.url);
        await page.getByRole('region', { name: 'Progress' }).waitFor();
        await page.locator('.draft-notice').waitFor();
        await shot('3-visit-top', false);
        await page.getByRole('button', { name: 'Edit details' }).click();
        await at('5a-details-editor', page.getByRole('region', { name: 'Details of the visit' }));
        await page.getByRole('button', { name: 'Done' }).click();
        await page.locator('.draft-notice').getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Discard draft' }).click();
        await shot('5b-draft-dialog-discard', false);
        await page.getByRole('button', { name: 'Keep writing' }).click();
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
        await page.locator('details.briefing > summary').click();
        await at('4a-before', page.locator('details.briefing'));
        await item(page, 'EPT-01').getByRole('button', { name: 'Legal basis' }).click();
        await at('4b-items', item(page, 'EPT-01'));
        await at('4c-details', item(page, 'EPT-02'));
        await at('4c2-details', item(page, 'EPT-03'));
        await at('4d-scale', item(page, 'EPT-14'));
        await at('4h-part-2', page.locator('.checklist-part').nth(1));
        await item(page, 'HYT-12').getByLabel(/^Answer \(a number\)/).fill('120');
        await at('4i-number-unit', item(page, 'HYT-12'));
        await item(page, 'HYT-12').getByLabel(/^Answer \(a number\)/).fill('64');
        await at('4e-observations', page.getByRole('heading', { level: 2, name: /^Observations/ }));
        await at('4f-followups', page.getByRole('heading', { level: 2, name: /^Recommendations/ }));
        await page.getByRole('button', { name: 'Submit for review' }).click();
        await page.getByRole('alert').filter({ hasText: 'required items are unanswered' }).waitFor();
        await at('4g-submit-missing', page.locator('.visit-actions-wrap'));
        await page.getByRole('button', { name: 'Add observation' }).last().click();
        await page.getByRole('dialog').waitFor();
        await shot('6-observation-dialog', false);
        await page.keyboard.press('Escape');
        await page.goto(`${server.url}/visits/${visit.id}/report`);
        await page.getByRole('heading', { level: 1, name: /report/ }).waitFor();
        await shot('7-report', false);
        await at('7b-report-findings', page.getByRole('heading', { level: 2, name: 'Checklist findings' }));
        await at('7c-report-end', page.getByRole('heading', { level: 2, name: 'Unmet legal duties' }));
        await page.emulateMedia({ media: 'print' });
        await shot('8-report-print');
        await at('8b-report-print-findings', page.getByRole('heading', { level: 2, name: 'Checklist findings' }));
        await page.emulateMedia({ media: 'screen' });
      }
      await page.setViewportSize({ width: 820, height: 1180 });
      await page.goto(visit.url);
      await item(page, 'EPT-01').getByLabel(/^Comment/).fill('No decision: the board does the work in practice.');
      await answerAll(page);
      await page.getByRole('button', { name: 'Submit for review' }).click();
      await page.getByRole('button', { name: 'Recall for editing' }).waitFor();
      await page.screenshot({ path: join(folder!, '9-visit-submitted-tablet.png') });
      await page.goto(`${server.url}/visits/${visit.id}/report`);
      await page.pdf({ path: join(folder!, 'report.pdf'), format: 'A4', printBackground: true }).catch(() => undefined);
    } finally {
      await close();
      server.assertAlive();
    }
  });
});
