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

  /** Failures of the key inside the window. */
  count(key: string): number {
    return this.#recent(key, this.#now()).length;
  }

  /** Records a failure; answers its time, which `remove` takes. */
  fail(key: string): number {
    const t = this.#now();
    if (!this.#failures.has(key) && this.#failures.size >= this.#maxKeys) this.#sweep(t);
    // Only the latest `limit` failures can matter.
    this.#failures.set(key, [...this.#recent(key, t), t].slice(-this.#opts.limit));
    return t;
  }

  /** Takes back one failure recorded at `at` (an attempt counted in advance that turned out right). */
  remove(key: string, at: number): void {
    const list = this.#failures.get(key);
    const i = list?.lastIndexOf(at) ?? -1;
    if (i === -1) return;
    list!.splice(i, 1);
    if (list!.length === 0) this.#failures.delete(key);
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

export type LoginLimits = {
  /** Failures of one username; past the limit, addresses that have failed themselves wait. */
  perUsername: LimitOptions;
  /** Failures of one username from anywhere; past the limit, every address waits. */
  perUsernameTotal: LimitOptions;
  /** Failures from one address, whatever the username. */
  perAddress: LimitOptions;
};

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perUsername: { limit: 5, windowMs: 15 * 60 * 1000 },
  perUsernameTotal: { limit: 50, windowMs: 15 * 60 * 1000 },
  perAddress: { limit: 20, windowMs: 15 * 60 * 1000 },
};

/** A sign-in attempt that may go ahead (`retryAfter` 0), or the seconds to wait before the next. */
type LoginAttempt = { retryAfter: number; succeeded(): void };

/**
 * Sign-in limits. An attempt counts as a failure from the moment it starts: the password check is
 * async, and parallel guesses must not all pass the limit before the first of them fails. A right
 * password takes its attempt back.
 *
 * Five failures lock a username only for addresses that have failed themselves: an address with no
 * failures still gets its attempt checked, so someone guessing elsewhere cannot lock the real user
 * out of their own device. A guesser with many addresses gets one attempt per address, up to
 * `perUsernameTotal`, after which the username waits everywhere.
 */
export class LoginLimiter {
  readonly #byUsername: FailureCounter;
  readonly #byUsernameTotal: FailureCounter;
  readonly #byAddress: FailureCounter;

  constructor(limits: LoginLimits = DEFAULT_LOGIN_LIMITS, now: Clock = Date.now) {
    this.#byUsername = new FailureCounter(limits.perUsername, now);
    this.#byUsernameTotal = new FailureCounter(limits.perUsernameTotal, now);
    this.#byAddress = new FailureCounter(limits.perAddress, now);
  }

  /** Synchronous on purpose: checking and counting must happen with no await between them. */
  attempt(username: string, address: string): LoginAttempt {
    const cleanAddress = this.#byAddress.count(address) === 0;
    const wait = Math.max(
      this.#byAddress.retryAfter(address),
      this.#byUsernameTotal.retryAfter(username),
      cleanAddress ? 0 : this.#byUsername.retryAfter(username),
    );
    if (wait > 0) return { retryAfter: wait, succeeded: () => {} };

    this.#byUsername.fail(username);
    const total = this.#byUsernameTotal.fail(username);
    const fromAddress = this.#byAddress.fail(address);
    return {
      retryAfter: 0,
      // A right password clears the username's count; the address keeps its earlier failures, so
      // one account it knows cannot launder its guesses at others.
      succeeded: () => {
        this.#byUsername.clear(username);
        this.#byUsernameTotal.remove(username, total);
        this.#byAddress.remove(address, fromAddress);
      },
    };
  }
}
