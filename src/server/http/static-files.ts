// Serves the built app: hashed assets cached for a year, the shell files revalidated every time, any
// other navigation answered with index.html so the app's own router takes it.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Context, MiddlewareHandler } from 'hono';
import { errorResponse } from './api-error.ts';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.topojson': 'application/json; charset=utf-8',
};

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';
export const CACHE_SHORT = 'public, max-age=3600';

/** Files whose name stays the same across releases and that tell the browser what the release is. */
const SHELL_FILES = new Set(['/index.html', '/sw.js', '/manifest.webmanifest']);

export function cacheControlFor(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return CACHE_IMMUTABLE;
  if (SHELL_FILES.has(urlPath) || urlPath.endsWith('.html')) return CACHE_REVALIDATE;
  return CACHE_SHORT;
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

export function appIsBuilt(staticDir: string): boolean {
  return existsSync(resolve(staticDir, 'index.html'));
}

/**
 * The decoded path segments of a URL path, or undefined when a segment could step outside the folder
 * (`..`, an encoded slash or backslash, a NUL) or does not decode.
 */
export function safeSegments(rawPath: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (seg === '.' || seg === '..' || /[/\\\0]/.test(seg)) return undefined;
    segments.push(seg);
  }
  return segments;
}

async function fileResponse(c: Context, file: string, cacheControl: string): Promise<Response | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Cache-Control': cacheControl,
    ETag: etag,
    'Last-Modified': info.mtime.toUTCString(),
  };
  if (c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const body = await readFile(file);
  return new Response(new Uint8Array(body), { status: 200, headers: { ...headers, 'Content-Length': String(body.length) } });
}

/** Built for tools, not browsers: source maps, and anything in a dot folder such as vite's manifest (.vite/). */
function isToolFile(segments: readonly string[]): boolean {
  return segments.some((s) => s.startsWith('.')) || segments.at(-1)!.endsWith('.map');
}

/** A request for a file rather than a page of the app: its own folders, or a name with an extension. */
function isFileRequest(segments: readonly string[]): boolean {
  return segments[0] === 'assets' || segments[0] === 'icons' || /\.[^.]+$/.test(segments.at(-1)!);
}

/** GET and HEAD of every path outside /api/. */
export function staticFiles(staticDir: string): MiddlewareHandler {
  const root = resolve(staticDir);
  const index = resolve(root, 'index.html');
  const notFound = (c: Context) => errorResponse(c, 404, 'NOT_FOUND', 'No such file');

  return async (c, next) => {
    const rawPath = new URL(c.req.url).pathname;
    if (isApiPath(rawPath)) return next();
    const segments = safeSegments(rawPath);
    if (!segments) return notFound(c);

    if (segments.length > 0) {
      if (isToolFile(segments)) return notFound(c);
      const file = resolve(root, ...segments);
      if (!file.startsWith(root + sep)) return notFound(c);
      const res = await fileResponse(c, file, cacheControlFor(`/${segments.join('/')}`));
      if (res) return res;
      // A missing asset or icon means a stale page or a wrong link: the page in its place would only
      // hide that (and a browser would take HTML for an image or a script).
      if (isFileRequest(segments)) return notFound(c);
    }

    const res = await fileResponse(c, index, CACHE_REVALIDATE);
    if (res) return res;
    return errorResponse(c, 503, 'NOT_BUILT', 'The app is not built on this server: run `npm run build` (or `npm start`, which builds when needed).', undefined, {
      'Cache-Control': 'no-store',
    });
  };
}
