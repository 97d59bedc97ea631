// Sign-in, sign-out, the signed-in user and the directory of colleagues (src/shared/api.ts).
import type { Hono } from 'hono';
import { api, type ResponseOf } from '../../shared/api.ts';
import type { Colleague } from '../../shared/auth.ts';
import { bearerToken, clientAddress, requireUser } from '../auth/middleware.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import type { LoginLimiter } from '../auth/rate-limit.ts';
import type { Sessions } from '../auth/sessions.ts';
import { publicUser } from '../auth/users.ts';
import { ApiError, unauthenticated } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJson } from '../http/json-body.ts';
import type { Logger } from '../log.ts';
import type { Store, UserRecord } from '../store/store.ts';

type AuthDeps = { store: Store; sessions: Sessions; limiter: LoginLimiter; trustProxy: boolean; log: Logger };

export function authRoutes(app: Hono<AppEnv>, { store, sessions, limiter, trustProxy, log }: AuthDeps): void {
  // Verified against when the username is unknown, so the answer takes as long as for a known one.
  // Made at start, so not even the first unknown username pays for making it.
  const decoy = hashPassword('decoy password, never matches');
  decoy.catch(() => {}); // a failure surfaces on the first login that awaits it

  app.on(api.login.method, api.login.path, async (c) => {
    const { username, password } = await readJson(c, api.login.body);
    const address = clientAddress(c, trustProxy);
    // Never the password: not even a wrong one, which is often the right one mistyped.
    const failed = (reason: string) => log.warn('sign-in failed', { username, address, reason });
    // Counted before the (async) password check, so guesses sent at once cannot all slip past the limit.
    const attempt = await limiter.attempt(username, address);
    if (attempt.retryAfter > 0) {
      failed('rate_limited');
      const wait = attempt.retryAfter;
      throw new ApiError(429, 'RATE_LIMITED', `Too many failed sign-ins: try again in ${wait} seconds`, { retryAfter: wait }, {
        'Retry-After': String(wait),
      });
    }
    const user = await store.userByUsername(username);
    const matches = await verifyPassword(password, user?.passwordHash ?? (await decoy));
    if (!user || user.disabled || !matches) {
      failed(!user ? 'unknown_user' : user.disabled ? 'disabled_user' : 'wrong_password');
      throw new ApiError(401, 'BAD_CREDENTIALS', 'Wrong username or password');
    }
    await attempt.succeeded();
    c.set('user', user);
    const { token, expiresAt } = await sessions.start(user);
    const body: ResponseOf<typeof api.login> = { token, user: publicUser(user), expiresAt };
    return c.json(body);
  });

  // Ends the session whatever its state, so a client holding an expired token can still sign out cleanly.
  app.on(api.logout.method, api.logout.path, async (c) => {
    const token = bearerToken(c);
    if (token === undefined) throw unauthenticated();
    await sessions.end(token);
    return c.body(null, 204);
  });

  app.on(api.me.method, api.me.path, requireUser(sessions), (c) => {
    const body: ResponseOf<typeof api.me> = { user: publicUser(c.var.user) };
    return c.json(body);
  });

  // Names for the ids on visits: colleagues who share a region with the caller, never password hashes.
  app.on(api.users.method, api.users.path, requireUser(sessions), async (c) => {
    const me = c.var.user;
    const sharesRegion = (u: UserRecord) => u.role !== 'admin' && u.regionIds.some((r) => me.regionIds.includes(r));
    const users: Colleague[] = (await store.listUsers())
      .filter((u) => !u.disabled && (me.role === 'admin' || u.id === me.id || sharesRegion(u)))
      .map(({ id, name, role, regionIds }) => ({ id, name, role, regionIds }));
    const body: ResponseOf<typeof api.users> = { users };
    return c.json(body);
  });
}
