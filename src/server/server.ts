// Starting and stopping the HTTP server around the app.
import type { AddressInfo } from 'node:net';
import { consoleLogger, createApp, type Logger } from './app.ts';
import { openStore } from './bootstrap.ts';
import { collectBlobs } from './blobs/gc.ts';
import { blobStoreFor } from './blobs/index.ts';
import type { Config } from './config.ts';
import { ensureDemoAccounts } from './demo-accounts.ts';
import { createHttpServer } from './http/node-server.ts';
import { appIsBuilt } from './http/static-files.ts';
import type { Store } from './store/store.ts';

export type RunningServer = { port: number; store: Store; close(): Promise<void> };

const HOUR_MS = 60 * 60 * 1000;
/** In-flight requests get this long to finish on shutdown before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

function listenError(e: unknown, config: Pick<Config, 'port' | 'host'>): Error {
  const err = e as NodeJS.ErrnoException;
  const where = config.host === undefined ? `port ${config.port}` : `${config.host} port ${config.port}`;
  if (err.code === 'EADDRINUSE') return new Error(`Port ${config.port} is already in use: stop the other server or set PORT to another port`);
  if (err.code === 'EACCES') return new Error(`Not allowed to listen on port ${config.port}: use a port above 1023`);
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') {
    return new Error(`Cannot listen on ${where}: HOST "${config.host}" is not an address of this machine`);
  }
  return new Error(`Cannot listen on ${where}: ${err.message}`);
}

export async function startServer(config: Config, log: Logger = consoleLogger): Promise<RunningServer> {
  const store = await openStore(config);
  if (!appIsBuilt(config.staticDir)) {
    log.warn(
      `The app is not built: ${config.staticDir} has no index.html. The API works, but pages answer 503.\n` +
        'Run `npm run build` (or `npm start`, which builds when needed); in development `npm run dev` serves the app.',
    );
  }

  let ready = false;
  const blobs = blobStoreFor(store);
  const app = createApp({ store, staticDir: config.staticDir, trustProxy: config.trustProxy, log, isReady: () => ready, blobs, blobMaxBytes: config.blobMaxBytes });
  const server = createHttpServer(app.fetch, log);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await store.close();
    throw listenError(e, config);
  }
  server.on('error', (e) => log.error('HTTP server error:', e));

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(cleanup);
      clearInterval(blobCollection);
      await blobCollecting;
      await new Promise<void>((resolve) => {
        // Stop accepting; close() waits for the requests in flight. Keep-alive sockets are closed as
        // soon as they fall idle, and a request still running after the grace period is cut off.
        const idle = setInterval(() => server.closeIdleConnections(), 100);
        const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        server.close(() => {
          clearInterval(idle);
          clearTimeout(force);
          resolve();
        });
      });
      await store.close();
    })());

  // Only now that the port is ours: a start that fails must not spend the one-time demo password.
  let cleanup: NodeJS.Timeout | undefined;
  let blobCollection: NodeJS.Timeout | undefined;
  let blobCollecting: Promise<unknown> | undefined;
  try {
    const banner: string[] = [];
    await ensureDemoAccounts(store, { demoPassword: config.demoPassword, print: (line) => banner.push(line) });
    if (banner.length > 0) log.info(banner.join('\n'));
    await store.deleteExpiredSessions(new Date().toISOString());
  } catch (e) {
    await close();
    throw e;
  }
  cleanup = setInterval(() => {
    store.deleteExpiredSessions(new Date().toISOString()).catch((e: unknown) => log.error('Deleting expired sessions failed:', e));
  }, HOUR_MS);
  cleanup.unref();
  // Attachments' files no live record names, once past their grace (BLOB_GC_GRACE_HOURS): hourly, one
  // collection at a time; safe beside another instance's (blobs/blob-store.ts collectGarbage).
  blobCollection = setInterval(() => {
    blobCollecting ??= collectBlobs(blobs, config.blobGcGraceHours)
      .then((r) => (r.removed + r.strays > 0 ? log.info('Removed attachment files no record names', { ...r }) : undefined))
      .catch((e: unknown) => log.error('Collecting attachment files failed:', e))
      .finally(() => (blobCollecting = undefined));
  }, HOUR_MS);
  blobCollection.unref();
  ready = true;

  const port = (server.address() as AddressInfo).port;
  log.info(`Tillsyn listening on http://${urlHost(config.host)}:${port}`, { port, host: config.host ?? 'all interfaces', pid: process.pid });
  return { port, store, close };
}

/** The host as a URL shows it: localhost for every interface, IPv6 addresses in brackets. */
function urlHost(host: string | undefined): string {
  if (host === undefined || host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
