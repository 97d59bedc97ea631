// This device's sync identity for one user (SYNC.md, "Identities"): made once per user database, shared
// by every tab, kept for the database's life so the server can tell a resent mutation from a new one.
import type { UserDb } from './database.ts';

export const CLIENT_ID_KEY = 'clientId';

/**
 * The database's client id, made on first use. Read and made in one transaction, so two tabs starting
 * at once agree on one id (IndexedDB runs overlapping read-write transactions one after the other).
 */
export async function getClientId(db: UserDb, makeId: () => string = () => crypto.randomUUID()): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const stored = (await db.meta.get(CLIENT_ID_KEY))?.value;
    if (typeof stored === 'string' && stored !== '') return stored;
    const id = makeId();
    await db.meta.put({ key: CLIENT_ID_KEY, value: id });
    return id;
  });
}
