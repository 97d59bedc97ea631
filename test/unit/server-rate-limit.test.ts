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
  it('allows 5 failures per username in 15 minutes, then answers how long to wait', () => {
    let clock = 0;
    const limiter = new LoginLimiter(DEFAULT_LOGIN_LIMITS, () => clock);
    for (let i = 0; i < 5; i++) {
      expect(limiter.retryAfter('ilona', `10.0.0.${i}`)).toBe(0);
      limiter.failed('ilona', `10.0.0.${i}`);
    }
    expect(limiter.retryAfter('ilona', '10.0.0.99')).toBe(15 * 60);
    expect(limiter.retryAfter('anna', '10.0.0.99')).toBe(0);
    clock += 15 * MIN;
    expect(limiter.retryAfter('ilona', '10.0.0.99')).toBe(0);
  });

  it('allows 20 failures per address across usernames', () => {
    const limiter = new LoginLimiter();
    for (let i = 0; i < 20; i++) limiter.failed(`user${i}`, '10.0.0.1');
    expect(limiter.retryAfter('someone-new', '10.0.0.1')).toBeGreaterThan(0);
    expect(limiter.retryAfter('someone-new', '10.0.0.2')).toBe(0);
  });

  it("clears the username's count on success, but not the address's", () => {
    const limiter = new LoginLimiter({ perUsername: { limit: 5, windowMs: 15 * MIN }, perAddress: { limit: 8, windowMs: 15 * MIN } });
    for (let i = 0; i < 4; i++) limiter.failed('ilona', '10.0.0.1');
    limiter.succeeded('ilona');
    for (let i = 0; i < 4; i++) limiter.failed('ilona', '10.0.0.1');
    expect(limiter.retryAfter('ilona', '10.0.0.2')).toBe(0);
    expect(limiter.retryAfter('anna', '10.0.0.1')).toBeGreaterThan(0);
  });
});
