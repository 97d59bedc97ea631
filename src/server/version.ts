import { readFileSync } from 'node:fs';

/** The project's version from its package.json, found by walking up from this file (src/ or dist/ alike). */
export function packageVersion(): string {
  for (let url = new URL('./', import.meta.url); url.pathname !== '/'; url = new URL('../', url)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'tillsyn' && pkg.version) return pkg.version;
    } catch {
      // no package.json here: look one folder up
    }
  }
  return '0.0.0';
}
