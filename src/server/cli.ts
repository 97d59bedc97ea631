// The command line: `npm run admin -- user add|list|disable|enable …`, on the server's DATA_DIR.
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';
import { PASSWORD_MIN_LENGTH } from '../shared/auth.ts';
import { roles, type Role } from '../shared/workflow.ts';
import { addUser, UserInputError } from './auth/users.ts';
import { openDataDir } from './bootstrap.ts';
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

export const HELP = `Tillsyn admin: manage user accounts.

Usage: npm run admin -- <command>   (or: node dist/server/server/main.js admin <command>)

Commands:
  user add --username U --name "Full Name" --role inspector|coordinator|admin [--regions avi-1,avi-2]
      Adds a user. The password is read from standard input (the first line), so scripts can
      pipe it in: printf '%s\\n' "$PASSWORD" | npm run admin -- user add ...
      On a terminal it is asked for without echo. At least ${PASSWORD_MIN_LENGTH} characters.
      --regions is required for inspectors and coordinators; an admin without it gets all regions.
  user list
      Lists the users: username, name, role, regions, disabled.
  user disable U
      Disables the user U and ends all their sessions; they can no longer sign in.
  user enable U
      Lets a disabled user sign in again.

Environment:
  DATA_DIR   the data folder, the same as the server's (default ./data)
`;

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
    const [group, command, ...rest] = args;
    if (group !== 'user') throw usage(`Unknown command "${group}": the commands are user add, user list, user disable, user enable.`);
    if (rest.includes('--help') || rest.includes('-h') || command === '--help' || command === '-h') {
      io.out(HELP);
      return 0;
    }
    const commands: Record<string, (rest: string[], io: CliIo) => Promise<void>> = { add, list, disable, enable };
    const run = command === undefined ? undefined : commands[command];
    if (!run) throw usage(command === undefined ? 'Which user command? add, list, disable or enable.' : `Unknown command "user ${command}".`);
    await run(rest, io);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof UserInputError || e instanceof UsernameTakenError) {
      io.err(`${e.message}\n`);
      return 1;
    }
    io.err(`Failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
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

async function withStore<T>(io: CliIo, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openDataDir(io.env.DATA_DIR?.trim() || './data');
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function add(rest: string[], io: CliIo): Promise<void> {
  const { values } = parse(
    rest,
    { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, regions: { type: 'string' } },
    0,
  );
  const missing = (['username', 'name', 'role'] as const).filter((k) => !values[k]?.trim());
  if (missing.length > 0) throw usage(`Missing ${missing.map((m) => `--${m}`).join(', ')}.`);
  const role = values.role!.trim() as Role;
  if (!roles.includes(role)) throw usage(`--role must be one of ${roles.join(', ')}, not "${values.role}".`);
  const regionList = (values.regions ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (role !== 'admin' && regionList.length === 0) throw usage(`--regions is required for an ${role}, e.g. --regions avi-1,avi-2.`);

  await withStore(io, async (store) => {
    // Checked before asking for the password, so a typo does not cost the user a retyped password.
    if (await store.userByUsername(values.username!.trim().toLowerCase())) {
      throw new CliError(`A user named "${values.username!.trim().toLowerCase()}" already exists.`);
    }
    const regionIds = regionList.length > 0 ? regionList : (await store.listRecords('region')).map((r) => r.id);
    const password = await readPassword(io);
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

async function setDisabled(rest: string[], io: CliIo, disabled: boolean): Promise<void> {
  const { positionals } = parse(rest, {}, 1);
  const username = positionals[0]?.trim().toLowerCase();
  if (!username) throw usage(`Which user? npm run admin -- user ${disabled ? 'disable' : 'enable'} <username>`);
  await withStore(io, async (store) => {
    const user: UserRecord | undefined = await store.userByUsername(username);
    if (!user) throw new CliError(`No user named "${username}". See: npm run admin -- user list`);
    if (user.disabled === disabled) {
      io.out(`"${username}" is already ${disabled ? 'disabled' : 'enabled'}.\n`);
      return;
    }
    await store.setUserDisabled(user.id, disabled);
    io.out(disabled ? `Disabled "${username}" and ended their sessions.\n` : `Enabled "${username}": they can sign in again.\n`);
  });
}
const disable = (rest: string[], io: CliIo) => setDisabled(rest, io, true);
const enable = (rest: string[], io: CliIo) => setDisabled(rest, io, false);

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

async function readPassword(io: CliIo): Promise<string> {
  if (io.stdin.isTTY && io.stdin.setRawMode) {
    const first = await readHidden(io, 'Password: ');
    if (first.length < PASSWORD_MIN_LENGTH) throw new CliError(`The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`);
    const again = await readHidden(io, 'Password again: ');
    if (again !== first) throw new CliError('The passwords differ; nothing was changed.');
    return first;
  }
  const line = await readFirstLine(io.stdin);
  if (line === undefined || line === '') {
    throw new CliError(`No password on standard input: pipe it in as the first line, e.g. printf '%s\\n' "$PASSWORD" | npm run admin -- user add ...`);
  }
  if (line.length < PASSWORD_MIN_LENGTH) throw new CliError(`The password must be at least ${PASSWORD_MIN_LENGTH} characters long (it has ${line.length}).`);
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
