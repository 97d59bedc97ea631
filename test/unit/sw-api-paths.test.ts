import { describe, expect, it } from 'vitest';
import { api } from '../../src/shared/api.ts';
import { isApiPath, isApiUrl } from '../../sw/api-paths.ts';

describe('isApiPath', () => {
  it.each(['/api', '/api/', '/api/health', '/api/auth/login', '/api/sync/pull', '/api?x=1'])('%s is an API path', (path) => {
    expect(isApiPath(path)).toBe(true);
  });

  it.each(Object.values(api).map((e) => e.path))('%s, an endpoint of the API table, is an API path', (path) => {
    expect(isApiPath(path)).toBe(true);
    expect(isApiPath(`${path}?limit=1`)).toBe(true);
  });

  it.each(['/', '/index.html', '/settings', '/visits/api', '/apiary', '/api-docs', '/assets/api.js', '/API/health'])(
    '%s is not an API path',
    (path) => {
      expect(isApiPath(path)).toBe(false);
    },
  );
});

describe('isApiUrl', () => {
  const origin = 'https://tillsyn.example';

  it('accepts the app origin under /api', () => {
    expect(isApiUrl('https://tillsyn.example/api/me', origin)).toBe(true);
    expect(isApiUrl('/api/health', origin)).toBe(true);
    expect(isApiUrl(new URL('/api/sync/push', origin), origin)).toBe(true);
  });

  it('rejects other origins and the app shell', () => {
    expect(isApiUrl('https://elsewhere.example/api/me', origin)).toBe(false);
    expect(isApiUrl('https://tillsyn.example/settings', origin)).toBe(false);
  });
});
