// Malformed HTTP and hostile bodies: every answer is in the one JSON error shape with the security
// headers, down to the ones Node's own parser gives, and none is a 5xx. (The sync routes' hostile
// inputs are in sync-api.test.ts.)
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../src/shared/errors.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/server/http/security-headers.ts';
import { rawRequest, signIn, startRealServer, type RawResponse, type RealServer } from './real-server.ts';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(() => server.stop());

/** The one error shape, the security headers, and no trace of the server's insides. */
function expectErrorAnswer(res: RawResponse, status: number, what: string): void {
  expect(res.status, what).toBe(status);
  expect(res.headers['content-type'], what).toMatch(/^application\/json/);
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['content-security-policy'], what).toBe(CONTENT_SECURITY_POLICY);
  expect(res.body, what).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|\.js:\d+/);
  const body = errorBodySchema.parse(JSON.parse(res.body));
  expect(body.error.code.length, what).toBeGreaterThan(0);
  expect(body.error.message.length, what).toBeGreaterThan(0);
}

describe('malformed HTTP', () => {
  const host = 'Host: localhost\r\n';
  it.each([
    ['a backslash in the path', 400, `GET /visits\\..\\secret.txt HTTP/1.1\r\n${host}\r\n`],
    ['a backslash in an API path', 400, `GET /api\\health HTTP/1.1\r\n${host}\r\n`],
    ['no Host header', 400, 'GET /api/health HTTP/1.1\r\n\r\n'],
    ['a Host header that is no host', 400, `GET / HTTP/1.1\r\nHost: exa mple\r\n\r\n`],
    ['an unparseable Content-Length', 400, `POST /api/auth/login HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}`],
    ['two different Content-Lengths', 400, `POST /api/auth/login HTTP/1.1\r\n${host}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`],
    ['Content-Length beside chunked', 400, `POST /api/auth/login HTTP/1.1\r\n${host}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`],
    ['a chunk size that is no number', 400, `POST /api/auth/login HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`],
    ['a request line that is not HTTP', 400, 'HELLO THERE\r\n\r\n'],
    ['a space in the header name', 400, `GET / HTTP/1.1\r\n${host}Bad Header: x\r\n\r\n`],
    ['a 20 kB header', 431, `GET /api/health HTTP/1.1\r\n${host}X-Filler: ${'a'.repeat(20_000)}\r\n\r\n`],
  ])('%s: %i in the JSON shape with the security headers', async (what, status, raw) => {
    const res = await rawRequest(server.port, raw);
    expectErrorAnswer(res, status, what);
    expect(res.headers.connection).toBe('close');
  });

  it('logs each refused request and keeps serving', async () => {
    await rawRequest(server.port, 'HELLO THERE\r\n\r\n');
    expect(server.entries()).toContainEqual(expect.objectContaining({ msg: 'request', status: 400 }));
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

type Answer = { status: number; headers: Record<string, string>; body: string };

/** node:http, which sends a body with any method, and the path as given. */
function send(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers: body ? { ...headers, 'content-length': String(body.length) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) flat[k] = Array.isArray(v) ? v.join(', ') : (v ?? '');
        resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    // A server that answers 413 may close before a huge body is all written: the answer still counts.
    req.on('error', (e) => (req.destroyed && !req.writableFinished ? undefined : reject(e)));
    req.end(body);
  });
}

describe('hostile bodies on every route but sync', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const bodies: [string, Buffer][] = [
    ['a 5,000-deep array', Buffer.from(deep(5000))],
    ['a 5,000-deep object', Buffer.from('{"a":'.repeat(5000) + '1' + '}'.repeat(5000))],
    ['a 5,000-deep username', Buffer.from(`{"username":${deep(5000)},"password":"x"}`)],
    ['a 30,000-deep array', Buffer.from(deep(30_000))],
    ['a lone surrogate in the password', Buffer.from('{"username":"inspector","password":"\\ud800"}')],
    ['a lone surrogate in the username', Buffer.from('{"username":"\\udc00inspector","password":"x"}')],
    ['a __proto__ key', Buffer.from('{"__proto__":{"role":"admin","username":"admin"},"username":"nobody","password":"xxxxxxxx"}')],
    ['constructor.prototype', Buffer.from('{"constructor":{"prototype":{"polluted":true}},"username":"nobody","password":"xxxxxxxx"}')],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x75, 0x73, 0x65, 0x72, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x22, 0x7d])],
    ['a 3 MB body', Buffer.from(JSON.stringify({ username: 'nobody', password: 'x'.repeat(3_000_000) }))],
    ['not JSON', Buffer.from('username=inspector&password=x')],
    ['JSON that is no object', Buffer.from('"inspector"')],
    ['a number too big for a double', Buffer.from('{"username":1e999,"password":-1e999}')],
    ['an empty body', Buffer.alloc(0)],
  ];
  const contentTypes = ['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16'];

  let token: string;
  let logoutToken: string;
  beforeAll(async () => {
    token = await signIn(server, 'coordinator');
    logoutToken = await signIn(server, 'inspector2');
  });

  const routes: [method: string, path: string, auth: 'token' | 'logout' | 'none'][] = [
    ['POST', '/api/auth/login', 'none'],
    ['POST', '/api/auth/logout', 'logout'],
    ['POST', '/api/auth/logout', 'none'],
    ['GET', '/api/me', 'token'],
    ['GET', '/api/me', 'none'],
    ['GET', '/api/users', 'token'],
    ['GET', '/api/health', 'none'],
    ['PUT', '/api/me', 'token'],
    ['GET', '/', 'none'],
    ['GET', '/visits', 'none'],
    ['GET', '/assets/index-Ab12Cd34.js', 'none'],
    ['POST', '/visits', 'none'],
    ['GET', '/%ff', 'none'],
    ['GET', '/api/%ff', 'none'],
  ];

  it.each(routes)('%s %s (%s): no 5xx, every error in the JSON shape', async (method, path, auth) => {
    const authHeader: Record<string, string> = auth === 'none' ? {} : { authorization: `Bearer ${auth === 'token' ? token : logoutToken}` };
    const tried: string[] = [];
    const attempts: [string, Record<string, string>, Buffer | undefined][] = [
      ['no body', {}, undefined],
      ...bodies.map(([what, body]): [string, Record<string, string>, Buffer] => [what, { 'content-type': 'application/json' }, body]),
      ...contentTypes.map((type): [string, Record<string, string>, Buffer] => [`Content-Type ${type}`, { 'content-type': type }, Buffer.from('{"username":"nobody","password":"xxxxxxxx"}')]),
    ];
    for (const [what, headers, body] of attempts) {
      const res = await send(method, path, { ...authHeader, ...headers }, body).catch((e: Error) => { throw new Error(`${method} ${path} with ${what}: ${e.message}`); });
      const label = `${method} ${path} with ${what}: ${res.status} ${res.body.slice(0, 200)}`;
      tried.push(label);
      expect(res.status, label).toBeLessThan(500);
      expect(res.headers['x-content-type-options'], label).toBe('nosniff');
      if (res.status >= 400) expectErrorAnswer(res, res.status, label);
    }
    expect(tried).toHaveLength(attempts.length);
  });

  it('left no prototype polluted and the server well', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(server.lines.join('\n')).not.toMatch(/"level":"error"/);
  });
});
