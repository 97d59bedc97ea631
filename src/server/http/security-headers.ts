import type { MiddlewareHandler } from 'hono';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // blob: the attachments' photos, shown from the device's own copies through object URLs.
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // The camera for the app's own pages (a photo of a decision on the visit), nothing else.
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * On every response, errors and static files included. A response that sets a stricter policy of its own
 * keeps it: an attachment's file served (routes/blobs.ts) is sandboxed and may load nothing.
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (name === 'Content-Security-Policy' && c.res.headers.get(name)?.includes('sandbox')) continue;
    c.res.headers.set(name, value);
  }
};

/**
 * The API's answers are per user and change: no cache, shared or private, keeps them. The one exception
 * is a file served under its hash (routes/blobs.ts), which never changes: a success of it keeps its
 * `immutable` caching.
 */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  const ok = c.res.status === 200 || c.res.status === 304;
  if (ok && c.res.headers.get('Cache-Control')?.includes('immutable')) return;
  c.res.headers.set('Cache-Control', 'no-store');
};
