import type { Context, MiddlewareHandler } from 'hono';
import { unauthenticated } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import type { Sessions } from './sessions.ts';

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(c: Context): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,200})\s*$/i.exec(c.req.header('authorization') ?? '');
  return match?.[1];
}

/** Resolves the bearer token to its user (`c.var.user`) or answers 401 UNAUTHENTICATED. */
export function requireUser(sessions: Sessions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c);
    const found = token === undefined ? undefined : await sessions.resolve(token);
    if (!found) throw unauthenticated();
    c.set('user', found.user);
    c.set('tokenHash', found.tokenHash);
    await next();
  };
}

/**
 * The client's address for rate limiting: the socket's peer, or with `trustProxy` the address the
 * proxy in front of us saw (the last X-Forwarded-For entry, which that proxy appended).
 */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean);
    const last = forwarded?.[forwarded.length - 1];
    if (last) return last;
  }
  return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
