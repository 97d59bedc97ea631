// The Hono app: the API under /api/ and the built app everywhere else. Tests run it in-process or over HTTP.
import './zod-locale.ts';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { api, API_PREFIX, isApiPath } from '../shared/api.ts';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from './auth/rate-limit.ts';
import { createSessions, type Clock } from './auth/sessions.ts';
import { ApiError, codeForStatus, errorResponse } from './http/api-error.ts';
import type { AppEnv } from './http/app-env.ts';
import { limitBodySize, requireJsonContentType } from './http/json-body.ts';
import { noStore, securityHeaders } from './http/security-headers.ts';
import { noteUserId } from './http/node-server.ts';
import { serveBuiltApp } from './http/static-files.ts';
import { createLogger, defaultLogFormat, type Logger } from './log.ts';
import { blobStoreFor, type BlobStore } from './blobs/index.ts';
import { authRoutes } from './routes/auth.ts';
import { blobRoutes, isBlobPath } from './routes/blobs.ts';
import { deviceRoutes } from './routes/devices.ts';
import { healthRoutes } from './routes/health.ts';
import { historyRoutes } from './routes/history.ts';
import { syncRoutes } from './routes/sync.ts';
import type { Store, UserRecord } from './store/store.ts';
import { BLOB_MAX_BYTES_DEFAULT } from '../shared/vocabulary.ts';
import { packageVersion } from './version.ts';

export type { Logger } from './log.ts';

/** For code that is given no logger: text at a terminal, JSON lines otherwise. */
export const consoleLogger: Logger = createLogger(defaultLogFormat());

export type AppOptions = {
  store: Store;
  /** The built app (index.html, sw.js, assets/). */
  staticDir: string;
  /** Shown by /api/health; defaults to package.json's. */
  version?: string;
  now?: Clock;
  /** Take the client's address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy?: boolean;
  loginLimits?: Partial<LoginLimits>;
  log?: Logger;
  /**
   * False while the server finishes starting (the demo accounts are made once the port is ours): the
   * API answers 503 STARTING until then, so a health check that passes means sign-in works too.
   */
  isReady?: () => boolean;
  /** Attachments' files; by default the store's own (blobs/index.ts blobStoreFor). */
  blobs?: BlobStore;
  /** The largest file an upload may be (BLOB_MAX_BYTES); 15 MiB by default. */
  blobMaxBytes?: number;
};

export function createApp(opts: AppOptions): Hono<AppEnv> {
  const { store, log = consoleLogger } = opts;
  const now = opts.now ?? Date.now;
  const sessions = createSessions(store, now);
  const limiter = new LoginLimiter(store, { ...DEFAULT_LOGIN_LIMITS, ...opts.loginLimits }, now);
  const app = new Hono<AppEnv>();

  app.use('*', securityHeaders);
  // The request's log line (written by the Node server around the app) names the signed-in user.
  app.use('*', async (c, next) => {
    await next();
    const user = c.get('user') as UserRecord | undefined;
    if (user) noteUserId(c.env?.incoming, user.id);
  });
  // The app's JS and a pull page of 1,000 records shrink several times over: it matters on a tablet's
  // mobile link. Other API answers are small, and compressing them cost a push a third of its speed.
  const gzip = compress();
  app.use('*', (c, next) => (isApiPath(c.req.path) && c.req.path !== api.pull.path ? next() : gzip(c, next)));
  app.use(`${API_PREFIX}/*`, noStore, async (c, next) => {
    if (opts.isReady && !opts.isReady()) throw new ApiError(503, 'STARTING', 'The server is starting: try again in a moment', undefined, { 'Retry-After': '1' });
    await next();
  });
  // Bodies are JSON within a size limit, except a file's upload, which its route streams and limits itself.
  app.use(`${API_PREFIX}/*`, (c, next) => (isBlobPath(c.req.path) ? next() : requireJsonContentType(c, next)));
  app.use(`${API_PREFIX}/*`, (c, next) => (isBlobPath(c.req.path) ? next() : limitBodySize(c, next)));

  healthRoutes(app, { store, version: opts.version ?? packageVersion() });
  authRoutes(app, { store, sessions, limiter, trustProxy: opts.trustProxy ?? false, log });
  syncRoutes(app, { store, sessions });
  deviceRoutes(app, { store, sessions, version: opts.version ?? packageVersion(), now });
  historyRoutes(app, { store, sessions });
  blobRoutes(app, { blobs: opts.blobs ?? blobStoreFor(store), sessions, maxBytes: opts.blobMaxBytes ?? BLOB_MAX_BYTES_DEFAULT, now });
  // Routes of later features go above this line: what follows answers everything the routes did not.

  answerOtherMethods(app);
  app.all(`${API_PREFIX}/*`, (c) => errorResponse(c, 404, 'NOT_FOUND', `No API endpoint ${c.req.method} ${c.req.path}`));
  serveBuiltApp(app, opts.staticDir);

  app.notFound((c) => {
    if (isApiPath(c.req.path)) return errorResponse(c, 404, 'NOT_FOUND', `No API endpoint ${c.req.method} ${c.req.path}`);
    return errorResponse(c, 405, 'METHOD_NOT_ALLOWED', 'Only GET and HEAD reach the app', { allowed: ['GET', 'HEAD'] }, { Allow: 'GET, HEAD' });
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err.status, err.code, err.message, err.details, err.headers);
    if (err instanceof HTTPException && err.status < 500) {
      const status = err.status as ContentfulStatusCode;
      return errorResponse(c, status, codeForStatus(status), err.message || 'The request was refused');
    }
    log.error(`Unexpected error on ${c.req.method} ${c.req.path}:`, err);
    return errorResponse(c, 500, 'INTERNAL', 'Something went wrong on the server; it has been logged');
  });

  return app;
}

/** 405 with an Allow header for a path of the API table asked with a method it does not take. */
function answerOtherMethods(app: Hono<AppEnv>): void {
  const methodsByPath = new Map<string, Set<string>>();
  for (const { path, method } of Object.values(api)) {
    const methods = methodsByPath.get(path) ?? new Set<string>();
    methods.add(method);
    if (method === 'GET') methods.add('HEAD');
    methodsByPath.set(path, methods);
  }
  for (const [path, methods] of methodsByPath) {
    const allowed = [...methods];
    app.all(path, (c) =>
      errorResponse(c, 405, 'METHOD_NOT_ALLOWED', `${path} takes ${allowed.join(' or ')}, not ${c.req.method}`, { allowed }, {
        Allow: allowed.join(', '),
      }),
    );
  }
}
