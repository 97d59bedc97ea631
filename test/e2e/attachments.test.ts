// Photos and documents end to end (issue 15): an inspector photographs a decision with no network, the
// photo is shrunk and shown at once, survives a reload offline, and reaches the server once the tablet
// reconnects; the coordinator sees it in the review and in the report, with its caption, and the
// attached PDF by name. Files are chosen through the browser's file chooser, as a user would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { goOffline, goOnline, openBrowser, shoot, signIn, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';
import { answerAll, expectNoAxeViolations, planVisit, syncNow, unsent, waitForReferenceData } from './visit-helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

/** A camera-sized photo (3,000 × 2,000 px) as JPEG bytes, made by the browser itself. */
async function cameraPhoto(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(3000, 2000);
    const g = canvas.getContext('2d')!;
    const gradient = g.createLinearGradient(0, 0, 3000, 2000);
    gradient.addColorStop(0, '#1d4f73');
    gradient.addColorStop(1, '#f4c542');
    g.fillStyle = gradient;
    g.fillRect(0, 0, 3000, 2000);
    g.fillStyle = '#ffffff';
    g.font = 'bold 160px sans-serif';
    g.fillText('Board decision 14/2025', 200, 1000);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text);
  });
  return Buffer.from(base64, 'base64');
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const caption = 'Board decision 14/2025, page 1';

/** Chooses a file with the button that opens the browser's file chooser. */
async function choose(page: Page, button: ReturnType<Page['getByRole']>, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles(file);
}

/** The width of the first image the selector finds, once loaded; 0 while loading, broken or missing. */
async function firstImageWidth(page: Page, selector: string): Promise<number> {
  const widths = await page.locator(selector).evaluateAll((imgs) => imgs.map((i) => ((i as HTMLImageElement).complete ? (i as HTMLImageElement).naturalWidth : 0)));
  return widths[0] ?? 0;
}

describe('photos and documents', () => {
  it('go from a tablet offline to the coordinator’s review and report, uploaded once', async () => {
    const tablet = await openBrowser();
    const desk = await openBrowser();
    try {
      await signIn(tablet.page, server, 'inspector');
      await waitForServiceWorkerControl(tablet.page);
      await waitForReferenceData(tablet.page, server.url);
      const visit = await planVisit(tablet.page, server.url, { search: 'lahti', municipality: /^Lahti/, area: /Substance-abuse prevention/, date: '2025-10-02' });
      const photo = await cameraPhoto(tablet.page);

      // No network from here on.
      await goOffline(tablet.context, server);
      const page = tablet.page;
      await page.getByRole('button', { name: 'Start the visit' }).click();
      await answerAll(page);
      await page.getByRole('button', { name: 'Add observation' }).last().click();
      await page.getByLabel('Observation', { exact: true }).fill('The board decided on the prevention plan but has not published it.');
      await page.getByRole('radio', { name: 'Concern' }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      const observation = page.getByRole('group', { name: 'Photos and documents of the observation' });
      await choose(page, observation.getByRole('button', { name: 'Take a photo' }), { name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo });
      await observation.getByText('Attached. It is kept on this device').waitFor();
      await expect.poll(() => firstImageWidth(page, '.attachment-grid img'), { timeout: 30_000 }).toBeGreaterThan(0);

      const visitFiles = page.getByRole('group', { name: 'Photos and documents of the visit' });
      await choose(page, visitFiles.getByRole('button', { name: 'Attach a file' }), { name: 'prevention-plan-2025.pdf', mimeType: 'application/pdf', buffer: PDF });
      await visitFiles.getByRole('button', { name: 'Open the document prevention-plan-2025.pdf' }).waitFor();

      // A text file named like a photo is refused on the device, and nothing is kept.
      await choose(page, visitFiles.getByRole('button', { name: 'Attach a file' }), { name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just notes') });
      await visitFiles.getByRole('alert').getByText(/could not be read|Only photos/).waitFor();

      // The photo's caption, typed in its viewer.
      await observation.getByRole('button', { name: 'Open photo 1' }).click();
      const viewer = page.getByRole('dialog', { name: 'Photo' });
      await viewer.locator('img.attachment-full').waitFor();
      const shrunk = await viewer.locator('img.attachment-full').evaluate((i) => [(i as HTMLImageElement).naturalWidth, (i as HTMLImageElement).naturalHeight]);
      expect(shrunk).toEqual([1600, 1067]);
      await viewer.getByLabel('Caption').fill(caption);
      await viewer.getByLabel('Caption').blur();
      await expectNoAxeViolations(page, 'the photo viewer');
      await shoot(page, 'attachment-viewer');
      await viewer.getByRole('button', { name: 'Close' }).click();
      await observation.getByText(caption).waitFor();
      await expectNoAxeViolations(page, 'the visit with attachments');
      await shoot(page, 'visit-attachments');

      // A reload with no network: everything is still there, from the device.
      await page.reload();
      await page.getByRole('group', { name: 'Photos and documents of the observation' }).getByText(caption).waitFor();
      await expect.poll(() => firstImageWidth(page, '.attachment-grid img'), { timeout: 30_000 }).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Submit for review' }).click();
      await page.getByRole('button', { name: 'Recall for editing' }).waitFor();

      // Back online: the files go up before the records that name them, and everything arrives.
      const uploads: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/blobs/') && r.method() === 'PUT') uploads.push(r.url());
      });
      await goOnline(tablet.context, server);
      await page.locator('.visit-header').getByText('Synced').waitFor({ timeout: 30_000 });
      await expect.poll(() => unsent(page), { timeout: 30_000 }).toBe(0);
      // The photo, its small copy and the PDF: three files, each sent once.
      expect(new Set(uploads).size).toBe(3);
      expect(uploads).toHaveLength(3);

      // The coordinator's desk fetches them when shown.
      await signIn(desk.page, server, 'coordinator');
      await syncNow(desk.page);
      await desk.page.goto(`${server.url}/review`);
      await desk.page.getByRole('region', { name: 'Waiting for review (1)' }).getByRole('link', { name: 'Lahti' }).click();
      const reviewed = desk.page.getByRole('group', { name: 'Photos and documents of the observation' });
      await reviewed.getByText(caption).waitFor();
      await expect.poll(() => firstImageWidth(desk.page, '.attachment-grid img'), { timeout: 30_000 }).toBeGreaterThan(0);
      await desk.page.getByRole('group', { name: 'Photos and documents of the visit' }).getByRole('button', { name: 'Open the document prevention-plan-2025.pdf' }).waitFor();
      // Read-only here: no buttons to add.
      expect(await desk.page.getByRole('button', { name: 'Take a photo' }).count()).toBe(0);
      await expectNoAxeViolations(desk.page, 'the review with attachments');
      await shoot(desk.page, 'review-attachments');

      // The report: the photo in its observation's place with its caption, the document by name.
      await desk.page.goto(`${server.url}${new URL(visit.url).pathname}/report`);
      const report = desk.page.locator('.report-document, main');
      await report.locator('.report-photo figcaption', { hasText: caption }).waitFor();
      await expect.poll(() => firstImageWidth(desk.page, '.report-photo img'), { timeout: 30_000 }).toBeGreaterThan(0);
      await report.getByRole('heading', { name: 'Attached documents' }).waitFor();
      await report.getByText('prevention-plan-2025.pdf').waitFor();
      await shoot(desk.page, 'report-attachments');

      // Keep the visit's files for offline use: then the desk opens the PDF with no network.
      await desk.page.goto(`${server.url}/review`);
      await desk.page.getByRole('link', { name: 'Lahti' }).first().click();
      await desk.page.getByRole('button', { name: 'Keep this visit’s files on this device' }).click();
      await desk.page.getByText('All 2 files are on this device').waitFor({ timeout: 30_000 });
      await goOffline(desk.context, server);
      await desk.page.getByRole('button', { name: 'Open the document prevention-plan-2025.pdf' }).click();
      await desk.page.getByRole('dialog', { name: 'Document' }).getByRole('link', { name: /Open the file/ }).waitFor();
    } finally {
      await tablet.close();
      await desk.close();
    }
  });
});
