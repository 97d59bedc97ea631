// The one way to run what a user asked for (a save, a decision, a sign-in) with its busy and failed
// states: its controls are disabled while it runs, a second click meanwhile does nothing, and a failure
// is logged and shown until the next try.
import { useCallback, useRef, useState } from 'preact/hooks';

type UserAction<A extends unknown[], R> = {
  /** It runs (or, with `keepBusy`, it succeeded): its controls are disabled. */
  busy: boolean;
  /** The arguments of the run in progress: which item of a list is busy. */
  running: A | null;
  /** The last run failed; cleared when the next one starts, or by `clear`. */
  failed: boolean;
  /**
   * Runs the action, unless a run is in progress; resolves what it returned, or undefined when it failed
   * or did not run. Never rejects. A failure the page shows in its own way (a validation error) is the
   * action's to catch.
   */
  run: (...args: A) => Promise<R | undefined>;
  /** Forgets a failure (its message closes). */
  clear: () => void;
};

type ActionOptions = {
  /** What the console says when the action fails. */
  log: string;
  /**
   * After a success the controls stay disabled: what they act on is on its way out, once a live query
   * sees the change (an item leaving its list, a decided visit's review panel).
   */
  keepBusy?: boolean;
  /** Called after a failure is logged, for a page that says it somewhere of its own. */
  onFailure?: (error: unknown) => void;
};

export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>, options: ActionOptions): UserAction<A, R> {
  const [running, setRunning] = useState<A | null>(null);
  const [failed, setFailed] = useState(false);
  // Set at once, so a second click before the next render does nothing too.
  const inFlight = useRef(false);
  const latest = useRef({ action, options });
  latest.current = { action, options };

  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setRunning(args);
    setFailed(false);
    const { action, options } = latest.current;
    try {
      const result = await action(...args);
      if (!options.keepBusy) {
        inFlight.current = false;
        setRunning(null);
      }
      return result;
    } catch (error) {
      console.error(options.log, error);
      inFlight.current = false;
      setRunning(null);
      setFailed(true);
      options.onFailure?.(error);
      return undefined;
    }
  }, []);
  const clear = useCallback(() => setFailed(false), []);

  return { busy: running !== null, running, failed, run, clear };
}
