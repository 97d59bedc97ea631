import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthResponseSchema } from '../../src/shared/auth.ts';
import { SCHEMA_VERSION } from '../../src/shared/protocol.ts';
import { expectError, INDEX_HTML, login, postJson, SECRET, startTestServer, type TestServer } from './helpers.ts';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; manifest-src 'self'; " +
  "worker-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/** A GET with the path sent exactly as given: fetch would normalise `..` away before it left the test. */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('health', () => {
  it('answers ok with the version and the schema version', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    const body = healthResponseSchema.parse(await res.json());
    expect(body.schemaVersion).toBe(SCHEMA_VERSION);
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('starting', () => {
  it('answers 503 STARTING on the API until the server is ready, so a passing health check means sign-in works', async () => {
    let ready = false;
    const starting = await startTestServer({ isReady: () => ready });
    try {
      const early = await fetch(`${starting.url}/api/health`);
      await expectError(early, 503, 'STARTING');
      expect(early.headers.get('retry-after')).toBe('1');
      ready = true;
      expect((await fetch(`${starting.url}/api/health`)).status).toBe(200);
    } finally {
      await starting.close();
    }
  });
});

describe('bad requests, all in the JSON error shape', () => {
  const loginUrl = () => `${server.url}/api/auth/login`;

  it('400 BAD_REQUEST for malformed JSON and for a missing body', async () => {
    await expectError(await fetch(loginUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": "ilona",' }), 400, 'BAD_REQUEST');
    await expectError(await fetch(loginUrl(), { method: 'POST' }), 400, 'BAD_REQUEST');
  });

  it('415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON', async () => {
    await expectError(await fetch(loginUrl(), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectError(await fetch(loginUrl(), { method: 'POST', body: new URLSearchParams({ username: 'ilona' }) }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('accepts JSON with a charset', async () => {
    const res = await fetch(loginUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ username: 'ilona', password: 'correct horse battery' }),
    });
    expect(res.status).toBe(200);
  });

  it('413 PAYLOAD_TOO_LARGE past the limit, declared or streamed', async () => {
    const big = JSON.stringify({ username: 'ilona', password: 'x'.repeat(20_000) });
    await expectError(await postJson(loginUrl(), JSON.parse(big)), 413, 'PAYLOAD_TOO_LARGE');
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const res = await fetch(loginUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: streamed,
      duplex: 'half',
    } as RequestInit);
    await expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    await expectError(await postJson(`${server.url}/api/me`, { filler: 'x'.repeat(100_000) }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('404 NOT_FOUND for an unknown /api path, whatever the method', async () => {
    await expectError(await fetch(`${server.url}/api/nothing-here`), 404, 'NOT_FOUND');
    await expectError(await postJson(`${server.url}/api/sync/nothing`, {}), 404, 'NOT_FOUND');
    await expectError(await fetch(`${server.url}/api`), 404, 'NOT_FOUND');
  });

  it('405 METHOD_NOT_ALLOWED with Allow for a known path and the wrong method', async () => {
    const res = await fetch(`${server.url}/api/auth/login`);
    expect(res.headers.get('allow')).toBe('POST');
    await expectError(res, 405, 'METHOD_NOT_ALLOWED');
    const del = await fetch(`${server.url}/api/me`, { method: 'DELETE' });
    expect(del.headers.get('allow')).toBe('GET, HEAD');
    await expectError(del, 405, 'METHOD_NOT_ALLOWED');
    await expectError(await fetch(`${server.url}/visits`, { method: 'POST' }), 405, 'METHOD_NOT_ALLOWED');
  });

  it('500 INTERNAL without any detail of the failure, which goes to the log', async () => {
    const original = server.store.userByUsername;
    server.store.userByUsername = async () => {
      throw new Error('database exploded at /var/lib/secret/path');
    };
    try {
      const body = await expectError(await login(server), 500, 'INTERNAL');
      expect(JSON.stringify(body)).not.toContain('exploded');
      expect(server.logged.join('\n')).toContain('database exploded');
    } finally {
      server.store.userByUsername = original;
    }
  });
});

describe('response headers', () => {
  const paths = ['/api/health', '/api/nothing-here', '/', '/assets/index-Ab12Cd34.js', '/visits'];

  it.each(paths)('%s carries the security headers', async (path) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // The camera for the app's own origin only (a photo on the visit); the microphone, the place and the rest for no one.
    expect(res.headers.get('permissions-policy')).toBe('camera=(self), microphone=(), geolocation=(), payment=(), usb=()');
  });

  it('keeps API answers out of every cache', async () => {
    // An attachment's file refused (no token, a bad name) is an answer like any other.
    for (const path of ['/api/health', '/api/me', '/api/nothing-here', `/api/blobs/${'a'.repeat(64)}`, '/api/blobs/nope']) {
      expect((await fetch(`${server.url}${path}`)).headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('the built app', () => {
  it.each([
    ['/assets/index-Ab12Cd34.js', 'public, max-age=31536000, immutable', 'text/javascript'],
    ['/assets/index-Ab12Cd34.css', 'public, max-age=31536000, immutable', 'text/css'],
    ['/', 'no-cache', 'text/html'],
    ['/index.html', 'no-cache', 'text/html'],
    ['/sw.js', 'no-cache', 'text/javascript'],
    ['/manifest.webmanifest', 'no-cache', 'application/manifest+json'],
    ['/icons/icon-192.png', 'public, max-age=3600', 'image/png'],
    ['/robots.txt', 'public, max-age=3600', 'text/plain'],
  ])('%s: Cache-Control %s, %s', async (path, cacheControl, type) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(cacheControl);
    expect(res.headers.get('content-type')).toContain(type);
  });

  it.each(['/visits', '/visits/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', '/settings'])('answers the navigation %s with index.html, uncached', async (path) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(INDEX_HTML);
  });

  it('sends the app and API answers gzipped to a browser that accepts it', async () => {
    const big = `console.log(${JSON.stringify('Tillsyn '.repeat(500))});\n`;
    writeFileSync(join(server.staticDir, 'assets', 'big-Zz99Yy88.js'), big);
    const encoding = await new Promise<string | undefined>((resolve, reject) => {
      // fetch() decodes gzip itself and hides the header's effect on the bytes; node:http shows the wire.
      request(`${server.url}/assets/big-Zz99Yy88.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        res.resume();
        resolve(res.headers['content-encoding']);
      })
        .on('error', reject)
        .end();
    });
    expect(encoding).toBe('gzip');
    const res = await fetch(`${server.url}/assets/big-Zz99Yy88.js`);
    expect(await res.text()).toBe(big);
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await fetch(`${server.url}/`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toBe('');
  });

  it('answers 404, not the page, for a missing hashed asset', async () => {
    await expectError(await fetch(`${server.url}/assets/index-Gone1234.js`), 404, 'NOT_FOUND');
  });

  it.each(['/favicon.ico', '/icons/nope.png', '/icons/nope', '/assets/nope', '/nothing.txt', '/visits/report.pdf'])(
    'answers a missing file %s with a JSON 404, not the page',
    async (path) => {
      await expectError(await fetch(`${server.url}${path}`), 404, 'NOT_FOUND');
    },
  );

  it.each(['/sync', '/visits/new', '/visits/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/report', '/municipalities/kunta-091', '/sign-in'])(
    'still answers the app route %s with the page',
    async (path) => {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(INDEX_HTML);
    },
  );

  it('does not serve source maps or the build manifest, which are built for tools', async () => {
    writeFileSync(join(server.staticDir, 'assets', 'index-Ab12Cd34.js.map'), '{"version":3,"sources":["../src/secret.ts"]}');
    writeFileSync(join(server.staticDir, 'sw.js.map'), '{"version":3}');
    mkdirSync(join(server.staticDir, '.vite'), { recursive: true });
    writeFileSync(join(server.staticDir, '.vite', 'manifest.json'), '{"index.html":{}}');
    for (const path of ['/assets/index-Ab12Cd34.js.map', '/sw.js.map', '/.vite/manifest.json', '/.vite/', '/%2evite/manifest.json']) {
      await expectError(await fetch(`${server.url}${path}`), 404, 'NOT_FOUND');
    }
  });

  it('answers 304 to a revalidation of an unchanged file', async () => {
    const first = await fetch(`${server.url}/sw.js`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${server.url}/sw.js`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
    '/secret.txt%00.js',
  ])('never serves a file outside the app folder: %s', async (path) => {
    const { status, body } = await rawGet(server.url, path);
    expect(body).not.toContain(SECRET);
    expect([200, 400, 404]).toContain(status);
  });

  it('does not answer an unknown API path with the page', async () => {
    const res = await fetch(`${server.url}/api/visits`);
    expect(await res.text()).not.toContain('<html');
  });
});

describe('without a built app', () => {
  let bare: TestServer;
  beforeAll(async () => {
    bare = await startTestServer({ withIndex: false });
  });
  afterAll(() => bare.close());

  it('says so on pages, in the JSON error shape, and the API still works', async () => {
    const body = await expectError(await fetch(`${bare.url}/`), 503, 'NOT_BUILT');
    expect(body.error.message).toContain('not built');
    expect((await fetch(`${bare.url}/api/health`)).status).toBe(200);
  });
});
