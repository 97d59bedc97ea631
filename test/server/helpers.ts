// Runs the real app over real HTTP on a free port, with a fresh data folder and a fake built app.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { EntityName } from '../../src/shared/entities.ts';
import { errorBodySchema, type ErrorBody } from '../../src/shared/errors.ts';
import { pullResponseSchema, pushResponseSchema, SCHEMA_VERSION, type PushResponse } from '../../src/shared/protocol.ts';
import { createApp, type AppOptions, type Logger } from '../../src/server/app.ts';
import { addUser } from '../../src/server/auth/users.ts';
import { openDataDir } from '../../src/server/bootstrap.ts';
import type { SqliteStore } from '../../src/server/store/sqlite-store.ts';
import { createHttpServer } from '../../src/server/http/node-server.ts';

export const PASSWORD = 'correct horse battery';
export const INDEX_HTML = '<!doctype html><html><head><title>Tillsyn test shell</title></head><body></body></html>';
export const SECRET = 'top secret outside the static folder';

export type TestServer = {
  url: string;
  store: SqliteStore;
  dir: string;
  staticDir: string;
  logged: string[];
  close(): Promise<void>;
};

/** A fake `dist/app`, and a secret file beside it that traversal attempts aim at. */
export function fakeBuiltApp(dir: string, withIndex = true): string {
  const staticDir = join(dir, 'app');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  mkdirSync(join(staticDir, 'icons'), { recursive: true });
  if (withIndex) writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(staticDir, 'assets', 'index-Ab12Cd34.js'), 'console.log("app");\n');
  writeFileSync(join(staticDir, 'assets', 'index-Ab12Cd34.css'), 'body { margin: 0 }\n');
  writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("install", () => {});\n');
  writeFileSync(join(staticDir, 'manifest.webmanifest'), '{"name":"Tillsyn"}\n');
  writeFileSync(join(staticDir, 'icons', 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(staticDir, 'robots.txt'), 'User-agent: *\nAllow: /\n');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  return staticDir;
}

export async function startTestServer(opts: Partial<Omit<AppOptions, 'store' | 'staticDir'>> & { withIndex?: boolean } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tillsyn-server-'));
  const staticDir = fakeBuiltApp(dir, opts.withIndex ?? true);
  const store = await openDataDir(join(dir, 'data'));
  await addUser(store, { username: 'ilona', name: 'Ilona Virtanen', role: 'inspector', regionIds: ['avi-1'], password: PASSWORD });
  const disabled = await addUser(store, { username: 'former', name: 'Former Staff', role: 'inspector', regionIds: ['avi-2'], password: PASSWORD });
  await store.setUserDisabled(disabled.id, true);

  const logged: string[] = [];
  const log: Logger = { info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m, e) => logged.push(`${m} ${String(e)}`) };
  const app = createApp({ store, staticDir, log, ...opts });
  // The server as production runs it (src/server/http/node-server.ts), its request log kept quiet.
  const server = createHttpServer(app.fetch, { info: () => {}, warn: (m) => logged.push(m), error: (m, e) => logged.push(`${m} ${String(e)}`) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    store,
    dir,
    staticDir,
    logged,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export async function login(server: TestServer, username = 'ilona', password = PASSWORD): Promise<Response> {
  return postJson(`${server.url}/api/auth/login`, { username, password });
}

/** Asserts the one JSON error shape, the status and code, and that no stack trace leaks. */
export async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|\.js:\d+/);
  const body = errorBodySchema.parse(JSON.parse(text));
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

/**
 * Pushes and pulls over real HTTP as the signed-in users whose tokens are given (filled in later is fine):
 * a push answered 200 and parsed, and the live records of an entity a user's pull hands over.
 */
export function syncOverHttp(server: () => TestServer, tokens: Readonly<Record<string, string>>) {
  const headers = (user: string) => ({ authorization: `Bearer ${tokens[user]}`, 'x-schema-version': String(SCHEMA_VERSION) });
  return {
    async push(user: string, mutations: unknown[]): Promise<PushResponse> {
      const res = await fetch(`${server().url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers(user) },
        body: JSON.stringify({ clientId: randomUUID(), schemaVersion: SCHEMA_VERSION, mutations }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return pushResponseSchema.parse(await res.json());
    },
    async seenBy(user: string, entity: EntityName): Promise<Record<string, unknown>[]> {
      const seen: Record<string, unknown>[] = [];
      let cursor: string | undefined;
      for (;;) {
        const res = await fetch(`${server().url}/api/sync/pull?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: headers(user) });
        const page = pullResponseSchema.parse(await res.json());
        for (const c of page.changes) if (c.entity === entity && c.record) seen.push(c.record);
        cursor = page.cursor;
        if (!page.hasMore) return seen;
      }
    },
  };
}

/** Each result of a push as its status, or a rejection's code. */
export const outcome = (answer: PushResponse) => answer.results.map((r) => (r.status === 'rejected' ? r.error.code : r.status));

