// Users, sessions and failed sign-ins on PostgreSQL: the SQLite store's statements in PostgreSQL's
// dialect. Everything the server knows between requests is here, in the database, so any instance can
// answer any request (no sticky sessions).
import type { Pool } from 'pg';
import type { Role } from '../../../shared/workflow.ts';
import { UsernameTakenError, type LoginFailures, type NewSession, type NewUser, type SessionInfo, type SessionRecord, type UserRecord, type UserUpdate } from '../store.ts';
import { inTransaction } from './pg-sync-port.ts';

type UserRow = { id: string; username: string; name: string; role: Role; region_ids: string[]; password_hash: string; disabled: boolean; created_at: string };
type SessionRow = { id: string; token_hash: string; user_id: string; created_at: string; last_used_at: string; expires_at: string };

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  name: r.name,
  role: r.role,
  regionIds: r.region_ids,
  passwordHash: r.password_hash,
  disabled: r.disabled,
  createdAt: r.created_at,
});

const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  userId: r.user_id,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  expiresAt: r.expires_at,
});

/** The advisory lock that makes sign-in bookkeeping one attempt at a time across instances (any constant). */
const LOGIN_LOCK = 8451672032;

export function createPgUsers(pool: Pool) {
  const rows = async <T extends object>(sql: string, params: unknown[] = []) => (await pool.query<T>(sql, params)).rows;
  const changed = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rowCount ?? 0;
  const one = async (where: string, value: string) => (await rows<UserRow>(`SELECT * FROM users WHERE ${where} = $1`, [value])).map(toUser)[0];

  return {
    countUsers: async () => Number((await rows<{ n: string }>('SELECT COUNT(*) AS n FROM users'))[0]!.n),

    async createUser(user: NewUser): Promise<void> {
      try {
        await pool.query(
          'INSERT INTO users (id, username, name, role, region_ids, password_hash, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, false, $7)',
          [user.id, user.username, user.name, user.role, JSON.stringify(user.regionIds), user.passwordHash, user.createdAt],
        );
      } catch (e) {
        // 23505: unique_violation; the id is a fresh UUID, so the username is what clashed.
        if ((e as { code?: string }).code === '23505') throw new UsernameTakenError(user.username);
        throw e;
      }
    },

    userById: (id: string) => one('id', id),
    userByUsername: (username: string) => one('username', username),
    listUsers: async () => (await rows<UserRow>('SELECT * FROM users ORDER BY username COLLATE "C"')).map(toUser),

    setUserDisabled: (userId: string, disabled: boolean) =>
      inTransaction(pool, 'BEGIN', async (client) => {
        await client.query('UPDATE users SET disabled = $1 WHERE id = $2', [disabled, userId]);
        if (disabled) await client.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
      }),

    async updateUser(userId: string, u: UserUpdate): Promise<void> {
      await pool.query('UPDATE users SET name = $1, role = $2, region_ids = $3 WHERE id = $4', [u.name, u.role, JSON.stringify(u.regionIds), userId]);
    },

    setUserPassword: (userId: string, passwordHash: string) =>
      inTransaction(pool, 'BEGIN', async (client) => {
        await client.query('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, userId]);
        return (await client.query('DELETE FROM sessions WHERE user_id = $1', [userId])).rowCount ?? 0;
      }),

    async createSession(s: NewSession): Promise<void> {
      // The id as SQLite makes it: 12 random hex digits.
      await pool.query(
        `INSERT INTO sessions (id, token_hash, user_id, created_at, last_used_at, expires_at)
         VALUES (substr(md5(random()::text || clock_timestamp()::text), 1, 12), $1, $2, $3, $4, $5)`,
        [s.tokenHash, s.userId, s.createdAt, s.lastUsedAt, s.expiresAt],
      );
    },

    async sessionWithUser(tokenHash: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined> {
      const [session] = await rows<SessionRow>('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]);
      if (!session) return undefined;
      const user = await one('id', session.user_id);
      return user && { session: toSession(session), user };
    },

    async touchSession(tokenHash: string, lastUsedAt: string, expiresAt: string): Promise<void> {
      await pool.query('UPDATE sessions SET last_used_at = $1, expires_at = $2 WHERE token_hash = $3', [lastUsedAt, expiresAt, tokenHash]);
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },

    deleteExpiredSessions: (now: string) => changed('DELETE FROM sessions WHERE expires_at <= $1', [now]),

    async listSessions(userId?: string): Promise<SessionInfo[]> {
      const found = await rows<Omit<SessionRow, 'token_hash'> & { username: string }>(
        `SELECT s.id, s.user_id, u.username, s.created_at, s.last_used_at, s.expires_at
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE $1::text IS NULL OR s.user_id = $1
         ORDER BY u.username COLLATE "C", s.created_at, s.id COLLATE "C"`,
        [userId ?? null],
      );
      return found.map((r) => ({ id: r.id, userId: r.user_id, username: r.username, createdAt: r.created_at, lastUsedAt: r.last_used_at, expiresAt: r.expires_at }));
    },

    deleteSessionById: async (id: string) => (await changed('DELETE FROM sessions WHERE id = $1', [id])) > 0,
    deleteUserSessions: (userId: string) => changed('DELETE FROM sessions WHERE user_id = $1', [userId]),

    /** See Store.loginAttempt: one at a time across instances, under an advisory lock held to the commit. */
    loginAttempt: (keys: readonly string[], since: number, at: number, decide: (failures: LoginFailures) => readonly string[]) =>
      inTransaction(pool, 'BEGIN', async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [LOGIN_LOCK]);
        await client.query('DELETE FROM login_failures WHERE at <= $1', [since]);
        const found = await client.query<{ key: string; at: string }>('SELECT key, at FROM login_failures WHERE key = ANY($1) AND at > $2 ORDER BY at, id', [[...keys], since]);
        const failures = new Map<string, number[]>(keys.map((k) => [k, []]));
        for (const r of found.rows) failures.get(r.key)!.push(Number(r.at));
        const ids: number[] = [];
        for (const key of decide(failures)) {
          const inserted = await client.query<{ id: string }>('INSERT INTO login_failures (key, at) VALUES ($1, $2) RETURNING id', [key, at]);
          ids.push(Number(inserted.rows[0]!.id));
        }
        return ids;
      }),

    forgetLoginFailures: (ids: readonly number[], clearKeys: readonly string[]) =>
      inTransaction(pool, 'BEGIN', async (client) => {
        await client.query('DELETE FROM login_failures WHERE id = ANY($1) OR key = ANY($2)', [[...ids], [...clearKeys]]);
      }),
  };
}
