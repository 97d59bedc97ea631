import BetterSqlite3 from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HELP, runCli } from '../../src/server/cli.ts';
import { openDataDir } from '../../src/server/bootstrap.ts';
import { PASSWORD_RULE, verifyPassword } from '../../src/server/auth/password.ts';
import { createSessions } from '../../src/server/auth/sessions.ts';
import { addUser } from '../../src/server/auth/users.ts';
import { hashToken } from '../../src/server/auth/tokens.ts';
import type { SqliteStore } from '../../src/server/store/sqlite-store.ts';
import { SCHEMA_HEADER, SCHEMA_VERSION } from '../../src/shared/protocol.ts';
import { builtServerEntry as builtEntry, startBuiltServer } from '../built-server.ts';
import { createDatabase } from '../pg-cluster.mjs';

const built = existsSync(builtEntry);
const NO_BUILD = ' (SKIPPED: no build at dist/server/server/main.js; run `npm run build` first)';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tillsyn-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], stdin = '', env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdin: Readable.from([Buffer.from(stdin)]),
    out: (t) => (out += t),
    err: (t) => (err += t),
    env: { DATA_DIR: join(dir, 'data'), ...env },
  });
  return { code, out, err };
}

const PASS = 'a long password';

async function withStore<T>(fn: (store: SqliteStore) => Promise<T>): Promise<T> {
  const store = await openDataDir(join(dir, 'data'));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function addInspector(username: string, regions = 'avi-1') {
  const r = await cli(['user', 'add', '--username', username, '--name', username.toUpperCase(), '--role', 'inspector', '--regions', regions], `${PASS}\n`);
  expect(r.err).toBe('');
}

async function addUserTo(store: SqliteStore, username: string) {
  await addUser(store, { username, name: username, role: 'inspector', regionIds: ['avi-1'], password: PASS });
}

/** Signs the user in as the server would: answers the token. */
function signIn(username: string): Promise<string> {
  return withStore(async (store) => (await createSessions(store).start((await store.userByUsername(username))!)).token);
}

function resolves(token: string): Promise<boolean> {
  return withStore(async (store) => (await createSessions(store).resolve(token)) !== undefined);
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

  it('prints help with --help, a line for every command, and usage errors for unknown commands', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toBe(HELP);
    const commands = ['user add', 'user list', 'user update', 'user password', 'user disable', 'user enable', 'session list', 'session end', 'device list', 'backup', 'restore'];
    for (const c of commands) expect(help.out).toMatch(new RegExp(`^  ${c} +\\S.*$`, 'm'));
    expect(help.out).toContain('user add --username U');
    expect(help.out.replace(/\s+/g, ' ')).toContain(PASSWORD_RULE);

    const one = await cli(['backup', '--help']);
    expect(one.code).toBe(0);
    expect(one.out).toContain('npm run admin -- backup FILE [--force]');
    expect((await cli(['session', 'end', '--help'])).out).toMatch(/npm run admin -- session end ID\n  npm run admin -- session end --user U\n/);
    expect(one.out).not.toContain('user add');
    expect((await cli(['user', 'add', '--help'])).code).toBe(0);
    expect((await cli(['user', '--help'])).code).toBe(0);

    const bad = await cli(['users', 'list']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Unknown command "users"');
    expect((await cli(['user', 'rename'])).err).toContain('Unknown command "user rename"');
    expect((await cli(['session'])).err).toContain('Which session command? list, end.');
    expect((await cli([])).code).toBe(2);
  });
});

describe('user password', () => {
  it('sets the password from stdin and ends that user\'s sessions, no one else\'s', async () => {
    await addInspector('bob');
    await addInspector('eva');
    const bobs = [await signIn('bob'), await signIn('bob')];
    const evas = await signIn('eva');

    const r = await cli(['user', 'password', 'Bob'], 'a new long password\n');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Set a new password for "bob" and ended their 2 sessions.');
    for (const t of bobs) expect(await resolves(t)).toBe(false);
    expect(await resolves(evas)).toBe(true);
    const bob = await withStore(async (s) => (await s.userByUsername('bob'))!);
    expect(await verifyPassword('a new long password', bob.passwordHash)).toBe(true);
    expect(await verifyPassword(PASS, bob.passwordHash)).toBe(false);
  });

  it.each([
    ['short pass', /too short \(10 characters\)/],
    ['abcdefghijklmnop', /only one kind of character/],
    ['Password1234', /a common one/],
  ])('refuses %j, says the rule, and changes nothing', async (password, problem) => {
    await addInspector('bob');
    const token = await signIn('bob');
    const r = await cli(['user', 'password', 'bob'], `${password}\n`);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(problem);
    expect(r.err).toContain('A password needs at least 12 characters, must not be all of one kind');
    expect(await resolves(token)).toBe(true);
    expect(await verifyPassword(PASS, (await withStore((s) => s.userByUsername('bob')))!.passwordHash)).toBe(true);
  });

  it('asks twice on a terminal, and says what breaks the rule before the second time', async () => {
    await addInspector('bob');
    const onTerminal = async (answers: string[]) => {
      const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
      let err = '';
      const code = await runCli(['user', 'password', 'bob'], {
        stdin,
        out: () => {},
        err: (t) => {
          err += t;
          if (t.startsWith('Password')) stdin.write(answers.shift() ?? '\u0003');
        },
        env: { DATA_DIR: join(dir, 'data') },
      });
      return { code, err };
    };
    expect(await onTerminal(['abcdefghijklmnop\r'])).toMatchObject({ code: 1, err: expect.stringMatching(/^Password: \nThe password has only one kind/) });
    expect((await onTerminal(['a new long password\r', 'a new long passwort\r'])).err).toContain('The passwords differ; nothing was changed.');
    expect(await onTerminal(['a new long passwordd\u007f\r', 'a new long password\r'])).toMatchObject({ code: 0 });
    const bob = (await withStore((s) => s.userByUsername('bob')))!;
    expect(await verifyPassword('a new long password', bob.passwordHash)).toBe(true);
  });

  it('says which user is missing, and that the password goes on stdin', async () => {
    await addInspector('bob');
    expect(await cli(['user', 'password', 'nobody'], 'a new long password\n')).toMatchObject({ code: 1, err: expect.stringContaining('No user named "nobody"') });
    expect(await cli(['user', 'password'], 'a new long password\n')).toMatchObject({ code: 2, err: expect.stringContaining('Which user?') });
    expect(await cli(['user', 'password', 'bob'], '')).toMatchObject({ code: 1, err: expect.stringContaining('No password on standard input') });
  });
});

describe('user update', () => {
  it('changes the name, role and regions, keeping what is left out', async () => {
    await addInspector('bob');
    const token = await signIn('bob');
    const renamed = await cli(['user', 'update', 'bob', '--name', 'Bob Berg']);
    expect(renamed).toMatchObject({ code: 0, err: '' });
    expect(renamed.out).not.toContain('pull everything again');

    const moved = await cli(['user', 'update', 'bob', '--role', 'coordinator', '--regions', 'avi-2,avi-3']);
    expect(moved).toMatchObject({ code: 0, err: '' });
    expect(moved.out).toContain('Updated "bob": Bob Berg, coordinator, regions avi-2, avi-3.');
    expect(moved.out).toContain('their devices pull everything again');
    expect((await cli(['user', 'list'])).out).toMatch(/bob\s+Bob Berg\s+coordinator\s+avi-2,avi-3\s+no/);
    expect(await resolves(token), 'they stay signed in').toBe(true);
  });

  it.each([
    [['--regions', 'avi-1,avi-99'], 1, /no region "avi-99"; known regions: avi-1, avi-2/],
    [['--regions', ''], 1, /an inspector needs at least one region/],
    [['--role', 'boss'], 2, /--role must be one of inspector, coordinator, admin, not "boss"/],
    [['--name', ' '], 1, /a name is needed/],
    [[], 2, /Nothing to change: give --name, --role or --regions/],
    [['--email', 'x@y'], 2, /Unknown option '--email'/],
  ])('refuses %j with a clear message and changes nothing', async (extra, code, message) => {
    await addInspector('bob');
    const r = await cli(['user', 'update', 'bob', ...extra]);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect((await cli(['user', 'list'])).out).toMatch(/bob\s+BOB\s+inspector\s+avi-1\s+no/);
  });

  it('says which user does not exist', async () => {
    expect(await cli(['user', 'update', 'nobody', '--name', 'X'])).toMatchObject({ code: 1, err: expect.stringContaining('No user named "nobody"') });
  });
});

describe('sessions', () => {
  it('are listed with an id, user and times, never the token or its hash', async () => {
    await addInspector('bob');
    await addInspector('eva');
    const tokens = [await signIn('bob'), await signIn('eva'), await signIn('eva')];
    const r = await cli(['session', 'list']);
    expect(r).toMatchObject({ code: 0, err: '' });
    const [head, ...rows] = r.out.trimEnd().split('\n');
    expect(head).toMatch(/^ID\s+USER\s+CREATED\s+LAST USED\s+EXPIRES$/);
    const time = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ';
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => row.split(/\s+/)[1])).toEqual(['bob', 'eva', 'eva']);
    for (const row of rows) expect(row).toMatch(new RegExp(`^[0-9a-f]{12}\\s+\\w+\\s+${time}\\s+${time}\\s+${time}$`));
    for (const t of tokens) {
      expect(r.out).not.toContain(t);
      expect(r.out).not.toContain(hashToken(t));
      expect(r.out).not.toContain(hashToken(t).slice(0, 12));
    }
    const evas = await cli(['session', 'list', '--user', 'EVA']);
    expect(evas.out.trimEnd().split('\n').slice(1).map((row) => row.split(/\s+/)[1])).toEqual(['eva', 'eva']);
    expect((await cli(['session', 'list', '--user', 'nobody'])).code).toBe(1);
  });

  it('end one by its id, or all of a user\'s', async () => {
    await addInspector('bob');
    await addInspector('eva');
    const bob = await signIn('bob');
    const eva = [await signIn('eva'), await signIn('eva')];
    const bobsId = (await cli(['session', 'list', '--user', 'bob'])).out.split('\n')[1]!.split(/\s+/)[0]!;

    expect(await cli(['session', 'end', bobsId])).toMatchObject({ code: 0, out: `Ended session ${bobsId}.\n` });
    expect(await resolves(bob)).toBe(false);
    for (const t of eva) expect(await resolves(t)).toBe(true);
    expect(await cli(['session', 'end', bobsId])).toMatchObject({ code: 1, err: expect.stringContaining(`No session "${bobsId}"`) });

    expect(await cli(['session', 'end', '--user', 'eva'])).toMatchObject({ code: 0, out: 'Ended 2 sessions of "eva".\n' });
    for (const t of eva) expect(await resolves(t)).toBe(false);
    expect((await cli(['session', 'list'])).out).toBe('No sessions.\n');
  });

  it('refuse to end without exactly one of an id or --user', async () => {
    await addInspector('bob');
    expect(await cli(['session', 'end'])).toMatchObject({ code: 2, err: expect.stringContaining('Give one session id') });
    expect(await cli(['session', 'end', 'abc', '--user', 'bob'])).toMatchObject({ code: 2, err: expect.stringContaining('Give one session id') });
    expect(await cli(['session', 'end', '--user', 'nobody'])).toMatchObject({ code: 1, err: expect.stringContaining('No user named "nobody"') });
  });
});

/** What a database file holds that a restore must bring back. */
function contents(file: string) {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return {
      version: Number((db.prepare(`SELECT value FROM meta WHERE key = 'version'`).get() as { value: string }).value),
      users: (db.prepare('SELECT username FROM users ORDER BY username').all() as { username: string }[]).map((u) => u.username),
      journal: (db.pragma('journal_mode') as { journal_mode: string }[])[0]!.journal_mode,
    };
  } finally {
    db.close();
  }
}

describe('device list', () => {
  it('lists each device’s latest report, the one not synced for days with changes waiting first', async () => {
    await addInspector('ilona');
    await addInspector('mikko', 'avi-2');
    expect((await cli(['device', 'list'])).out).toBe('No device has reported.\n');
    const stale = randomUUID();
    const fresh = randomUUID();
    await withStore(async (store) => {
      const ilona = (await store.userByUsername('ilona'))!;
      const mikko = (await store.userByUsername('mikko'))!;
      const actor = (u: typeof ilona) => ({ userId: u.id, role: u.role, regionIds: u.regionIds });
      const report = { appVersion: '0.1.0', browser: 'Chrome', os: 'Android', pending: 0, oldestAgeSeconds: null, rejected: 0 };
      await store.recordPullReport(actor(ilona), { ...report, clientId: fresh });
      await store.recordPullReport(actor(mikko), { ...report, clientId: stale, appVersion: '0.0.9', browser: null, os: null, pending: 3, oldestAgeSeconds: 7 * 86400, rejected: 1 });
      // Days ago: the store writes its own time, so the test moves it back.
      const back = (days: number) => new Date(Date.now() - days * 86400_000).toISOString();
      store.db.prepare('UPDATE device_reports SET last_pull_at = ?, reported_at = ? WHERE client_id = ?').run(back(5), back(5), stale);
    });
    const all = await cli(['device', 'list']);
    expect(all.code).toBe(0);
    const lines = all.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^USER +DEVICE +BROWSER +APP +LAST SYNC +WAITING +OLDEST WAITING +REJECTED$/);
    expect(lines[1]).toMatch(new RegExp(`^mikko +${stale.replace(/-/g, '').slice(0, 8)} +- +0\\.0\\.9 +\\S+Z +3 +\\S+Z +1 +NOT SYNCED FOR 5 DAYS$`));
    expect(lines[2]).toMatch(new RegExp(`^ilona +${fresh.replace(/-/g, '').slice(0, 8)} +Chrome/Android +0\\.1\\.0 +\\S+Z +0 +- +0$`));
    const one = await cli(['device', 'list', '--user', 'ilona']);
    expect(one.out.trimEnd().split('\n')).toHaveLength(2);
    expect((await cli(['device', 'list', '--user', 'nobody'])).code).toBe(1);
  });
});

describe('backup', () => {
  it('copies the database while the server has it open with unsaved WAL writes, to an owner-only file', async () => {
    await addInspector('bob');
    // The server's connection stays open; what it wrote last is still in the WAL, not the file.
    const server = await openDataDir(join(dir, 'data'));
    try {
      server.db.pragma('wal_autocheckpoint = 0');
      await server.seedRecords([{ entity: 'region', id: 'avi-9', regionId: null, data: { name: { fi: 'Testi', sv: 'Test', en: 'Test' } } }], new Date().toISOString());
      await createSessions(server).start((await server.userByUsername('bob'))!);
      const version = await server.currentVersion();
      expect(statSync(join(dir, 'data', 'tillsyn.db-wal')).size).toBeGreaterThan(0);

      const target = join(dir, 'backup.db');
      const r = await cli(['backup', target]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const size = statSync(target).size;
      expect(r.out).toContain(`Backed up the database to ${target}`);
      expect(r.out).toContain(`${size.toLocaleString('en')} bytes, server version ${version}, 1 user`);
      expect(statSync(target).mode & 0o777).toBe(0o600);
      expect(contents(target)).toEqual({ version, users: ['bob'], journal: 'delete' });
      const copy = new BetterSqlite3(target, { readonly: true });
      expect(copy.prepare(`SELECT id FROM records WHERE entity = 'region' AND id = 'avi-9'`).get()).toEqual({ id: 'avi-9' });
      expect((copy.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n).toBe(1);
      copy.close();
      expect(readdirSync(dir).sort(), 'one file, nothing left beside it').toEqual(['backup.db', 'data']);
    } finally {
      await server.close();
    }
  });

  it('refuses to overwrite a file unless --force, and says what is wrong with the target', async () => {
    await addInspector('bob');
    const target = join(dir, 'backup.db');
    writeFileSync(target, 'an older backup');
    const refused = await cli(['backup', target]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`${target} already exists: choose another name, or add --force to replace it.`);
    expect(readFileSync(target, 'utf8')).toBe('an older backup');

    expect((await cli(['backup', target, '--force'])).code).toBe(0);
    expect(contents(target).users).toEqual(['bob']);
    expect(statSync(target).mode & 0o777).toBe(0o600);

    expect(await cli(['backup', join(dir, 'no-such-folder', 'b.db')])).toMatchObject({ code: 1, err: expect.stringContaining('does not exist') });
    expect(await cli(['backup'])).toMatchObject({ code: 2, err: expect.stringContaining('Where to?') });
  });

  it('says so when there is no database to back up', async () => {
    const r = await cli(['backup', join(dir, 'b.db')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('There is no database at');
    expect(existsSync(join(dir, 'b.db'))).toBe(false);
  });
});

describe('restore', () => {
  const live = () => join(dir, 'data', 'tillsyn.db');

  async function backupWithBob(): Promise<string> {
    await addInspector('bob');
    const target = join(dir, 'backup.db');
    expect((await cli(['backup', target])).code).toBe(0);
    await addInspector('eva');
    return target;
  }

  it('refuses while the server has the database open, and changes nothing', async () => {
    const backup = await backupWithBob();
    const server = await openDataDir(join(dir, 'data'));
    try {
      const r = await cli(['restore', backup]);
      expect(r.code).toBe(1);
      expect(r.err).toContain('is in use: stop the server');
      expect((await server.listUsers()).map((u) => u.username)).toEqual(['bob', 'eva']);
    } finally {
      await server.close();
    }
    expect(readdirSync(join(dir, 'data'))).toEqual(['tillsyn.db']);
  });

  it('puts the backup in place and keeps the database it replaced', async () => {
    const backup = await backupWithBob();
    const before = readFileSync(backup);
    const r = await cli(['restore', backup]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(contents(live()).users).toEqual(['bob']);
    expect(readFileSync(backup).equals(before), 'the backup itself is unchanged').toBe(true);
    const files = readdirSync(join(dir, 'data')).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toBe('tillsyn.db');
    expect(files[1]).toMatch(/^tillsyn\.db\.before-restore-/);
    expect(contents(join(dir, 'data', files[1]!)).users).toEqual(['bob', 'eva']);
    expect(r.out).toContain(`The database it replaced is kept as ${join(dir, 'data', files[1]!)}`);
    expect(r.out).toContain('Devices pull everything again');
    expect(statSync(live()).mode & 0o777).toBe(0o600);
    expect((await cli(['user', 'list'])).out).not.toContain('eva');
  });

  it.each([
    ['cut short', (file: string) => truncateSync(file, statSync(file).size - 4096), /is damaged/],
    ['not a database', (file: string) => writeFileSync(file, 'x'.repeat(8192)), /is damaged or not a database/],
    [
      "another program's database",
      (file: string) => {
        rmSync(file);
        const other = new BetterSqlite3(file);
        other.exec('CREATE TABLE notes (text TEXT)');
        other.close();
      },
      /is an SQLite database, but not Tillsyn's/,
    ],
  ])('refuses a backup that is %s, before touching the database', async (_what, spoil, message) => {
    const backup = await backupWithBob();
    spoil(backup);
    const r = await cli(['restore', backup]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).toContain(backup);
    expect(readdirSync(join(dir, 'data'))).toEqual(['tillsyn.db']);
    expect(contents(live()).users).toEqual(['bob', 'eva']);
  });

  it('keeps the WAL of a server that crashed with the database it replaces, never replayed into the backup', async () => {
    const backup = await backupWithBob();
    // A crash: the database file and a WAL holding a commit not yet checkpointed into it.
    const server = await openDataDir(join(dir, 'data'));
    server.db.pragma('wal_autocheckpoint = 0');
    await addUserTo(server, 'carl');
    const crashed = { db: readFileSync(live()), wal: readFileSync(`${live()}-wal`) };
    await server.close();
    writeFileSync(live(), crashed.db);
    writeFileSync(`${live()}-wal`, crashed.wal);
    rmSync(`${live()}-shm`, { force: true });

    const r = await cli(['restore', backup]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(contents(live()).users).toEqual(['bob']);
    const files = readdirSync(join(dir, 'data')).sort();
    expect(files).toEqual(['tillsyn.db', expect.stringMatching(/^tillsyn\.db\.before-restore-[^.]*$/)]);
    expect(contents(join(dir, 'data', files[1]!)).users, "the kept database holds its WAL's commit").toEqual(['bob', 'carl', 'eva']);
  });

  it('restores into a data folder that does not exist yet (a new machine)', async () => {
    const backup = await backupWithBob();
    rmSync(join(dir, 'data'), { recursive: true });
    const r = await cli(['restore', backup]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('There was no database before.');
    expect(readdirSync(join(dir, 'data'))).toEqual(['tillsyn.db']);
    expect((await cli(['user', 'list'])).out).toMatch(/^bob\s/m);
  });

  it('says what is missing', async () => {
    expect(await cli(['restore'])).toMatchObject({ code: 2, err: expect.stringContaining('Which backup?') });
    expect(await cli(['restore', join(dir, 'nothing.db')])).toMatchObject({ code: 1, err: expect.stringContaining('There is no file') });
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

  it.skipIf(!built)(`backs up the running server from a second process; restores once it is stopped${built ? '' : NO_BUILD}`, async () => {
    const dataDir = join(dir, 'data');
    const admin = (args: string[], input = '') =>
      spawnSync(process.execPath, [builtEntry, 'admin', ...args], { env: { ...process.env, DATA_DIR: dataDir }, input, encoding: 'utf8' });
    const add = admin(['user', 'add', '--username', 'ilona', '--name', 'Ilona', '--role', 'inspector', '--regions', 'avi-1'], `${PASS}\n`);
    expect(add.status, add.stderr).toBe(0);
    let server = await startBuilt(dataDir);
    try {
      const { token, user } = (await (await postJson(`${server.url}/api/auth/login`, { username: 'ilona', password: PASS })).json()) as {
        token: string;
        user: { id: string };
      };
      const headers = { authorization: `Bearer ${token}`, [SCHEMA_HEADER]: String(SCHEMA_VERSION) };
      const clientId = randomUUID();
      let seq = 0;
      const pushVisit = async (id: string) => {
        const fields = { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: user.id, plannedDate: '2026-12-01', status: 'in_progress', attendees: [] };
        const mutation = { seq: ++seq, entity: 'visit', id, op: 'upsert', baseVersion: null, fields };
        const res = await postJson(`${server.url}/api/sync/push`, { clientId, schemaVersion: SCHEMA_VERSION, mutations: [mutation] }, headers);
        expect(res.status).toBe(200);
        return ((await res.json()) as { version: number }).version;
      };
      const pull = async (cursor?: string) => {
        const query = new URLSearchParams({ limit: '1000', ...(cursor && { cursor }) });
        return fetch(`${server.url}/api/sync/pull?${query}`, { headers });
      };
      const pullAll = async () => {
        const visits: string[] = [];
        let cursor: string | undefined;
        for (;;) {
          const res = await pull(cursor);
          expect(res.status).toBe(200);
          const page = (await res.json()) as { changes: { entity: string; id: string }[]; cursor: string; hasMore: boolean };
          visits.push(...page.changes.filter((c) => c.entity === 'visit').map((c) => c.id));
          cursor = page.cursor;
          if (!page.hasMore) return { visits, cursor };
        }
      };

      const before = randomUUID();
      const version = await pushVisit(before);
      const file = join(dir, 'backup.db');
      const backup = admin(['backup', file]);
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      expect(backup.stdout).toContain(`server version ${version},`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(admin(['backup', file]).status, 'no overwrite without --force').toBe(1);

      const after = randomUUID();
      await pushVisit(after);
      const { visits, cursor } = await pullAll();
      expect(visits).toEqual([before, after]);

      const refused = admin(['restore', file]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('in use: stop the server');

      await server.stop();
      expect(server.exit()).toBe('exited with code 0');
      const restored = admin(['restore', file]);
      expect(restored.stderr).toBe('');
      expect(restored.status).toBe(0);

      server = await startBuilt(dataDir);
      const reset = await pull(cursor);
      expect(reset.status).toBe(410);
      expect(((await reset.json()) as { error: { code: string } }).error.code).toBe('RESET');
      expect((await pullAll()).visits).toEqual([before]);
    } finally {
      await server.stop();
    }
  }, 60_000);
});

function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

function startBuilt(dataDir: string) {
  return startBuiltServer({ DATA_DIR: dataDir, STATIC_DIR: join(dir, 'no-app'), DEMO_PASSWORD: 'demo password 1' });
}

describe('with DATABASE_URL', () => {
  it('refuses to back up or restore the SQLite file, and says to use pg_dump and pg_restore', async () => {
    const env = { DATABASE_URL: 'postgres://tillsyn@127.0.0.1:1/tillsyn' };
    for (const args of [['backup', join(dir, 'b.db')], ['restore', join(dir, 'b.db')]]) {
      const r = await cli(args, '', env);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/pg_dump .*pg_restore/);
    }
  });

  it('says which setting is wrong before opening anything', async () => {
    const r = await cli(['user', 'list'], '', { DATABASE_URL: 'mysql://x@y/z' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('DATABASE_URL');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  const server = process.env.TEST_DATABASE_URL;
  it.skipIf(!server)('keeps the accounts in PostgreSQL, not in the SQLite folder', { timeout: 60_000 }, async () => {
    const db = await createDatabase(server!);
    try {
      const env = { DATABASE_URL: db.url };
      const added = await cli(['user', 'add', '--username', 'pia', '--name', 'Pia Postgres', '--role', 'inspector', '--regions', 'avi-1'], `${PASS}\n`, env);
      expect(added.err).toBe('');
      expect((await cli(['user', 'list'], '', env)).out).toContain('Pia Postgres');
      expect(existsSync(join(dir, 'data'))).toBe(false);
    } finally {
      await db.drop();
    }
  });
});
