// A query of the local database that re-renders the component whenever its results change.
import { useEffect, useState } from 'preact/hooks';
import { observe } from '../../db/live.ts';

type LiveResult<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: unknown };

export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ state: 'loading' });
  useEffect(
    () =>
      observe(
        query,
        (value) => setResult({ state: 'ready', value }),
        (error) => {
          console.error('A live query failed', error);
          setResult({ state: 'error', error });
        },
      ),
    // The caller lists what the query depends on, as with useEffect.
    deps,
  );
  return result;
}
