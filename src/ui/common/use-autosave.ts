// A text field that saves itself a moment after each keystroke, and at once on blur or when the page is
// hidden or torn down (use-deferred-save), so nothing typed is lost when the tablet kills the tab.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { AUTOSAVE_DELAY_MS, useDeferredSave } from './use-deferred-save.ts';

export { AUTOSAVE_DELAY_MS };

type Autosave = {
  draft: string;
  onInput: (value: string) => void;
  flush: () => void;
  /** Shows a value without saving it, dropping any unsaved typing (the caller saves something else). */
  reset: (value: string) => void;
};

export function useAutosave(stored: string, save: (value: string) => Promise<unknown>, delay: number = AUTOSAVE_DELAY_MS): Autosave {
  const [draft, setDraft] = useState(stored);
  const typed = useRef(stored);
  const deferred = useDeferredSave(() => save(typed.current), delay);

  // Follow the stored value (another tab, a pull) only while the user has nothing unsaved or on its way.
  useEffect(() => {
    if (!deferred.busy()) setDraft(stored);
  }, [stored]);

  const onInput = useCallback(
    (value: string) => {
      setDraft(value);
      typed.current = value;
      deferred.changed();
    },
    [deferred],
  );

  const reset = useCallback(
    (value: string) => {
      deferred.drop();
      setDraft(value);
    },
    [deferred],
  );

  return { draft, onInput, flush: deferred.flush, reset };
}
