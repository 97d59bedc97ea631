import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/server/cli.ts';
import { openDataDir } from '../../src/server/bootstrap.ts';
import { verifyPassword } from '../../src/server/auth/password.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const builtEntry = join(root, 'dist/server/server/main.js');
const built = existsSync(builtEntry);
const NO_BUILD = ' (SKIPPED: no build at dist/server/server/main.js; run `npm run build` first)';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tillsyn-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdin: Readable.from([Buffer.from(stdin)]),
    out: (t) => (out += t),
    err: (t) => (err += t),
    env: { DATA_DIR: join(dir, 'data') },
  });
  return { code, out, err };
}

describe('admin command line (in-process)', () => {
  it('adds a user with the password from the first line of stdin, on a fresh data folder', async () => {
    const r = await cli(['user', 'add', '--username', 'Anna', '--name', 'Anna Berg', '--role', 'coordinator', '--regions', 'avi-1,avi-3'], 'a long password\nignored\n');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const store = await openDataDir(join(dir, 'data'));
    const anna = await store.userByUsername('anna');
    await store.close();
    expect(anna).toMatchObject({ name: 'Anna Berg', role: 'coordinator', regionIds: ['avi-1', 'avi-3'], disabled: false });
    expect(await verifyPassword('a long password', anna!.passwordHash)).toBe(true);
  });

  it('gives an admin without --regions every region', async () => {
    expect((await cli(['user', 'add', '--username', 'root', '--name', 'Root', '--role', 'admin'], 'a long password\r\n')).code).toBe(0);
    const { out } = await cli(['user', 'list']);
    expect(out).toMatch(/root\s+Root\s+admin\s+avi-1,avi-2,avi-3,avi-4,avi-5,avi-6,avi-7\s+no/);
  });

  it.each([
    [['--role', 'boss', '--regions', 'avi-1'], 'a long password\n', 2, /--role must be one of inspector, coordinator, admin/],
    [['--role', 'inspector'], 'a long password\n', 2, /--regions is required/],
    [['--role', 'inspector', '--regions', 'avi-9'], 'a long password\n', 1, /no region "avi-9"/],
    [['--role', 'inspector', '--regions', 'avi-1'], 'short\n', 1, /too short \(5 characters\)\. A password needs at least 12 characters/],
    [['--role', 'inspector', '--regions', 'avi-1'], '', 1, /No password on standard input/],
    [['--role', 'inspector', '--regions', 'avi-1', '--colour', 'red'], 'a long password\n', 2, /Unknown option '--colour'/],
  ])('refuses bad input with a clear message: %j', async (extra, stdin, code, message) => {
    const r = await cli(['user', 'add', '--username', 'bob', '--name', 'Bob', ...extra], stdin);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect((await cli(['user', 'list'])).out).not.toContain('bob');
  });

  it('refuses a username that is taken, and a missing option', async () => {
    await cli(['user', 'add', '--username', 'bob', '--name', 'Bob', '--role', 'inspector', '--regions', 'avi-1'], 'a long password\n');
    const again = await cli(['user', 'add', '--username', 'BOB', '--name', 'Bob 2', '--role', 'inspector', '--regions', 'avi-1'], 'a long password\n');
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
    const missing = await cli(['user', 'add', '--username', 'carl', '--role', 'inspector'], 'a long password\n');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Missing --name');
  });

  it('disables a user and ends their sessions; enables them again', async () => {
    await cli(['user', 'add', '--username', 'bob', '--name', 'Bob', '--role', 'inspector', '--regions', 'avi-1'], 'a long password\n');
    let store = await openDataDir(join(dir, 'data'));
    const bob = (await store.userByUsername('bob'))!;
    const now = new Date().toISOString();
    await store.createSession({ tokenHash: 'h'.repeat(64), userId: bob.id, createdAt: now, lastUsedAt: now, expiresAt: '2999-01-01T00:00:00.000Z' });
    await store.close();

    const r = await cli(['user', 'disable', 'bob']);
    expect(r.code).toBe(0);
    expect((await cli(['user', 'list'])).out).toMatch(/bob\s+Bob\s+inspector\s+avi-1\s+yes/);
    store = await openDataDir(join(dir, 'data'));
    expect(await store.sessionWithUser('h'.repeat(64))).toBeUndefined();
    await store.close();

    expect((await cli(['user', 'enable', 'bob'])).code).toBe(0);
    expect((await cli(['user', 'list'])).out).toMatch(/bob\s+Bob\s+inspector\s+avi-1\s+no/);
  });

  it('says which user does not exist', async () => {
    const r = await cli(['user', 'disable', 'nobody']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('No user named "nobody"');
  });

  it('prints help with --help, and usage errors for unknown commands', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('user add --username U');
    expect((await cli(['user', 'add', '--help'])).code).toBe(0);
    const bad = await cli(['users', 'list']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Unknown command "users"');
    expect((await cli([])).code).toBe(2);
  });
});

describe('the built command line and server, as processes', () => {
  it.skipIf(!built)(`adds, lists and disables users through stdin and exit codes${built ? '' : NO_BUILD}`, () => {
    const env = { ...process.env, DATA_DIR: join(dir, 'data') };
    const run = (args: string[], input = '') => spawnSync(process.execPath, [builtEntry, 'admin', ...args], { env, input, encoding: 'utf8' });

    const add = run(['user', 'add', '--username', 'eva', '--name', 'Eva Lind', '--role', 'inspector', '--regions', 'avi-2'], 'a long password\n');
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    const short = run(['user', 'add', '--username', 'olle', '--name', 'Olle', '--role', 'inspector', '--regions', 'avi-2'], 'short\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');
    expect(run(['user', 'disable', 'eva']).status).toBe(0);
    const list = run(['user', 'list']);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/eva\s+Eva Lind\s+inspector\s+avi-2\s+yes/);
    expect(list.stdout).not.toContain('olle');
  });

  it.skipIf(!built)(`serves on a free port and stops cleanly on SIGTERM${built ? '' : NO_BUILD}`, async () => {
    const child = spawn(process.execPath, [builtEntry], {
      env: { ...process.env, PORT: '0', DATA_DIR: join(dir, 'data'), STATIC_DIR: join(dir, 'no-app'), DEMO_PASSWORD: 'demo password 1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const port = await new Promise<string>((resolve, reject) => {
      const check = setInterval(() => {
        const m = /Tillsyn listening on http:\/\/localhost:(\d+)/.exec(output);
        if (m) {
          clearInterval(check);
          resolve(m[1]!);
        } else if (child.exitCode !== null) {
          clearInterval(check);
          reject(new Error(`server exited: ${output}`));
        }
      }, 50);
    });
    expect(output).toContain('DEMO_PASSWORD');
    expect(output).toContain('not built');
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'coordinator', password: 'demo password 1' }),
    });
    expect(res.status).toBe(200);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('Tillsyn stopped.');
  }, 30_000);
});
