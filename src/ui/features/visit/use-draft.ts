// Keeps a dialog's half-written fields as a draft on the device: a moment after each change, and at once
// when a field or the window loses focus, the page is hidden, or it unloads (a reload, an app update), so
// nothing typed is lost. Fields back at their starting values drop the draft instead.
import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { UserDb } from '../../../db/database.ts';
import { discardDraft, draftKey, saveDraft, saveDraftNow, type DraftFields, type DraftRef, type DraftType } from '../../../db/drafts.ts';
import { AUTOSAVE_DELAY_MS } from '../../common/use-autosave.ts';

export type DraftKeeper = {
  /** Writes the draft now, if anything changed since the last write. */
  flush: () => void;
  /** Stops writing (the record is being saved or the draft discarded), so no late write brings the draft back. */
  pause: () => void;
  /** Writes again after a save or discard that failed. */
  resume: () => void;
  /** Whether a draft is kept on the device for these fields. */
  kept: boolean;
  /** The last write of the draft failed. */
  failed: boolean;
};

export function sameFields(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return Object.keys(x).every((k) => x[k] === y[k]) && Object.keys(y).every((k) => k in x);
}

export function useDraft<T extends DraftType>(
  db: UserDb,
  ref: DraftRef<T>,
  baseline: DraftFields<T>,
  fields: DraftFields<T>,
  restored: boolean,
  delay: number = AUTOSAVE_DELAY_MS,
): DraftKeeper {
  const [kept, setKept] = useState(restored);
  const [failed, setFailed] = useState(false);
  const latest = useRef(fields);
  latest.current = fields;
  const baselineRef = useRef(baseline);
  const refRef = useRef(ref);
  refRef.current = ref;
  const pending = useRef(false);
  const paused = useRef(false);
  const mounted = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const key = draftKey(ref);

  /** `unloading`: the page is going away, and only a write committed at once survives (see saveDraftNow). */
  const write = useCallback((unloading: boolean) => {
    clearTimeout(timer.current);
    if (!pending.current || paused.current) return;
    pending.current = false;
    const empty = sameFields(latest.current, baselineRef.current);
    let written: Promise<void>;
    try {
      written = unloading
        ? saveDraftNow(db, refRef.current, empty ? null : latest.current)
        : empty
          ? discardDraft(db, refRef.current)
          : saveDraft(db, refRef.current, latest.current);
    } catch (error) {
      written = Promise.reject(error);
    }
    written.then(
      () => {
        if (!mounted.current) return;
        setKept(!empty);
        setFailed(false);
      },
      (error: unknown) => {
        console.error('A draft could not be kept on this device', error);
        pending.current = true; // the next change or flush tries again
        if (mounted.current) setFailed(true);
      },
    );
  }, [db, key]);
  const flush = useCallback(() => write(false), [write]);

  // A layout effect, so a keystroke is marked pending before the browser can paint, hide or kill the tab.
  const seen = useRef(JSON.stringify(fields));
  const fieldsKey = JSON.stringify(fields);
  useLayoutEffect(() => {
    if (fieldsKey === seen.current) return;
    seen.current = fieldsKey;
    pending.current = true;
    clearTimeout(timer.current);
    if (!paused.current) timer.current = setTimeout(flush, delay);
  }, [fieldsKey, flush, delay]);

  // Layout-effect cleanup runs at once on unmount (see use-autosave), so closing the dialog writes at once.
  useLayoutEffect(() => {
    mounted.current = true;
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    // Chromium refuses IndexedDB writes begun in pagehide of an unloading page, so beforeunload writes
    // first; pagehide stays for browsers that skip beforeunload, and a page kept in the back-forward cache.
    const onUnload = () => write(true);
    const onPageHide = (e: PageTransitionEvent) => write(!e.persisted);
    window.addEventListener('beforeunload', onUnload);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('blur', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('blur', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
      mounted.current = false;
    };
  }, [flush, write]);

  const pause = useCallback(() => {
    paused.current = true;
    clearTimeout(timer.current);
  }, []);
  const resume = useCallback(() => {
    paused.current = false;
    pending.current = true;
    flush();
  }, [flush]);

  return { flush, pause, resume, kept, failed };
}
