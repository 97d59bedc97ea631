// `npm start` / `npm run admin`: builds when the build is missing or older than the sources, then runs
// the built server in this process (so stdin, signals and argv pass straight through). Plain JS: it
// must run before anything is compiled.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const entry = join(root, 'dist/server/server/main.js');
const sources = ['src', 'sw', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'];
// Every build rewrites these; the older of them is when the last complete build finished.
const outputs = ['dist/server/server/main.js', 'dist/app/index.html'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), info.mtimeMs);
}

function builtAt() {
  const paths = outputs.map((p) => join(root, p));
  return paths.every((p) => existsSync(p)) ? Math.min(...paths.map((p) => statSync(p).mtimeMs)) : -1;
}

if (builtAt() < Math.max(...sources.map((s) => newest(join(root, s))))) {
  console.error('Tillsyn: the build is missing or older than the sources; building (npm run build)…');
  const npm = process.env.npm_execpath;
  // stdin stays ours (the admin command reads the password from it); the build's output goes to stderr.
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error('Tillsyn: the build failed (see above); not starting.');
    process.exit(result.status || 1);
  }
}

await import(pathToFileURL(entry).href);
