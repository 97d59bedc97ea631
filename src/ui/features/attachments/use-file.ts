// An attachment's file for showing: from the device when it is here, otherwise fetched from the server
// (when online) and kept as a fetched copy, so it opens offline next time. Shown through an object URL,
// released when no longer shown.
import { useEffect, useState } from 'preact/hooks';
import { getBlob, putFetchedBlob } from '../../../db/blobs.ts';
import type { UserDb } from '../../../db/database.ts';
import { fetchFile } from '../../../sync/blob-sync.ts';
import { apiFetch } from '../../../sync/http.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { useOnline } from '../../common/use-online.ts';

type FileView =
  | { state: 'loading' }
  | { state: 'ready'; url: string; refusal: string | null }
  /** Not on the device, and the device is offline. */
  | { state: 'absent' }
  | { state: 'failed'; message: string };

/** The file, from the device or fetched (and kept as a fetched copy, or `kept` for offline use). */
export async function fileOf(db: UserDb, token: string, sha256: string, mediaType: string, kept = false): Promise<Blob> {
  const here = await getBlob(db, sha256);
  if (here) {
    if (kept && !here.kept && !here.own) await putFetchedBlob(db, sha256, here.data, mediaType, true, new Date());
    return here.data;
  }
  const fetched = await fetchFile({ api: apiFetch, token: () => token }, sha256);
  const data = fetched.type === mediaType ? fetched : new Blob([fetched], { type: mediaType });
  await putFetchedBlob(db, sha256, data, mediaType, kept, new Date());
  return data;
}

/** `sha256` null: nothing to show (a document has no small copy). */
export function useFile(sha256: string | null | undefined, mediaType: string): FileView {
  const { db, session } = useSignedIn();
  const online = useOnline();
  const [view, setView] = useState<FileView>({ state: 'loading' });
  useEffect(() => {
    if (!sha256) return;
    let url: string | null = null;
    let cancelled = false;
    setView({ state: 'loading' });
    void (async () => {
      const here = await getBlob(db, sha256);
      if (!here && !online) return setView({ state: 'absent' });
      const data = here ? here.data : await fileOf(db, session.token, sha256, mediaType);
      if (cancelled) return;
      url = URL.createObjectURL(data);
      setView({ state: 'ready', url, refusal: here?.state === 'refused' ? (here.refusal ?? '') : null });
    })().catch((e: unknown) => !cancelled && setView({ state: 'failed', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [db, session.token, sha256, mediaType, online]);
  return view;
}
