// Serves the built app with @hono/node-server's serveStatic: hashed assets cached for a year, the shell
// files revalidated every time (hono/etag tags each by a hash of its content and answers an unchanged
// one 304), any other navigation answered with index.html so the app's own router takes it. The app's
// compress middleware gzips what it serves.
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { errorResponse } from './api-error.ts';
import type { AppEnv } from './app-env.ts';

/** Files whose name stays the same across releases and that tell the browser what the release is. */
const SHELL_FILES = new Set(['/', '/index.html', '/sw.js', '/manifest.webmanifest']);

function cacheControlFor(path: string): string {
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  if (SHELL_FILES.has(path) || path.endsWith('.html')) return 'no-cache';
  return 'public, max-age=3600';
}

export function appIsBuilt(staticDir: string): boolean {
  return existsSync(resolve(staticDir, 'index.html'));
}

const notFound = (c: Context) => errorResponse(c, 404, 'NOT_FOUND', 'No such file');

/** serveStatic, with Cache-Control set on what it found (its onFound hook runs after it made the Response: a header set there is lost). */
function serve(options: Parameters<typeof serveStatic>[0], cacheControl: (c: Context) => string): MiddlewareHandler {
  const handler = serveStatic(options);
  return async (c, next) => {
    const res = await handler(c, next); // not a Response when it passed the request on
    if (res instanceof Response) res.headers.set('Cache-Control', cacheControl(c));
    return res;
  };
}

/** GET and HEAD of every path the routes before it did not take (all outside /api/). */
export function serveBuiltApp(app: Hono<AppEnv>, staticDir: string): void {
  const root = resolve(staticDir);
  const tag = etag({ weak: true });
  app.get(
    '*',
    // Built for tools, not browsers: source maps, and anything in a dot folder such as vite's manifest
    // (.vite/). Also `..` however encoded (the path is decoded), and what serveStatic refuses only by
    // passing it on to the page: an encoded slash or a stray % (left undecoded), a backslash, a NUL.
    async (c, next) => (/(?:^|\/)\.|\.map\/*$|[%\\\0]/.test(c.req.path) ? notFound(c) : next()),
    // Not on a range (206): the tag would be of that part only.
    async (c, next) => (c.req.header('range') === undefined ? tag(c, next) : next()),
    // Paths joined here rather than given as `root`: serveStatic prints a line of its own, outside the
    // log, for a root that does not exist.
    serve({ rewriteRequestPath: (path) => join(root, path) }, (c) => cacheControlFor(c.req.path)),
    // A missing asset or icon means a stale page or a wrong link: the page in its place would only
    // hide that (and a browser would take HTML for an image or a script).
    async (c, next) => (/^\/(?:assets|icons)(?:\/|$)|\.[^./]+\/*$/.test(c.req.path) ? notFound(c) : next()),
    serve({ path: join(root, 'index.html') }, () => 'no-cache'),
    (c) =>
      errorResponse(c, 503, 'NOT_BUILT', 'The app is not built on this server: run `npm run build` (or `npm start`, which builds when needed).', undefined, {
        'Cache-Control': 'no-store',
      }),
  );
}
