// A throw-away PostgreSQL cluster for the tests and the benchmark: the binaries found on this machine,
// initdb in a temporary folder, the server on a free port on 127.0.0.1 (its socket in that folder),
// stopped and removed afterwards. Run as root, initdb and pg_ctl run as `nobody` (initdb refuses root),
// the folder chowned to it. Plain JavaScript (with pg-cluster.d.mts) so the .mjs benchmark can use it too.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chownSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const hasBoth = (dir) => executable(join(dir, 'initdb')) && executable(join(dir, 'pg_ctl'));

/**
 * The folder holding initdb and pg_ctl: PG_BIN if set, else the first folder on PATH with both, else
 * the newest /usr/lib/postgresql/<major>/bin (Debian keeps them off PATH). Null when there is none.
 */
export function findPgBin(env = process.env) {
  if (env.PG_BIN) return hasBoth(env.PG_BIN) ? env.PG_BIN : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) if (dir && hasBoth(dir)) return dir;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of majors) if (hasBoth(join(debian, v, 'bin'))) return join(debian, v, 'bin');
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** `nobody`'s uid and gid, to run initdb and pg_ctl as when this process is root. */
function unprivilegedUser() {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('nobody:'));
  if (!line) throw new Error('Running as root, and there is no user `nobody` to run PostgreSQL as (initdb refuses root)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function run(file, args, user) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...(user ?? {}), env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Resolves once something accepts TCP connections on the port (pg_ctl -w has already waited for the server). */
async function waitForPort(port, deadline) {
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts a throw-away cluster. `settings` are extra `-c name=value` server settings (the tests turn fsync
 * off; the benchmark keeps PostgreSQL's defaults). Rejects, having removed the folder, if it cannot start.
 */
export async function startPgCluster(options = {}) {
  const bin = options.bin ?? findPgBin();
  if (!bin) throw new Error('No PostgreSQL binaries found (initdb and pg_ctl on PATH, in PG_BIN or in /usr/lib/postgresql/*/bin)');
  const dir = await mkdtemp(join(options.parent ?? tmpdir(), 'tillsyn-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'log');
  const user = process.getuid?.() === 0 ? unprivilegedUser() : undefined;
  if (user) chownSync(dir, user.uid, user.gid);
  const settings = { max_connections: '200', ...(options.settings ?? {}) };
  let started = false;
  const stop = async () => {
    if (started) {
      started = false;
      // immediate: a throw-away cluster has nothing to flush.
      await run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], user).catch(() => {});
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync'], user);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const serverOptions = [`-p ${port}`, `-k ${dir}`, `-c listen_addresses=127.0.0.1`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
      try {
        await run(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-o', serverOptions, '-w', '-t', '60', 'start'], user);
        started = true;
        await waitForPort(port, Date.now() + 30_000);
        const version = (await readFile(join(data, 'PG_VERSION'), 'utf8')).trim();
        return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, port, dir, bin, version, stop };
      } catch (e) {
        // Another process may have taken the port between the probe and the start: try another.
        const text = await readFile(log, 'utf8').catch(() => '');
        if (attempt >= 3 || !/could not (bind|create)|in use/i.test(text)) throw new Error(`${e.message}\n--- the server's log ---\n${text}`);
      }
    }
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The same server, another database: the URL's last path segment replaced. */
export const withDatabase = (url, database) => url.replace(/^([^?]*\/)[^/?]*(\?.*)?$/, `$1${database}$2`);

/** Creates a fresh database on the server `url` names; answers its URL and a function that drops it. */
export async function createDatabase(url, prefix = 'tillsyn_test') {
  const { default: pg } = await import('pg');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const drop = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
  return { name, url: withDatabase(url, name), drop };
}
