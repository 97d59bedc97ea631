// The command line: `npm run admin -- <command>`, on the server's DATA_DIR. Accounts, sessions and
// backups, so that an admin never needs SQL.
import { join, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';
import './zod-locale.ts';
import { roles, type Role } from '../shared/workflow.ts';
import { isStale, lastSyncOf, STALE_DAYS } from '../shared/device-report.ts';
import { PASSWORD_RULE, passwordProblem } from './auth/password.ts';
import { addUser, resetPassword, updateUser, UserInputError } from './auth/users.ts';
import { DATABASE_FILE, openStore } from './bootstrap.ts';
import { collectBlobs } from './blobs/gc.ts';
import { blobStoreFor } from './blobs/index.ts';
import { readBlobSettings, readDatabase } from './config.ts';
import { backupDatabase, BackupError, restoreDatabase } from './store/backup.ts';
import { copyToPostgres, CopyError, formatChecks, safeUrl, verifyCopy } from './store/pg/copy-to-postgres.ts';
import { UsernameTakenError, type Store, type UserRecord } from './store/store.ts';

export type CliInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
export type CliIo = {
  stdin: CliInput;
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
};

/** Exit codes: 0 done, 1 refused or failed, 2 wrong usage. */
class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}
const usage = (message: string) => new CliError(`${message}\nSee: npm run admin -- --help`, 2);

type Command = {
  /** One line for the list of commands. */
  summary: string;
  /** The synopsis and what an admin needs to know, for --help. */
  details: string;
  run: (rest: string[], io: CliIo) => Promise<void>;
};

const commands: Record<string, Command> = {
  'user add': {
    summary: 'Add a user; the password is read from standard input.',
    details: `user add --username U --name "Full Name" --role ${roles.join('|')} [--regions avi-1,avi-2]
    The password is the first line of standard input, so scripts can pipe it in:
    printf '%s\\n' "$PASSWORD" | npm run admin -- user add ...
    On a terminal it is asked for twice, without echo.
    --regions is required for inspectors and coordinators; an admin without it gets every region.`,
    run: add,
  },
  'user list': {
    summary: 'List the users: username, name, role, regions, disabled.',
    details: 'user list',
    run: list,
  },
  'user update': {
    summary: "Change a user's name, role or regions.",
    details: `user update U [--name "Full Name"] [--role ${roles.join('|')}] [--regions avi-1,avi-2]
    What is left out stays. It applies from the user's next request; they stay signed in.
    New regions (or a move to or from admin) make their devices pull everything again.`,
    run: update,
  },
  'user password': {
    summary: "Set a user's password (from standard input) and end all their sessions.",
    details: `user password U
    The new password is read as for user add: printf '%s\\n' "$PASSWORD" | npm run admin -- user password U
    Every device of the user must sign in again; their unsent changes wait on the device.`,
    run: password,
  },
  'user disable': {
    summary: 'Stop a user from signing in, and end all their sessions.',
    details: 'user disable U',
    run: (rest, io) => setDisabled(rest, io, true),
  },
  'user enable': {
    summary: 'Let a disabled user sign in again.',
    details: 'user enable U',
    run: (rest, io) => setDisabled(rest, io, false),
  },
  'session list': {
    summary: 'List sessions: id, user, created, last used, expires (never a token).',
    details: `session list [--user U]
    Times are UTC. A session expires after 30 days unused.`,
    run: sessionList,
  },
  'session end': {
    summary: "End one session by its id (from session list), or all of a user's.",
    details: `session end ID
session end --user U
    The device of an ended session must sign in again; its unsent changes wait on the device.`,
    run: sessionEnd,
  },
  'device list': {
    summary: "List devices' sync health: user, device, app, last sync, changes waiting, rejected.",
    details: `device list [--user U]
    Each device's latest report, sent with its pushes and pulls (SYNC.md, "The device's report").
    Times are UTC. A device with changes waiting and no sync for ${STALE_DAYS} days or more comes first,
    marked "NOT SYNCED FOR n DAYS".`,
    run: deviceList,
  },
  backup: {
    summary: 'Copy the database to a file; safe while the server runs.',
    details: `backup FILE [--force]
    Uses SQLite's backup API: a consistent copy while the server keeps serving. The attachments' files
    (photos, documents under DATA_DIR/blobs) go into the same file. It is readable by its owner only
    (it holds password hashes) and checked with PRAGMA integrity_check.
    Refuses to replace an existing FILE unless --force is given.`,
    run: backup,
  },
  restore: {
    summary: "Put a backup in the database's place; the server must be stopped.",
    details: `restore FILE
    Refuses while the server (or anything else) has the database open. Checks a copy of FILE with
    PRAGMA integrity_check first, writes the attachments' files it holds back to DATA_DIR/blobs, keeps
    the database it replaces as tillsyn.db.before-restore-<time>, then moves the copy into place. Start the server again afterwards: devices pull everything again
    and then send the changes they still hold.`,
    run: restore,
  },
  'blobs gc': {
    summary: "Remove attachments' files no record names, past their grace.",
    details: `blobs gc
    Removes the files (photos, documents) that no live attachment names and that were last uploaded more
    than BLOB_GC_GRACE_HOURS ago (default 168: a week). The server does the same every hour; this is for
    now. Safe while the server runs, and beside another instance doing it.`,
    run: blobsGc,
  },
  'copy-to-postgres': {
    summary: 'Copy the SQLite database into an empty PostgreSQL database, and verify the copy.',
    details: `copy-to-postgres --to postgres://USER:PASSWORD@HOST:5432/DATABASE [--from DATA_DIR or FILE]
copy-to-postgres --to postgres://... --verify [--from DATA_DIR or FILE]
    Stop the server first: what it writes after the copy began stays behind in SQLite.
    --from is the data folder or the database file (default: DATA_DIR). The SQLite database is read
    in one read transaction and never written. The PostgreSQL database must hold no data: the command
    applies the PostgreSQL migrations, copies every table (records, history, conflicts, the version
    counter and the database's id, users, sessions, devices) in one transaction, and commits only when
    each table's row count and checksum (sha256) agree with SQLite's; it prints them and exits 1 if
    any differs, with nothing committed. Devices keep their cursors: they go on syncing, without
    pulling everything again, from servers started with DATABASE_URL set to the same URL.
    --verify compares the two again and copies nothing.`,
    run: copyToPg,
  },
};

export const HELP = `Tillsyn admin: accounts, sessions and backups of the server's database, without SQL.

Usage: npm run admin -- <command> [options]   (or: node dist/server/server/main.js admin <command>)
       npm run admin -- <command> --help      (that command only)

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(18)}${c.summary}`)
  .join('\n')}

Details:
${Object.values(commands)
  .map((c) => indent(c.details))
  .join('\n')}

Passwords:
${indent(wrap(PASSWORD_RULE, 98))}

Exit status: 0 done, 1 refused or failed (the message says why), 2 wrong usage.

Environment:
  DATA_DIR              the data folder, the same as the server's (default ./data)
  DATABASE_URL          the server's PostgreSQL database, when it uses one
  BLOB_GC_GRACE_HOURS   for blobs gc: how long an unnamed file is kept (default 168)
`;

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

export async function runCli(args: string[], io: CliIo): Promise<number> {
  try {
    if (args.length === 0) {
      io.err(HELP);
      return 2;
    }
    if (['--help', '-h', 'help'].includes(args[0]!)) {
      io.out(HELP);
      return 0;
    }
    const grouped = args[0] === 'user' || args[0] === 'session' || args[0] === 'device' || args[0] === 'blobs';
    const name = grouped ? args.slice(0, 2).join(' ') : args[0]!;
    const rest = args.slice(grouped ? 2 : 1);
    const command = commands[name];
    if (!command) {
      if (grouped && args.length === 1) throw usage(`Which ${args[0]} command? ${commandsOf(args[0]!)}.`);
      if (grouped && (args[1] === '--help' || args[1] === '-h')) {
        io.out(HELP);
        return 0;
      }
      throw usage(`Unknown command "${grouped ? name : args[0]}": the commands are ${Object.keys(commands).join(', ')}.`);
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      const lines = command.details.split('\n').map((line) => (line.startsWith(' ') ? line : `npm run admin -- ${line}`));
      io.out(`${command.summary}\n\nUsage:\n${indent(lines.join('\n'))}\n`);
      return 0;
    }
    await command.run(rest, io);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof UserInputError || e instanceof UsernameTakenError || e instanceof BackupError || e instanceof CopyError) {
      io.err(`${e.message}\n`);
      return 1;
    }
    io.err(`Failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

function commandsOf(group: string): string {
  return Object.keys(commands)
    .filter((n) => n.startsWith(`${group} `))
    .map((n) => n.slice(group.length + 1))
    .join(', ');
}

function parse<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(rest: string[], options: T, positionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: positionals > 0, strict: true });
  } catch (e) {
    throw usage((e as Error).message);
  }
  if (parsed.positionals.length > positionals) throw usage(`Unexpected argument "${parsed.positionals[positionals]}".`);
  return parsed;
}

function dataDir(io: CliIo): string {
  return resolve(io.env.DATA_DIR?.trim() || './data');
}

/** The server's database: PostgreSQL when DATABASE_URL names one, as the server itself chooses; else SQLite under DATA_DIR. */
async function withStore<T>(io: CliIo, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir: dataDir(io), database: readDatabase(io.env) });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const normalUsername = (name: string) => name.trim().toLowerCase();

async function findUser(store: Store, username: string): Promise<UserRecord> {
  const user = await store.userByUsername(username);
  if (!user) throw new CliError(`No user named "${username}". See: npm run admin -- user list`);
  return user;
}

/** The one username a command acts on, from its positional argument. */
function usernameArg(positionals: string[], command: string): string {
  const username = positionals[0] && normalUsername(positionals[0]);
  if (!username) throw usage(`Which user? npm run admin -- ${command} <username>`);
  return username;
}

function parseRole(value: string): Role {
  const role = value.trim() as Role;
  if (!roles.includes(role)) throw usage(`--role must be one of ${roles.join(', ')}, not "${value}".`);
  return role;
}

const parseRegions = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

async function add(rest: string[], io: CliIo): Promise<void> {
  const { values } = parse(
    rest,
    { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, regions: { type: 'string' } },
    0,
  );
  const missing = (['username', 'name', 'role'] as const).filter((k) => !values[k]?.trim());
  if (missing.length > 0) throw usage(`Missing ${missing.map((m) => `--${m}`).join(', ')}.`);
  const role = parseRole(values.role!);
  const regionList = parseRegions(values.regions);
  if (role !== 'admin' && regionList.length === 0) throw usage(`--regions is required for an ${role}, e.g. --regions avi-1,avi-2.`);

  await withStore(io, async (store) => {
    const username = normalUsername(values.username!);
    // Checked before asking for the password, so a typo does not cost the user a retyped password.
    if (await store.userByUsername(username)) throw new CliError(`A user named "${username}" already exists.`);
    const regionIds = regionList.length > 0 ? regionList : (await store.listRecords('region')).map((r) => r.id);
    const password = await readPassword(io, 'user add ...');
    const user = await addUser(store, { username: values.username!, name: values.name!, role, regionIds, password });
    io.out(`Added ${user.role} "${user.username}" (${user.name}), regions ${user.regionIds.join(', ')}.\n`);
  });
}

async function list(rest: string[], io: CliIo): Promise<void> {
  parse(rest, {}, 0);
  const users = await withStore(io, (store) => store.listUsers());
  if (users.length === 0) {
    io.out('No users yet. Add one with: npm run admin -- user add --help\n');
    return;
  }
  io.out(table(['USERNAME', 'NAME', 'ROLE', 'REGIONS', 'DISABLED'], users.map((u) => [u.username, u.name, u.role, u.regionIds.join(','), u.disabled ? 'yes' : 'no'])));
}

async function update(rest: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parse(rest, { name: { type: 'string' }, role: { type: 'string' }, regions: { type: 'string' } }, 1);
  const username = usernameArg(positionals, 'user update');
  if (values.name === undefined && values.role === undefined && values.regions === undefined) {
    throw usage('Nothing to change: give --name, --role or --regions.');
  }
  const role = values.role === undefined ? undefined : parseRole(values.role);
  await withStore(io, async (store) => {
    const before = await findUser(store, username);
    const after = await updateUser(store, before, {
      ...(values.name !== undefined && { name: values.name }),
      ...(role && { role }),
      ...(values.regions !== undefined && { regionIds: parseRegions(values.regions) }),
    });
    io.out(`Updated "${username}": ${after.name}, ${after.role}, regions ${after.regionIds.join(', ') || 'none'}.\n`);
    // The pull cursor is made for what the user may see (SYNC.md): their devices start over.
    const scope = (u: UserRecord) => (u.role === 'admin' ? '*' : [...u.regionIds].sort().join(','));
    if (scope(before) !== scope(after)) io.out('What they may see changed: their devices pull everything again at their next sync.\n');
  });
}

async function password(rest: string[], io: CliIo): Promise<void> {
  const { positionals } = parse(rest, {}, 1);
  const username = usernameArg(positionals, 'user password');
  await withStore(io, async (store) => {
    const user = await findUser(store, username);
    const ended = await resetPassword(store, user, await readPassword(io, `user password ${username}`));
    io.out(`Set a new password for "${username}" and ended their ${plural(ended, 'session')}.\n`);
  });
}

async function setDisabled(rest: string[], io: CliIo, disabled: boolean): Promise<void> {
  const { positionals } = parse(rest, {}, 1);
  const username = usernameArg(positionals, `user ${disabled ? 'disable' : 'enable'}`);
  await withStore(io, async (store) => {
    const user = await findUser(store, username);
    if (user.disabled === disabled) {
      io.out(`"${username}" is already ${disabled ? 'disabled' : 'enabled'}.\n`);
      return;
    }
    await store.setUserDisabled(user.id, disabled);
    io.out(disabled ? `Disabled "${username}" and ended their sessions.\n` : `Enabled "${username}": they can sign in again.\n`);
  });
}

async function sessionList(rest: string[], io: CliIo): Promise<void> {
  const { values } = parse(rest, { user: { type: 'string' } }, 0);
  await withStore(io, async (store) => {
    const user = values.user === undefined ? undefined : await findUser(store, normalUsername(values.user));
    const sessions = await store.listSessions(user?.id);
    if (sessions.length === 0) {
      io.out(user ? `"${user.username}" has no sessions.\n` : 'No sessions.\n');
      return;
    }
    const now = new Date().toISOString();
    const time = (iso: string) => iso.replace(/\.\d+Z$/, 'Z');
    io.out(
      table(
        ['ID', 'USER', 'CREATED', 'LAST USED', 'EXPIRES'],
        sessions.map((s) => [s.id, s.username, time(s.createdAt), time(s.lastUsedAt), time(s.expiresAt) + (s.expiresAt <= now ? ' (expired)' : '')]),
      ),
    );
  });
}

async function deviceList(rest: string[], io: CliIo): Promise<void> {
  const { values } = parse(rest, { user: { type: 'string' } }, 0);
  await withStore(io, async (store) => {
    const user = values.user === undefined ? undefined : await findUser(store, normalUsername(values.user));
    const usernames = new Map((await store.listUsers()).map((u) => [u.id, u.username]));
    const devices = (await store.listDevices()).filter((d) => !user || d.userId === user.id);
    if (devices.length === 0) {
      io.out(user ? `No device of "${user.username}" has reported.\n` : 'No device has reported.\n');
      return;
    }
    const now = new Date().toISOString();
    const time = (iso: string | null) => (iso === null ? '-' : iso.replace(/\.\d+Z$/, 'Z'));
    const days = (iso: string) => Math.floor((Date.parse(now) - Date.parse(iso)) / (24 * 3600 * 1000));
    const rows = devices
      .map((d) => ({ d, stale: isStale(d, now), last: lastSyncOf(d) }))
      .sort((a, b) => Number(b.stale) - Number(a.stale) || (a.last ?? '').localeCompare(b.last ?? ''));
    io.out(
      table(
        ['USER', 'DEVICE', 'BROWSER', 'APP', 'LAST SYNC', 'WAITING', 'OLDEST WAITING', 'REJECTED', ''],
        rows.map(({ d, stale, last }) => [
          usernames.get(d.userId) ?? d.userId,
          d.clientId.replace(/-/g, '').slice(0, 8),
          [d.browser, d.os].filter(Boolean).join('/') || '-',
          d.appVersion,
          time(last),
          String(d.pending),
          time(d.oldestPendingAt),
          String(d.rejected),
          stale && last ? `NOT SYNCED FOR ${days(last)} DAYS` : '',
        ]),
      ),
    );
  });
}

async function sessionEnd(rest: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parse(rest, { user: { type: 'string' } }, 1);
  const id = positionals[0]?.trim().toLowerCase();
  if ((id === undefined) === (values.user === undefined)) {
    throw usage('Give one session id (from session list), or --user U for all of a user\'s sessions.');
  }
  await withStore(io, async (store) => {
    if (values.user !== undefined) {
      const user = await findUser(store, normalUsername(values.user));
      const ended = await store.deleteUserSessions(user.id);
      io.out(`Ended ${plural(ended, 'session')} of "${user.username}".\n`);
      return;
    }
    if (!(await store.deleteSessionById(id!))) throw new CliError(`No session "${id}". See: npm run admin -- session list`);
    io.out(`Ended session ${id}.\n`);
  });
}

async function blobsGc(rest: string[], io: CliIo): Promise<void> {
  parse(rest, {}, 0);
  const { blobGcGraceHours } = readBlobSettings(io.env);
  await withStore(io, async (store) => {
    const done = await collectBlobs(blobStoreFor(store), blobGcGraceHours);
    io.out(
      `Removed ${plural(done.removed, 'file')} no record names, last uploaded over ${plural(blobGcGraceHours, 'hour')} ago` +
        (done.strays > 0 ? `, and ${plural(done.strays, 'leftover')} of cut uploads.\n` : '.\n'),
    );
  });
}

/** backup and restore copy the SQLite file: on PostgreSQL its own tools do that. */
function refuseOnPostgres(io: CliIo, command: string): void {
  if (io.env.DATABASE_URL?.trim()) {
    throw new CliError(`${command} copies the SQLite database file; with DATABASE_URL the data is in PostgreSQL: back it up with pg_dump and put it back with pg_restore (README, "Deployment").`);
  }
}

async function backup(rest: string[], io: CliIo): Promise<void> {
  refuseOnPostgres(io, 'backup');
  const { values, positionals } = parse(rest, { force: { type: 'boolean' } }, 1);
  if (!positionals[0]) throw usage('Where to? npm run admin -- backup <file>');
  const done = await backupDatabase(join(dataDir(io), DATABASE_FILE), positionals[0], { overwrite: values.force === true });
  io.out(
    `Backed up the database to ${done.path}\n` +
      `  ${done.bytes.toLocaleString('en')} bytes, server version ${done.version}, ${plural(done.users, 'user')}, ` +
      `${plural(done.files.files, 'attachment file')} (${done.files.bytes.toLocaleString('en')} bytes); readable by its owner only, integrity checked.\n` +
      (done.files.missing.length > 0
        ? `  ${plural(done.files.missing.length, 'file')} named in the database had gone from ${join(dataDir(io), 'blobs')} (removed as no record named them) and ${done.files.missing.length === 1 ? 'is' : 'are'} not in the backup.\n`
        : ''),
  );
}

async function restore(rest: string[], io: CliIo): Promise<void> {
  refuseOnPostgres(io, 'restore');
  const { positionals } = parse(rest, {}, 1);
  if (!positionals[0]) throw usage('Which backup? npm run admin -- restore <file>');
  const database = join(dataDir(io), DATABASE_FILE);
  const done = restoreDatabase(positionals[0], database);
  io.out(
    [
      `Restored ${resolve(positionals[0])} into ${database}`,
      `  server version ${done.version}, ${plural(done.users, 'user')}, ${plural(done.files, 'attachment file')}, integrity checked.`,
      done.keptAs ? `  The database it replaced is kept as ${done.keptAs}; delete it once all is well.` : '  There was no database before.',
      'Start the server again. Devices pull everything again, then send the changes they still hold.',
      'Changes and account changes made after the backup are gone (users added, disabled or given new',
      'passwords, sessions ended): check them with user list and session list.',
    ].join('\n') + '\n',
  );
}

async function copyToPg(rest: string[], io: CliIo): Promise<void> {
  const { values } = parse(rest, { to: { type: 'string' }, from: { type: 'string' }, verify: { type: 'boolean' } }, 0);
  const to = values.to?.trim();
  if (!to) throw usage('Where to? npm run admin -- copy-to-postgres --to postgres://USER:PASSWORD@HOST:5432/DATABASE');
  if (!/^postgres(ql)?:\/\//.test(to)) throw usage(`--to must be a PostgreSQL URL, postgres://USER:PASSWORD@HOST:5432/DATABASE, not "${safeUrl(to)}".`);
  const from = values.from?.trim() || dataDir(io);
  const report = values.verify ? await verifyCopy(from, to) : await copyToPostgres(from, to);
  io.out(formatChecks(report.tables));
  const rows = report.tables.reduce((n, t) => n + t.sqliteRows, 0);
  if (!report.ok) {
    throw new CliError(
      values.verify
        ? `The copy in ${safeUrl(to)} differs from ${report.source}: see the tables marked DIFFERS.`
        : `The copy differed from ${report.source} (the tables marked DIFFERS); nothing was committed, the PostgreSQL database is still empty.`,
    );
  }
  io.out(
    values.verify
      ? `The copy in ${safeUrl(to)} matches ${report.source}: ${plural(rows, 'row')} in ${plural(report.tables.length, 'table')}.\n`
      : [
          `Copied ${report.source} into ${safeUrl(to)}: ${plural(rows, 'row')} in ${plural(report.tables.length, 'table')}, counts and checksums verified.`,
          `  server version ${report.version}, database id ${report.databaseId} (kept: devices go on syncing from where they are).`,
          'Start the server instances with DATABASE_URL set to that URL; keep the SQLite database as it is until all is well.',
        ].join('\n') + '\n',
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

async function readPassword(io: CliIo, example: string): Promise<string> {
  if (io.stdin.isTTY && io.stdin.setRawMode) {
    const first = await readHidden(io, 'Password: ');
    // Said before the second prompt, so a password that fails the rule is not typed twice.
    const problem = passwordProblem(first);
    if (problem) throw new CliError(`${problem}\nNothing was changed.`);
    const again = await readHidden(io, 'Password again: ');
    if (again !== first) throw new CliError('The passwords differ; nothing was changed.');
    return first;
  }
  const line = await readFirstLine(io.stdin);
  if (line === undefined || line === '') {
    throw new CliError(`No password on standard input: pipe it in as the first line, e.g. printf '%s\\n' "$PASSWORD" | npm run admin -- ${example}`);
  }
  return line;
}

/** The first line of a stream, without its line ending; undefined for an empty stream. */
export function readFirstLine(stream: NodeJS.ReadableStream): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let text = '';
    const finish = (value: string | undefined) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.pause();
      resolve(value?.replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer | string) => {
      text += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      const nl = text.indexOf('\n');
      if (nl >= 0) finish(text.slice(0, nl));
    };
    const onEnd = () => {
      text += decoder.end();
      finish(text === '' ? undefined : text);
    };
    const onError = (e: Error) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      reject(e);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}

function readHidden(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  io.err(prompt);
  stdin.setRawMode!(true);
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let value: string[] = [];
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode!(false);
      stdin.pause();
      io.err('\n');
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === 'string' ? chunk : decoder.write(chunk)) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value.join(''));
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new CliError('Cancelled; nothing was changed.', 130));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value.push(ch);
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}
