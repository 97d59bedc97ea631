// A visit's review history in Chromium: an inspector submits, a coordinator returns it with a reason,
// the inspector changes an answer and a comment and submits again; the coordinator sees the timeline
// and what changed since the return side by side, opens the visit's audit trail, and exports the audit
// CSV of the period; offline, the history says it needs a connection and keeps what it had. Axe on each
// new page and state; with SCREENSHOTS set, each is saved at phone, tablet and desktop sizes.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUser, goOffline, goOnline, openBrowser, shoot, signIn, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';
import { answerAll, expectNoAxeViolations, item, planVisit, syncNow, unsent, waitForReferenceData } from './visit-helpers.ts';

let server: TestServer;

const reason = 'EPT-02: is there really a working group? Check the answer, please.';
const comment = 'The working group was disbanded in 2025.';

describe('the review history and the audit trail', () => {
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('shows the return, the corrections side by side, the audit trail and its export', { timeout: 240_000 }, async () => {
    const inspector = await demoUser(server, 'inspector');
    const coordinator = await demoUser(server, 'coordinator');
    const tablet = await openBrowser();
    const desk = await openBrowser();
    try {
      // The inspector fills and submits a visit.
      await signIn(tablet.page, server, 'inspector');
      await waitForServiceWorkerControl(tablet.page);
      await waitForReferenceData(tablet.page, server.url);
      const visit = await planVisit(tablet.page, server.url, { search: 'lahti', municipality: /^Lahti/, area: /Substance-abuse prevention/, date: '2025-09-15' });
      await tablet.page.getByRole('button', { name: 'Start the visit' }).click();
      await answerAll(tablet.page);
      await tablet.page.getByRole('button', { name: 'Submit for review' }).click();
      await tablet.page.getByRole('button', { name: 'Recall for editing' }).waitFor();
      await expect.poll(() => unsent(tablet.page), { timeout: 30_000 }).toBe(0);

      // The coordinator returns it with a reason.
      await signIn(desk.page, server, 'coordinator');
      await syncNow(desk.page);
      await desk.page.goto(`${server.url}/review`);
      await desk.page.getByRole('region', { name: 'Waiting for review (1)' }).getByRole('link', { name: 'Lahti' }).click();
      const deskHistory = desk.page.getByRole('region', { name: 'Review history' });
      await deskHistory.getByText('Submitted for review').waitFor();
      await desk.page.getByRole('button', { name: 'Return to the senior inspector' }).click();
      const dialog = desk.page.getByRole('dialog', { name: 'Return the visit to the senior inspector' });
      await dialog.getByLabel('Reason for returning').fill(reason);
      await dialog.getByRole('button', { name: 'Return the visit' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => unsent(desk.page), { timeout: 30_000 }).toBe(0);

      // The inspector sees who returned it and why, corrects an answer and its comment, and submits again.
      await syncNow(tablet.page);
      await tablet.page.goto(visit.url);
      const tabletHistory = tablet.page.getByRole('region', { name: 'Review history' });
      await tabletHistory.getByText('Returned to the senior inspector').waitFor();
      await tabletHistory.getByText(reason).waitFor();
      expect(await tabletHistory.getByRole('listitem').filter({ hasText: 'Returned to the senior inspector' }).textContent()).toContain(coordinator.name);
      await tabletHistory.getByText('Nothing has changed since the visit was returned.').waitFor();
      await expectNoAxeViolations(tablet.page, 'a returned visit with its review history');
      await shoot(tablet.page, '20-returned-visit-history');

      const ept02 = item(tablet.page, 'EPT-02');
      await ept02.getByRole('button', { name: 'No', exact: true }).click();
      const commentField = ept02.getByLabel('Comment');
      await commentField.fill(comment);
      await commentField.blur();
      await tablet.page.getByRole('button', { name: 'Submit again for review' }).click();
      await tablet.page.getByRole('button', { name: 'Recall for editing' }).waitFor();
      await expect.poll(() => unsent(tablet.page), { timeout: 30_000 }).toBe(0);

      // The coordinator sees the resubmission, and what changed since the return, before beside now.
      await syncNow(desk.page);
      await desk.page.goto(`${server.url}/review`);
      // The inbox filtered by the inspector and the area, each choice with its count.
      const byInspector = desk.page.getByLabel('Senior inspector', { exact: true });
      await byInspector.selectOption({ label: `${inspector.name} (1)` });
      await desk.page.getByLabel('Area', { exact: true }).selectOption({ label: 'Substance-abuse prevention (1)' });
      await desk.page.getByRole('status').filter({ hasText: 'Showing 1 of 1 visits.' }).waitFor();
      await expectNoAxeViolations(desk.page, 'the review inbox, filtered');
      await shoot(desk.page, '19-review-inbox-filtered');
      await desk.page.getByRole('region', { name: 'Waiting for review (1)' }).getByRole('link', { name: 'Lahti' }).click();
      await deskHistory.getByText('Submitted again after corrections').waitFor();
      const steps = deskHistory.getByRole('list').first().getByRole('listitem');
      expect(await steps.locator('strong').allTextContents()).toEqual([
        'Planned',
        'Started',
        'Submitted for review',
        'Returned to the senior inspector',
        'Submitted again after corrections',
      ]);
      const returned = steps.filter({ hasText: 'Returned to the senior inspector' });
      expect(await returned.textContent()).toContain(reason);
      expect(await returned.textContent()).toContain(coordinator.name);
      expect(await steps.filter({ hasText: 'Submitted again after corrections' }).textContent()).toContain(inspector.name);
      const since = desk.page.getByRole('region', { name: 'What changed since it was returned' });
      const answerChange = since.getByRole('listitem').filter({ has: desk.page.getByRole('heading', { name: /^EPT-02 / }) });
      const valueRow = answerChange.locator('.history-field').filter({ has: desk.page.locator('dt', { hasText: /^Answer$/ }) });
      expect(await valueRow.locator('.history-then').textContent()).toBe('When returnedYes');
      expect(await valueRow.locator('.history-now').textContent()).toBe('NowNo');
      const commentRow = answerChange.locator('.history-field').filter({ has: desk.page.locator('dt', { hasText: /^Comment$/ }) });
      expect(await commentRow.locator('.history-now').textContent()).toBe(`Now${comment}`);
      expect(await since.locator('.history-change').count()).toBe(1);
      await expectNoAxeViolations(desk.page, 'the review page with the history and the changes since the return');
      await shoot(desk.page, '21-review-history');

      // The visit's own audit trail, read when opened.
      await desk.page.getByText('History of the visit’s details').click();
      const trail = desk.page.locator('.record-history-body');
      await trail.getByText('Created', { exact: true }).waitFor();
      const entries = trail.locator('.history-entry');
      expect(await entries.count()).toBeGreaterThanOrEqual(4);
      expect(await entries.first().textContent()).toContain('Status:');
      expect(await entries.first().textContent()).toContain(inspector.name);
      expect(await entries.filter({ hasText: reason }).textContent()).toContain(coordinator.name);
      await expectNoAxeViolations(desk.page, 'the visit’s audit trail opened');
      await shoot(desk.page, '22-visit-audit-trail');

      // Offline, the history says it needs a connection and keeps what it had.
      await goOffline(desk.context, server);
      await deskHistory.getByRole('button', { name: 'Refresh the history' }).click();
      await deskHistory.getByText(/connect to the internet to see it/).waitFor();
      await deskHistory.getByText(reason).waitFor();
      await expectNoAxeViolations(desk.page, 'the review history offline');
      await shoot(desk.page, '23-review-history-offline');
      await goOnline(desk.context, server);

      // A contact person's history on the municipality's page.
      await desk.page.goto(`${server.url}/municipalities/398`);
      await desk.page.getByRole('button', { name: 'Add a contact person' }).click();
      const form = desk.page.locator('form').filter({ has: desk.page.getByRole('heading', { name: 'New contact person' }) });
      await form.getByLabel(/^Name/).fill('Maija Mallikas');
      await form.getByRole('checkbox', { name: 'Substance-abuse prevention' }).check();
      await form.getByRole('button', { name: 'Add contact person' }).click();
      await desk.page.getByText('Added Maija Mallikas.').waitFor();
      await expect.poll(() => unsent(desk.page), { timeout: 30_000 }).toBe(0);
      const contactTrail = desk.page.locator('details').filter({ hasText: 'History of the contact person Maija Mallikas' });
      await contactTrail.locator('summary').click();
      await contactTrail.getByText('Created', { exact: true }).waitFor();
      expect(await contactTrail.locator('.history-entry').first().textContent()).toContain(coordinator.name);
      // Its municipality by name, once the device's names are read.
      await contactTrail.getByText('Lahti (398)').waitFor();
      await desk.page.locator('details').filter({ hasText: 'History of the municipality’s details' }).locator('summary').click();
      await desk.page.getByText('The server has no recorded changes of this record.').waitFor();
      await expectNoAxeViolations(desk.page, 'the municipality’s and a contact person’s history');
      await shoot(desk.page, '25-municipality-history');

      // The audit CSV of the period, from the region's page.
      await desk.page.goto(`${server.url}/region`);
      await desk.page.getByRole('link', { name: 'Audit trail export' }).click();
      await desk.page.getByRole('heading', { level: 1, name: 'Audit trail export' }).waitFor();
      const today = new Date().toISOString().slice(0, 10);
      await desk.page.getByLabel('From', { exact: true }).fill(today);
      await desk.page.getByLabel('To', { exact: true }).fill(today);
      await expectNoAxeViolations(desk.page, 'the audit export page');
      await shoot(desk.page, '24-audit-export');
      await desk.page.getByLabel('CSV separator').selectOption(';');
      const [download] = await Promise.all([desk.page.waitForEvent('download'), desk.page.getByRole('button', { name: 'Download the audit trail (CSV)' }).click()]);
      expect(download.suggestedFilename()).toBe(`audit-trail-${today}-${today}.csv`);
      await desk.page.getByText(/^Downloaded audit-trail-/).waitFor();
      const bytes = await readFile((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe('Time (UTC);User;Device;Record type;Record id;Municipality;Change;Field;Before;After');
      expect(lines.at(-1)).toBe('');
      const rows = lines.slice(1, -1).map((l) => l.split(';'));
      for (const r of rows) expect(r[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const answerId = `${visit.id}:EPT-02`;
      const valueChange = rows.find((r) => r[4] === answerId && r[7] === 'Answer' && r[6] === 'Changed');
      expect(valueChange?.slice(1, 2)).toEqual([inspector.name]);
      expect(valueChange?.slice(3)).toEqual(['Answer', answerId, '398 Lahti', 'Changed', 'Answer', 'yes', 'no']);
      const commentChange = rows.find((r) => r[4] === answerId && r[7] === 'Comment');
      expect(commentChange?.slice(8)).toEqual(['', comment]);
      const returnRow = rows.find((r) => r[3] === 'Visit' && r[7] === 'Status' && r[9] === 'returned');
      expect(returnRow?.slice(1, 2)).toEqual([coordinator.name]);
      expect(rows.some((r) => r[3] === 'Visit' && r[7] === 'Reason for return' && r[9] === reason)).toBe(true);
      expect(rows.find((r) => r[3] === 'Contact person' && r[7] === 'Name')?.slice(5, 10)).toEqual(['398 Lahti', 'Created', 'Name', '', 'Maija Mallikas']);
      await expectNoAxeViolations(desk.page, 'the audit export page after a download');
    } finally {
      await tablet.close();
      await desk.close();
      server.assertAlive();
    }
  });
});
