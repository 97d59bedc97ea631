// A read from the server that the page starts (at once or on demand), kept once loaded: offline, or when
// a refresh fails, what was loaded stays on screen and the problem is said beside it.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, NetworkError } from '../../../sync/http.ts';

/** Why a read failed, in the terms the pages explain: no connection, not allowed, not on the server, other. */
export type ReadProblem = 'offline' | 'forbidden' | 'notFound' | 'signedOut' | 'failed';

type ServerRead<T> = {
  phase: 'idle' | 'loading' | 'done';
  /** The last value loaded, kept through later failures. */
  value: T | null;
  /** Why the last read failed; null when it did not. */
  problem: ReadProblem | null;
  /** Starts a read (again); one at a time. */
  load: () => void;
};

export function problemOf(error: unknown): ReadProblem {
  if (error instanceof NetworkError || (typeof navigator !== 'undefined' && !navigator.onLine)) return 'offline';
  if (error instanceof ApiError) {
    if (error.status === 401) return 'signedOut';
    if (error.status === 403) return 'forbidden';
    if (error.status === 404) return 'notFound';
  }
  return 'failed';
}

/** `read` is called by `load()`; with `auto`, once on mount and again when the connection returns without a value. */
export function useServerRead<T>(read: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[], { auto = false } = {}): ServerRead<T> {
  const [state, setState] = useState<Omit<ServerRead<T>, 'load'>>({ phase: 'idle', value: null, problem: null });
  const running = useRef<AbortController | null>(null);
  const readRef = useRef(read);
  readRef.current = read;

  const load = useCallback(() => {
    if (running.current) return;
    const controller = new AbortController();
    running.current = controller;
    setState((s) => ({ ...s, phase: 'loading' }));
    readRef.current(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        running.current = null;
        setState({ phase: 'done', value, problem: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        running.current = null;
        const problem = problemOf(error);
        if (problem === 'failed') console.warn('Tillsyn: a read from the server failed', error);
        setState((s) => ({ phase: 'done', value: s.value, problem }));
      },
    );
  }, deps);

  useEffect(() => {
    // A new subject (another record): forget the old one's value.
    setState({ phase: 'idle', value: null, problem: null });
    return () => {
      running.current?.abort();
      running.current = null;
    };
  }, deps);

  useEffect(() => {
    if (!auto) return;
    load();
    const again = () => load();
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [auto, load]);

  return { ...state, load };
}
