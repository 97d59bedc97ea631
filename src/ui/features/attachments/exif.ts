// The EXIF block of a JPEG, as bytes: found, its orientation set to "as stored", and put into another
// JPEG. A photo shrunk on the device (shrink-image.ts) is drawn on a canvas, which keeps no metadata: the
// place it was taken is gone unless the user keeps it, and then the original's EXIF block goes into the
// new file with its orientation reset (the pixels are already turned upright).

const SOI = 0xd8;
const APP1 = 0xe1;
const SOS = 0xda;
const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"
const ORIENTATION_TAG = 0x0112;
const GPS_IFD_TAG = 0x8825;

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0xff && bytes[1] === SOI;
}

/** The segments before the image data: marker, start and length (marker and length bytes included). */
function* segments(bytes: Uint8Array): Generator<{ marker: number; start: number; end: number }> {
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === SOS) return;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return;
    yield { marker, start: at, end: at + 2 + length };
    at += 2 + length;
  }
}

/** The whole APP1 segment holding EXIF (marker included), or null: not a JPEG, or no EXIF. */
export function exifSegment(jpeg: Uint8Array): Uint8Array | null {
  if (!isJpeg(jpeg)) return null;
  for (const s of segments(jpeg)) {
    if (s.marker === APP1 && EXIF_HEADER.every((b, i) => jpeg[s.start + 4 + i] === b)) return jpeg.slice(s.start, s.end);
  }
  return null;
}

/** The TIFF structure inside an EXIF segment: its offset in the segment and the byte order. */
function tiff(segment: Uint8Array): { base: number; view: DataView; little: boolean } | null {
  const base = 4 + EXIF_HEADER.length;
  if (segment.length < base + 8) return null;
  const view = new DataView(segment.buffer, segment.byteOffset, segment.byteLength);
  const order = view.getUint16(base);
  if (order !== 0x4949 && order !== 0x4d4d) return null;
  return { base, view, little: order === 0x4949 };
}

/** The entries of the first IFD (the main image's): each tag and where its entry starts in the segment. */
function ifd0Entries(segment: Uint8Array): { tag: number; entry: number }[] {
  const t = tiff(segment);
  if (!t) return [];
  const ifd = t.base + t.view.getUint32(t.base + 4, t.little);
  if (ifd + 2 > segment.length) return [];
  const count = t.view.getUint16(ifd, t.little);
  const entries: { tag: number; entry: number }[] = [];
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > segment.length) break;
    entries.push({ tag: t.view.getUint16(entry, t.little), entry });
  }
  return entries;
}

/** Whether the EXIF segment says where the photo was taken (a GPS block). */
export function hasLocation(segment: Uint8Array): boolean {
  return ifd0Entries(segment).some((e) => e.tag === GPS_IFD_TAG);
}

/** A copy of the EXIF segment whose orientation says "as stored" (1), for pixels already turned upright. */
export function withUprightOrientation(segment: Uint8Array): Uint8Array {
  const copy = segment.slice();
  const t = tiff(copy);
  const orientation = ifd0Entries(copy).find((e) => e.tag === ORIENTATION_TAG);
  if (t && orientation) t.view.setUint16(orientation.entry + 8, 1, t.little);
  return copy;
}

/** The JPEG with the segment put right after its start marker (any EXIF it had is replaced). */
export function withExif(jpeg: Uint8Array, segment: Uint8Array): Uint8Array<ArrayBuffer> {
  if (!isJpeg(jpeg)) throw new TypeError('Not a JPEG');
  const old = [...segments(jpeg)].find((s) => s.marker === APP1 && EXIF_HEADER.every((b, i) => jpeg[s.start + 4 + i] === b));
  const parts = old ? [jpeg.subarray(0, 2), segment, jpeg.subarray(2, old.start), jpeg.subarray(old.end)] : [jpeg.subarray(0, 2), segment, jpeg.subarray(2)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
