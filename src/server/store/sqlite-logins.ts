// Failed sign-ins on SQLite (migration 10): checked and counted in one IMMEDIATE transaction, so two
// attempts (or two processes on the file) never both pass a limit that has room for one.
import type { Database } from 'better-sqlite3';
import type { LoginFailures } from './store.ts';

export function createSqliteLogins(db: Database) {
  const q = {
    prune: db.prepare<[number]>('DELETE FROM login_failures WHERE at <= ?'),
    ofKey: db.prepare<[string, number], { at: number }>('SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at, id'),
    add: db.prepare<[string, number]>('INSERT INTO login_failures (key, at) VALUES (?, ?)'),
    remove: db.prepare<[number]>('DELETE FROM login_failures WHERE id = ?'),
    clear: db.prepare<[string]>('DELETE FROM login_failures WHERE key = ?'),
  };

  const attempt = db.transaction((keys: readonly string[], since: number, at: number, decide: (f: LoginFailures) => readonly string[]): number[] => {
    q.prune.run(since);
    const failures = new Map(keys.map((key) => [key, q.ofKey.all(key, since).map((r) => r.at)]));
    return decide(failures).map((key) => Number(q.add.run(key, at).lastInsertRowid));
  });

  const forget = db.transaction((ids: readonly number[], clearKeys: readonly string[]) => {
    for (const id of ids) q.remove.run(id);
    for (const key of clearKeys) q.clear.run(key);
  });

  return {
    attempt: (keys: readonly string[], since: number, at: number, decide: (f: LoginFailures) => readonly string[]) => attempt.immediate(keys, since, at, decide),
    forget: (ids: readonly number[], clearKeys: readonly string[]) => forget(ids, clearKeys),
  };
}
