// The contact network in Chromium: an inspector with no network imports the region's contact spreadsheet
// (a Windows-1252 file from Excel, through the file chooser), confirms an entry and finds the gaps; after
// reconnecting, the coordinator sees the imported contacts in the directory. axe on each page.
import { readFile } from 'node:fs/promises';
import { format } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goOffline, goOnline, openBrowser, signIn, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';
import { expectNoAxeViolations, syncNow, unsent, waitForReferenceData } from './visit-helpers.ts';

let server: TestServer;

// Windows-1252 as Excel in Finnish saves CSV: ä 0xE4, ö 0xF6, å 0xE5.
const cp1252 = (text: string) => Buffer.from([...text].map((ch) => ({ ä: 0xe4, ö: 0xf6, å: 0xe5, Ä: 0xc4 })[ch] ?? ch.charCodeAt(0)));
const spreadsheet = [
  'Kunta;Etunimi;Sukunimi;Tehtävänimike;Sähköposti;Puhelin;Osa-alue',
  'Porvoo;Liisa;Virtanen;Hyvinvointikoordinaattori;liisa.virtanen@porvoo.fi;040 123 4567;HYTE',
  'Borgå;Åke;Öst;"Ehkäisevän päihdetyön yhdyshenkilö; sosiaalityö";ake.ost@porvoo.fi;;EPT ja HYTE',
  'Tampere;Kalle;Kallio;;kalle@tampere.fi;;EPT',
  'Espoo;Väinö;Ääri;;ei-osoite;;väkivalta',
].join('\r\n');

async function screenshots(page: import('playwright-core').Page, name: string) {
  if (!process.env.SCREENSHOTS) return;
  for (const [size, width, height] of [['phone', 390, 844], ['tablet', 820, 1180], ['desktop', 1366, 900]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${process.env.SCREENSHOTS}/${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('the contact network', () => {
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('imports a spreadsheet offline; the coordinator sees the contacts after the inspector reconnects', { timeout: 180_000 }, async () => {
    const inspector = await openBrowser();
    const coordinator = await openBrowser();
    try {
      const { page, context } = inspector;
      await signIn(page, server, 'inspector');
      await waitForServiceWorkerControl(page);
      await waitForReferenceData(page, server.url);
      await goOffline(context, server);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Network', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Contact network' }).waitFor();
      await page.getByRole('link', { name: 'Import from a spreadsheet' }).click();
      await page.getByRole('heading', { level: 1, name: 'Import contact persons' }).waitFor();
      await page.getByLabel('CSV file').setInputFiles({ name: 'yhdyshenkilot.csv', mimeType: 'text/csv', buffer: cp1252(spreadsheet) });
      await page.getByText('yhdyshenkilot.csv: 4 rows, Windows-1252, separated by semicolons.').waitFor();
      const preview = page.getByRole('table', { name: '4 rows of the spreadsheet' });
      await preview.getByText('Tampere is not in your regions.').waitFor();
      await preview.getByText('“ei-osoite” is not an email address.').waitFor();
      await expectNoAxeViolations(page, 'the import preview');
      await screenshots(page, '20-network-import');
      await page.getByRole('button', { name: 'Import 2 rows' }).click();
      await page.getByText(/^Imported 2 new contact persons\./).waitFor();

      await page.getByRole('link', { name: 'See the directory' }).click();
      const card = page.locator('.contact-card').filter({ hasText: 'Åke Öst' });
      await card.getByText('Ehkäisevän päihdetyön yhdyshenkilö; sosiaalityö').waitFor();
      // English collation: Å is an A with a ring (Finnish and Swedish put it after Z).
      expect(await page.locator('.contact-card h3').allTextContents()).toEqual(['Åke Öst', 'Liisa Virtanen']);
      await page.getByLabel('Search by name, municipality or organisation').fill('borgå');
      await expect.poll(() => page.locator('.contact-card').count()).toBe(2);
      await expectNoAxeViolations(page, 'the directory');
      await screenshots(page, '21-network-directory');

      await page.getByRole('link', { name: 'Gaps in the network' }).click();
      await page.getByRole('heading', { level: 1, name: 'Gaps in the contact network' }).waitFor();
      await page.getByRole('radio', { name: /^Prevention of violence/ }).check();
      const porvoo = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Porvoo', exact: true }) });
      expect(await porvoo.getByRole('cell').allTextContents()).toEqual(['Yes', 'Yes', 'Missing']);
      await expectNoAxeViolations(page, 'the gaps');
      await screenshots(page, '22-network-gaps');

      expect(await unsent(page)).toBe(2);
      await goOnline(context, server);
      await syncNow(page);
      await expect.poll(() => unsent(page)).toBe(0);

      // The coordinator's directory, in a browser of their own.
      await signIn(coordinator.page, server, 'coordinator');
      await coordinator.page.goto(`${server.url}/network`);
      await coordinator.page.getByLabel('Municipality', { exact: true }).selectOption({ label: 'Porvoo' });
      await expect.poll(() => coordinator.page.locator('.contact-card h3').allTextContents(), { timeout: 30_000 }).toEqual(['Åke Öst', 'Liisa Virtanen']);

      // Exported as the directory shows them; the file is read back by the import unchanged.
      const [download] = await Promise.all([coordinator.page.waitForEvent('download'), coordinator.page.getByRole('button', { name: 'Export as CSV' }).click()]);
      const text = (await readFile((await download.path())!)).toString('utf8');
      const today = format(new Date(), 'yyyy-MM-dd');
      const lines = text.split('\r\n');
      expect(lines[0]).toBe('\uFEFFMunicipality code,Municipality (fi),Municipality (sv),Name,Title,Organisation,Areas,Email,Phone,Active,Confirmed,Notes');
      expect(lines).toHaveLength(4);
      expect(lines).toContain(`638,Porvoo,Borgå,Liisa Virtanen,Hyvinvointikoordinaattori,,Health and welfare promotion,liisa.virtanen@porvoo.fi,040 123 4567,Yes,${today},`);
      expect(lines).toContain(`638,Porvoo,Borgå,Åke Öst,Ehkäisevän päihdetyön yhdyshenkilö; sosiaalityö,,"Substance-abuse prevention, Health and welfare promotion",ake.ost@porvoo.fi,,Yes,${today},`);
    } finally {
      await inspector.close();
      await coordinator.close();
      server.assertAlive();
    }
  });
});
