// JS shipped to the browser, gzipped as the server sends it: the shell every route loads, each lazily
// loaded page on top of it, and everything. Reads vite's manifest of the build in dist/app.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const app = fileURLToPath(new URL('../../dist/app/', import.meta.url));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

export function bundleFigures() {
  const manifest = JSON.parse(readFileSync(join(app, '.vite/manifest.json'), 'utf8'));
  const gz = new Map();
  const size = (file) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(app, file))).length);
    return gz.get(file);
  };
  /** The JS files a chunk loads before it runs: itself and its static imports, recursively. */
  const closure = (key, seen = new Set()) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return seen;
    seen.add(chunk.file);
    for (const dep of chunk.imports ?? []) closure(dep, seen);
    return seen;
  };
  const sum = (files) => [...files].filter((f) => f.endsWith('.js')).reduce((n, f) => n + size(f), 0);

  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const shell = closure(entryKey);
  const rows = [[`shell (${manifest[entryKey].src}) and what it imports`, kb(sum(shell)), '']];
  let firstRoute = sum(shell);
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isDynamicEntry) continue;
    const own = [...closure(key)].filter((f) => !shell.has(f));
    const name = (chunk.src ?? key).replace(/^src\/ui\//, '').replace(/^.*node_modules\//, '');
    rows.push([`  + ${name}`, kb(sum(own)), '']);
    // The visits page, and what a Finnish user (the default language) loads with it: the shell's part of
    // the catalogue (each page loads its own part with it) and the date locale.
    if (/VisitsPage|i18n\/fi\/shell\.ts|date-fns\/locale\/fi\.js/.test(name)) firstRoute += sum(own);
  }
  const all = sum(Object.values(manifest).map((c) => c.file));
  rows.push(['first route (/visits): shell, its page, its Finnish messages and date locale', kb(firstRoute), '≤ 60 kB']);
  rows.push(['all JS of the app', kb(all), '≤ 100 kB']);
  return rows;
}
