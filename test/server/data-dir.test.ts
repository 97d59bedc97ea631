// The data folder at start: readable by its owner only, and every failure to open it names the file.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDataDir } from '../../src/server/bootstrap.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tillsyn-data-dir-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

describe('permissions', () => {
  const dbFiles = (dataDir: string) => ['', '-wal', '-shm'].map((suffix) => join(dataDir, DATABASE_FILE + suffix));

  it('makes the folder 0700 and the database with its -wal and -shm 0600', async () => {
    const dataDir = join(dir, 'data');
    const store = await openDataDir(dataDir);
    try {
      expect(mode(dataDir).toString(8)).toBe('700');
      for (const file of dbFiles(dataDir)) {
        expect(existsSync(file), file).toBe(true);
        expect(mode(file).toString(8), file).toBe('600');
      }
    } finally {
      await store.close();
    }
  });

  it('tightens a folder and files that exist already, readable by all', async () => {
    const dataDir = join(dir, 'data');
    await (await openDataDir(dataDir)).close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, DATABASE_FILE), 0o644);
    // A -wal and -shm left by an earlier run (or made by another tool) with the usual umask.
    writeFileSync(join(dataDir, `${DATABASE_FILE}-wal`), '', { mode: 0o644 });
    writeFileSync(join(dataDir, `${DATABASE_FILE}-shm`), '', { mode: 0o644 });
    chmodSync(join(dataDir, `${DATABASE_FILE}-wal`), 0o644);
    chmodSync(join(dataDir, `${DATABASE_FILE}-shm`), 0o644);

    const store = await openDataDir(dataDir);
    try {
      expect(mode(dataDir).toString(8)).toBe('700');
      for (const file of dbFiles(dataDir)) expect(mode(file).toString(8), file).toBe('600');
    } finally {
      await store.close();
    }
  });
});

describe('failures at start name the file', () => {
  it('a DATA_DIR that is a file', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'hello');
    await expect(openDataDir(file)).rejects.toThrow(`The data folder ${file} (DATA_DIR) is a file, not a folder`);
  });

  it('a corrupt database file', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, DATABASE_FILE), 'this is not a SQLite database, only text long enough to look like a header '.repeat(20));
    await expect(openDataDir(dataDir)).rejects.toThrow(new RegExp(`^Cannot open the database ${join(dataDir, DATABASE_FILE)}: .*not a database`));
  });

  it('a database path that is a folder', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(join(dataDir, DATABASE_FILE), { recursive: true });
    await expect(openDataDir(dataDir)).rejects.toThrow(`Cannot open the database ${join(dataDir, DATABASE_FILE)}: `);
  });

  it('a DATA_DIR inside a file', async () => {
    writeFileSync(join(dir, 'file'), 'hello');
    const dataDir = join(dir, 'file', 'data');
    await expect(openDataDir(dataDir)).rejects.toThrow(`Cannot create the data folder ${dataDir} (DATA_DIR): `);
  });

  // Root may write anywhere, so this one only proves something for an ordinary user.
  it.skipIf(process.getuid?.() === 0)('a folder this user may not write', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir, { mode: 0o500 });
    await expect(openDataDir(dataDir)).rejects.toThrow(`Cannot open the database ${join(dataDir, DATABASE_FILE)}: `);
  });
});
