// Starting and stopping as an operator does: `npm start` stopped with SIGTERM, a start that fails,
// HOST. The `npm start` test runs the built server (`npm run build` first; `npm test` does).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDataDir } from '../../src/server/bootstrap.ts';
import { readConfig } from '../../src/server/config.ts';
import { createLogger } from '../../src/server/log.ts';
import { startServer } from '../../src/server/server.ts';
import { fakeBuiltApp } from './helpers.ts';
import { DEMO_PASSWORD, testConfig } from './real-server.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(join(root, 'dist/server/server/main.js')) && existsSync(join(root, 'dist/app/index.html'));

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tillsyn-start-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Whether anything accepts connections on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start', () => {
  let child: ChildProcess | undefined;
  let serverPid: number | undefined;
  afterEach(() => {
    // Whatever the outcome, no server is left behind: an orphan is what this test is about.
    if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (serverPid !== undefined) {
      try {
        process.kill(serverPid, 'SIGKILL');
      } catch {
        // gone already
      }
      serverPid = undefined;
    }
  });

  /**
   * A copy of the project's start: its package.json `start` script as written, run by npm through
   * its shell, into a copy of launch.mjs whose build (a link to dist/) counts as fresh, so that no
   * build runs in the middle of the test however the sources have changed since.
   */
  function startProject(dataDir: string, { detached = false } = {}): ChildProcess {
    const project = tempDir();
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'tillsyn-start-test', private: true, type: 'module', scripts: { start: scripts.start } }));
    mkdirSync(join(project, 'src/server'), { recursive: true });
    cpSync(join(root, 'src/server/launch.mjs'), join(project, 'src/server/launch.mjs'));
    symlinkSync(join(root, 'dist'), join(project, 'dist'));
    const longAgo = new Date('2000-01-01T00:00:00Z');
    for (const path of ['package.json', 'src/server/launch.mjs', 'src/server', 'src']) utimesSync(join(project, path), longAgo, longAgo);
    return spawn('npm', ['start', '--silent'], {
      cwd: project,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DEMO_PASSWORD, LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached,
    });
  }

  type Started = { port: number; output: () => string; exited: Promise<number | null> };

  async function startAndWait(options: { detached?: boolean } = {}): Promise<Started> {
    child = startProject(join(tempDir(), 'data'), options);
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const listening = await new Promise<{ port: number; pid: number }>((resolve, reject) => {
      const onData = () => {
        const line = output.split('\n').find((l) => l.includes('Tillsyn listening on'));
        if (line) {
          child!.stdout!.off('data', onData);
          resolve(JSON.parse(line) as { port: number; pid: number });
        }
      };
      child!.stdout!.on('data', onData);
      void exited.then((code) => reject(new Error(`npm start exited (${code}) before the server listened:\n${output}`)));
    });
    serverPid = listening.pid;
    expect((await fetch(`http://127.0.0.1:${listening.port}/api/health`)).status).toBe(200);
    return { port: listening.port, output: () => output, exited };
  }

  it.skipIf(!built)('stops the server gracefully on SIGTERM to the npm process: port closed, exit 0, "stopped" logged', async () => {
    expect(readFileSync(join(root, 'package.json'), 'utf8')).toMatch(/"start": "exec node /);
    const { port, output, exited } = await startAndWait();
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    serverPid = undefined; // npm exits only after its child, the server: that pid is no longer ours
    expect(output()).toContain('Tillsyn stopped.');
    expect(await accepts(port)).toBe(false);
  }, 60_000);

  it.skipIf(!built)('stops gracefully on Ctrl-C, which reaches the server twice: from the terminal, and forwarded by npm', async () => {
    // A terminal's Ctrl-C is SIGINT to the whole foreground process group.
    const { port, output, exited } = await startAndWait({ detached: true });
    process.kill(-child!.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    serverPid = undefined; // npm exits only after its child, the server: that pid is no longer ours
    expect(output()).toContain('Tillsyn stopped.');
    expect(await accepts(port)).toBe(false);
  }, 60_000);
});

describe('a start that fails', () => {
  let blocker: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    blocker = undefined;
  });

  it('on a port in use says so, and creates no demo accounts: the one-time password is not spent', async () => {
    blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker!.listen(0, '127.0.0.1', () => resolve((blocker!.address() as { port: number }).port)));
    const dir = tempDir();
    fakeBuiltApp(dir);
    const lines: string[] = [];
    const config = testConfig(dir, { port, demoPassword: undefined });
    await expect(startServer(config, createLogger('json', (l) => lines.push(l)))).rejects.toThrow(`Port ${port} is already in use`);
    expect(lines.join('\n')).not.toContain('Demo accounts');
    const store = await openDataDir(config.dataDir);
    try {
      expect(await store.countUsers()).toBe(0);
    } finally {
      await store.close();
    }
  });
});

describe('HOST', () => {
  it('is every interface unless set', () => {
    expect(readConfig({}).host).toBeUndefined();
    expect(readConfig({ HOST: ' 127.0.0.1 ' }).host).toBe('127.0.0.1');
  });

  it('listens where it says, and names it', async () => {
    const dir = tempDir();
    fakeBuiltApp(dir);
    const lines: string[] = [];
    const server = await startServer(testConfig(dir, { host: '127.0.0.1' }), createLogger('json', (l) => lines.push(l)));
    try {
      expect(lines.join('\n')).toContain(`Tillsyn listening on http://127.0.0.1:${server.port}`);
      expect(await accepts(server.port)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('that is no address of this machine stops the start with a message that says so', async () => {
    const dir = tempDir();
    fakeBuiltApp(dir);
    // 192.0.2.0/24 is for documentation: never an address of this machine.
    await expect(startServer(testConfig(dir, { host: '192.0.2.1' }), createLogger('json', () => {}))).rejects.toThrow(
      'HOST "192.0.2.1" is not an address of this machine',
    );
  });
});
