// A text field that saves itself a moment after each keystroke, and at once on blur or when the page is
// hidden or torn down, so nothing typed is lost when the tablet kills the tab.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export const AUTOSAVE_DELAY_MS = 300;

export type Autosave = {
  draft: string;
  onInput: (value: string) => void;
  flush: () => void;
  /** Shows a value without saving it, dropping any unsaved typing (the caller saves something else). */
  reset: (value: string) => void;
};

export function useAutosave(stored: string, save: (value: string) => Promise<unknown>, delay: number = AUTOSAVE_DELAY_MS): Autosave {
  const [draft, setDraft] = useState(stored);
  const pending = useRef<string | null>(null);
  const saving = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saveRef = useRef(save);
  saveRef.current = save;

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const value = pending.current;
    if (value === null) return;
    pending.current = null;
    saving.current++;
    void saveRef.current(value).finally(() => {
      saving.current--;
    });
  }, []);

  // Follow the stored value (another tab, a pull) only while the user has nothing unsaved or on its way.
  useEffect(() => {
    if (pending.current === null && saving.current === 0) setDraft(stored);
  }, [stored]);

  // A layout effect, because Preact runs passive effects' cleanups only after the next paint: leaving the
  // page must save what was typed at once, not a frame later.
  useLayoutEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    // Chromium drops IndexedDB writes begun in pagehide of a page that is unloading (a reload, an app
    // update); one begun in beforeunload usually finishes while the next page loads. pagehide stays for
    // browsers that skip beforeunload.
    window.addEventListener('beforeunload', flush);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('beforeunload', flush);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
    };
  }, [flush]);

  const onInput = useCallback(
    (value: string) => {
      setDraft(value);
      pending.current = value;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, delay);
    },
    [flush, delay],
  );

  const reset = useCallback((value: string) => {
    clearTimeout(timer.current);
    pending.current = null;
    setDraft(value);
  }, []);

  return { draft, onInput, flush, reset };
}
