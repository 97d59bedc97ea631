// Whether a media query matches, following changes (a tablet turned, a window resized).
import { useEffect, useState } from 'preact/hooks';

/** Below the side rail's breakpoint (base.css): phones and tablets in portrait, with the bottom navigation. */
export const NARROW = '(max-width: 1023px)';

function matches(query: string): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(query).matches;
}

export function useMediaQuery(query: string): boolean {
  const [match, setMatch] = useState(() => matches(query));
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const list = window.matchMedia(query);
    const update = () => setMatch(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return match;
}
