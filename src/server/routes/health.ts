import type { Hono } from 'hono';
import { SCHEMA_VERSION } from '../../shared/protocol.ts';
import type { AppEnv } from '../http/app-env.ts';
import type { Store } from '../store/store.ts';

export function healthRoutes(app: Hono<AppEnv>, { store, version }: { store: Store; version: string }): void {
  app.get('/api/health', async (c) => {
    // Touches the database, so a broken store shows as a failed health check rather than a cheerful "ok".
    await store.currentVersion();
    return c.json({ status: 'ok' as const, version, schemaVersion: SCHEMA_VERSION });
  });
}
