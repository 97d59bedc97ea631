// Attachments' files over HTTP on PostgreSQL (blobs-contract.ts): the bytes in the database, when
// TEST_DATABASE_URL names a server (a database of its own is created and dropped); skipped otherwise.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PgBlobStore } from '../../src/server/blobs/pg-blob-store.ts';
import { seedReferenceData } from '../../src/server/reference-data/seed.ts';
import { PgStore } from '../../src/server/store/pg/pg-store.ts';
import { blobsContract, jpeg, sha } from './blobs-contract.ts';

const url = process.env.TEST_DATABASE_URL;
const withDatabase = (text: string, database: string) => text.replace(/^([^?]*\/)[^/?]*(\?.*)?$/, `$1${database}$2`);

if (!url) {
  console.info('blobs-pg: skipped, TEST_DATABASE_URL is not set (a PostgreSQL server to create a test database on)');
  describe.skip('attachments’ files on PostgreSQL (TEST_DATABASE_URL not set)', () => {
    it('runs when TEST_DATABASE_URL is set', () => {});
  });
} else {
  blobsContract('PostgreSQL, bytes in the database', async () => {
    const database = `tillsyn_blobs_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const store = await PgStore.open(withDatabase(url, database));
    await seedReferenceData(store);
    return {
      store,
      rows: async () => (await store.pool.query<{ sha256: string }>('SELECT sha256 FROM blobs')).rows.map((r) => r.sha256),
      files: () => [],
      setTouched: async (sha256, at) => void (await store.pool.query('UPDATE blobs SET touched_at = $2 WHERE sha256 = $1', [sha256, at])),
      dispose: async () => {
        await store.close();
        await admin.query(`DROP DATABASE ${database}`);
        await admin.end();
      },
    };
  });

  describe('a file read from PostgreSQL', () => {
    it('comes in slices, one query each, whole and in order', async () => {
      const database = `tillsyn_blobs_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      const store = await PgStore.open(withDatabase(url, database));
      try {
        const blobs = new PgBlobStore(store.pool, 1000);
        const bytes = jpeg(3_500);
        const body = new Blob([bytes]).stream();
        expect((await blobs.put(sha(bytes), body, { maxBytes: 10_000, at: '2027-01-01T00:00:00.000Z' })).created).toBe(true);
        const read = await blobs.read(sha(bytes));
        const parts: Uint8Array[] = [];
        for await (const part of read!.body as unknown as AsyncIterable<Uint8Array>) parts.push(part);
        expect(parts.map((p) => p.length)).toEqual([1000, 1000, 1000, 500]);
        expect(Buffer.concat(parts).equals(bytes)).toBe(true);
      } finally {
        await store.close();
        await admin.query(`DROP DATABASE ${database}`);
        await admin.end();
      }
    });
  });
}
