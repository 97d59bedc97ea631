import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError, apiFetch, parseRetryAfter } from '../../src/sync/http.ts';

function respond(status: number, body: string | null, headers: Record<string, string> = {}) {
  const fetchMock = vi.fn(async () => new Response(body, { status, headers }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiFetch', () => {
  it('sends JSON with the bearer token and returns the parsed answer', async () => {
    const fetchMock = respond(200, JSON.stringify({ user: { id: 'u' } }), { 'Content-Type': 'application/json' });
    const result = await apiFetch('/api/auth/login', { method: 'POST', body: { username: 'a' }, token: 'tok' });
    expect(result).toEqual({ user: { id: 'u' } });
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/auth/login');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"username":"a"}');
    const headers = init.headers as Record<string, string>;
    expect(headers['Authorization']).toBe('Bearer tok');
    expect(headers['Content-Type']).toBe('application/json');
  });

  it('returns undefined for an empty 204', async () => {
    respond(204, null);
    await expect(apiFetch('/api/auth/logout', { method: 'POST', token: 't' })).resolves.toBeUndefined();
  });

  it('turns the JSON error shape into an ApiError', async () => {
    respond(401, JSON.stringify({ error: { code: 'BAD_CREDENTIALS', message: 'Wrong username or password' } }));
    const error = await caught(apiFetch('/api/auth/login', { body: {} }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'BAD_CREDENTIALS', message: 'Wrong username or password', details: undefined });
  });

  it('keeps the details and the wait of a 429', async () => {
    respond(429, JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many', details: { retryAfter: 120 } } }), {
      'Retry-After': '90',
    });
    const error = await caught(apiFetch('/api/auth/login', { body: {} }));
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', details: { retryAfter: 120 }, retryAfter: 90 });
  });

  it('takes the wait from the details when the header is missing', async () => {
    respond(429, JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many', details: { retryAfter: 120 } } }));
    expect(await caught(apiFetch('/x'))).toMatchObject({ retryAfter: 120 });
  });

  it('gives an ApiError with the HTTP status when the body is not our error shape', async () => {
    respond(502, '<html>Bad gateway</html>', { 'Content-Type': 'text/html' });
    const error = await caught(apiFetch('/api/me'));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, code: 'HTTP_502' });
  });

  it('refuses a 200 whose body is not JSON', async () => {
    respond(200, '<html>index</html>');
    expect(await caught(apiFetch('/api/me'))).toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('throws NetworkError when no answer comes', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const error = await caught(apiFetch('/api/me'));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).not.toBeInstanceOf(ApiError);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:02:00 GMT', now)).toBe(120);
  });
});
