// Live queries for the UI, so pages never import Dexie: a query re-runs whenever what it read changes.
import { liveQuery } from 'dexie';

/** Subscribes to a query's results; returns the function that unsubscribes. */
export function observe<T>(query: () => Promise<T>, onValue: (value: T) => void, onError: (error: unknown) => void): () => void {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
  return () => subscription.unsubscribe();
}
