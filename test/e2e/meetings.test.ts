// The network's meetings in Chromium: an inspector offline imports two contacts, plans a training, invites
// those of its area, records who came (two taps) and guests from another municipality, downloads the
// calendar file and marks the training held; after reconnecting, the coordinator of the region sees the
// attendance on the meeting's page and the municipality's participation. axe and screenshots on each page.
import { readFile } from 'node:fs/promises';
import { format } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goOffline, goOnline, openBrowser, signIn, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';
import { expectNoAxeViolations, syncNow, unsent, waitForReferenceData } from './visit-helpers.ts';

let server: TestServer;

const spreadsheet = [
  'Kunta;Nimi;Sähköposti;Osa-alue',
  'Porvoo;Liisa Virtanen;liisa.virtanen@porvoo.fi;HYTE',
  'Porvoo;Åke Öst;ake.ost@porvoo.fi;EPT ja HYTE',
  'Espoo;Eeva Espoolainen;eeva@espoo.fi;väkivalta',
].join('\r\n');

async function screenshots(page: import('playwright-core').Page, name: string) {
  if (!process.env.SCREENSHOTS) return;
  for (const [size, width, height] of [['phone', 390, 844], ['tablet', 820, 1180], ['desktop', 1366, 900]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${process.env.SCREENSHOTS}/${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('network meetings', () => {
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('plans a training offline, records who came and marks it held; the coordinator sees it after the sync', { timeout: 240_000 }, async () => {
    const inspector = await openBrowser();
    const coordinator = await openBrowser();
    try {
      const { page, context } = inspector;
      await signIn(page, server, 'inspector');
      await waitForServiceWorkerControl(page);
      await waitForReferenceData(page, server.url);
      await goOffline(context, server);

      // Contacts to invite, from a spreadsheet (UTF-8).
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Network', exact: true }).click();
      await page.getByRole('link', { name: 'Import from a spreadsheet' }).click();
      await page.getByLabel('CSV file').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(spreadsheet, 'utf8') });
      await page.getByRole('button', { name: 'Import 3 rows' }).click();
      await page.getByText(/^Imported 3 new contact persons\./).waitFor();

      await page.goto(`${server.url}/network`);
      await page.getByRole('link', { name: 'Meetings and trainings' }).click();
      await page.getByRole('heading', { level: 1, name: 'Meetings and trainings' }).waitFor();
      await page.getByText('No meetings or trainings of your regions on this device yet.').waitFor();
      await expectNoAxeViolations(page, 'the empty list of meetings');

      await page.getByRole('link', { name: 'Plan a meeting' }).click();
      await page.getByRole('heading', { level: 1, name: 'Plan a meeting' }).waitFor();
      // Nothing filled: the errors in words.
      await page.getByRole('button', { name: 'Plan the meeting' }).click();
      await page.getByRole('alert').getByText('3 fields need attention.').waitFor();
      await expectNoAxeViolations(page, 'the meeting form with its errors');
      await screenshots(page, '30-meeting-form-errors');

      const today = format(new Date(), 'yyyy-MM-dd');
      await page.getByLabel('Title').fill('Hyvinvointikertomus, koulutus; osa 1');
      await page.getByRole('radio', { name: 'Training' }).check();
      await page.getByRole('checkbox', { name: 'Health and welfare promotion' }).check();
      await page.getByLabel('Date').fill(today);
      await page.getByLabel('Starts').fill('13:00');
      await page.getByLabel('Ends').fill('15:30');
      await page.getByLabel('Place').fill('Kaupungintalo, sali 2');
      await page.getByLabel('Agenda').fill('1. Avaus\n2. Kertomuksen rakenne');
      await page.getByRole('button', { name: 'Plan the meeting' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hyvinvointikertomus, koulutus; osa 1' }).waitFor();
      const meetingUrl = page.url();
      await page.getByText('3 active contact persons not invited yet shown.').waitFor();
      await expectNoAxeViolations(page, 'a planned meeting with the contacts to invite');
      await screenshots(page, '31-meeting-planned');

      // Invite those of the area: Liisa and Åke, not Espoo's violence contact.
      await page.getByLabel('Area of work').selectOption({ label: 'Health and welfare promotion' });
      await page.getByRole('button', { name: 'Invite all 2 shown' }).click();
      await page.getByText('Invited 2 contact persons.').waitFor();
      await page.getByRole('link', { name: 'Write an email (addresses in Bcc)' }).waitFor();
      expect(await page.getByRole('link', { name: 'Write an email (addresses in Bcc)' }).getAttribute('href')).toBe('mailto:?bcc=ake.ost%40porvoo.fi,liisa.virtanen%40porvoo.fi');

      // The calendar file.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download a calendar file (.ics)' }).click()]);
      expect(download.suggestedFilename()).toBe(`meeting-${today}.ics`);
      const ics = (await readFile((await download.path())!)).toString('utf8');
      expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      const lines = ics.replace(/\r\n /g, '').split('\r\n');
      expect(lines).toContain(`UID:${meetingUrl.split('/').at(-1)}@tillsyn`);
      expect(lines).toContain(`DTSTART;TZID=Europe/Helsinki:${today.replace(/-/g, '')}T130000`);
      expect(lines).toContain('SUMMARY:Hyvinvointikertomus\\, koulutus\\; osa 1');
      expect(lines).toContain('LOCATION:Kaupungintalo\\, sali 2');

      // Who came: two taps in a row; then guests from Espoo.
      await page.getByRole('checkbox', { name: /^Liisa Virtanen/ }).click();
      await page.getByRole('checkbox', { name: /^Åke Öst/ }).click();
      await page.getByRole('heading', { name: /^Who came \(2 of 2 invited came\)/ }).waitFor();
      const guests = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Guests not in the directory' }) });
      await guests.getByLabel('Municipality').selectOption({ label: 'Espoo' });
      await guests.getByLabel('Number of guests').fill('3');
      await guests.getByRole('button', { name: 'Save the guests' }).click();
      await guests.getByText('Guests of Espoo saved.').waitFor();
      await page.getByRole('button', { name: 'Mark as held' }).click();
      await page.getByText('Marked as held.').waitFor();
      await page.getByRole('button', { name: 'Mark as planned again' }).waitFor();
      await page.getByRole('textbox', { name: 'Minutes' }).fill('Käytiin läpi kertomuksen rakenne.');
      await page.getByRole('textbox', { name: 'Minutes' }).blur();
      await expectNoAxeViolations(page, 'the meeting’s page');
      await screenshots(page, '31-meeting-held');

      await page.getByRole('link', { name: 'Meetings and trainings' }).click();
      await page.getByRole('link', { name: 'Hyvinvointikertomus, koulutus; osa 1' }).waitFor();
      await expectNoAxeViolations(page, 'the list of meetings');
      await screenshots(page, '32-meetings');

      await expect.poll(() => unsent(page)).toBeGreaterThan(0);
      await goOnline(context, server);
      await syncNow(page);
      await expect.poll(() => unsent(page), { timeout: 30_000 }).toBe(0);

      // The coordinator of the region, on a device of their own.
      const other = coordinator.page;
      await signIn(other, server, 'coordinator');
      await other.goto(meetingUrl);
      await other.getByRole('heading', { level: 1, name: 'Hyvinvointikertomus, koulutus; osa 1' }).waitFor({ timeout: 30_000 });
      await expect.poll(async () => other.getByRole('checkbox', { name: /^Liisa Virtanen/ }).isChecked(), { timeout: 30_000 }).toBe(true);
      expect(await other.getByRole('checkbox', { name: /^Åke Öst/ }).isChecked()).toBe(true);
      await other.getByText('Espoo: 3 guests').waitFor();
      expect(await other.getByRole('textbox', { name: 'Minutes' }).inputValue()).toBe('Käytiin läpi kertomuksen rakenne.');
      await other.locator('.meeting-details').getByText('Held', { exact: true }).waitFor();

      // Porvoo's page: its participation.
      await other.goto(`${server.url}/municipalities/638`);
      const participation = other.locator('section').filter({ has: other.getByRole('heading', { name: 'Network meetings and trainings' }) });
      await participation.getByText(/^Reached by 1 held meeting\./).waitFor({ timeout: 30_000 });
      await participation.getByText('Came: Liisa Virtanen, Åke Öst').waitFor();
      await expectNoAxeViolations(other, 'the municipality page with its participation');
      await screenshots(other, '33-municipality-meetings');
    } finally {
      await inspector.close();
      await coordinator.close();
      server.assertAlive();
    }
  });
});
