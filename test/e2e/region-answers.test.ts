// The answers across the region in Chromium: two visits approved through the server's push API (an
// inspector submits, a coordinator approves); the inspector, offline, opens the answers from the coverage
// page, follows a count to its municipality, exports the answers as CSV, and prints the regional summary
// in Finnish (print media and a PDF); axe on each new page.
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_HEADER, SCHEMA_VERSION } from '../../src/shared/protocol.ts';
import { DEMO_PASSWORD, goOffline, openBrowser, signIn, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';
import { expectNoAxeViolations, waitForReferenceData } from './visit-helpers.ts';

let server: TestServer;

type Fields = Record<string, unknown>;
type Mutation = { entity: string; id: string; op: 'upsert'; baseVersion: number | null; fields: Fields };

/** A user's session on the API, pushing mutations as a device would. */
async function apiUser(username: string) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const { token, user } = (await login.json()) as { token: string; user: { id: string; name: string } };
  const clientId = crypto.randomUUID();
  let seq = 0;
  return {
    user,
    async push(mutations: Mutation[]): Promise<number[]> {
      const response = await fetch(`${server.url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', Authorization: `Bearer ${token}`, [SCHEMA_HEADER]: String(SCHEMA_VERSION) },
        body: JSON.stringify({ clientId, schemaVersion: SCHEMA_VERSION, mutations: mutations.map((m) => ({ ...m, seq: ++seq })) }),
      });
      const body = (await response.json()) as { results: { status: string; version?: number; error?: unknown }[] };
      const refused = body.results.find((r) => r.status !== 'applied');
      if (!response.ok || refused) throw new Error(`push refused: ${response.status} ${JSON.stringify(refused ?? body)}`);
      return body.results.map((r) => r.version!);
    },
  };
}

/** A UUID v7 as the devices make them (a time prefix, then random). */
const uuid7 = () => {
  const hex = Date.now().toString(16).padStart(12, '0');
  const rest = crypto.randomUUID().replace(/-/g, '').slice(12);
  const s = hex + '7' + rest.slice(1, 4) + ((parseInt(rest[4]!, 16) & 0x3) | 0x8).toString(16) + rest.slice(5, 20);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
};

const items = ['EPT-01', 'EPT-02', 'EPT-03', 'EPT-04', 'EPT-05', 'EPT-06', 'EPT-07', 'EPT-08', 'EPT-11', 'EPT-09', 'EPT-10', 'EPT-13', 'EPT-12', 'EPT-14'];

/** A visit of ept-v2 planned, answered, submitted by the inspector and approved by the coordinator. */
async function approvedVisit(
  inspector: Awaited<ReturnType<typeof apiUser>>,
  coordinator: Awaited<ReturnType<typeof apiUser>>,
  municipalityId: string,
  plannedDate: string,
  answers: Record<string, { value: unknown; details?: Fields; comment?: string }>,
  followUp?: { text: string; dueDate: string },
): Promise<string> {
  const visitId = uuid7();
  const [created] = await inspector.push([
    {
      entity: 'visit',
      id: visitId,
      op: 'upsert',
      baseVersion: null,
      fields: { municipalityId, templateIds: ['ept-v2'], inspectorId: inspector.user.id, plannedDate, status: 'in_progress', attendees: [] },
    },
    ...items.map((itemId): Mutation => {
      const a = answers[itemId] ?? { value: itemId === 'EPT-14' ? 4 : 'yes' };
      return { entity: 'answer', id: `${visitId}:${itemId}`, op: 'upsert', baseVersion: null, fields: { visitId, itemId, value: a.value, details: a.details ?? null, comment: a.comment ?? 'Todettu käynnillä.' } };
    }),
    ...(followUp
      ? [{ entity: 'followUp', id: uuid7(), op: 'upsert' as const, baseVersion: null, fields: { visitId, municipalityId, text: followUp.text, dueDate: followUp.dueDate, status: 'open', legalShortcoming: true } }]
      : []),
  ]);
  const [submitted] = await inspector.push([{ entity: 'visit', id: visitId, op: 'upsert', baseVersion: created!, fields: { status: 'submitted' } }]);
  await coordinator.push([{ entity: 'visit', id: visitId, op: 'upsert', baseVersion: submitted!, fields: { status: 'approved' } }]);
  return visitId;
}

describe('the answers across the region', () => {
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('opens offline, leads from a count to its municipality, exports the answers and prints the summary', { timeout: 180_000 }, async () => {
    const year = new Date().getFullYear();
    const inspector = await apiUser('inspector');
    const coordinator = await apiUser('coordinator');
    const porvoo = await approvedVisit(
      inspector,
      coordinator,
      '638',
      `${year}-02-03`,
      {
        'EPT-01': { value: 'no', comment: 'Päätös puuttuu; ”toimielin” nimeämättä.\nKäsitellään keväällä.' },
        'EPT-03': { value: 'yes', details: { person: 'Åsa Öhman', fte: 0.5 } },
        'EPT-14': { value: 3 },
      },
      { text: 'EPT-01: nimetkää toimielin päätöksellä.', dueDate: `${year}-06-30` },
    );
    const helsinki = await approvedVisit(inspector, coordinator, '091', `${year}-03-04`, { 'EPT-03': { value: 'yes', details: { fte: 1 } }, 'EPT-14': { value: 5 } });

    const { context, page, close } = await openBrowser();
    try {
      await signIn(page, server, 'inspector');
      await waitForServiceWorkerControl(page);
      await waitForReferenceData(page, server.url);
      await goOffline(context, server);

      // From the coverage page to the answers, offline.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Region', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Coverage of the region' }).waitFor();
      await page.getByLabel('Area', { exact: true }).selectOption('substance');
      await page.getByRole('link', { name: 'Answers across municipalities' }).click();
      await page.getByRole('heading', { level: 1, name: 'Answers across municipalities' }).waitFor();
      expect(new URL(page.url()).searchParams.get('area')).toBe('substance');
      const first = page.getByRole('article', { name: /^EPT-01 / });
      await first.waitFor();
      await page.getByText(/^2 municipalities of 62 have an approved visit/).waitFor();
      const counts = (article: typeof first) => article.getByRole('list').first().locator('li').allInnerTexts();
      expect((await counts(first)).map((c) => c.replace(/\s+/g, ' ').trim())).toEqual(['Yes 1 (1 municipality)', 'Partly 0', 'No 1 (1 municipality)', 'Not assessed 0', 'Not answered 0']);
      // A detail's median and range: 0.5 and 1 FTE.
      await page.getByRole('article', { name: /^EPT-03 / }).getByText('median 0.75 FTE, range 0.5–1 FTE').waitFor();

      // A count leads to its municipalities.
      await first.getByRole('button', { name: /^No 1/ }).click();
      const list = first.getByRole('region', { name: 'No: 1 municipality' });
      await list.getByRole('link', { name: 'Porvoo' }).waitFor();
      expect(await list.getByRole('link', { name: /^Visit / }).getAttribute('href')).toBe(`/visits/${porvoo}`);
      // The unmet duty, with the recommendation that names it.
      const duties = page.getByRole('table', { name: 'Unmet statutory duties by municipality' });
      await duties.getByRole('rowheader', { name: 'Porvoo' }).waitFor();
      await duties.getByText('EPT-01: nimetkää toimielin päätöksellä.').waitFor();
      await expectNoAxeViolations(page, 'the answers across municipalities, a list open');
      if (process.env.SCREENSHOTS) {
        for (const [size, width, height] of [['phone', 390, 844], ['tablet', 820, 1180], ['desktop', 1366, 900]] as const) {
          await page.setViewportSize({ width, height });
          await page.screenshot({ path: `${process.env.SCREENSHOTS}/14-region-answers-${size}.png`, fullPage: true });
        }
        await page.setViewportSize({ width: 1280, height: 800 });
      }
      await list.getByRole('link', { name: 'Porvoo' }).click();
      await page.getByRole('heading', { level: 1, name: 'Porvoo' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/municipalities/638');
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Answers across municipalities' }).waitFor();

      // The answers as CSV, made on the device: a row per visit and item.
      const csvBox = page.getByRole('region', { name: 'Answers as CSV' });
      await csvBox.getByLabel('CSV separator').selectOption(';');
      const [download] = await Promise.all([page.waitForEvent('download'), csvBox.getByRole('button', { name: 'Export the answers as CSV' }).click()]);
      expect(download.suggestedFilename()).toBe(`answers-esavi-substance-${year}-01-01-${year}-12-31.csv`);
      const bytes = await readFile((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const parsed = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { delimiter: ';', newline: '\r\n', skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      const [header, ...rows] = parsed.data;
      expect(header).toEqual(['Municipality code', 'Name (fi)', 'Name (sv)', 'Visit date', 'Status', 'Areas', 'Inspector', 'Checklist', 'Item', 'Question', 'Answer', 'Details', 'Comment']);
      expect(rows).toHaveLength(2 * items.length);
      const row = (code: string, itemId: string) => rows.find((r) => r[0] === code && r[8] === itemId);
      expect(row('638', 'EPT-01')).toEqual([
        '638', 'Porvoo', 'Borgå', `${year}-02-03`, 'Approved', 'Substance-abuse prevention', inspector.user.name, 'ept-v2', 'EPT-01',
        'Has the municipality designated, by decision, a body responsible for substance abuse prevention?', 'No', '',
        'Päätös puuttuu; ”toimielin” nimeämättä.\nKäsitellään keväällä.',
      ]);
      expect(row('638', 'EPT-03')?.slice(10, 12)).toEqual(['Yes', 'Name and job title: Åsa Öhman\nWorking time allocated to the task: 0.5 FTE']);
      expect(row('091', 'EPT-14')?.slice(0, 4)).toEqual(['091', 'Helsinki', 'Helsingfors', `${year}-03-04`]);
      expect(row('091', 'EPT-14')?.[10]).toBe('5');
      expect(helsinki).toBeTruthy();

      // The print-ready summary, in Finnish, whatever the UI's language.
      await page.getByRole('link', { name: 'Print-ready regional summary' }).click();
      await page.getByRole('heading', { level: 1, name: 'Regional summary' }).waitFor();
      await page.getByLabel('Language of the summary').selectOption('fi');
      await page.getByRole('heading', { level: 1, name: 'Alueellinen yhteenveto' }).waitFor();
      expect(new URL(page.url()).searchParams.get('lang')).toBe('fi');
      const doc = page.locator('.summary-document');
      await doc.getByText('Ohjauksen ja valvonnan alueellinen yhteenveto').waitFor();
      await doc.getByRole('table', { name: /^Kattavuus kunnittain: Ehkäisevä päihdetyö/ }).getByRole('rowheader', { name: 'Porvoo' }).waitFor();
      const answersTable = doc.getByRole('table', { name: 'Vastaukset: Ehkäisevä päihdetyö' });
      expect((await answersTable.getByRole('row').filter({ hasText: 'EPT-01' }).getByRole('cell').first().innerText()).trim()).toBe('Kyllä: 1, Osittain: 0, Ei: 1');
      await doc.getByRole('table', { name: /^Avoinna olevat täyttymättömät lakisääteiset velvoitteet/ }).getByRole('rowheader', { name: 'Porvoo' }).waitFor();
      // Nothing of the app's English on the Finnish document.
      const english = ['the', 'and', 'of', 'yes', 'no', 'partly', 'answer', 'answers', 'visit', 'recommendation', 'approved', 'not', 'municipality', 'municipalities', 'median', 'range', 'coverage'];
      const words = new Set((await doc.innerText()).toLowerCase().split(/[^\p{L}]+/u));
      expect(english.filter((w) => words.has(w)), 'English on the Finnish summary').toEqual([]);
      await expectNoAxeViolations(page, 'the regional summary in Finnish');
      // On a phone the coverage table scrolls sideways in a box the keyboard reaches.
      await page.setViewportSize({ width: 390, height: 844 });
      await expectNoAxeViolations(page, 'the regional summary on a phone');
      await page.setViewportSize({ width: 1280, height: 800 });
      if (process.env.SCREENSHOTS) {
        for (const [size, width, height] of [['phone', 390, 844], ['tablet', 820, 1180], ['desktop', 1366, 900]] as const) {
          await page.setViewportSize({ width, height });
          await page.screenshot({ path: `${process.env.SCREENSHOTS}/15-region-summary-${size}.png`, fullPage: true });
        }
        await page.setViewportSize({ width: 1280, height: 800 });
      }

      // On paper: the document only, no app chrome or controls; then as a PDF.
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
      expect(await doc.isVisible()).toBe(true);
      expect(await answersTable.isVisible()).toBe(true);
      if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/15-region-summary-print.png`, fullPage: true });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
      await page.emulateMedia({ media: 'screen' });
    } finally {
      await close();
      server.assertAlive();
    }
  });
});
