// Keeps a dialog's half-written fields as a draft on the device: a moment after each change, and at once
// when a field or the window loses focus, the page is hidden, or it unloads (a reload, an app update), so
// nothing typed is lost (use-deferred-save). Fields back at their starting values drop the draft instead.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { UserDb } from '../../../db/database.ts';
import { discardDraft, saveDraft, saveDraftNow, type DraftFields, type DraftRef, type DraftType } from '../../../db/drafts.ts';
import { AUTOSAVE_DELAY_MS, useDeferredSave } from '../../common/use-deferred-save.ts';

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
  const start = useRef(baseline);
  const mounted = useRef(true);
  useLayoutEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const deferred = useDeferredSave(({ unloading }) => {
    const empty = sameFields(fields, start.current);
    let written: Promise<void>;
    try {
      written = unloading ? saveDraftNow(db, ref, empty ? null : fields) : empty ? discardDraft(db, ref) : saveDraft(db, ref, fields);
    } catch (error) {
      written = Promise.reject(error);
    }
    return written.then(
      () => {
        if (!mounted.current) return;
        setKept(!empty);
        setFailed(false);
      },
      (error: unknown) => {
        console.error('A draft could not be kept on this device', error);
        if (mounted.current) setFailed(true);
        throw error; // still pending: the next change or flush tries again
      },
    );
  }, delay);

  // A layout effect, so a keystroke is marked pending before the browser can paint, hide or kill the tab.
  const seen = useRef(JSON.stringify(fields));
  const fieldsKey = JSON.stringify(fields);
  useLayoutEffect(() => {
    if (fieldsKey === seen.current) return;
    seen.current = fieldsKey;
    deferred.changed();
  }, [fieldsKey, deferred]);

  return { flush: deferred.flush, pause: deferred.pause, resume: deferred.resume, kept, failed };
}
