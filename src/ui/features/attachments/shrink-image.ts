// A photo made small enough to keep and send, on the device: turned upright as its EXIF says, its longest
// side at most 1,600 px, JPEG of about 300 kB (the quality lowered a step at a time until it fits), and
// without the place it was taken unless the user keeps it (the canvas keeps no metadata; exif.ts puts the
// original's block back, upright). A camera's 12-megapixel photo arrives as 3–6 MB.
import { exifSegment, withExif, withUprightOrientation } from './exif.ts';

export const MAX_SIDE = 1600;
/** About what a shrunk photo weighs; a little over is fine, twice it is not. */
export const TARGET_BYTES = 300_000;
const QUALITIES = [0.82, 0.72, 0.62, 0.5];

/** The longest side of a photo's small copy, shown in lists and fetched before the photo itself. */
export const THUMB_SIDE = 320;

export type ShrunkImage = { blob: Blob; width: number; height: number; thumb: Blob };

/** The size to draw at: the longest side at most `maxSide`, never enlarged. */
export function fitWithin(width: number, height: number, maxSide: number = MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

type Canvas = OffscreenCanvas | HTMLCanvasElement;

function canvasOf(width: number, height: number): Canvas {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height);
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}

function encode(canvas: Canvas, quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The browser could not encode the photo'))), 'image/jpeg', quality));
}

function draw(bitmap: ImageBitmap, size: { width: number; height: number }): Canvas {
  const canvas = canvasOf(size.width, size.height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
  if (!context) throw new Error('The browser could not draw the photo');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  return canvas;
}

/**
 * The photo shrunk, and its small copy (never with the location). Rejects when the browser cannot read the file as an image (the caller says so and
 * keeps nothing). `keepLocation`: the original's EXIF (with where it was taken) goes into the result.
 */
export async function shrinkImage(file: Blob, { keepLocation = false, maxSide = MAX_SIDE, targetBytes = TARGET_BYTES } = {}): Promise<ShrunkImage> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const size = fitWithin(bitmap.width, bitmap.height, maxSide);
    const canvas = draw(bitmap, size);
    const thumb = await encode(draw(bitmap, fitWithin(bitmap.width, bitmap.height, THUMB_SIDE)), 0.7);
    let blob = await encode(canvas, QUALITIES[0]!);
    for (const quality of QUALITIES.slice(1)) {
      if (blob.size <= targetBytes * 1.2) break;
      blob = await encode(canvas, quality);
    }
    if (keepLocation) {
      const exif = exifSegment(new Uint8Array(await file.arrayBuffer()));
      if (exif) blob = new Blob([withExif(new Uint8Array(await blob.arrayBuffer()), withUprightOrientation(exif))], { type: 'image/jpeg' });
    }
    return { blob, ...size, thumb };
  } finally {
    bitmap.close();
  }
}
