// Attachments' files over HTTP on SQLite (blobs-contract.ts): files under DATA_DIR/blobs.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataDir } from '../../src/server/bootstrap.ts';
import { blobsContract } from './blobs-contract.ts';

blobsContract('SQLite, files under DATA_DIR', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tillsyn-blobs-'));
  const store = await openDataDir(join(dir, 'data'));
  const root = join(dir, 'data', 'blobs');
  return {
    store,
    rows: async () => (store.db.prepare('SELECT sha256 FROM blobs').all() as { sha256: string }[]).map((r) => r.sha256),
    files: () => (existsSync(root) ? readdirSync(root).flatMap((folder) => readdirSync(join(root, folder))) : []),
    setTouched: async (sha256, at) => void store.db.prepare('UPDATE blobs SET touched_at = ? WHERE sha256 = ?').run(at, sha256),
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
