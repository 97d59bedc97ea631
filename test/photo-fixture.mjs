// A camera's photo made in the page, for the photo test and benchmark: 4000 × 3000 (12 megapixels), light,
// shade and a sensor's grain, JPEG of a few megabytes, taken with the camera turned (EXIF orientation 6) and with its place (a GPS
// pointer). Runs in the browser (pass it to page.evaluate); needs the `exif` bundle (exif.ts) on the page,
// and leaves the photo in `globalThis.takenPhoto`. Answers its size in bytes.
export async function makeTakenPhoto() {
  const canvas = new OffscreenCanvas(4000, 3000);
  const g = canvas.getContext('2d');
  const sky = g.createLinearGradient(0, 0, 4000, 3000);
  sky.addColorStop(0, '#7aa7d9');
  sky.addColorStop(1, '#3d5a2a');
  g.fillStyle = sky;
  g.fillRect(0, 0, 4000, 3000);
  for (let i = 0; i < 4000; i++) {
    g.fillStyle = `hsl(${(i * 37) % 360} 40% ${30 + (i % 40)}%)`;
    g.fillRect((i * 997) % 4000, (i * 613) % 3000, 40 + (i % 90), 30 + (i % 70));
  }
  // A sensor's grain, as much as a camera's JPEG carries (3–6 MB at this size): a little noise in every pixel.
  let seed = 1;
  for (let y = 0; y < 3000; y += 500) {
    const band = g.getImageData(0, y, 4000, 500);
    for (let i = 0; i < band.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = (seed % 25) - 12;
      band.data[i] += n;
      band.data[i + 1] += n;
      band.data[i + 2] += n;
    }
    g.putImageData(band, 0, y);
  }
  const plain = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 })).arrayBuffer());
  // Orientation 6 and a GPS pointer in IFD0, little-endian TIFF.
  const tiff = [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 2, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const segment = new Uint8Array([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
  globalThis.takenPhoto = new Blob([globalThis.exif.withExif(plain, segment)], { type: 'image/jpeg' });
  return globalThis.takenPhoto.size;
}
