// The log an operator reads: one JSON line per request and per failed sign-in, never a secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, formatLine } from '../../src/server/log.ts';
import { DEMO_PASSWORD, startRealServer, type RealServer } from './real-server.ts';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(() => server.stop());

const requestLines = () => server.entries().filter((e) => e.msg === 'request');

describe('the request log', () => {
  it('writes every line as one JSON object with time, level and msg', () => {
    expect(server.lines.length).toBeGreaterThan(0);
    for (const line of server.lines) {
      expect(line).not.toContain('\n');
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(Date.parse(entry.time as string)).not.toBeNaN();
      expect(['info', 'warn', 'error']).toContain(entry.level);
      expect(typeof entry.msg).toBe('string');
    }
  });

  it('logs one line per request: method, path without the query, status, duration and the user, and never a token or password', async () => {
    const secretQuery = 'querysecret-4f1d9e';
    const login = await fetch(`${server.url}/api/auth/login?password=${secretQuery}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'inspector', password: DEMO_PASSWORD }),
    });
    const { token, user } = (await login.json()) as { token: string; user: { id: string } };
    const me = await fetch(`${server.url}/api/me?token=${secretQuery}`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    await me.text();
    const anonymous = await fetch(`${server.url}/api/me`, { headers: { authorization: 'Bearer not-a-real-token-but-long-enough' } });
    expect(anonymous.status).toBe(401);
    await anonymous.text();

    // The line is written when the answer is done, which can be a moment after the client has it.
    await expect.poll(() => requestLines().filter((e) => e.path === '/api/me')).toHaveLength(2);
    const [signedIn, refused] = requestLines().filter((e) => e.path === '/api/me');
    expect(signedIn).toEqual({ time: expect.any(String), level: 'info', msg: 'request', method: 'GET', path: '/api/me', status: 200, durationMs: expect.any(Number), userId: user.id });
    expect(signedIn!.durationMs).toBeGreaterThanOrEqual(0);
    expect(refused).toMatchObject({ method: 'GET', path: '/api/me', status: 401 });
    expect(refused).not.toHaveProperty('userId');
    expect(requestLines()).toContainEqual(expect.objectContaining({ method: 'POST', path: '/api/auth/login', status: 200, userId: user.id }));

    const log = server.lines.join('\n');
    for (const secret of [token, DEMO_PASSWORD, secretQuery, 'not-a-real-token-but-long-enough']) expect(log).not.toContain(secret);
  });

  it('logs a failed sign-in with the username tried, the address and the reason, never the password', async () => {
    const wrong = 'my-wrong-password-7c2a';
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'Coordinator', password: wrong }),
    });
    expect(res.status).toBe(401);
    await res.text();
    const failed = server.entries().filter((e) => e.msg === 'sign-in failed');
    expect(failed).toEqual([
      { time: expect.any(String), level: 'warn', msg: 'sign-in failed', username: 'coordinator', address: '127.0.0.1', reason: 'wrong_password' },
    ]);
    expect(server.lines.join('\n')).not.toContain(wrong);
  });
});

describe('the text format', () => {
  it('keeps a message readable, its fields as name=value, and a multi-line message in its lines', () => {
    const lines: string[] = [];
    const log = createLogger('text', (line) => lines.push(line));
    log.info('request', { method: 'GET', path: '/api/me', status: 200, username: 'two words' });
    log.info('Demo accounts created.\n Password:\n\n     abc123');
    expect(lines[0]).toMatch(/^\S+Z INFO  request method=GET path=\/api\/me status=200 username="two words"$/);
    expect(lines[1]).toContain('\n     abc123');
  });

  it('escapes what could forge a line in JSON', () => {
    const line = formatLine('json', 'warn', 'sign-in failed', { username: 'x"}\n{"level":"info' });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({ username: 'x"}\n{"level":"info' });
  });
});
