// Whether the status bar is folded to its one line: on a narrow screen (no side rail), once the page has
// scrolled away from its top. It unfolds only back near the top, so the height it gives back can never
// fold it again (the gap between the two lines is larger than the bar's change of height).
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { NARROW, useMediaQuery } from '../../common/use-media-query.ts';

/** Folds below this many pixels of scroll, past the header's first row (two rows on a phone). */
const FOLD_BELOW = 120;
/** Unfolds above this. */
const UNFOLD_ABOVE = 8;

/** `hold`: while focus is inside it, the state stays, so a keyboard user's focus is never taken away. */
export function useFoldOnScroll(hold: RefObject<HTMLElement | null>): boolean {
  const narrow = useMediaQuery(NARROW);
  const [folded, setFolded] = useState(false);
  useEffect(() => {
    if (!narrow) {
      setFolded(false);
      return;
    }
    const update = () => {
      if (hold.current?.contains(document.activeElement)) return;
      const y = window.scrollY;
      setFolded((was) => (was ? y > UNFOLD_ABOVE : y > FOLD_BELOW));
    };
    // Focus leaving the bar (to somewhere outside it) lets the state catch up with the scroll.
    const onFocusOut = (event: FocusEvent) => {
      const to = event.relatedTarget;
      if (!(to instanceof Node && hold.current?.contains(to))) setTimeout(update, 0);
    };
    const bar = hold.current;
    update();
    window.addEventListener('scroll', update, { passive: true });
    bar?.addEventListener('focusout', onFocusOut);
    return () => {
      window.removeEventListener('scroll', update);
      bar?.removeEventListener('focusout', onFocusOut);
    };
  }, [narrow, hold]);
  return narrow && folded;
}
