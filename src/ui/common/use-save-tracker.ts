// Whether the page's local saves went through: the quiet "Saved on this device" and, if one fails, why.
import { createContext } from 'preact';
import { useCallback, useContext, useState } from 'preact/hooks';

export type SaveState = { phase: 'idle' | 'saved' } | { phase: 'error'; error: unknown };
/** Runs a save and records how it went; resolves true when it was saved. */
type TrackSave = (save: Promise<unknown>) => Promise<boolean>;

export function useSaveTracker(): { state: SaveState; track: TrackSave } {
  const [state, setState] = useState<SaveState>({ phase: 'idle' });
  const track = useCallback<TrackSave>(async (save) => {
    try {
      await save;
      setState({ phase: 'saved' });
      return true;
    } catch (error) {
      console.error('A local save failed', error);
      setState({ phase: 'error', error });
      return false;
    }
  }, []);
  return { state, track };
}

export const SaveContext = createContext<TrackSave>(async (save) => {
  await save;
  return true;
});

export function useTrackSave(): TrackSave {
  return useContext(SaveContext);
}
