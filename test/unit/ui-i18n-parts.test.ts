// The first route and the catalogue parts, read from the source: what the app's entry imports (its
// static imports, all the way down) must find its messages in the shell's part and import no zod; each
// lazily loaded component (`lazy(() => import(…), { parts })`) must find its messages in the shell's
// part and the parts it names. A key is found where it is written out ('nav.visits') or, for a key
// made at run time, by its written prefix (`visitStatus.${status}`).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partFiles } from '../i18n-packs.ts';

// Under happy-dom import.meta.url is not a file URL; vitest runs from the project root.
const root = process.cwd();
const entry = join(root, 'src/ui/main.tsx');

const partOf = new Map<string, string>();
for (const [path, file] of Object.entries(partFiles)) {
  const match = /\/i18n\/en\/(\w+)\.ts$/.exec(path);
  if (match) for (const key of Object.keys(file.messages)) partOf.set(key, match[1]!);
}

const sources = new Map<string, string>();
const source = (file: string) => {
  if (!sources.has(file)) sources.set(file, readFileSync(file, 'utf8'));
  return sources.get(file)!;
};

/** The modules a module imports for their values (not `import type`); packages as `npm:<name>`. */
function imports(file: string): string[] {
  if (!/\.tsx?$/.test(file)) return [];
  const found: string[] = [];
  for (const m of source(file).matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    const spec = m[1]!;
    found.push(spec.startsWith('.') ? resolve(dirname(file), spec) : `npm:${spec}`);
  }
  return found;
}

/** A module and what it imports, all the way down, short of the modules in `stop`. */
function closure(file: string, stop: ReadonlySet<string> = new Set(), seen = new Set<string>()): Set<string> {
  if (seen.has(file) || stop.has(file)) return seen;
  seen.add(file);
  for (const dep of imports(file)) if (dep.startsWith('npm:') || existsSync(dep)) closure(dep, stop, seen);
  return seen;
}

function keysUsed(files: Iterable<string>): Set<string> {
  const used = new Set<string>();
  for (const file of files) {
    if (file.startsWith('npm:') || !/\.tsx?$/.test(file)) continue;
    const text = source(file);
    for (const m of text.matchAll(/['"]([\w.]+)['"]/g)) if (partOf.has(m[1]!)) used.add(m[1]!);
    for (const m of text.matchAll(/`([\w.]+)\$\{/g)) for (const key of partOf.keys()) if (key.startsWith(m[1]!)) used.add(key);
  }
  return used;
}

const uiFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? uiFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

/** Every `lazy(() => import('…'), { parts: […] })` of the app: the module it loads and the parts it names. */
const lazyComponents = uiFiles(join(root, 'src/ui')).flatMap((file) =>
  [...source(file).matchAll(/lazy\(\s*\(\)\s*=>\s*import\('([^']+)'\)[^;]*?parts:\s*\[([^\]]*)\]/g)].map((m) => ({
    module: resolve(dirname(file), m[1]!),
    parts: [...m[2]!.matchAll(/'(\w+)'/g)].map((p) => p[1]!),
  })),
);

const shell = closure(entry);
const missing = (keys: Set<string>, parts: string[]) => [...keys].filter((key) => !parts.includes(partOf.get(key)!)).sort();

describe('the first route', () => {
  it('imports no zod: schemas are for writes and answers from the server, which load later', () => {
    const zod = [...shell].filter((file) => file.startsWith('npm:zod'));
    const importers = [...shell].filter((file) => imports(file).some((dep) => dep.startsWith('npm:zod'))).map((file) => relative(root, file));
    expect(zod, `imported by ${importers.join(', ')}`).toEqual([]);
  });

  it('finds every message it shows in the shell’s part', () => {
    expect(missing(keysUsed(shell), ['shell'])).toEqual([]);
  });
});

describe('each lazily loaded component', () => {
  it('is found', () => {
    expect(lazyComponents.length).toBeGreaterThanOrEqual(12);
  });

  it.each(lazyComponents.map((c) => [relative(root, c.module), c] as const))('%s finds its messages in the parts it names', (_name, { module, parts }) => {
    expect(missing(keysUsed(closure(module, shell)), ['shell', ...parts])).toEqual([]);
  });
});
