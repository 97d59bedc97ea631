// A community readiness assessment in Chromium, end to end against the built app and the real server: an
// inspector starts one for Lahti with a coordinator as the second scorer and adds an interview; both go
// offline on their own devices and score it, each seeing only their own scores (the server withholds the
// other's); online again, both see the scores side by side; the inspector agrees the consensus, finalises
// and prints; the coordinator's device shows it finalised and locked, and the region's readiness page
// counts Lahti at its stage. Axe on each new page and state; with SCREENSHOTS set, each is saved at phone,
// tablet and desktop sizes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoUser, goOffline, goOnline, openBrowser, shoot, signIn, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';
import { expectNoAxeViolations, syncNow, unsent, waitForReferenceData } from './visit-helpers.ts';

let server: TestServer;

const dimensions = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
// The two scorers differ on B only; the agreed consensus is 4 there, so the dimension scores are 4 4 3 4 5 3:
// overall (4 + 4 + 3 + 4 + 5 + 3) / 6 = 3.83, stage 3, "Vague awareness"; C and F the weakest.
const inspectorScores = { A: 4, B: 4, C: 3, D: 4, E: 5, F: 3 };
const coordinatorScores = { A: 4, B: 5, C: 3, D: 4, E: 5, F: 3 };

async function score(page: Page, scores: Record<(typeof dimensions)[number], number>): Promise<void> {
  const sheet = page.getByRole('group', { name: 'My scores' });
  for (const d of dimensions) {
    const button = sheet.getByRole('group', { name: new RegExp(`^${d}\\. `) }).getByRole('button', { name: String(scores[d]), exact: true });
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
  }
  await sheet.getByRole('button', { name: 'My scores are done' }).click();
  await sheet.getByRole('button', { name: 'Change my scores' }).waitFor();
}

describe('a community readiness assessment', () => {
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('is scored blind by two colleagues offline on two devices, agreed, finalised and printed', { timeout: 240_000 }, async () => {
    const coordinator = await demoUser(server, 'coordinator');
    const inspector = await demoUser(server, 'inspector');
    const tablet = await openBrowser();
    const laptop = await openBrowser();
    try {
      // The inspector starts the assessment, with the coordinator as the second scorer, and adds an interview.
      await signIn(tablet.page, server, 'inspector');
      await waitForServiceWorkerControl(tablet.page);
      await waitForReferenceData(tablet.page, server.url);
      await syncNow(tablet.page);
      await tablet.page.goto(`${server.url}/municipalities/398`);
      const section = tablet.page.getByRole('region', { name: 'Readiness assessments' });
      await section.getByText('No readiness assessments yet.').waitFor();
      await section.getByRole('button', { name: 'Start an assessment' }).click();
      await tablet.page.getByLabel('Area').selectOption({ label: 'Substance-abuse prevention' });
      await tablet.page.getByLabel(/^Issue/).fill('Young people’s alcohol use');
      await tablet.page.getByRole('checkbox', { name: coordinator.name }).check();
      await expectNoAxeViolations(tablet.page, 'starting a readiness assessment');
      await shoot(tablet.page, '30-readiness-start');
      await tablet.page.getByRole('button', { name: 'Start the assessment' }).click();
      await tablet.page.getByRole('heading', { name: 'Readiness assessment: Young people’s alcohol use' }).waitFor();
      const assessmentUrl = tablet.page.url();
      expect(assessmentUrl).toMatch(/\/assessments\/[0-9a-f-]{36}$/);
      await tablet.page.getByRole('button', { name: 'Add an interview' }).click();
      await tablet.page.getByLabel(/^Informant’s role/).fill('Head of youth services');
      await tablet.page.getByLabel('Sector').selectOption({ label: 'Youth work' });
      await tablet.page.getByLabel(/^Date/).fill('2027-01-20');
      await tablet.page.getByRole('button', { name: 'Save the interview' }).click();
      await tablet.page.getByRole('heading', { name: 'Interview 1: Head of youth services' }).waitFor();
      await expect.poll(() => unsent(tablet.page), { timeout: 30_000 }).toBe(0);

      // The coordinator's laptop pulls it.
      await signIn(laptop.page, server, 'coordinator');
      await waitForServiceWorkerControl(laptop.page);
      await syncNow(laptop.page);
      await laptop.page.goto(assessmentUrl);
      await laptop.page.getByRole('heading', { name: 'Interview 1: Head of youth services' }).waitFor();

      // Both offline: each scores alone and sees only their own scores; the tablet's survive a reload.
      await goOffline(tablet.context, server);
      await goOffline(laptop.context, server);
      await score(tablet.page, inspectorScores);
      await tablet.page.getByText(`Waiting for the scores of ${coordinator.name}.`, { exact: false }).waitFor();
      await tablet.page.reload();
      await tablet.page.getByRole('group', { name: 'My scores' }).getByRole('button', { name: 'Change my scores' }).waitFor();
      expect(await tablet.page.getByRole('group', { name: /^C\. / }).getByRole('button', { name: '3', exact: true }).getAttribute('aria-pressed')).toBe('true');
      await expectNoAxeViolations(tablet.page, 'an assessment waiting for the other scorer');
      await shoot(tablet.page, '31-readiness-waiting');
      await score(laptop.page, coordinatorScores);
      await laptop.page.getByText(`Waiting for the scores of ${inspector.name}.`, { exact: false }).waitFor();
      expect(await laptop.page.getByRole('table', { name: 'Scores side by side' }).count()).toBe(0);

      // Online: the tablet's sheet reaches the server first and stays the inspector's alone; the laptop's
      // completes the set, and both devices then pull both sheets.
      await goOnline(tablet.context, server);
      await syncNow(tablet.page);
      await expect.poll(() => unsent(tablet.page), { timeout: 30_000 }).toBe(0);
      await goOnline(laptop.context, server);
      await syncNow(laptop.page);
      await expect.poll(() => unsent(laptop.page), { timeout: 30_000 }).toBe(0);
      await syncNow(laptop.page);
      await syncNow(tablet.page);
      for (const page of [tablet.page, laptop.page]) {
        const table = page.getByRole('table', { name: 'Scores side by side' });
        await table.waitFor({ timeout: 30_000 });
        const b = table.getByRole('row', { name: /^B\. / });
        expect((await b.getByRole('cell').allTextContents()).slice(0, 2)).toEqual(['4', '5']);
      }
      await expectNoAxeViolations(laptop.page, 'the scores side by side');
      // On a phone the scores table scrolls in its own box; the page never scrolls sideways.
      const desk = laptop.page.viewportSize();
      await laptop.page.setViewportSize({ width: 390, height: 844 });
      expect(await laptop.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      if (desk) await laptop.page.setViewportSize(desk);
      await shoot(laptop.page, '32-readiness-side-by-side');

      // The consensus: the agreed scores taken, B chosen; the results, stage and fitting action in words.
      await tablet.page.getByRole('button', { name: 'Use the agreed scores' }).click();
      await expect.poll(() => tablet.page.getByLabel(/^Consensus score, A\. /).inputValue()).toBe('4');
      await tablet.page.getByLabel(/^Consensus score, B\. /).selectOption('4');
      const results = tablet.page.getByRole('region', { name: 'Results' });
      await results.getByText('Overall readiness: stage 3, Vague awareness (score 3.83)').waitFor();
      await results.getByText(/^Weakest dimensions: .*Leadership.*Resources related to the issue/).waitFor();
      await results.getByRole('img', { name: /^Chart: scores per dimension/ }).waitFor();
      await expectNoAxeViolations(tablet.page, 'the assessment with its consensus and results');
      await shoot(tablet.page, '33-readiness-results');

      // Finalised: locked on both devices.
      await tablet.page.getByRole('button', { name: 'Finalise the assessment' }).click();
      await tablet.page.getByRole('dialog').getByRole('button', { name: 'Finalise the assessment' }).click();
      await tablet.page.getByText('This assessment is finalised: it, its interviews and scores no longer change.').waitFor();
      await expect.poll(() => unsent(tablet.page), { timeout: 30_000 }).toBe(0);
      await syncNow(laptop.page);
      await laptop.page.getByText('This assessment is finalised: it, its interviews and scores no longer change.').waitFor({ timeout: 30_000 });
      expect(await laptop.page.getByRole('button', { name: 'Add an interview' }).count()).toBe(0);
      expect(await laptop.page.getByLabel(/^Consensus score/).count()).toBe(0);
      await expectNoAxeViolations(laptop.page, 'a finalised assessment');
      await shoot(laptop.page, '34-readiness-finalised');

      // Printed: the summary without the controls, the results and the scores table with it.
      await tablet.page.emulateMedia({ media: 'print' });
      expect(await tablet.page.getByRole('button', { name: 'Print the summary' }).isVisible()).toBe(false);
      expect(await results.getByText('Overall readiness: stage 3, Vague awareness (score 3.83)').isVisible()).toBe(true);
      expect(await tablet.page.getByRole('table', { name: 'Scores side by side' }).isVisible()).toBe(true);
      const pdf = await tablet.page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await tablet.page.emulateMedia({ media: 'screen' });

      // The region's picture: Lahti at stage 3.
      await laptop.page.goto(`${server.url}/region/readiness`);
      const lahti = laptop.page.getByRole('row', { name: /Lahti/ }).first();
      await lahti.waitFor();
      expect(await lahti.textContent()).toContain('Vague awareness');
      await expectNoAxeViolations(laptop.page, 'the region’s readiness and plans');
      await shoot(laptop.page, '35-region-readiness');
      await laptop.page.goto(`${server.url}/municipalities/398`);
      await laptop.page.getByRole('region', { name: 'Readiness assessments' }).getByText('Finalised').waitFor();
      await shoot(laptop.page, '36-municipality-readiness');
    } finally {
      await tablet.close();
      await laptop.close();
    }
  });
});
