// The inspector's visit in Chromium against the real server: planned and filled with no network, still
// there after a reload and in a new page, then submitted and synced once the network is back.
// axe checks every page of the flow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCHEMA_HEADER, SCHEMA_VERSION } from '../../src/shared/protocol.ts';
import { DEMO_PASSWORD, goOffline, goOnline, openBrowser, signIn, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';
import { answerAll, expectNoAxeViolations, item, planVisit, waitForReferenceData } from './visit-helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

const porvoo = {
  search: 'borgå',
  municipality: /^Porvoo/,
  // Two areas in one visit: a checklist part for each.
  area: [/Substance-abuse prevention/, /Health and welfare promotion/],
  date: '2025-05-20',
  diaryNumber: 'LVV/1234/2025',
  agenda: 'Working group, annual plan, licensing cooperation',
  attendee: { name: 'Maija Meikäläinen', role: 'Welfare coordinator', organisation: 'City of Porvoo' },
};
const comment = 'Decision of the welfare board, 12 March 2024.';
const observation = 'The working group has not met since autumn 2023.';
const recommendation = 'Convene the multisectoral working group and agree its annual plan.';
const summary = 'Structures exist on paper; the working group must start meeting again.';
const halfWritten = 'Licensing supervision has no shared';

/** Everything entered offline, as the visit page shows it. */
async function expectVisitContent(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Porvoo' }).waitFor();
  const first = item(page, 'EPT-01');
  await first.getByRole('button', { name: 'Partly' }).and(page.locator('[aria-pressed="true"]')).waitFor();
  expect(await first.getByLabel('Comment').inputValue()).toBe(comment);
  expect(await item(page, 'EPT-14').getByRole('button', { name: /^4 – / }).getAttribute('aria-pressed')).toBe('true');
  expect(await item(page, 'EPT-03').getByLabel(/Working time allocated to the task/).inputValue()).toBe('1.5');
  await page.getByText(observation).first().waitFor();
  await page.getByText(recommendation).first().waitFor();
  expect(await page.getByLabel('Summary of the visit').inputValue()).toBe(summary);
  await page.getByText('3 of 29 items answered').waitFor();
  await page.getByRole('region', { name: /Part 2\..*welfare/i }).getByText('0 of 15 items answered').waitFor();
}

/** Types into a self-saving field, leaves it, and waits until the device's database holds the text. */
async function typeAndSettle(page: Page, field: ReturnType<Page['getByLabel']>, text: string): Promise<void> {
  await field.fill(text);
  await field.blur();
  await page.waitForFunction(
    async (wanted) => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('tillsyn-'));
      for (const name of names) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const stores = ['visit', 'answer'].filter((s) => db.objectStoreNames.contains(s));
        for (const store of stores) {
          const rows = await new Promise<unknown[]>((resolve, reject) => {
            const request = db.transaction(store).objectStore(store).getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          if (rows.some((r) => JSON.stringify(r).includes(wanted))) {
            db.close();
            return true;
          }
        }
        db.close();
      }
      return false;
    },
    JSON.stringify(text).slice(1, -1),
    { polling: 100 },
  );
}

describe('the inspector’s visit, offline from plan to submit', () => {
  it('plans and fills a visit offline; it is all there after a reload and in a new page', async () => {
    const { context, page, close } = await openBrowser();
    try {
      await signIn(page, server, 'inspector');
      await waitForServiceWorkerControl(page);
      await waitForReferenceData(page, server.url);

      await goOffline(context, server);
      await page.goto(`${server.url}/visits`);
      await page.getByRole('heading', { level: 1, name: 'Visits' }).waitFor();
      await expectNoAxeViolations(page, 'the visits list (empty)');

      await page.getByRole('link', { name: 'Plan a visit' }).click();
      await page.getByRole('button', { name: 'Save the visit' }).click();
      await page.getByRole('alert').filter({ hasText: 'Fix these 3 things' }).waitFor();
      await expectNoAxeViolations(page, 'the plan form with its errors');
      const visit = await planVisit(page, server.url, porvoo);
      await page.getByText('Only on this device').first().waitFor();
      await expectNoAxeViolations(page, 'the new visit');

      const first = item(page, 'EPT-01');
      await first.getByRole('button', { name: 'Partly' }).click();
      await page.getByText('In progress', { exact: true }).first().waitFor();
      await typeAndSettle(page, first.getByLabel('Comment'), comment);
      await item(page, 'EPT-14').getByRole('button', { name: /^4 – / }).click();
      // A "yes" asks how much working time the contact person has, in FTE.
      await item(page, 'EPT-03').getByRole('button', { name: 'Yes' }).click();
      const fte = item(page, 'EPT-03').getByLabel(/Working time allocated to the task/);
      await fte.fill('1,5');
      await fte.blur();
      await item(page, 'EPT-01').getByRole('button', { name: 'Legal basis' }).click();
      await first.getByText(/Act on Organising Alcohol, Tobacco, Drug and Gambling Prevention \(523\/2015\), section 5/).waitFor();

      // From the bar that stays in reach, the observation is tied to an item in the dialog.
      await page.locator('.visit-dock').getByRole('button', { name: 'Add observation' }).click();
      const dialog = page.getByRole('dialog', { name: 'New observation' });
      await dialog.waitFor();
      await expectNoAxeViolations(page, 'the observation dialog');
      await dialog.getByRole('radio', { name: 'Concern' }).check();
      await dialog.getByLabel('Observation', { exact: true }).fill(observation);
      await dialog.getByLabel('Checklist item (optional)').selectOption('EPT-02');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });

      await page.getByRole('button', { name: 'Add a recommendation', exact: true }).click();
      const followUp = page.getByRole('dialog', { name: 'New recommendation' });
      await followUp.getByLabel('Recommendation', { exact: true }).fill(recommendation);
      await followUp.getByLabel('Due date (optional)').fill('2025-10-31');
      await followUp.getByLabel('A legal duty is not met').check();
      await expectNoAxeViolations(page, 'the recommendation dialog');
      await followUp.getByRole('button', { name: 'Save' }).click();
      await followUp.waitFor({ state: 'detached' });
      await typeAndSettle(page, page.getByLabel('Summary of the visit'), summary);
      await expectVisitContent(page);
      await expectNoAxeViolations(page, 'the filled visit');

      // Reloaded with no network, mid-sentence in a new observation: the service worker serves the app,
      // IndexedDB the visit, and the half-written observation waits as a draft, not as a record.
      await page.locator('.visit-dock').getByRole('button', { name: 'Add observation' }).click();
      await page.getByRole('dialog', { name: 'New observation' }).getByLabel('Observation', { exact: true }).fill(halfWritten);
      await page.reload();
      await expectVisitContent(page);
      const draftNotice = page.locator('.draft-notice').filter({ hasText: 'Unsaved observation draft' });
      await draftNotice.getByText(halfWritten).waitFor();
      expect(await page.locator('.record-card').filter({ hasText: halfWritten }).count()).toBe(0);
      await expectNoAxeViolations(page, 'the visit with a draft waiting');
      await draftNotice.getByRole('button', { name: 'Continue' }).click();
      const restored = page.getByRole('dialog', { name: 'New observation' });
      expect(await restored.getByLabel('Observation', { exact: true }).inputValue()).toBe(halfWritten);
      await restored.getByRole('button', { name: 'Discard draft' }).click();
      await restored.getByRole('button', { name: 'Discard', exact: true }).click();
      await restored.waitFor({ state: 'detached' });
      await draftNotice.waitFor({ state: 'detached' });

      // The tab closed, a new one opened in the same browser.
      await page.close();
      const again = await context.newPage();
      await again.goto(`${server.url}/visits`);
      await again.getByRole('heading', { level: 2, name: 'In progress (1)' }).waitFor();
      const card = again.getByRole('listitem').filter({ has: again.getByRole('link', { name: 'Porvoo' }) });
      await card.getByText('Only on this device').waitFor();
      await expectNoAxeViolations(again, 'the visits list');
      await card.getByRole('link', { name: 'Porvoo' }).click();
      await again.waitForURL(visit.url);
      await expectVisitContent(again);

      // The report, made offline, in the language the municipality asks for.
      await again.getByRole('link', { name: 'Report' }).click();
      await again.getByRole('heading', { level: 1, name: 'Guidance and supervision visit report: Porvoo' }).waitFor();
      await expectNoAxeViolations(again, 'the report');
      await again.getByLabel('Language of the report').selectOption('sv');
      await again.getByRole('heading', { level: 1, name: 'Rapport från styrnings- och tillsynsbesök: Borgå' }).waitFor();
      const report = again.locator('.report-document');
      await report.getByText('Delvis').first().waitFor();
      await report.getByText('Lagstadgade skyldigheter som inte uppfylls').waitFor();
      // An unmet legal duty is a recommendation too: listed apart, and among the recommendations.
      expect(await report.getByText(recommendation).count()).toBe(2);
      await report.getByText('31.10.2025').first().waitFor();
      await report.getByText('LVV/1234/2025').waitFor();
      // The legal basis in Swedish, the Finnish area's part and the welfare part each under its title.
      await report.getByText(/Lag om organisering av det förebyggande rusmedelsarbetet \(523\/2015\)/).first().waitFor();
      expect(await report.locator('.report-part-title').count()).toBe(2);
      expect(await again.locator('.report-page').getAttribute('lang')).toBe('sv');
      await expectNoAxeViolations(again, 'the report in Swedish');
    } finally {
      await close();
      server.assertAlive();
    }
  });

  it('submits offline, then syncs: the server has the visit submitted', async () => {
    const { context, page, close } = await openBrowser();
    try {
      await signIn(page, server, 'inspector');
      await waitForServiceWorkerControl(page);
      await waitForReferenceData(page, server.url);
      await goOffline(context, server);
      const visit = await planVisit(page, server.url, { ...porvoo, search: 'helsingfors', municipality: /^Helsinki/, area: /Substance-abuse prevention/, date: '2025-06-02' });

      // A planned visit offers Start, not Submit. Submit names what is missing first, then goes through.
      expect(await page.getByRole('button', { name: 'Submit for review' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Start the visit' }).click();
      await page.getByRole('button', { name: 'Submit for review' }).click();
      await page.getByRole('alert').filter({ hasText: '14 required items are unanswered' }).waitFor();
      await answerAll(page);
      await page.getByRole('button', { name: 'Submit for review' }).click();
      await page.getByRole('button', { name: 'Recall for editing' }).waitFor();
      const header = page.locator('.visit-header');
      await header.getByText('Submitted').waitFor();
      await header.getByText('Only on this device').waitFor();
      await expectNoAxeViolations(page, 'the submitted visit');

      await goOnline(context, server);
      // The sync loop runs on `online`; the visit's own badge turns to Synced once the outbox is empty for it.
      // (The badge reads "Sync: Synced" to a screen reader; the prefix is visually hidden.)
      await header
        .getByText('Synced')
        .waitFor({ timeout: 30_000 })
        .catch(async (error: unknown) => {
          const said = await page.locator('.visit-header, .status-bar').allInnerTexts();
          throw new Error(`The visit did not sync; the page says: ${said.join(' | ')}`, { cause: error });
        });

      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'inspector', password: DEMO_PASSWORD }),
      });
      const { token } = (await login.json()) as { token: string };
      let cursor: string | undefined;
      let found: Record<string, unknown> | undefined;
      for (;;) {
        const query = new URLSearchParams({ limit: '1000', ...(cursor ? { cursor } : {}) });
        const response = await fetch(`${server.url}/api/sync/pull?${query.toString()}`, {
          headers: { Authorization: `Bearer ${token}`, [SCHEMA_HEADER]: String(SCHEMA_VERSION) },
        });
        expect(response.status).toBe(200);
        const page = (await response.json()) as { changes: { entity: string; id: string; record?: Record<string, unknown> }[]; cursor: string; hasMore: boolean };
        found = page.changes.find((c) => c.entity === 'visit' && c.id === visit.id)?.record ?? found;
        if (!page.hasMore) break;
        cursor = page.cursor;
      }
      expect(found).toMatchObject({ id: visit.id, status: 'submitted', municipalityId: '091', templateIds: ['ept-v2'] });
    } finally {
      await close();
      server.assertAlive();
    }
  });
});
