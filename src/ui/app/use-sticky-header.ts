// The header is sticky. On a narrow screen its first row (the app's name, the user, sign-out) scrolls away
// and only the status bar under it stays: the header sticks at minus that row's height. Both heights are
// measured, as they change with the language, the text size and the status bar folding, and published as
// --header-row (on the header) and --sticky-top (on the root, for base.css's scroll-padding-top, so what
// focus or a jump scrolls to is never under the bar).
import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { NARROW, useMediaQuery } from '../common/use-media-query.ts';

export function useStickyHeader(header: RefObject<HTMLElement | null>, row: RefObject<HTMLElement | null>): void {
  const narrow = useMediaQuery(NARROW);
  useLayoutEffect(() => {
    const h = header.current;
    const r = row.current;
    if (!h || !r) return;
    const root = document.documentElement;
    const measure = () => {
      const away = narrow ? r.offsetHeight : 0;
      h.style.setProperty('--header-row', `${away}px`);
      root.style.setProperty('--sticky-top', `${h.offsetHeight - away}px`);
    };
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(h);
    observer?.observe(r);
    return () => {
      observer?.disconnect();
      root.style.removeProperty('--sticky-top');
    };
  }, [narrow, header, row]);
}
