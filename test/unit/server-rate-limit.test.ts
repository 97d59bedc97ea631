// @vitest-environment node
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from '../../src/server/auth/rate-limit.ts';
import { SqliteStore } from '../../src/server/store/sqlite-store.ts';

const MIN = 60 * 1000;
const FIFTEEN_MIN = 15 * MIN;

// The limits live in the database (login_failures): an in-memory SQLite store per test.
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});
function newStore(): SqliteStore {
  const store = new SqliteStore(new BetterSqlite3(':memory:'));
  stores.push(store);
  return store;
}
const limiterOf = (limits: LoginLimits = DEFAULT_LOGIN_LIMITS, now?: () => number, store = newStore()) => new LoginLimiter(store, limits, now);
const wait = async (limiter: LoginLimiter, username: string, address: string) => (await limiter.attempt(username, address)).retryAfter;
const fail = async (limiter: LoginLimiter, username: string, address: string) => expect(await wait(limiter, username, address)).toBe(0);

describe('login limiter', () => {
  it('allows 5 failures per username in 15 minutes from addresses that failed, then answers how long to wait', async () => {
    let clock = 1_000_000_000;
    const limiter = limiterOf(DEFAULT_LOGIN_LIMITS, () => clock);
    for (let i = 0; i < 5; i++) await fail(limiter, 'ilona', '10.0.0.1');
    expect(await wait(limiter, 'ilona', '10.0.0.1')).toBe(15 * 60);
    expect(await wait(limiter, 'anna', '10.0.0.2')).toBe(0);
    clock += MIN;
    expect(await wait(limiter, 'ilona', '10.0.0.1')).toBe(14 * 60); // the first failure ages out 15 minutes after it happened
    clock += 14 * MIN;
    expect(await wait(limiter, 'ilona', '10.0.0.1')).toBe(0);
  });

  it('counts an attempt when it starts, before its password is checked', async () => {
    const limiter = limiterOf();
    // Five attempts whose checks have not finished: the sixth waits.
    await Promise.all(Array.from({ length: 5 }, () => fail(limiter, 'ilona', '10.0.0.1')));
    expect(await wait(limiter, 'ilona', '10.0.0.1')).toBeGreaterThan(0);
  });

  it('shares the counts between limiters on one database (two instances)', async () => {
    const store = newStore();
    const [a, b] = [limiterOf(DEFAULT_LOGIN_LIMITS, undefined, store), limiterOf(DEFAULT_LOGIN_LIMITS, undefined, store)];
    for (let i = 0; i < 5; i++) await fail(i % 2 ? a : b, 'ilona', '10.0.0.1');
    expect(await wait(a, 'ilona', '10.0.0.1')).toBeGreaterThan(0);
    expect(await wait(b, 'ilona', '10.0.0.1')).toBeGreaterThan(0);
  });

  it('still checks a locked username from an address with no failures, once', async () => {
    const limiter = limiterOf();
    for (let i = 0; i < 5; i++) await fail(limiter, 'ilona', '203.0.113.9');
    expect(await wait(limiter, 'ilona', '203.0.113.9')).toBeGreaterThan(0);
    const real = await limiter.attempt('ilona', '198.51.100.7');
    expect(real.retryAfter).toBe(0);
    // Its attempt is counted: a second one from there, in parallel or after a failure, waits.
    expect(await wait(limiter, 'ilona', '198.51.100.7')).toBeGreaterThan(0);
    await real.succeeded();
    expect(await wait(limiter, 'ilona', '198.51.100.7')).toBe(0);
  });

  it('caps the failures of one username from anywhere at 50 in 15 minutes', async () => {
    const limiter = limiterOf();
    for (let i = 0; i < 50; i++) await fail(limiter, 'ilona', `10.0.${i}.1`);
    expect(await wait(limiter, 'ilona', '198.51.100.7')).toBeGreaterThan(0);
    expect(await wait(limiter, 'anna', '198.51.100.7')).toBe(0);
  });

  it('allows 20 failures per address across usernames', async () => {
    const limiter = limiterOf();
    for (let i = 0; i < 20; i++) await fail(limiter, `user${i}`, '10.0.0.1');
    expect(await wait(limiter, 'someone-new', '10.0.0.1')).toBeGreaterThan(0);
    expect(await wait(limiter, 'someone-new', '10.0.0.2')).toBe(0);
  });

  it("clears the username's count on success, and takes back only that attempt from the address's", async () => {
    const limiter = limiterOf({ ...DEFAULT_LOGIN_LIMITS, perAddress: { limit: 9, windowMs: FIFTEEN_MIN } });
    for (let i = 0; i < 4; i++) await fail(limiter, 'ilona', '10.0.0.1');
    await (await limiter.attempt('ilona', '10.0.0.1')).succeeded();
    for (let i = 0; i < 4; i++) await fail(limiter, 'ilona', '10.0.0.1');
    expect(await wait(limiter, 'ilona', '10.0.0.1')).toBe(0); // the 9th counted attempt: 8 failures before it
    expect(await wait(limiter, 'anna', '10.0.0.1')).toBeGreaterThan(0);
  });

  it('deletes failures older than the longest window', async () => {
    let clock = 1_000_000_000;
    const store = newStore();
    const limiter = limiterOf(DEFAULT_LOGIN_LIMITS, () => clock, store);
    for (let i = 0; i < 3; i++) await fail(limiter, `user${i}`, `10.0.0.${i}`);
    clock += FIFTEEN_MIN;
    await fail(limiter, 'anna', '10.0.1.1');
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM login_failures').get() as { n: number }).n).toBe(3);
  });
});
