// "Next unanswered": from the item being worked on (the one with focus, else the last one that had it while
// still on screen, else the first on screen), on to the next required item still unanswered, wrapping to
// the first. Focus moves to it and it scrolls into view (checklist-progress.ts's focusItem).
import { useCallback, useEffect, useRef } from 'preact/hooks';
import { focusItem, itemDomId } from './checklist-progress.ts';

function block(id: string): HTMLElement | null {
  return document.getElementById(itemDomId(id));
}

function onScreen(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight;
}

/** The index in `order` to start looking from. */
function startIndex(order: readonly string[], last: string | null): number {
  const active = document.activeElement;
  const focused = order.findIndex((id) => block(id)?.contains(active) ?? false);
  if (focused >= 0) return focused + 1;
  const lastBlock = last ? block(last) : null;
  if (last && lastBlock && onScreen(lastBlock)) return order.indexOf(last) + 1;
  // The first item whose top is below the bars at the top of the screen.
  const top = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
  const first = order.findIndex((id) => (block(id)?.getBoundingClientRect().top ?? -Infinity) >= top);
  return first >= 0 ? first : order.length;
}

/** Returns the function that goes on from the current item, given every item in page order and the missing ones. */
export function useNextUnanswered(): (order: readonly string[], missing: readonly string[]) => void {
  const last = useRef<string | null>(null);
  useEffect(() => {
    const remember = (event: FocusEvent) => {
      const item = event.target instanceof Element ? event.target.closest('article[id^="item-"]') : null;
      if (item) last.current = item.id.slice('item-'.length);
    };
    document.addEventListener('focusin', remember);
    return () => document.removeEventListener('focusin', remember);
  }, []);
  return useCallback((order, missing) => {
    if (missing.length === 0) return;
    const wanted = new Set(missing);
    const next = order.slice(startIndex(order, last.current)).find((id) => wanted.has(id)) ?? missing[0]!;
    focusItem(next);
  }, []);
}
