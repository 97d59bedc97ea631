// Who a user id is, in words: the signed-in user, a colleague from the directory the device keeps
// (refreshed with each sync), or, before the first sync, a role and a short form of the id.
import { useMemo } from 'preact/hooks';
import type { Colleague, User } from '../../shared/auth.ts';
import { loadDirectory } from '../../db/directory.ts';
import { useLiveQuery } from './use-live-query.ts';
import type { MessageKey, Params } from '../i18n/index.ts';
import { useSignedIn } from '../app/session-context.ts';

export type Directory = ReadonlyMap<string, Pick<Colleague, 'name'>>;

export function inspectorLabel(
  inspectorId: string,
  me: Pick<User, 'id' | 'name'>,
  t: (key: MessageKey, params?: Params) => string,
  directory: Directory = new Map(),
): string {
  if (inspectorId === me.id) return me.name;
  return directory.get(inspectorId)?.name ?? t('people.inspector', { id: inspectorId.slice(0, 8) });
}

const none: Directory = new Map();

/** The colleagues the device knows, by id; empty until the first sync. */
export function useDirectory(): Directory {
  const { db } = useSignedIn();
  const directory = useLiveQuery(() => loadDirectory(db), [db]);
  return useMemo(() => (directory.state === 'ready' ? directory.value : none), [directory]);
}
