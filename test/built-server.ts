// The built server (`dist/server`) as its own process on a free port, as `npm start` runs it: for the
// tests that kill it, restart it or drive it from a browser. Resolves once /api/health answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
export const builtServerEntry = join(root, 'dist/server/server/main.js');

export type BuiltServer = {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<void>;
  /** How it ended (`exited with SIGKILL`, `exited with code 1`), null while it runs. */
  exit(): string | null;
  /** The last 20,000 characters it wrote to stdout and stderr. */
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves when it has exited. */
  stop(): Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `env` adds to the test process's environment; PORT is always a free one. */
export async function startBuiltServer(env: Record<string, string>, host = '127.0.0.1'): Promise<BuiltServer> {
  if (!existsSync(builtServerEntry)) {
    throw new Error(`This test runs the built server: ${builtServerEntry} is missing. Run \`npm run build\` first (\`npm test\` does).`);
  }
  const port = await freePort();
  let log = '';
  let exit: string | null = null;
  const child = spawn(process.execPath, [builtServerEntry], { cwd: root, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exit = `exited with ${signal ?? `code ${code}`}`;
      resolve();
    }),
  );
  const stop = async () => {
    if (exit !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://${host}:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exit !== null) throw new Error(`The built server ${exit} before it answered /api/health.\n--- its output ---\n${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The built server did not answer GET ${url}/api/health within 30 s.\n--- its output ---\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, child, exited, exit: () => exit, output: () => log, stop };
}
