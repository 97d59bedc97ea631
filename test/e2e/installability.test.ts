// Chromium's own verdict on whether Tillsyn can be installed, and the manifest it judges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, startServer, waitForServiceWorkerControl, type TestServer } from './harness.ts';

type ManifestIcon = { src: string; sizes?: string; type?: string; purpose?: string };
type Manifest = { name?: string; short_name?: string; lang?: string; display?: string; start_url?: string; icons?: ManifestIcon[] };

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('installing Tillsyn', () => {
  it('passes Chromium installability check with no errors', async () => {
    const { page, close } = await openBrowser();
    try {
      await page.goto(server.url);
      await waitForServiceWorkerControl(page);
      const cdp = await page.context().newCDPSession(page);
      const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
      expect(manifest.url).toBe(`${server.url}/manifest.webmanifest`);
      expect(manifest.errors).toEqual([]);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
    } finally {
      await close();
      server.assertAlive();
    }
  });

  it('links a manifest with the 192, 512 and maskable icons, all fetchable', async () => {
    const { page, close } = await openBrowser();
    try {
      await page.goto(server.url);
      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      expect(href).toBeTruthy();
      const manifestUrl = new URL(href ?? '', server.url);
      const response = await fetch(manifestUrl);
      expect(response.status).toBe(200);
      const manifest = (await response.json()) as Manifest;
      expect(manifest).toMatchObject({ name: expect.stringContaining('Tillsyn'), short_name: 'Tillsyn', display: 'standalone' });
      expect(manifest.lang).toBeTruthy();

      const icons = manifest.icons ?? [];
      const find = (sizes: string, purpose: string) =>
        icons.find((icon) => icon.sizes === sizes && (icon.purpose ?? 'any').split(' ').includes(purpose));
      const wanted = [find('192x192', 'any'), find('512x512', 'any'), find('512x512', 'maskable')];
      expect(wanted.every(Boolean), JSON.stringify(icons)).toBe(true);

      for (const icon of wanted) {
        const image = await fetch(new URL(icon?.src ?? '', manifestUrl));
        expect(image.status, icon?.src).toBe(200);
        expect(image.headers.get('content-type'), icon?.src).toMatch(/^image\/png/);
        const bytes = new Uint8Array(await image.arrayBuffer());
        // A PNG's width and height sit big-endian at bytes 16 and 20 of its IHDR chunk.
        const view = new DataView(bytes.buffer);
        const size = `${view.getUint32(16)}x${view.getUint32(20)}`;
        expect(size, icon?.src).toBe(icon?.sizes);
      }

      const robots = await fetch(`${server.url}/robots.txt`);
      expect(await robots.text()).toMatch(/^User-agent: \*\s+Disallow: \/\s*$/);
    } finally {
      await close();
      server.assertAlive();
    }
  });
});
