import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directoryResponseSchema, loginResponseSchema, meResponseSchema, SESSION_DAYS } from '../../src/shared/auth.ts';
import { expectError, login, PASSWORD, postJson, startTestServer, type TestServer } from './helpers.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('sign-in', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers a token, the user and the expiry for the right password', async () => {
    const res = await login(server);
    expect(res.status).toBe(200);
    const body = loginResponseSchema.parse(await res.json());
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.user).toMatchObject({ username: 'ilona', name: 'Ilona Virtanen', role: 'inspector', regionIds: ['avi-1'] });
    const days = (Date.parse(body.expiresAt) - Date.now()) / DAY;
    expect(days).toBeGreaterThan(SESSION_DAYS - 1);
    expect(days).toBeLessThanOrEqual(SESSION_DAYS);
  });

  it('takes the username in any case and with spaces around it', async () => {
    const res = await login(server, '  ILONA ');
    expect(res.status).toBe(200);
  });

  it('refuses a wrong password, an unknown user and a disabled user alike', async () => {
    for (const [username, password] of [
      ['ilona', 'not the password'],
      ['nobody', PASSWORD],
      ['former', PASSWORD],
    ] as const) {
      const body = await expectError(await login(server, username, password), 401, 'BAD_CREDENTIALS');
      expect(body.error.message).toBe('Wrong username or password');
    }
  });

  it('names the bad fields of an invalid request', async () => {
    const res = await postJson(`${server.url}/api/auth/login`, { username: 'x', password: '' });
    const body = await expectError(res, 400, 'INVALID');
    const paths = (body.error.details as { issues: { path: string[] }[] }).issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['username', 'password']));
  });
});

// Each test here hashes and checks several passwords (scrypt, about 0.1 s each, far more on a busy machine).
describe('sign-in rate limits', { timeout: 30_000 }, () => {
  let server: TestServer;
  afterEach(() => server.close());

  it('answers 429 with Retry-After after 5 failures for a username, even for the right password', async () => {
    server = await startTestServer();
    for (let i = 0; i < 5; i++) await expectError(await login(server, 'ilona', `wrong password ${i}`), 401, 'BAD_CREDENTIALS');
    const res = await login(server);
    const retryAfter = Number(res.headers.get('retry-after'));
    const body = await expectError(res, 429, 'RATE_LIMITED');
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(body.error.details).toEqual({ retryAfter });
  });

  it('does not count another username against the limited one', async () => {
    server = await startTestServer();
    for (let i = 0; i < 5; i++) await login(server, 'former', `wrong password ${i}`);
    await expectError(await login(server, 'former'), 429, 'RATE_LIMITED');
    expect((await login(server, 'ilona')).status).toBe(200);
  });

  it('limits failures per client address across usernames', async () => {
    server = await startTestServer({
      loginLimits: { perUsername: { limit: 5, windowMs: 60_000 }, perAddress: { limit: 3, windowMs: 60_000 } },
    });
    for (const name of ['aa', 'bb', 'cc']) await expectError(await login(server, name, 'some password'), 401, 'BAD_CREDENTIALS');
    await expectError(await login(server, 'ilona'), 429, 'RATE_LIMITED');
  });

  it('checks at most 5 of 30 guesses sent at once, so the right one among them does not sign in', async () => {
    server = await startTestServer();
    const guesses = Array.from({ length: 29 }, (_, i) => login(server, 'ilona', `wrong password ${i}`));
    const answers = await Promise.all([...guesses, login(server)]);
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    expect(statuses.at(-1)).toBe(429);
    for (const res of answers) await res.body?.cancel();
  });

  it('lets the real user sign in from an address with no failures while the username is under attack', async () => {
    server = await startTestServer({ trustProxy: true });
    const from = (address: string, password: string) =>
      postJson(`${server.url}/api/auth/login`, { username: 'ilona', password }, { 'x-forwarded-for': address });
    const attack = await Promise.all(Array.from({ length: 30 }, (_, i) => from('203.0.113.9', `wrong password ${i}`)));
    expect(attack.filter((res) => res.status === 429)).toHaveLength(25);
    await expectError(await from('203.0.113.9', PASSWORD), 429, 'RATE_LIMITED');

    expect((await from('198.51.100.7', PASSWORD)).status).toBe(200);
    // Her sign-in cleared the username's count; the attacker fails five more times. Then an address
    // that has failed once, even with a typo of the right user, waits like the attacker's.
    for (let i = 0; i < 5; i++) await from('203.0.113.9', `wrong again ${i}`);
    await expectError(await from('192.0.2.1', 'a typo'), 401, 'BAD_CREDENTIALS');
    await expectError(await from('192.0.2.1', PASSWORD), 429, 'RATE_LIMITED');
  });

  it('ignores X-Forwarded-For unless told to trust a proxy', async () => {
    const limits = { perUsername: { limit: 5, windowMs: 60_000 }, perAddress: { limit: 2, windowMs: 60_000 } };
    const attempt = (name: string, address: string) =>
      postJson(`${server.url}/api/auth/login`, { username: name, password: 'some password' }, { 'x-forwarded-for': address });

    server = await startTestServer({ loginLimits: limits });
    await attempt('aa', '10.0.0.1');
    await attempt('bb', '10.0.0.2');
    await expectError(await attempt('cc', '10.0.0.3'), 429, 'RATE_LIMITED');
    await server.close();

    server = await startTestServer({ loginLimits: limits, trustProxy: true });
    await attempt('aa', '10.0.0.1');
    await attempt('bb', '10.0.0.2');
    await expectError(await attempt('cc', '10.0.0.3'), 401, 'BAD_CREDENTIALS');
  });
});

describe('/api/me and sign-out', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const me = (token?: string) => fetch(`${server.url}/api/me`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers the signed-in user for a valid token', async () => {
    const { token, user } = loginResponseSchema.parse(await (await login(server)).json());
    const res = await me(token);
    expect(res.status).toBe(200);
    expect(meResponseSchema.parse(await res.json()).user).toEqual(user);
  });

  it('answers 401 UNAUTHENTICATED without a token, with a bogus one, or with a malformed header', async () => {
    await expectError(await me(), 401, 'UNAUTHENTICATED');
    await expectError(await me('A'.repeat(43)), 401, 'UNAUTHENTICATED');
    const res = await fetch(`${server.url}/api/me`, { headers: { authorization: 'Basic aWxvbmE6cGFzcw==' } });
    await expectError(res, 401, 'UNAUTHENTICATED');
  });

  it('ends the session on sign-out: the token no longer works', async () => {
    const { token } = loginResponseSchema.parse(await (await login(server)).json());
    const out = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBe(204);
    await expectError(await me(token), 401, 'UNAUTHENTICATED');
  });

  it('answers 401 to a sign-out without a token', async () => {
    await expectError(await fetch(`${server.url}/api/auth/logout`, { method: 'POST' }), 401, 'UNAUTHENTICATED');
  });

  it('refuses the sessions of a user disabled after signing in', async () => {
    const { token, user } = loginResponseSchema.parse(await (await login(server)).json());
    await server.store.setUserDisabled(user.id, true);
    await expectError(await me(token), 401, 'UNAUTHENTICATED');
    await server.store.setUserDisabled(user.id, false);
  });
});

describe('session expiry over HTTP', () => {
  let server: TestServer;
  let clock = Date.parse('2026-03-01T08:00:00Z');
  beforeAll(async () => {
    server = await startTestServer({ now: () => clock });
  });
  afterAll(() => server.close());

  it('slides 30 days on with use, and ends after 30 days unused', async () => {
    const { token, expiresAt } = loginResponseSchema.parse(await (await login(server)).json());
    expect(expiresAt).toBe('2026-03-31T08:00:00.000Z');
    const me = () => fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });

    clock += 29 * DAY;
    expect((await me()).status).toBe(200);
    clock += 29 * DAY; // 58 days after sign-in, 29 after last use
    expect((await me()).status).toBe(200);
    clock += 30 * DAY + 1000;
    await expectError(await me(), 401, 'UNAUTHENTICATED');
  });
});

describe('the directory of colleagues', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const { addUser } = await import('../../src/server/auth/users.ts');
    await addUser(server.store, { username: 'kaisa', name: 'Kaisa Korhonen', role: 'coordinator', regionIds: ['avi-1'], password: PASSWORD });
    await addUser(server.store, { username: 'mikko', name: 'Mikko Nieminen', role: 'inspector', regionIds: ['avi-2'], password: PASSWORD });
    await addUser(server.store, { username: 'root', name: 'Admin Person', role: 'admin', regionIds: [], password: PASSWORD });
  });
  afterAll(() => server.close());

  const users = async (username: string) => {
    const { token } = loginResponseSchema.parse(await (await login(server, username)).json());
    const res = await fetch(`${server.url}/api/users`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = directoryResponseSchema.parse(await res.json());
    expect(JSON.stringify(body)).not.toMatch(/scrypt|password/i);
    return body.users.map((u) => u.name).sort();
  };

  it('names the active colleagues of the caller’s regions, and no one else', async () => {
    // "Former Staff" of avi-2 is disabled; Mikko works in avi-2 only; admins are not colleagues.
    expect(await users('ilona')).toEqual(['Ilona Virtanen', 'Kaisa Korhonen']);
    expect(await users('mikko')).toEqual(['Mikko Nieminen']);
  });

  it('shows an admin everyone active', async () => {
    expect(await users('root')).toEqual(['Admin Person', 'Ilona Virtanen', 'Kaisa Korhonen', 'Mikko Nieminen']);
  });

  it('answers 401 without a token', async () => {
    await expectError(await fetch(`${server.url}/api/users`), 401, 'UNAUTHENTICATED');
  });
});
