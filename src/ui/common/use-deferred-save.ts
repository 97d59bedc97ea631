// The one way a page defers a write and saves it on leave: a moment after the last change, and at once
// when the field is left (the caller's onBlur calls flush), the window loses focus, the page is hidden,
// reloaded or closed, or the component goes away. This is the code that decides whether typing survives
// a tablet killing the tab; use-autosave, use-attendee-rows and use-draft all write through it.
import { useCallback, useLayoutEffect, useMemo, useRef } from 'preact/hooks';

export const AUTOSAVE_DELAY_MS = 300;

/**
 * What a write returns: the save on its way (a rejected one leaves the change pending, to be written at
 * the next change or flush), `'keep'` to leave the change pending unwritten (it cannot be stored yet),
 * or nothing when there was nothing to store.
 */
type DeferredWrite = (leave: { unloading: boolean }) => Promise<unknown> | 'keep' | void;

type DeferredSave = {
  /** Marks a change to write: `delay` after the last one, or at once when something below happens first. */
  changed: () => void;
  /** Writes the pending change now, if there is one. */
  flush: () => void;
  /** Forgets the pending change, unwritten (the caller stores something else). */
  drop: () => void;
  /** Holds writes back (the record itself is being saved), keeping what is pending. */
  pause: () => void;
  /** Lets writes through again and writes what there is now (after a save that failed). */
  resume: () => void;
  /** A change waits to be written or a write is on its way: not the moment to show a value from elsewhere. */
  busy: () => boolean;
};

/**
 * `write` stores the latest value, which the caller keeps (a ref). `unloading`: the page is going away
 * and only a write committed at once survives (drafts.ts's saveDraftNow); every other write may take its
 * time. The latest `write` is called, so it may close over the render's values.
 */
export function useDeferredSave(write: DeferredWrite, delay: number = AUTOSAVE_DELAY_MS): DeferredSave {
  const writeRef = useRef(write);
  writeRef.current = write;
  const pending = useRef(false);
  const paused = useRef(false);
  const saving = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const run = useCallback((unloading: boolean) => {
    clearTimeout(timer.current);
    if (!pending.current || paused.current) return;
    pending.current = false;
    let result: ReturnType<DeferredWrite>;
    try {
      result = writeRef.current({ unloading });
    } catch (error) {
      result = Promise.reject(error);
    }
    if (result === 'keep') {
      pending.current = true;
      return;
    }
    if (!result) return;
    saving.current++;
    result
      .catch(() => {
        pending.current = true;
      })
      .finally(() => {
        saving.current--;
      });
  }, []);

  // A layout effect, because Preact runs passive effects' cleanups only after the next paint: leaving the
  // page must write what was typed at once, not a frame later.
  useLayoutEffect(() => {
    const flush = () => run(false);
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') run(false);
    };
    // Chromium drops IndexedDB writes begun in pagehide of a page that is unloading (a reload, an app
    // update); one begun in beforeunload usually finishes while the next page loads. pagehide stays for
    // browsers that skip beforeunload, and for a page kept in the back-forward cache (`persisted`).
    const onUnload = () => run(true);
    const onPageHide = (e: PageTransitionEvent) => run(!e.persisted);
    window.addEventListener('beforeunload', onUnload);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('blur', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('blur', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      run(false);
    };
  }, [run]);

  const delayRef = useRef(delay);
  delayRef.current = delay;
  return useMemo<DeferredSave>(
    () => ({
      changed: () => {
        pending.current = true;
        clearTimeout(timer.current);
        if (!paused.current) timer.current = setTimeout(() => run(false), delayRef.current);
      },
      flush: () => run(false),
      drop: () => {
        clearTimeout(timer.current);
        pending.current = false;
      },
      pause: () => {
        paused.current = true;
        clearTimeout(timer.current);
      },
      resume: () => {
        paused.current = false;
        pending.current = true;
        run(false);
      },
      busy: () => pending.current || saving.current > 0,
    }),
    [run],
  );
}
