// The server as `npm start` starts it (startServer: the Node server, the app, the demo accounts), in
// this process, on a free port, with a fresh data folder and a fake built app, logging into an array.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../src/server/config.ts';
import { createLogger } from '../../src/server/log.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { fakeBuiltApp } from './helpers.ts';

export const DEMO_PASSWORD = 'demo password for tests';

export type RealServer = RunningServer & {
  url: string;
  dir: string;
  /** Every log line written so far, as written. */
  lines: string[];
  /** The log lines as the objects they are. */
  entries(): Record<string, unknown>[];
  stop(): Promise<void>;
};

export function testConfig(dir: string, overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    database: undefined,
    staticDir: join(dir, 'app'),
    demoPassword: DEMO_PASSWORD,
    trustProxy: false,
    logFormat: 'json',
    blobMaxBytes: 15 * 1024 * 1024,
    blobGcGraceHours: 168,
    ...overrides,
  };
}

export async function startRealServer(overrides: Partial<Config> = {}): Promise<RealServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tillsyn-real-'));
  fakeBuiltApp(dir);
  const lines: string[] = [];
  const running = await startServer(testConfig(dir, overrides), createLogger('json', (line) => lines.push(line)));
  return {
    ...running,
    url: `http://127.0.0.1:${running.port}`,
    dir,
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    async stop() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function signIn(server: RealServer, username = 'inspector', password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export type RawResponse = { status: number; headers: Record<string, string>; body: string };

function parseResponse(bytes: Buffer): RawResponse | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine, ...headerLines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = bytes.subarray(end + 4);
  const length = Number(headers['content-length'] ?? NaN);
  if (Number.isFinite(length) && body.length < length) return undefined;
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine!)?.[1] ?? 0), headers, body: body.toString('utf8') };
}

/** Sends bytes exactly as given over a new connection, and reads the one answer. */
export function rawRequest(port: number, request: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    const done = () => {
      const answer = parseResponse(received);
      if (!answer) return false;
      socket.destroy();
      resolve(answer);
      return true;
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      done();
    });
    // The server may close while the request is still being written: what it answered is what counts.
    socket.on('error', () => {});
    socket.on('close', () => {
      if (!done()) reject(new Error(`The connection closed without a whole answer: ${JSON.stringify(received.toString('latin1'))}`));
    });
    socket.write(request);
  });
}
