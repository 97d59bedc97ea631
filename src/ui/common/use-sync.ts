// The running sync loop as the UI sees it: its state, kept current, and a way to ask for a pass now.
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { initialSyncState, type SyncRunner, type SyncState } from '../../sync/state.ts';

/** The signed-in user's runner; null before it starts, on the re-sign-in page and in tests without one. */
export const SyncRunnerContext = createContext<SyncRunner | null>(null);

export type SyncView = {
  state: SyncState;
  /** False when no runner is running, so "Sync now" has nothing to ask. */
  available: boolean;
  syncNow: () => void;
};

export function useSync(): SyncView {
  const runner = useContext(SyncRunnerContext);
  const [state, setState] = useState<SyncState>(() => runner?.getState() ?? initialSyncState);
  useEffect(() => {
    if (!runner) {
      setState(initialSyncState);
      return;
    }
    // The state may have moved between the first render and subscribing.
    setState(runner.getState());
    return runner.subscribe(setState);
  }, [runner]);
  const syncNow = useCallback(() => runner?.syncNow(), [runner]);
  return { state, available: runner !== null, syncNow };
}
