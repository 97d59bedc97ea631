import type { HttpBindings } from '@hono/node-server';
import type { UserRecord } from '../store/store.ts';

/** Hono's environment for this app: Node's request in `c.env`, the signed-in user in `c.var`. */
export type AppEnv = {
  // Partial: an app driven in-process (`app.request()`) has no socket.
  Bindings: Partial<HttpBindings>;
  Variables: { user: UserRecord; tokenHash: string };
};
