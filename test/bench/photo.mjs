// Shrinking a camera's 12-megapixel photo on the device (src/ui/features/attachments/shrink-image.ts) in
// headless Chromium: the module bundled onto a blank page, the photo made there (test/photo-fixture.mjs),
// then shrunk five times; the median beside the goal, and the floor of this machine: decoding the
// same photo alone, which every shrink must do first.
import { fileURLToPath } from 'node:url';
import { bundleForBrowser } from '../browser-module.mjs';
import { makeTakenPhoto } from '../photo-fixture.mjs';
import { openProfile } from './browser.mjs';

const module = (path) => fileURLToPath(new URL(`../../src/ui/features/attachments/${path}`, import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function photoBenchmarks() {
  const { page, close } = await openProfile();
  try {
    await page.addScriptTag({ content: await bundleForBrowser(module('exif.ts'), 'exif') });
    await page.addScriptTag({ content: await bundleForBrowser(module('shrink-image.ts'), 'photo') });
    const bytes = await page.evaluate(makeTakenPhoto);
    const times = await page.evaluate(async () => {
      const shrink = [];
      const decode = [];
      let size = 0;
      for (let i = 0; i < 6; i++) {
        let t = performance.now();
        (await createImageBitmap(globalThis.takenPhoto)).close();
        if (i > 0) decode.push(performance.now() - t);
        t = performance.now();
        size = (await globalThis.photo.shrinkImage(globalThis.takenPhoto)).blob.size;
        if (i > 0) shrink.push(performance.now() - t);
      }
      return { shrink, decode, size };
    });
    return [
      [`a 12-megapixel photo (${(bytes / 1e6).toFixed(1)} MB) shrunk to 1,600 px, ${Math.round(times.size / 1000)} kB, median of 5`, `${Math.round(median(times.shrink))} ms (decoding alone: ${Math.round(median(times.decode))} ms)`, '≤ 800 ms'],
    ];
  } finally {
    await close();
  }
}
