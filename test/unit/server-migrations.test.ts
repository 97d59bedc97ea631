// @vitest-environment node
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, migrations } from '../../src/server/store/migrations.ts';
import { openSqliteStore } from '../../src/server/store/sqlite-store.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tillsyn-migrations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('give a fresh database every table, each migration recorded once', async () => {
    const store = openSqliteStore(join(dir, 'db.sqlite'));
    expect(tables(store.db)).toEqual(expect.arrayContaining(['meta', 'records', 'schema_migrations', 'sessions', 'users']));
    const applied = store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    expect(applied.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    expect(await store.currentVersion()).toBe(0);
    const indexes = store.db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records'`).all() as { sql: string | null }[];
    expect(indexes.map((i) => i.sql ?? '').join('\n')).toMatch(/\(version, entity, id\)/);
    await store.close();
  });

  it('carry protocol-1 visits to `templateIds`, with their field versions, and leave their record versions', () => {
    const db = new BetterSqlite3(join(dir, 'v5.sqlite'));
    applyMigrations(db, migrations.filter((m) => m.version <= 5));
    const insert = db.prepare('INSERT INTO records (entity, id, version, region_id, data, field_meta) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('visit', 'v1', 7, 'avi-1', JSON.stringify({ municipalityId: '091', templateId: 'ept-v1', status: 'approved' }), JSON.stringify({ templateId: [3, 'c1'], status: [7, 'c2'] }));
    insert.run('answer', 'v1:EPT-01', 4, 'avi-1', JSON.stringify({ visitId: 'v1', itemId: 'EPT-01', value: 'yes' }), '{}');
    expect(applyMigrations(db)).toEqual([6, 7, 8, 9, 10, 11]);
    const visit = db.prepare(`SELECT version, data, field_meta FROM records WHERE entity = 'visit'`).get() as { version: number; data: string; field_meta: string };
    expect(visit.version).toBe(7);
    expect(JSON.parse(visit.data)).toEqual({ municipalityId: '091', templateIds: ['ept-v1'], status: 'approved' });
    expect(JSON.parse(visit.field_meta)).toEqual({ templateIds: [3, 'c1'], status: [7, 'c2'] });
    const answer = db.prepare(`SELECT data FROM records WHERE entity = 'answer'`).get() as { data: string };
    expect(JSON.parse(answer.data)).toEqual({ visitId: 'v1', itemId: 'EPT-01', value: 'yes' });
    db.close();
  });

  it('are a no-op when run again, on an open database or a reopened one', async () => {
    const file = join(dir, 'db.sqlite');
    const store = openSqliteStore(file);
    expect(applyMigrations(store.db)).toEqual([]);
    await store.close();
    const again = openSqliteStore(file);
    expect(applyMigrations(again.db)).toEqual([]);
    expect((again.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(migrations.length);
    await again.close();
  });

  it('apply only the pending ones, in order, and roll back all of them when one fails', () => {
    const db = new BetterSqlite3(join(dir, 'db.sqlite'));
    const list = [
      { version: 1, sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, sql: 'CREATE TABLE b (x INTEGER)' },
    ];
    expect(applyMigrations(db, list)).toEqual([1, 2]);
    const broken = [...list, { version: 3, sql: 'CREATE TABLE c (x INTEGER)' }, { version: 4, sql: 'CREATE TABLE oops (' }];
    expect(() => applyMigrations(db, broken)).toThrow();
    expect(tables(db)).not.toContain('c');
    expect(applyMigrations(db, [...list, { version: 3, sql: 'CREATE TABLE c (x INTEGER)' }])).toEqual([3]);
    db.close();
  });

  it('refuse a database newer than the server', () => {
    const db = new BetterSqlite3(join(dir, 'db.sqlite'));
    applyMigrations(db, [{ version: 1, sql: 'SELECT 1' }, { version: 2, sql: 'SELECT 1' }]);
    expect(() => applyMigrations(db, [{ version: 1, sql: 'SELECT 1' }])).toThrow(/newer than this server/);
    db.close();
  });

  it('open the database with WAL, synchronous FULL, foreign keys and a busy timeout', async () => {
    const store = openSqliteStore(join(dir, 'db.sqlite'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    // Foreign keys really are enforced: a session needs its user.
    expect(() =>
      store.db.prepare(`INSERT INTO sessions (token_hash, user_id, created_at, last_used_at, expires_at) VALUES ('h', 'no-such-user', 'x', 'x', 'x')`).run(),
    ).toThrow(/FOREIGN KEY/);
    await store.close();
  });
});
