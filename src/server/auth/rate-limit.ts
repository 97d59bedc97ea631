// Failed sign-ins, counted in memory per username and per client address over a sliding window.
// In memory is enough for one server process; a restart forgives, which an attacker cannot trigger.
import type { Clock } from './sessions.ts';

export type LimitOptions = { limit: number; windowMs: number };

/** Counts failures per key; a key with `limit` failures inside the window is blocked until the oldest ages out. */
export class FailureCounter {
  readonly #failures = new Map<string, number[]>();
  readonly #opts: LimitOptions;
  readonly #now: Clock;
  readonly #maxKeys: number;

  constructor(opts: LimitOptions, now: Clock = Date.now, maxKeys = 10_000) {
    this.#opts = opts;
    this.#now = now;
    this.#maxKeys = maxKeys;
  }

  #recent(key: string, t: number): number[] {
    const list = (this.#failures.get(key) ?? []).filter((at) => at > t - this.#opts.windowMs);
    if (list.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, list);
    return list;
  }

  /** Seconds until the key may try again; 0 when it may now. */
  retryAfter(key: string): number {
    const t = this.#now();
    const list = this.#recent(key, t);
    if (list.length < this.#opts.limit) return 0;
    const freeAt = list[list.length - this.#opts.limit]! + this.#opts.windowMs;
    return Math.max(1, Math.ceil((freeAt - t) / 1000));
  }

  fail(key: string): void {
    const t = this.#now();
    if (!this.#failures.has(key) && this.#failures.size >= this.#maxKeys) this.#sweep(t);
    // Only the latest `limit` failures can matter.
    this.#failures.set(key, [...this.#recent(key, t), t].slice(-this.#opts.limit));
  }

  clear(key: string): void {
    this.#failures.delete(key);
  }

  get size(): number {
    return this.#failures.size;
  }

  /** Bounds memory under a flood of usernames: drop aged-out keys, then the oldest. */
  #sweep(t: number): void {
    for (const key of [...this.#failures.keys()]) this.#recent(key, t);
    for (const key of this.#failures.keys()) {
      if (this.#failures.size < this.#maxKeys) break;
      this.#failures.delete(key);
    }
  }
}

export type LoginLimits = { perUsername: LimitOptions; perAddress: LimitOptions };

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perUsername: { limit: 5, windowMs: 15 * 60 * 1000 },
  perAddress: { limit: 20, windowMs: 15 * 60 * 1000 },
};

export class LoginLimiter {
  readonly #byUsername: FailureCounter;
  readonly #byAddress: FailureCounter;

  constructor(limits: LoginLimits = DEFAULT_LOGIN_LIMITS, now: Clock = Date.now) {
    this.#byUsername = new FailureCounter(limits.perUsername, now);
    this.#byAddress = new FailureCounter(limits.perAddress, now);
  }

  /** Seconds to wait before this username may be tried from this address; 0 when it may now. */
  retryAfter(username: string, address: string): number {
    return Math.max(this.#byUsername.retryAfter(username), this.#byAddress.retryAfter(address));
  }

  failed(username: string, address: string): void {
    this.#byUsername.fail(username);
    this.#byAddress.fail(address);
  }

  /** A right password clears the username's count; the address's stays, so one account cannot launder guesses at others. */
  succeeded(username: string): void {
    this.#byUsername.clear(username);
  }
}
