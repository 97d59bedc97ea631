// The EXIF block of a JPEG, byte by byte (src/ui/features/attachments/exif.ts): found among the segments,
// its GPS block seen, its orientation set upright without touching the rest, and put into a JPEG that has
// none (or in place of the one it has), the image data after it unchanged.
import { describe, expect, it } from 'vitest';
import { exifSegment, hasLocation, withExif, withUprightOrientation } from '../../src/ui/features/attachments/exif.ts';
import { sha256Hex } from '../../src/db/blobs.ts';
import { fitWithin } from '../../src/ui/features/attachments/shrink-image.ts';

/** An APP1 EXIF segment, little-endian TIFF, IFD0 with an orientation and (optionally) a GPS pointer. */
function exif({ orientation, gps }: { orientation: number; gps: boolean }): number[] {
  const entries: number[][] = [[0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0]]; // 0x0112 SHORT 1 = orientation
  if (gps) entries.push([0x25, 0x88, 4, 0, 1, 0, 0, 0, 26, 0, 0, 0]); // 0x8825 LONG 1 = offset of the GPS IFD
  const ifd = [entries.length, 0, ...entries.flat(), 0, 0, 0, 0];
  const tiff = [0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, ...ifd, ...(gps ? [0, 0, 0, 0, 0, 0] : [])];
  const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const length = body.length + 2;
  return [0xff, 0xe1, length >> 8, length & 0xff, ...body];
}
const app0 = [0xff, 0xe0, 0x00, 0x06, 0x4a, 0x46, 0x49, 0x46]; // a short JFIF APP0
const scan = [0xff, 0xda, 0x00, 0x04, 0x01, 0x02, 0x11, 0x22, 0x33, 0xff, 0xd9]; // start of scan, data, end
const jpeg = (...parts: number[][]) => new Uint8Array([0xff, 0xd8, ...parts.flat()]);
const orientationOf = (segment: Uint8Array) => segment[4 + 6 + 8 + 2 + 8]! | (segment[4 + 6 + 8 + 2 + 9]! << 8);

describe('a JPEG’s EXIF', () => {
  const taken = jpeg(exif({ orientation: 6, gps: true }), scan);

  it('is found among its segments, with where the photo was taken', () => {
    const segment = exifSegment(taken)!;
    expect(Array.from(segment)).toEqual(exif({ orientation: 6, gps: true }));
    expect(hasLocation(segment)).toBe(true);
    expect(hasLocation(exifSegment(jpeg(exif({ orientation: 1, gps: false }), scan))!)).toBe(false);
    expect(exifSegment(jpeg(app0, scan))).toBeNull();
    expect(exifSegment(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
  });

  it('is turned upright on a copy, the rest of it unchanged', () => {
    const segment = exifSegment(taken)!;
    const upright = withUprightOrientation(segment);
    expect(orientationOf(segment)).toBe(6);
    expect(orientationOf(upright)).toBe(1);
    expect(Array.from(upright).filter((b, i) => b !== segment[i])).toEqual([1]);
  });

  it('goes into a JPEG right after its start, or in place of the EXIF it had; the image data follows unchanged', () => {
    const segment = withUprightOrientation(exifSegment(taken)!);
    const drawn = jpeg(app0, scan);
    expect(Array.from(withExif(drawn, segment))).toEqual([0xff, 0xd8, ...segment, ...app0, ...scan]);
    const had = jpeg(exif({ orientation: 3, gps: false }), app0, scan);
    expect(Array.from(withExif(had, segment))).toEqual([0xff, 0xd8, ...segment, ...app0, ...scan]);
    expect(() => withExif(new Uint8Array([1, 2, 3, 4, 5]), segment)).toThrow('Not a JPEG');
  });
});

describe('a shrunk photo’s size and name', () => {
  it('keeps the proportions with the longest side at most 1,600 px, never enlarging', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(1024, 768)).toEqual({ width: 1024, height: 768 });
    expect(fitWithin(9000, 10)).toEqual({ width: 1600, height: 2 });
  });

  it('is named by the SHA-256 of its bytes, in lowercase hex', async () => {
    expect(await sha256Hex(new Blob(['abc']))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
