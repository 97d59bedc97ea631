// Whether the page's local saves went through: the quiet "Saved on this device" and, if one fails, why;
// and, for an action that must see every save first (submitting a visit), when those on their way land.
import { createContext } from 'preact';
import { useCallback, useContext, useRef, useState } from 'preact/hooks';

export type SaveState = { phase: 'idle' | 'saved' } | { phase: 'error'; error: unknown };
/** Runs a save and records how it went; resolves true when it was saved. */
type TrackSave = (save: Promise<unknown>) => Promise<boolean>;

type SaveTracker = {
  state: SaveState;
  track: TrackSave;
  /** Resolves once every save tracked so far has landed or failed (a field left just now included). */
  settled: () => Promise<void>;
};

export function useSaveTracker(): SaveTracker {
  const [state, setState] = useState<SaveState>({ phase: 'idle' });
  const inFlight = useRef(new Set<Promise<unknown>>());
  const track = useCallback<TrackSave>(async (save) => {
    inFlight.current.add(save);
    try {
      await save;
      setState({ phase: 'saved' });
      return true;
    } catch (error) {
      console.error('A local save failed', error);
      setState({ phase: 'error', error });
      return false;
    } finally {
      inFlight.current.delete(save);
    }
  }, []);
  const settled = useCallback(async () => {
    while (inFlight.current.size > 0) await Promise.allSettled([...inFlight.current]);
  }, []);
  return { state, track, settled };
}

export const SaveContext = createContext<TrackSave>(async (save) => {
  await save;
  return true;
});

export function useTrackSave(): TrackSave {
  return useContext(SaveContext);
}
