// What the history's views need from the device: people's names (the directory and the signed-in user)
// and this device's own sync client id, so "this device" can be said.
import { useCallback } from 'preact/hooks';
import { CLIENT_ID_KEY } from '../../../db/client-id.ts';
import { readMeta } from '../../../db/meta.ts';
import { useDirectory } from '../../common/people.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useSignedIn } from '../../app/session-context.ts';

export function useNameOf(): (userId: string) => string | undefined {
  const { session } = useSignedIn();
  const directory = useDirectory();
  const me = session.user;
  return useCallback((userId: string) => (userId === me.id ? me.name : directory.get(userId)?.name), [directory, me.id, me.name]);
}

export function useOwnClientId(): string | null {
  const { db } = useSignedIn();
  const id = useLiveQuery(() => readMeta(db, CLIENT_ID_KEY), [db]);
  return id.state === 'ready' ? (id.value ?? null) : null;
}
