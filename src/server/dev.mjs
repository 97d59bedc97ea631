// `npm run dev`: compiles the server once, runs the API on API_PORT (8787) and vite's dev server, which
// proxies /api to it. Ctrl-C stops both. Restart after editing server code.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = (path) => join(root, 'node_modules', path);
const apiPort = process.env.API_PORT ?? '8787';

const tsc = spawnSync(process.execPath, [bin('typescript/bin/tsc'), '-p', 'src/server/tsconfig.json'], { cwd: root, stdio: 'inherit' });
// tsc still emits on type errors; in development a type error should not keep the API down.
if (tsc.status !== 0) console.error('dev: the server has type errors (above); starting it anyway.');

const children = [
  spawn(process.execPath, [join(root, 'dist/server/server/main.js')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort },
  }),
  spawn(process.execPath, [bin('vite/bin/vite.js')], { cwd: root, stdio: 'inherit' }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));
