// This device's sync identity for one user (SYNC.md, "Identities"): made once per user database, shared
// by every tab, kept for the database's life so the server can tell a resent mutation from a new one.
import type { UserDb } from './database.ts';
import { readMeta, writeMeta, type MetaKey } from './meta.ts';

export const CLIENT_ID_KEY = 'clientId' satisfies MetaKey;

/**
 * The database's client id, made on first use. Read and made in one transaction, so two tabs starting
 * at once agree on one id (IndexedDB runs overlapping read-write transactions one after the other).
 */
export async function getClientId(db: UserDb, makeId: () => string = () => crypto.randomUUID()): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const stored = await readMeta(db, CLIENT_ID_KEY);
    if (stored !== undefined) return stored;
    const id = makeId();
    await writeMeta(db, CLIENT_ID_KEY, id);
    return id;
  });
}
