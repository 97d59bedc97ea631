// Demo accounts, so a fresh checkout can be tried at once. Created only on a database with no users.
import { randomBytes } from 'node:crypto';
import type { Role } from '../shared/workflow.ts';
import { passwordProblem } from './auth/password.ts';
import { addUser } from './auth/users.ts';
import type { Store } from './store/store.ts';

type DemoAccount = { username: string; name: string; role: Role; regionIds: string[] | 'all' };

const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'inspector', name: 'Ilona Virtanen', role: 'inspector', regionIds: ['avi-1'] },
  { username: 'coordinator', name: 'Kaisa Korhonen', role: 'coordinator', regionIds: ['avi-1'] },
  { username: 'inspector2', name: 'Mikko Nieminen', role: 'inspector', regionIds: ['avi-2'] },
  { username: 'admin', name: 'Aleksi Mäkinen', role: 'admin', regionIds: 'all' },
];

/** 12 random bytes: 16 base64url characters, about 96 bits; drawn again in the rare case it breaks the password rule. */
export function randomPassword(): string {
  for (;;) {
    const password = randomBytes(12).toString('base64url');
    if (!passwordProblem(password)) return password;
  }
}

/**
 * Creates the demo accounts when the database has no users, and prints them once. Answers whether it did.
 */
export async function ensureDemoAccounts(store: Store, opts: { demoPassword?: string | undefined; print: (line: string) => void }): Promise<boolean> {
  if ((await store.countUsers()) > 0) return false;
  const given = opts.demoPassword !== undefined && opts.demoPassword !== '';
  const password = given ? opts.demoPassword! : randomPassword();
  const allRegions = (await store.listRecords('region')).map((r) => r.id);
  for (const a of DEMO_ACCOUNTS) {
    const regionIds = a.regionIds === 'all' ? allRegions : a.regionIds;
    await addUser(store, { username: a.username, name: a.name, role: a.role, regionIds, password }, { skipPasswordRule: true });
  }

  const rule = '='.repeat(72);
  const lines = [
    rule,
    ' Demo accounts created (the database had no users).',
    given
      ? ' Password: the one in DEMO_PASSWORD, for every account.'
      : ' Password, for every account (shown only now: note it down):',
    ...(given ? [] : ['', `     ${password}`]),
    '',
    ...DEMO_ACCOUNTS.map((a) => {
      const regions = a.regionIds === 'all' ? 'all regions' : a.regionIds.join(', ');
      return `   ${a.username.padEnd(12)} ${a.role.padEnd(12)} ${a.name.padEnd(16)} ${regions}`;
    }),
    '',
    ' Add real users with: npm run admin -- user add --help',
    ' Disable the demo ones with: npm run admin -- user disable <username>',
    ...(given && passwordProblem(password)
      ? ['', ' Warning: DEMO_PASSWORD does not meet the password rule for real accounts; do not expose this server.']
      : []),
    rule,
  ];
  for (const line of lines) opts.print(line);
  return true;
}
