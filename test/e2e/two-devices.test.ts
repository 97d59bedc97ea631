// Two browsers in step through the real server: an inspector's tablet that works offline, and a
// coordinator's desktop. What the tablet did offline reaches the coordinator once it reconnects; the
// coordinator's return reaches the tablet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goOffline, goOnline, openBrowser, signIn, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';
import { answerAll, item, planVisit, syncNow, unsent, waitForReferenceData } from './visit-helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

const summary = 'Prevention plan adopted; the working group meets quarterly.';
const itemComment = 'Board decision 14/2025.';
const reason = 'Add the date of the board decision to item EPT-01.';

describe('two devices, one visit', () => {
  it('carries the tablet’s offline work to the coordinator, and the coordinator’s return back', async () => {
    const tablet = await openBrowser();
    const desk = await openBrowser();
    try {
      // The inspector plans a visit while online, then works with no network.
      await signIn(tablet.page, server, 'inspector');
      await waitForServiceWorkerControl(tablet.page);
      await waitForReferenceData(tablet.page, server.url);
      const visit = await planVisit(tablet.page, server.url, {
        search: 'lahti',
        municipality: /^Lahti/,
        area: /Substance-abuse prevention/,
        date: '2025-09-15',
      });
      await goOffline(tablet.context, server);
      await tablet.page.getByRole('button', { name: 'Start the visit' }).click();
      await answerAll(tablet.page);
      const comment = item(tablet.page, 'EPT-01').getByLabel('Comment');
      await comment.fill(itemComment);
      await comment.blur();
      const summaryField = tablet.page.getByLabel('Summary of the visit');
      await summaryField.fill(summary);
      await summaryField.blur();
      await tablet.page.getByRole('button', { name: 'Submit for review' }).click();
      await tablet.page.getByRole('button', { name: 'Recall for editing' }).waitFor();
      await tablet.page.locator('.visit-header').getByText('Only on this device').waitFor();

      // The coordinator sees nothing of it yet.
      await signIn(desk.page, server, 'coordinator');
      await desk.page.goto(`${server.url}/review`);
      await desk.page.getByText(/No visit reports to review on this device/).waitFor();

      // Back online, the tablet's loop sends it all.
      await goOnline(tablet.context, server);
      await tablet.page.locator('.visit-header').getByText('Synced').waitFor({ timeout: 30_000 });

      await syncNow(desk.page);
      const waiting = desk.page.getByRole('region', { name: 'Waiting for review (1)' });
      await waiting.getByRole('link', { name: 'Lahti' }).click();
      await desk.page.getByText(summary).waitFor();
      await desk.page.getByText(itemComment).waitFor();
      await desk.page.getByRole('button', { name: 'Return to the senior inspector' }).click();
      const dialog = desk.page.getByRole('dialog', { name: 'Return the visit to the senior inspector' });
      await dialog.getByLabel('Reason for returning').fill(reason);
      await dialog.getByRole('button', { name: 'Return the visit' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => unsent(desk.page), { timeout: 30_000 }).toBe(0);

      // The tablet pulls the return: the visit needs attention, with the coordinator's reason.
      await syncNow(tablet.page);
      await tablet.page.goto(`${server.url}/visits`);
      // The reason shows in the returned visit's summary, and again in its history once that has loaded.
      await tablet.page.getByText(reason).first().waitFor({ timeout: 30_000 });
      await tablet.page.goto(visit.url);
      await tablet.page.getByText('The coordinator returned this visit for changes').waitFor();
      await tablet.page.getByText(reason).first().waitFor();
      // Submitted again with one button: no "Resume editing" first.
      await tablet.page.getByRole('button', { name: 'Submit again for review' }).waitFor();
    } finally {
      await tablet.close();
      await desk.close();
      server.assertAlive();
    }
  });
});
