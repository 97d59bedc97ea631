import type { Hono } from 'hono';
import { api, type ResponseOf } from '../../shared/api.ts';
import { SCHEMA_VERSION } from '../../shared/protocol.ts';
import type { AppEnv } from '../http/app-env.ts';
import type { Store } from '../store/store.ts';

export function healthRoutes(app: Hono<AppEnv>, { store, version }: { store: Store; version: string }): void {
  app.on(api.health.method, api.health.path, async (c) => {
    // Touches the database, so a broken store shows as a failed health check rather than a cheerful "ok".
    await store.currentVersion();
    const body: ResponseOf<typeof api.health> = { status: 'ok', version, schemaVersion: SCHEMA_VERSION };
    return c.json(body);
  });
}
