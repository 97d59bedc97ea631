// Starting and stopping the HTTP server around the app.
import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { consoleLogger, createApp, type Logger } from './app.ts';
import { openDataDir } from './bootstrap.ts';
import type { Config } from './config.ts';
import { ensureDemoAccounts } from './demo-accounts.ts';
import { appIsBuilt } from './http/static-files.ts';
import type { Store } from './store/store.ts';

export type RunningServer = { port: number; store: Store; close(): Promise<void> };

const HOUR_MS = 60 * 60 * 1000;
/** In-flight requests get this long to finish on shutdown before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function startServer(config: Config, log: Logger = consoleLogger): Promise<RunningServer> {
  const store = await openDataDir(config.dataDir);
  try {
    await ensureDemoAccounts(store, { demoPassword: config.demoPassword, print: (line) => log.info(line) });
    await store.deleteExpiredSessions(new Date().toISOString());
  } catch (e) {
    await store.close();
    throw e;
  }
  if (!appIsBuilt(config.staticDir)) {
    log.warn(
      `The app is not built: ${config.staticDir} has no index.html. The API works, but pages answer 503.\n` +
        'Run `npm run build` (or `npm start`, which builds when needed); in development `npm run dev` serves the app.',
    );
  }

  const app = createApp({ store, staticDir: config.staticDir, trustProxy: config.trustProxy, log });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await store.close();
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') throw new Error(`Port ${config.port} is already in use: stop the other server or set PORT to another port`);
    if (err.code === 'EACCES') throw new Error(`Not allowed to listen on port ${config.port}: use a port above 1023`);
    throw e;
  }
  server.on('error', (e) => log.error('HTTP server error:', e));
  const port = (server.address() as AddressInfo).port;
  log.info(`Tillsyn listening on http://localhost:${port}`);

  const cleanup = setInterval(() => {
    store.deleteExpiredSessions(new Date().toISOString()).catch((e: unknown) => log.error('Deleting expired sessions failed:', e));
  }, HOUR_MS);
  cleanup.unref();

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(cleanup);
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

  return { port, store, close };
}
