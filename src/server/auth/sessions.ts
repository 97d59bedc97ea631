// Sessions: an opaque token per login, stored hashed, expiring after SESSION_DAYS unused.
import { SESSION_DAYS } from '../../shared/auth.ts';
import type { Store, UserRecord } from '../store/store.ts';
import { hashToken, newToken } from './tokens.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Sliding the expiry costs a write; once a minute per session is plenty for a 30-day window. */
export const TOUCH_INTERVAL_MS = 60 * 1000;

export type Clock = () => number;

export type Sessions = {
  /** Starts a session for the user; answers the token (shown once, never stored) and its expiry. */
  start(user: UserRecord): Promise<{ token: string; expiresAt: string }>;
  /** The user behind a token, moving the session's expiry on; undefined when unknown, expired or disabled. */
  resolve(token: string): Promise<{ user: UserRecord; tokenHash: string } | undefined>;
  end(token: string): Promise<void>;
};

export function createSessions(store: Store, now: Clock = Date.now, days: number = SESSION_DAYS): Sessions {
  const lifetime = days * DAY_MS;
  const iso = (ms: number) => new Date(ms).toISOString();

  return {
    async start(user) {
      const token = newToken();
      const t = now();
      const expiresAt = iso(t + lifetime);
      await store.createSession({ tokenHash: hashToken(token), userId: user.id, createdAt: iso(t), lastUsedAt: iso(t), expiresAt });
      return { token, expiresAt };
    },

    async resolve(token) {
      const tokenHash = hashToken(token);
      const found = await store.sessionWithUser(tokenHash);
      if (!found) return undefined;
      const t = now();
      if (Date.parse(found.session.expiresAt) <= t) {
        await store.deleteSession(tokenHash);
        return undefined;
      }
      if (found.user.disabled) return undefined;
      if (t - Date.parse(found.session.lastUsedAt) >= TOUCH_INTERVAL_MS) {
        await store.touchSession(tokenHash, iso(t), iso(t + lifetime));
      }
      return { user: found.user, tokenHash };
    },

    async end(token) {
      await store.deleteSession(hashToken(token));
    },
  };
}
