// Attachments' files in `admin backup` and `admin restore` (SQLite: files under DATA_DIR/blobs): the
// backup file holds them, a restore onto a new machine's empty data folder brings them back, byte for
// byte, and the restored server serves them; `admin blobs gc` removes files no record names.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDataDir } from '../../src/server/bootstrap.ts';
import { blobStoreFor } from '../../src/server/blobs/index.ts';
import { runCli } from '../../src/server/cli.ts';
import type { SyncUser } from '../../src/server/store/store.ts';
import { SCHEMA_VERSION } from '../../src/shared/protocol.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const jpeg = (n: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(n - 4)]);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tillsyn-blob-backup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], dataDir: string, env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdin: Readable.from([]), out: (t) => (out += t), err: (t) => (err += t), env: { DATA_DIR: dataDir, ...env } });
  return { code, out, err };
}

const ilona: SyncUser = { userId: randomUUID(), role: 'inspector', regionIds: ['avi-1'] };

/** A data folder with a visit, an attachment naming a photo and its small copy, and a file no record names. */
async function dataFolder(data: string) {
  const store = await openDataDir(data);
  await store.createUser({ id: ilona.userId, username: 'ilona', name: 'Ilona', role: 'inspector', regionIds: ['avi-1'], passwordHash: 'x', createdAt: new Date().toISOString() });
  const blobs = blobStoreFor(store);
  const photo = jpeg(200_000);
  const thumb = jpeg(4_000);
  const unnamed = jpeg(3_000);
  for (const b of [photo, thumb, unnamed]) await blobs.put(sha(b), new Blob([b]).stream(), { maxBytes: 1_000_000, at: new Date().toISOString() });
  const visit = randomUUID();
  const done = await store.push(ilona, {
    clientId: randomUUID(),
    schemaVersion: SCHEMA_VERSION,
    mutations: [
      { seq: 1, entity: 'visit', id: visit, op: 'upsert', baseVersion: null, fields: { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: ilona.userId, plannedDate: '2027-02-01', status: 'in_progress', attendees: [] } },
      { seq: 2, entity: 'attachment', id: randomUUID(), op: 'upsert', baseVersion: null, fields: { visitId: visit, sha256: sha(photo), thumbSha256: sha(thumb), mediaType: 'image/jpeg', bytes: photo.length } },
    ],
  });
  expect(done.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  return { store, photo, thumb, unnamed };
}

const fileOf = (data: string, hash: string) => join(data, 'blobs', hash.slice(0, 2), hash);

describe("attachments' files in a backup", () => {
  it('are in the backup file, and a restore onto an empty data folder brings them back byte for byte', async () => {
    const data = join(dir, 'data');
    const { store, photo, thumb, unnamed } = await dataFolder(data);
    // The backup is made while the server has the database open.
    const backup = join(dir, 'backup.db');
    const made = await cli(['backup', backup], data);
    await store.close();
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toContain('3 attachment files');
    expect(readdirSync(dir).sort()).toEqual(['backup.db', 'data']);

    // A new machine: nothing but the backup file.
    const fresh = join(dir, 'new-machine', 'data');
    const restored = await cli(['restore', backup], fresh);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('3 attachment files');
    for (const b of [photo, thumb, unnamed]) expect(readFileSync(fileOf(fresh, sha(b))).equals(b)).toBe(true);
    expect(readdirSync(join(fresh, 'blobs')).flatMap((f) => readdirSync(join(fresh, 'blobs', f))).filter((n) => n.startsWith('.'))).toEqual([]);
    // The restored database is the server's own again: no table of the backup's left in it.
    const db = new BetterSqlite3(join(fresh, 'tillsyn.db'), { readonly: true });
    try {
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'backup_blob_files'").get()).toBeUndefined();
      expect(db.prepare('SELECT COUNT(*) AS n FROM blobs').get()).toEqual({ n: 3 });
    } finally {
      db.close();
    }
    const again = await openDataDir(fresh);
    try {
      const blobs = blobStoreFor(again);
      expect(await blobs.visibleTo(sha(photo), ilona)).toBe(true);
      const read = await blobs.read(sha(photo));
      expect(Buffer.from(await new Response(read!.body).arrayBuffer()).equals(photo)).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('leave out a file gone from the folder, with its row, and say so', async () => {
    const data = join(dir, 'data');
    const { store, unnamed } = await dataFolder(data);
    await store.close();
    rmSync(fileOf(data, sha(unnamed)));
    const made = await cli(['backup', join(dir, 'backup.db')], data);
    expect(made.code).toBe(0);
    expect(made.out).toContain('2 attachment files');
    expect(made.out).toContain('1 file named in the database had gone');
    const restored = await cli(['restore', join(dir, 'backup.db')], join(dir, 'other'));
    expect(restored.code).toBe(0);
    const db = new BetterSqlite3(join(dir, 'other', 'tillsyn.db'), { readonly: true });
    try {
      expect((db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[]).includes(sha(unnamed))).toBe(false);
    } finally {
      db.close();
    }
  });
});

describe('admin blobs gc', () => {
  it('removes the files no record names once past BLOB_GC_GRACE_HOURS, and keeps the named ones', async () => {
    const data = join(dir, 'data');
    const { store, photo, thumb, unnamed } = await dataFolder(data);
    store.db.prepare('UPDATE blobs SET touched_at = ?').run('2001-01-01T00:00:00.000Z');
    await store.close();
    const done = await cli(['blobs', 'gc'], data, { BLOB_GC_GRACE_HOURS: '1' });
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    expect(done.out).toContain('Removed 1 file');
    expect(existsSync(fileOf(data, sha(unnamed)))).toBe(false);
    for (const b of [photo, thumb]) expect(existsSync(fileOf(data, sha(b)))).toBe(true);
    const wrong = await cli(['blobs', 'gc'], data, { BLOB_GC_GRACE_HOURS: 'a week' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('BLOB_GC_GRACE_HOURS');
  });
});
