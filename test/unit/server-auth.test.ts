// @vitest-environment node
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { hashPassword, PASSWORD_RULE, passwordProblem, verifyPassword } from '../../src/server/auth/password.ts';
import { createSessions, TOUCH_INTERVAL_MS } from '../../src/server/auth/sessions.ts';
import { hashToken, newToken } from '../../src/server/auth/tokens.ts';
import { addUser, resetPassword, updateUser, UserInputError } from '../../src/server/auth/users.ts';
import { randomPassword } from '../../src/server/demo-accounts.ts';
import { applyMigrations, migrations } from '../../src/server/store/migrations.ts';
import { seedReferenceData } from '../../src/server/reference-data/seed.ts';
import { openSqliteStore, type SqliteStore } from '../../src/server/store/sqlite-store.ts';
import { UsernameTakenError, type UserRecord } from '../../src/server/store/store.ts';

const FAST = { N: 1024, r: 8, p: 1 };
const DAY = 24 * 60 * 60 * 1000;

describe('password hashes', () => {
  it('verify the right password and refuse a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('describe themselves and salt each hash anew', async () => {
    const a = await hashPassword('same password', FAST);
    const b = await hashPassword('same password', FAST);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('default to a cost of at least N = 2^15', async () => {
    const [, n, r] = (await hashPassword('x')).split('$');
    expect(Number(n)).toBeGreaterThanOrEqual(2 ** 15);
    expect(Number(r)).toBeGreaterThanOrEqual(8);
  });

  it('refuse what they cannot read instead of throwing', async () => {
    for (const bad of ['', 'plain', 'scrypt$1024$8$1$abc', 'bcrypt$1$2$3$4$5', 'scrypt$1000$8$1$c2FsdA$a2V5', 'scrypt$4194304$8$1$c2FsdA$a2V5']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });
});

describe('tokens', () => {
  it('are 32 random bytes in base64url, different each time', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(a);
  });

  it('are stored as their sha256', () => {
    const t = newToken();
    expect(hashToken(t)).toBe(createHash('sha256').update(t).digest('hex'));
    expect(hashToken(t)).not.toContain(t);
  });
});

describe('sessions', () => {
  let dir: string;
  let store: SqliteStore;
  let user: UserRecord;
  let clock: number;
  const now = () => clock;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tillsyn-auth-'));
    store = openSqliteStore(join(dir, 'db.sqlite'));
    await seedReferenceData(store);
    user = await addUser(store, { username: 'ilona', name: 'Ilona', role: 'inspector', regionIds: ['avi-1'], password: 'a long password' });
    clock = Date.parse('2026-01-10T12:00:00Z');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keep only the hash of the token', async () => {
    const sessions = createSessions(store, now);
    const { token, expiresAt } = await sessions.start(user);
    expect(expiresAt).toBe('2026-02-09T12:00:00.000Z');
    const rows = store.db.prepare('SELECT * FROM sessions').all() as { token_hash: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await sessions.resolve(token))?.user.id).toBe(user.id);
  });

  it('slide the expiry 30 days on with each use', async () => {
    const sessions = createSessions(store, now);
    const { token } = await sessions.start(user);
    clock += 20 * DAY;
    expect(await sessions.resolve(token)).toBeDefined();
    expect((await store.sessionWithUser(hashToken(token)))!.session.expiresAt).toBe(new Date(clock + 30 * DAY).toISOString());
    clock += 20 * DAY; // 40 days after sign-in, 20 after the last use
    expect(await sessions.resolve(token)).toBeDefined();
  });

  it('write the new expiry at most once a minute', async () => {
    const sessions = createSessions(store, now);
    const { token, expiresAt } = await sessions.start(user);
    clock += TOUCH_INTERVAL_MS - 1000;
    await sessions.resolve(token);
    expect((await store.sessionWithUser(hashToken(token)))!.session.expiresAt).toBe(expiresAt);
    clock += 1000;
    await sessions.resolve(token);
    expect((await store.sessionWithUser(hashToken(token)))!.session.expiresAt).not.toBe(expiresAt);
  });

  it('expire after 30 days unused, and are deleted then', async () => {
    const sessions = createSessions(store, now);
    const { token } = await sessions.start(user);
    clock += 30 * DAY;
    expect(await sessions.resolve(token)).toBeUndefined();
    expect(await store.sessionWithUser(hashToken(token))).toBeUndefined();
  });

  it('count 30 days from the last use, not from sign-in', async () => {
    const sessions = createSessions(store, now);
    const { token } = await sessions.start(user);
    clock += 30 * DAY - 1000;
    expect(await sessions.resolve(token)).toBeDefined();
    clock += 30 * DAY - 1000;
    expect(await sessions.resolve(token)).toBeDefined();
    clock += 30 * DAY;
    expect(await sessions.resolve(token)).toBeUndefined();
  });

  it('end on sign-out, and for unknown tokens resolve to nothing', async () => {
    const sessions = createSessions(store, now);
    const { token } = await sessions.start(user);
    await sessions.end(token);
    expect(await sessions.resolve(token)).toBeUndefined();
    expect(await sessions.resolve(newToken())).toBeUndefined();
  });

  it('do not resolve for a disabled user, whose sessions are deleted', async () => {
    const sessions = createSessions(store, now);
    const { token } = await sessions.start(user);
    await store.setUserDisabled(user.id, true);
    expect(await sessions.resolve(token)).toBeUndefined();
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });

  it('are cleaned up once expired', async () => {
    const sessions = createSessions(store, now);
    await sessions.start(user);
    expect(await store.deleteExpiredSessions(new Date(clock + 29 * DAY).toISOString())).toBe(0);
    expect(await store.deleteExpiredSessions(new Date(clock + 30 * DAY).toISOString())).toBe(1);
  });
});

describe('users', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tillsyn-users-'));
    store = openSqliteStore(join(dir, 'db.sqlite'));
    await seedReferenceData(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const base = { username: 'anna', name: 'Anna Berg', role: 'coordinator' as const, regionIds: ['avi-1'], password: 'a long password' };

  it('are stored with a normalised username and a hash, never the password', async () => {
    const u = await addUser(store, { ...base, username: ' Anna ' });
    expect(u.username).toBe('anna');
    expect(await store.userByUsername('anna')).toEqual(u);
    expect(u.passwordHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(store.db.prepare('SELECT * FROM users').all())).not.toContain('a long password');
  });

  it('refuse a taken username, unknown regions, a short password and a bad role', async () => {
    await addUser(store, base);
    await expect(addUser(store, base)).rejects.toBeInstanceOf(UsernameTakenError);
    await expect(addUser(store, { ...base, username: 'b1', regionIds: ['avi-99'] })).rejects.toThrow(/no region "avi-99"/);
    await expect(addUser(store, { ...base, username: 'b2', password: 'short' })).rejects.toThrow(/at least 12 characters/);
    await expect(addUser(store, { ...base, username: 'b3', role: 'boss' as 'admin' })).rejects.toBeInstanceOf(UserInputError);
    await expect(addUser(store, { ...base, username: 'b4', regionIds: [] })).rejects.toThrow(/at least one region/);
    expect((await store.listUsers()).map((u) => u.username)).toEqual(['anna']);
  });
});

describe('the password rule', () => {
  it.each([
    ['correct horse battery'],
    ['Tillsyn-2026-kevät'],
    ['ÅÄÖåäöÅÄÖåäö'],
    ['kissa kävelee'],
  ])('accepts %j', (password) => {
    expect(passwordProblem(password)).toBeUndefined();
  });

  it.each([
    ['short1', /too short \(6 characters\)/],
    ['ääkkösiä123', /too short \(11 characters\)/],
    ['abcdefghijklmnop', /only one kind of character/],
    ['ABCDEFGHIJKLMNOP', /only one kind of character/],
    ['123456789012', /only one kind of character/],
    ['!!!!????####', /only one kind of character/],
    ['password1234', /a common one/],
    ['Password1234', /a common one/],
    ['qwertyuiop12', /a common one/],
    ['salasana1234', /a common one/],
  ])('refuses %j, naming what is wrong and the whole rule', (password, problem) => {
    const message = passwordProblem(password);
    expect(message).toMatch(problem);
    expect(message).toContain(PASSWORD_RULE);
    expect(PASSWORD_RULE).toMatch(/at least 12 characters.*one kind.*common password/);
  });

  it('is met by the random demo password', () => {
    for (let i = 0; i < 200; i++) expect(passwordProblem(randomPassword())).toBeUndefined();
  });
});

describe('account changes', () => {
  let dir: string;
  let store: SqliteStore;
  let user: UserRecord;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tillsyn-users-'));
    store = openSqliteStore(join(dir, 'db.sqlite'));
    await seedReferenceData(store);
    user = await addUser(store, { username: 'anna', name: 'Anna Berg', role: 'inspector', regionIds: ['avi-1'], password: 'a long password' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sessionCount = () => (store.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;

  it('a new password ends the sessions of that user only', async () => {
    const other = await addUser(store, { username: 'bo', name: 'Bo', role: 'inspector', regionIds: ['avi-1'], password: 'a long password' });
    const sessions = createSessions(store);
    const { token } = await sessions.start(user);
    await sessions.start(user);
    await sessions.start(other);
    expect(await resetPassword(store, user, 'a new long password')).toBe(2);
    expect(await sessions.resolve(token)).toBeUndefined();
    expect(sessionCount()).toBe(1);
    const stored = (await store.userById(user.id))!;
    expect(await verifyPassword('a new long password', stored.passwordHash)).toBe(true);
    expect(await verifyPassword('a long password', stored.passwordHash)).toBe(false);
  });

  it('a password that breaks the rule changes nothing', async () => {
    await createSessions(store).start(user);
    await expect(resetPassword(store, user, 'password1234')).rejects.toThrow(/common/);
    expect(await verifyPassword('a long password', (await store.userById(user.id))!.passwordHash)).toBe(true);
    expect(sessionCount()).toBe(1);
  });

  it('change name, role and regions, keeping what is left out', async () => {
    expect(await updateUser(store, user, { name: 'Anna Lind' })).toMatchObject({ name: 'Anna Lind', role: 'inspector', regionIds: ['avi-1'] });
    const moved = await updateUser(store, (await store.userById(user.id))!, { role: 'coordinator', regionIds: ['avi-2', 'avi-3', 'avi-2'] });
    expect(await store.userById(user.id)).toMatchObject({ name: 'Anna Lind', role: 'coordinator', regionIds: ['avi-2', 'avi-3'] });
    expect(moved).toEqual(await store.userById(user.id));
  });

  it('are refused with a message that says what is wrong', async () => {
    await expect(updateUser(store, user, { regionIds: ['avi-1', 'avi-99'] })).rejects.toThrow(/no region "avi-99"; known regions: avi-1/);
    await expect(updateUser(store, user, { regionIds: [] })).rejects.toThrow(/an inspector needs at least one region/);
    await expect(updateUser(store, user, { role: 'boss' as 'admin' })).rejects.toBeInstanceOf(UserInputError);
    await expect(updateUser(store, user, { name: '  ' })).rejects.toThrow(/a name is needed/);
    expect(await store.userById(user.id)).toEqual(user);
  });

  it('let an admin have no regions, but not an inspector made from one', async () => {
    const admin = await updateUser(store, user, { role: 'admin', regionIds: [] });
    expect(admin).toMatchObject({ role: 'admin', regionIds: [] });
    await expect(updateUser(store, admin, { role: 'inspector' })).rejects.toThrow(/an inspector needs at least one region/);
  });
});

describe('sessions as the command line sees them', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tillsyn-sessions-'));
    store = openSqliteStore(join(dir, 'db.sqlite'));
    await seedReferenceData(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('have an id of their own, listed without the token or its hash, and end by it', async () => {
    const anna = await addUser(store, { username: 'anna', name: 'Anna', role: 'inspector', regionIds: ['avi-1'], password: 'a long password' });
    const bo = await addUser(store, { username: 'bo', name: 'Bo', role: 'inspector', regionIds: ['avi-1'], password: 'a long password' });
    const sessions = createSessions(store);
    const a1 = await sessions.start(anna);
    const a2 = await sessions.start(anna);
    const b1 = await sessions.start(bo);

    const listed = await store.listSessions();
    expect(listed.map((s) => s.username)).toEqual(['anna', 'anna', 'bo']);
    for (const s of listed) {
      expect(s.id).toMatch(/^[0-9a-f]{12}$/);
      expect(Object.keys(s).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'userId', 'username']);
      for (const t of [a1.token, a2.token, b1.token]) expect(JSON.stringify(s)).not.toContain(hashToken(t));
    }
    expect(new Set(listed.map((s) => s.id)).size).toBe(3);
    expect((await store.listSessions(bo.id)).map((s) => s.username)).toEqual(['bo']);

    const b1Id = (await store.listSessions(bo.id))[0]!.id;
    expect(await store.deleteSessionById(b1Id)).toBe(true);
    expect(await store.deleteSessionById(b1Id)).toBe(false);
    expect(await sessions.resolve(b1.token)).toBeUndefined();
    expect(await sessions.resolve(a1.token)).toBeDefined();

    expect(await store.deleteUserSessions(anna.id)).toBe(2);
    expect(await sessions.resolve(a2.token)).toBeUndefined();
    expect(await store.listSessions()).toEqual([]);
  });

  it('made before migration 4 get an id from it', () => {
    const file = join(dir, 'old.sqlite');
    const db = new BetterSqlite3(file);
    applyMigrations(db, migrations.filter((m) => m.version < 4));
    db.prepare(`INSERT INTO users (id, username, name, role, password_hash, created_at) VALUES ('u1', 'old', 'Old', 'inspector', 'x', '2026-01-01')`).run();
    const insert = db.prepare(`INSERT INTO sessions (token_hash, user_id, created_at, last_used_at, expires_at) VALUES (?, 'u1', '2026-01-01', '2026-01-01', '2999-01-01')`);
    insert.run('a'.repeat(64));
    insert.run('b'.repeat(64));
    expect(applyMigrations(db, migrations.filter((m) => m.version <= 4))).toEqual([4]);
    const ids = (db.prepare('SELECT id FROM sessions').all() as { id: string }[]).map((r) => r.id);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(ids[0]).not.toBe(ids[1]);
    db.close();
  });
});
