// A module of the app bundled for a blank page in Chromium (one script, its exports on `globalThis[name]`),
// for the tests and benchmarks that run one part of the app in a real browser without the whole app.
import { build } from 'vite';

/** The bundled script's text. */
export async function bundleForBrowser(entry, name) {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, emptyOutDir: false, lib: { entry, name, formats: ['iife'], fileName: () => 'module.js' } },
  });
  const [first] = Array.isArray(result) ? result : [result];
  return first.output[0].code;
}
