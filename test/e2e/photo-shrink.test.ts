// A camera's photo shrunk on the device, in Chromium (src/ui/features/attachments/shrink-image.ts): a
// 12-megapixel JPEG taken with the camera turned (EXIF orientation 6) and with its place (a GPS block)
// comes out upright, its longest side 1,600 px, about 300 kB, without its place; with it when the user
// keeps it, and then marked upright so no viewer turns it again.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../browser-module.mjs';
import { makeTakenPhoto } from '../photo-fixture.mjs';
import { openBrowser, type TestBrowser } from './harness.ts';

const entry = fileURLToPath(new URL('../../src/ui/features/attachments/shrink-image.ts', import.meta.url));
const scripts: string[] = [];

type Result = { width: number; height: number; bytes: number; exif: number[] | null };
/** The modules as the page has them, bundled (their exports on `globalThis.photo` and `globalThis.exif`). */
type PhotoModule = typeof import('../../src/ui/features/attachments/shrink-image.ts');
type ExifModule = typeof import('../../src/ui/features/attachments/exif.ts');

beforeAll(async () => {
  scripts.push(await bundleForBrowser(entry, 'photo'), await bundleForBrowser(fileURLToPath(new URL('../../src/ui/features/attachments/exif.ts', import.meta.url)), 'exif'));
});

/** The 12-megapixel photo (photo-fixture.mjs) made in a fresh page and shrunk there. */
async function shrinkTakenPhoto(keepLocation: boolean): Promise<Result> {
  const browser: TestBrowser = await openBrowser();
  try {
    for (const content of scripts) await browser.page.addScriptTag({ content });
    expect(await browser.page.evaluate(makeTakenPhoto)).toBeGreaterThan(1_000_000);
    return await shrinkIn(browser, keepLocation);
  } finally {
    await browser.close();
  }
}

/** Shrinks the page's taken photo; the result's size and its EXIF block, if any. */
function shrinkIn(browser: TestBrowser, keepLocation: boolean): Promise<Result> {
  return browser.page.evaluate(async (keep) => {
    const page = globalThis as unknown as { photo: PhotoModule; exif: ExifModule; takenPhoto: Blob };
    const shrunk = await page.photo.shrinkImage(page.takenPhoto, { keepLocation: keep });
    const exif = page.exif.exifSegment(new Uint8Array(await shrunk.blob.arrayBuffer()));
    return { width: shrunk.width, height: shrunk.height, bytes: shrunk.blob.size, exif: exif ? Array.from(exif) : null };
  }, keepLocation);
}

describe('a photo shrunk on the device', () => {
  it('comes out upright, 1,600 px on its longest side, about 300 kB, without the place it was taken', { timeout: 60_000 }, async () => {
    const result = await shrinkTakenPhoto(false);
    expect([result.width, result.height]).toEqual([1200, 1600]);
    expect(result.bytes).toBeLessThan(450_000);
    expect(result.bytes).toBeGreaterThan(20_000);
    expect(result.exif).toBeNull();
  });

  it('keeps the place when asked, marked upright', { timeout: 60_000 }, async () => {
    const result = await shrinkTakenPhoto(true);
    expect([result.width, result.height]).toEqual([1200, 1600]);
    expect(result.exif).not.toBeNull();
    const exif = result.exif!;
    expect(exif[4 + 6 + 8 + 2 + 8]).toBe(1); // orientation: as stored
    expect(exif.slice(4 + 6 + 8 + 2 + 12, 4 + 6 + 8 + 2 + 14)).toEqual([0x25, 0x88]); // the GPS block's pointer is still there
  });
});
