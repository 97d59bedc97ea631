import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interceptLinks, navigate, navigationCount } from '../../src/ui/app/router.ts';
import { allowedFor, matchRoute } from '../../src/ui/app/routes.ts';

describe('routes', () => {
  it('matches known paths, with or without a trailing slash', () => {
    expect(matchRoute('/visits')?.id).toBe('visits');
    expect(matchRoute('/settings/')?.id).toBe('settings');
    expect(matchRoute('/nowhere')).toBeNull();
  });

  it('keeps the review for coordinators and admins', () => {
    const review = matchRoute('/review')!;
    expect(allowedFor(review, 'coordinator')).toBe(true);
    expect(allowedFor(review, 'admin')).toBe(true);
    expect(allowedFor(review, 'inspector')).toBe(false);
    expect(allowedFor(matchRoute('/visits')!, 'inspector')).toBe(true);
  });
});

describe('link interception', () => {
  let stop: () => void;
  const link = (href: string, attrs: Record<string, string> = {}) => {
    const a = document.createElement('a');
    a.href = href;
    for (const [k, v] of Object.entries(attrs)) a.setAttribute(k, v);
    a.textContent = 'link';
    document.body.append(a);
    return a;
  };
  /**
   * Clicks the link and tells whether the router took it. The click is then cancelled at the window,
   * after the router has seen it, so happy-dom never follows a link left to the browser (a test must
   * not reach the network).
   */
  const click = (a: HTMLAnchorElement, init: MouseEventInit = {}) => {
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...init });
    let takenByRouter = false;
    const last = (e: Event) => {
      takenByRouter = e.defaultPrevented;
      e.preventDefault();
    };
    window.addEventListener('click', last);
    try {
      a.dispatchEvent(event);
    } finally {
      window.removeEventListener('click', last);
    }
    return { defaultPrevented: takenByRouter };
  };

  beforeEach(() => {
    window.history.replaceState(null, '', '/visits');
    stop = interceptLinks();
  });
  afterEach(() => {
    stop();
    document.body.innerHTML = '';
  });

  it('handles a same-origin app link with the History API', () => {
    const before = navigationCount();
    const event = click(link('/settings'));
    expect(event.defaultPrevented).toBe(true);
    expect(window.location.pathname).toBe('/settings');
    expect(navigationCount()).toBe(before + 1);
  });

  it.each([
    ['another origin', 'https://example.org/visits', {}, {}],
    ['a modifier key', '/settings', {}, { ctrlKey: true }],
    ['a new tab', '/settings', { target: '_blank' }, {}],
    ['the API', '/api/health', {}, {}],
    ['a file', '/icons/icon-192.png', {}, {}],
    ['a place in the page', '#main', {}, {}],
  ] as const)('leaves %s to the browser', (_label, href, attrs, init) => {
    expect(click(link(href, attrs), init).defaultPrevented).toBe(false);
  });

  it('navigate replaces the entry when asked, and ignores the current path', () => {
    const before = navigationCount();
    navigate('/visits');
    expect(navigationCount()).toBe(before);
    const length = window.history.length;
    navigate('/sign-in', { replace: true });
    expect(window.location.pathname).toBe('/sign-in');
    expect(window.history.length).toBe(length);
  });
});
