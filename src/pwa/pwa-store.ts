// A tiny subscribable store for the PWA state, so the page can render it without a framework here.

export type PwaState = {
  /** A new version is installed and waiting for the user to accept it. */
  updateAvailable: boolean;
  /** The first version finished installing: the app now opens with no network. */
  offlineReady: boolean;
  /** The browser offered installation (`beforeinstallprompt`) and it has not happened yet. */
  canInstall: boolean;
};

export type PwaListener = (state: PwaState) => void;

type PwaStore = {
  get: () => PwaState;
  set: (patch: Partial<PwaState>) => void;
  subscribe: (listener: PwaListener) => () => void;
};

const initialPwaState: PwaState = { updateAvailable: false, offlineReady: false, canInstall: false };

export function createPwaStore(initial: PwaState = initialPwaState): PwaStore {
  let state = initial;
  const listeners = new Set<PwaListener>();
  return {
    get: () => state,
    set(patch) {
      const next = { ...state, ...patch };
      if ((Object.keys(next) as (keyof PwaState)[]).every((key) => next[key] === state[key])) return;
      state = next;
      for (const listener of [...listeners]) listener(state);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
