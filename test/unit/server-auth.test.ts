// @vitest-environment node
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/server/auth/password.ts';
import { createSessions, TOUCH_INTERVAL_MS } from '../../src/server/auth/sessions.ts';
import { hashToken, newToken } from '../../src/server/auth/tokens.ts';
import { addUser, UserInputError } from '../../src/server/auth/users.ts';
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
    await expect(addUser(store, { ...base, username: 'b2', password: 'short' })).rejects.toThrow(/at least 10 characters/);
    await expect(addUser(store, { ...base, username: 'b3', role: 'boss' as 'admin' })).rejects.toBeInstanceOf(UserInputError);
    await expect(addUser(store, { ...base, username: 'b4', regionIds: [] })).rejects.toThrow(/at least one region/);
    expect((await store.listUsers()).map((u) => u.username)).toEqual(['anna']);
  });
});
