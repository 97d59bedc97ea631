// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_LIMITS, FailureCounter, LoginLimiter } from '../../src/server/auth/rate-limit.ts';

const MIN = 60 * 1000;

describe('failure counter', () => {
  it('blocks a key at the limit until its oldest failure leaves the window', () => {
    let clock = 0;
    const counter = new FailureCounter({ limit: 3, windowMs: 10 * MIN }, () => clock);
    counter.fail('k');
    clock += MIN;
    counter.fail('k');
    expect(counter.retryAfter('k')).toBe(0);
    counter.fail('k');
    expect(counter.retryAfter('k')).toBe(9 * 60); // the first failure ages out 10 minutes after it happened
    clock += 9 * MIN - 1000;
    expect(counter.retryAfter('k')).toBe(1);
    clock += 1000;
    expect(counter.retryAfter('k')).toBe(0);
    expect(counter.retryAfter('other')).toBe(0);
  });

  it('forgets a key on clear', () => {
    const counter = new FailureCounter({ limit: 1, windowMs: MIN });
    counter.fail('k');
    expect(counter.retryAfter('k')).toBeGreaterThan(0);
    counter.clear('k');
    expect(counter.retryAfter('k')).toBe(0);
  });

  it('keeps its memory bounded under a flood of keys', () => {
    const counter = new FailureCounter({ limit: 5, windowMs: MIN }, Date.now, 100);
    for (let i = 0; i < 1000; i++) counter.fail(`user${i}`);
    expect(counter.size).toBeLessThanOrEqual(100);
  });
});

describe('login limiter', () => {
  const FIFTEEN_MIN = 15 * MIN;
  const fail = (limiter: LoginLimiter, username: string, address: string) => expect(limiter.attempt(username, address).retryAfter).toBe(0);

  it('allows 5 failures per username in 15 minutes from addresses that failed, then answers how long to wait', () => {
    let clock = 0;
    const limiter = new LoginLimiter(DEFAULT_LOGIN_LIMITS, () => clock);
    for (let i = 0; i < 5; i++) fail(limiter, 'ilona', '10.0.0.1');
    expect(limiter.attempt('ilona', '10.0.0.1').retryAfter).toBe(15 * 60);
    expect(limiter.attempt('anna', '10.0.0.1').retryAfter).toBe(0);
    clock += FIFTEEN_MIN;
    expect(limiter.attempt('ilona', '10.0.0.1').retryAfter).toBe(0);
  });

  it('counts an attempt when it starts, before its password is checked', () => {
    const limiter = new LoginLimiter();
    // Five attempts whose checks have not finished: the sixth waits.
    for (let i = 0; i < 5; i++) fail(limiter, 'ilona', '10.0.0.1');
    expect(limiter.attempt('ilona', '10.0.0.1').retryAfter).toBeGreaterThan(0);
  });

  it('still checks a locked username from an address with no failures, once', () => {
    const limiter = new LoginLimiter();
    for (let i = 0; i < 5; i++) fail(limiter, 'ilona', '203.0.113.9');
    expect(limiter.attempt('ilona', '203.0.113.9').retryAfter).toBeGreaterThan(0);
    const real = limiter.attempt('ilona', '198.51.100.7');
    expect(real.retryAfter).toBe(0);
    // Its attempt is counted: a second one from there, in parallel or after a failure, waits.
    expect(limiter.attempt('ilona', '198.51.100.7').retryAfter).toBeGreaterThan(0);
    real.succeeded();
    expect(limiter.attempt('ilona', '198.51.100.7').retryAfter).toBe(0);
  });

  it('caps the failures of one username from anywhere at 50 in 15 minutes', () => {
    const limiter = new LoginLimiter();
    for (let i = 0; i < 50; i++) fail(limiter, 'ilona', `10.0.${i}.1`);
    expect(limiter.attempt('ilona', '198.51.100.7').retryAfter).toBeGreaterThan(0);
    expect(limiter.attempt('anna', '198.51.100.7').retryAfter).toBe(0);
  });

  it('allows 20 failures per address across usernames', () => {
    const limiter = new LoginLimiter();
    for (let i = 0; i < 20; i++) fail(limiter, `user${i}`, '10.0.0.1');
    expect(limiter.attempt('someone-new', '10.0.0.1').retryAfter).toBeGreaterThan(0);
    expect(limiter.attempt('someone-new', '10.0.0.2').retryAfter).toBe(0);
  });

  it("clears the username's count on success, and takes back only that attempt from the address's", () => {
    const limiter = new LoginLimiter({ ...DEFAULT_LOGIN_LIMITS, perAddress: { limit: 9, windowMs: FIFTEEN_MIN } });
    for (let i = 0; i < 4; i++) fail(limiter, 'ilona', '10.0.0.1');
    limiter.attempt('ilona', '10.0.0.1').succeeded();
    for (let i = 0; i < 4; i++) fail(limiter, 'ilona', '10.0.0.1');
    expect(limiter.attempt('ilona', '10.0.0.1').retryAfter).toBe(0); // the 9th counted attempt: 8 failures before it
    expect(limiter.attempt('anna', '10.0.0.1').retryAfter).toBeGreaterThan(0);
  });
});
