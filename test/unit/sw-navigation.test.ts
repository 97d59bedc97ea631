// The app-shell route as the service worker builds it: Workbox's NavigationRoute with our denylist.
import { describe, expect, it } from 'vitest';
import { NavigationRoute } from 'workbox-routing';
import { navigationDenylist } from '../../sw/api-paths.ts';

// Workbox's development build logs every match; the assertions say all that matters here.
(globalThis as { __WB_DISABLE_DEV_LOGS?: boolean }).__WB_DISABLE_DEV_LOGS = true;

const origin = 'https://tillsyn.example';
const route = new NavigationRoute(() => Promise.resolve(new Response('shell')), { denylist: [...navigationDenylist] });

function servesShell(path: string, mode: RequestMode = 'navigate'): boolean {
  const url = new URL(path, origin);
  const request = { mode, url: url.href } as Request;
  const options = { url, request, event: {}, sameOrigin: true } as unknown as Parameters<typeof route.match>[0];
  return Boolean(route.match(options));
}

describe('the app-shell navigation route', () => {
  it.each(['/', '/settings', '/visits/3f1c', '/municipalities?region=avi-1', '/apiary'])('answers a navigation to %s', (path) => {
    expect(servesShell(path)).toBe(true);
  });

  it.each(['/api', '/api/me', '/api/health', '/api/auth/login?next=1', '/api?debug'])('leaves %s to the network', (path) => {
    expect(servesShell(path)).toBe(false);
  });

  it('ignores requests that are not navigations', () => {
    expect(servesShell('/settings', 'cors')).toBe(false);
    expect(servesShell('/', 'no-cors')).toBe(false);
  });
});
