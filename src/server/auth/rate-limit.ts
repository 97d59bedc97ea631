// Failed sign-ins, counted per username and per client address over a sliding window. Kept in the
// database (table login_failures), not in memory: every instance behind a load balancer sees the same
// counts, so a guesser gains nothing by spreading attempts across them, and a restart forgives nothing.
import type { LoginFailures, Store } from '../store/store.ts';
import type { Clock } from './sessions.ts';

export type LimitOptions = { limit: number; windowMs: number };

/** Seconds until a key with these failures (oldest first) may try again; 0 when it may now. */
function retryAfter(failures: readonly number[], opts: LimitOptions, now: number): number {
  const recent = failures.filter((at) => at > now - opts.windowMs);
  if (recent.length < opts.limit) return 0;
  const freeAt = recent[recent.length - opts.limit]! + opts.windowMs;
  return Math.max(1, Math.ceil((freeAt - now) / 1000));
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
type LoginAttempt = { retryAfter: number; succeeded(): Promise<void> };

/** The store's part: the failures, counted and taken back one attempt at a time. */
type LoginFailureStore = Pick<Store, 'loginAttempt' | 'forgetLoginFailures'>;

/**
 * Sign-in limits. An attempt counts as a failure from the moment it starts: the password check is
 * async, and parallel guesses must not all pass the limit before the first of them fails (the store
 * checks and counts in one step, one attempt at a time). A right password takes its attempt back.
 *
 * Five failures lock a username only for addresses that have failed themselves: an address with no
 * failures still gets its attempt checked, so someone guessing elsewhere cannot lock the real user
 * out of their own device. A guesser with many addresses gets one attempt per address, up to
 * `perUsernameTotal`, after which the username waits everywhere.
 */
export class LoginLimiter {
  readonly #store: LoginFailureStore;
  readonly #limits: LoginLimits;
  readonly #now: Clock;

  constructor(store: LoginFailureStore, limits: LoginLimits = DEFAULT_LOGIN_LIMITS, now: Clock = Date.now) {
    this.#store = store;
    this.#limits = limits;
    this.#now = now;
  }

  async attempt(username: string, address: string): Promise<LoginAttempt> {
    // Prefixed: a username and an address never share a count.
    const keys = { user: `user:${username}`, total: `user-total:${username}`, address: `address:${address}` };
    const { perUsername, perUsernameTotal, perAddress } = this.#limits;
    const t = this.#now();
    const since = t - Math.max(perUsername.windowMs, perUsernameTotal.windowMs, perAddress.windowMs);
    let wait = 0;
    const decide = (failures: LoginFailures): string[] => {
      const of = (key: string) => failures.get(key) ?? [];
      const cleanAddress = retryAfter(of(keys.address), { ...perAddress, limit: 1 }, t) === 0;
      wait = Math.max(
        retryAfter(of(keys.address), perAddress, t),
        retryAfter(of(keys.total), perUsernameTotal, t),
        cleanAddress ? 0 : retryAfter(of(keys.user), perUsername, t),
      );
      return wait > 0 ? [] : [keys.user, keys.total, keys.address];
    };
    const ids = await this.#store.loginAttempt(Object.values(keys), since, t, decide);
    if (wait > 0) return { retryAfter: wait, succeeded: async () => {} };
    return {
      retryAfter: 0,
      // A right password clears the username's count; the address keeps its earlier failures, so
      // one account it knows cannot launder its guesses at others.
      succeeded: () => this.#store.forgetLoginFailures(ids.slice(1), [keys.user]),
    };
  }
}
