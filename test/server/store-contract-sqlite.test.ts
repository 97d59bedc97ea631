// The store contract (store-contract.ts) on the SQLite store, in memory.
import BetterSqlite3 from 'better-sqlite3';
import { SqliteStore } from '../../src/server/store/sqlite-store.ts';
import { storeContract } from './store-contract.ts';

storeContract('SQLite', async () => {
  const store = new SqliteStore(new BetterSqlite3(':memory:'));
  const setMeta = (key: string, value: string) => store.db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(value, key);
  return {
    store,
    setTombstoneFloor: async (version) => void setMeta('tombstone_floor', String(version)),
    // What `admin restore` does to the restored copy (store/backup.ts).
    renewDatabaseId: async () => void setMeta('database_id', `restored-${Date.now()}`),
    dispose: () => store.close(),
  };
});
