// Runs the sync loop while the signed-in app is shown: it starts on mount and stops on unmount, which is
// sign-out, an expired session (the re-sign-in page replaces the app) or another user signing in.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { UserDb } from '../../../db/database.ts';
import type { SyncRunner } from '../../../sync/state.ts';
import { SyncRunnerContext } from '../../common/use-sync.ts';

/** May answer later: the app loads the sync engine after the first render. */
export type StartSync = (deps: { db: UserDb; token: () => string | undefined; onUnauthorized: () => void }) => SyncRunner | Promise<SyncRunner>;

type Props = {
  db: UserDb;
  token: string;
  /** The server turned the token down: the app asks the user to sign in again, keeping everything. */
  onUnauthorized: () => void;
  start: StartSync;
  children: ComponentChildren;
};

export function SyncProvider({ db, token, onUnauthorized, start, children }: Props) {
  const [runner, setRunner] = useState<SyncRunner | null>(null);
  // Read at each request, so a renewed token or callback never needs a new runner.
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const unauthorizedRef = useRef(onUnauthorized);
  unauthorizedRef.current = onUnauthorized;

  useEffect(() => {
    let unmounted = false;
    let started: SyncRunner | null = null;
    void Promise.resolve(start({ db, token: () => tokenRef.current, onUnauthorized: () => unauthorizedRef.current() })).then(
      (runner) => {
        if (unmounted) return runner.stop();
        started = runner;
        setRunner(runner);
      },
      (error: unknown) => console.error('Tillsyn: the sync loop could not start', error),
    );
    return () => {
      unmounted = true;
      started?.stop();
      setRunner(null);
    };
  }, [db, start]);

  return <SyncRunnerContext.Provider value={runner}>{children}</SyncRunnerContext.Provider>;
}
