// What both sync views show: the connection, the loop's state, the unsent summary and the last sync.
import { useEffect, useState } from 'preact/hooks';
import type { UnsentSummary } from '../../../db/sync-queries.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useNow } from '../../common/use-now.ts';
import { useOnline } from '../../common/use-online.ts';
import { useSync, type SyncView } from '../../common/use-sync.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { connectionOf, type Connection } from '../../common/sync-text.ts';

type SyncStatus = SyncView & {
  /** Null while it loads. */
  summary: UnsentSummary | null;
  /** No network, a network that does not reach the server, or online. */
  connection: Connection;
  /** The loop's last success, else the one recorded on the device; null if it never synced. */
  lastSync: string | null;
  now: Date;
};

// The summary's reads load after the first page is on screen: they check the last sync time with its
// schema (zod). Until then the status bar shows the connection and what the loop says.
type SyncQueries = typeof import('../../../db/sync-queries.ts');
let queries: SyncQueries | null = null;
const loadQueries = () => import('../../../db/sync-queries.ts').then((m) => (queries = m));

function useSyncQueries(): SyncQueries | null {
  const [loaded, setLoaded] = useState(queries);
  useEffect(() => {
    if (loaded) return;
    let cancelled = false;
    loadQueries().then(
      (m) => !cancelled && setLoaded(m),
      (error: unknown) => console.error('The sync summary could not be loaded', error),
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return loaded;
}

export function useSyncStatus(): SyncStatus {
  const { db } = useSignedIn();
  const online = useOnline();
  const { state, available, syncNow } = useSync();
  const now = useNow();
  const reads = useSyncQueries();
  const loaded = useLiveQuery(async () => (reads ? reads.loadUnsentSummary(db) : null), [db, reads]);
  const summary = loaded.state === 'ready' ? loaded.value : null;
  const connection = connectionOf(online, state.problem);
  const lastSync = state.lastSuccessAt ?? summary?.lastSyncAt ?? null;
  return { state, available, syncNow, summary, connection, lastSync, now };
}
