// A small History API router: the current path as a hook, navigation, and same-origin link clicks.
// Not preact-iso (2.12.2 supports Preact 11): tried, it made the first route 1.6 kB gzip bigger while the app still needed its own link rules, navigate() and role checks.
import { useEffect, useState } from 'preact/hooks';
import { isApiPath } from '../../shared/api-paths.ts';

const listeners = new Set<() => void>();
let navigations = 0;

function notify(): void {
  navigations++;
  for (const listener of listeners) listener();
}

function currentPath(): string {
  return window.location.pathname;
}

/** How many times the path changed since the app started; 0 on first load (focus stays where the browser put it). */
export function navigationCount(): number {
  return navigations;
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = new URL(path, window.location.href);
  const target = url.pathname + url.search + url.hash;
  if (target === window.location.pathname + window.location.search + window.location.hash) return;
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  notify();
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    listeners.add(update);
    if (listeners.size === 1) window.addEventListener('popstate', notify);
    update();
    return () => {
      listeners.delete(update);
      if (listeners.size === 0) window.removeEventListener('popstate', notify);
    };
  }, []);
  return path;
}

/** Handles clicks on same-origin links inside the app without a page load; returns the function that stops it. */
export function interceptLinks(root: Document | HTMLElement = document): () => void {
  const onClick = (event: Event) => {
    if (!(event instanceof MouseEvent)) return;
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.target instanceof Element ? event.target.closest('a') : null;
    if (!anchor || !anchor.hasAttribute('href') || anchor.hasAttribute('download')) return;
    if (anchor.target && anchor.target !== '_self') return;
    const url = new URL(anchor.href, window.location.href);
    // The API and files the service worker does not route (icons, manifest) are real page loads.
    if (url.origin !== window.location.origin || isApiPath(url.pathname) || /\.\w+$/.test(url.pathname)) return;
    // A link within the page (the skip link) is the browser's: it scrolls and moves focus itself.
    if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}
