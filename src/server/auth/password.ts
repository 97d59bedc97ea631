// Password hashes: scrypt with a random salt per user, stored as `scrypt$N$r$p$salt$hash` (base64url) so
// the cost can be raised later while old hashes still verify.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

type ScryptParams = { N: number; r: number; p: number };

/** About 50–100 ms and 32 MiB per hash on a small server: slow for guessing, fine for a login. */
const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Bounds keep a corrupted row from asking for gigabytes of memory.
  const ok = [N, r, p].every(Number.isSafeInteger) && N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16;
  if (!ok) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length === 0 || key.length === 0) return undefined;
  return { params: { N, r, p }, salt, key };
}

/** True when the password matches; false for a wrong password or a hash it cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

// The password rule for accounts made or reset on the command line. Long enough to resist guessing
// through the login rate limit, and not the patterns people reach for first when a rule asks for 12.
const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1000;
export const PASSWORD_RULE =
  `A password needs at least ${PASSWORD_MIN_LENGTH} characters, must not be all of one kind ` +
  '(only lowercase letters, only uppercase letters, only digits, or only other characters such as spaces and punctuation), ' +
  'and must not be a common password such as "password1234".';

/** Compared in lowercase: the ones a 12-character minimum invites, in English, Finnish and Swedish. */
const COMMON_PASSWORDS = new Set([
  'password1234',
  'password123!',
  'passw0rd1234',
  'qwertyuiop12',
  'qwerty123456',
  '1q2w3e4r5t6y',
  'asdfghjkl123',
  'abc123456789',
  'abcd12345678',
  'iloveyou1234',
  'welcome12345',
  'letmein12345',
  'changeme1234',
  'admin1234567',
  'salasana1234',
  'salasana123!',
  'lösenord1234',
  'tillsyn12345',
]);

function characterKind(ch: string): 'lower' | 'upper' | 'digit' | 'other' {
  if (/\p{Ll}/u.test(ch)) return 'lower';
  if (/\p{Lu}/u.test(ch)) return 'upper';
  if (/\p{Nd}/u.test(ch)) return 'digit';
  return 'other';
}

/** What is wrong with a password under the rule, followed by the rule; undefined when it passes. */
export function passwordProblem(password: string): string | undefined {
  const chars = [...password.normalize('NFC')];
  let problem: string | undefined;
  if (chars.length < PASSWORD_MIN_LENGTH) problem = `The password is too short (${chars.length} characters).`;
  else if (chars.length > PASSWORD_MAX_LENGTH) problem = `The password is too long (at most ${PASSWORD_MAX_LENGTH} characters).`;
  else if (new Set(chars.map(characterKind)).size < 2) problem = 'The password has only one kind of character.';
  else if (COMMON_PASSWORDS.has(chars.join('').toLowerCase())) problem = 'The password is a common one.';
  return problem && `${problem} ${PASSWORD_RULE}`;
}
