// The store contract (store-contract.ts) on PostgreSQL, when TEST_DATABASE_URL names a server to use
// (any database of it: each run creates a database of its own there and drops it at the end); skipped,
// saying so, otherwise. A throw-away server: see the README, "Tests".
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { PgStore } from '../../src/server/store/pg/pg-store.ts';
import { storeContract } from './store-contract.ts';

const url = process.env.TEST_DATABASE_URL;

/** The same server, another database: the URL's last path segment replaced. */
const withDatabase = (text: string, database: string) => text.replace(/^([^?]*\/)[^/?]*(\?.*)?$/, `$1${database}$2`);

if (!url) {
  console.info('store-contract-pg: skipped, TEST_DATABASE_URL is not set (a PostgreSQL server to create a test database on)');
  describe.skip('the store contract: PostgreSQL (TEST_DATABASE_URL not set)', () => {
    it('runs when TEST_DATABASE_URL is set', () => {});
  });
} else {
  storeContract('PostgreSQL', async () => {
    const database = `tillsyn_contract_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const store = await PgStore.open(withDatabase(url, database));
    const setMeta = (key: string, value: string) => store.pool.query('UPDATE meta SET value = $1 WHERE key = $2', [value, key]);
    return {
      store,
      setTombstoneFloor: async (version) => void (await setMeta('tombstone_floor', String(version))),
      renewDatabaseId: async () => void (await setMeta('database_id', `restored-${Date.now()}`)),
      dispose: async () => {
        await store.close();
        await admin.query(`DROP DATABASE ${database}`);
        await admin.end();
      },
    };
  });
}
