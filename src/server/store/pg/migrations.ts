// Numbered schema migrations of the PostgreSQL store, the same tables as the SQLite store's
// (store/migrations.ts) in PostgreSQL's types. Migration 1 is the SQLite schema as of its migration 9:
// a PostgreSQL database starts at protocol version 4, so the data migrations SQLite needed on the way
// (6: protocol-1 visits) have nothing to do here. Append only, as for SQLite; the next change to the
// schema is a new migration in both stores.
//
// Texts compared in the pull order (entity, id) use the "C" collation: byte order, as SQLite and the
// devices compare them, so a cursor means the same position on either store.
import type { PoolClient } from 'pg';

type Migration = { version: number; sql: string };

const pgMigrations: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('inspector', 'coordinator', 'admin')),
        region_ids JSONB NOT NULL DEFAULT '[]',
        password_hash TEXT NOT NULL,
        disabled BOOLEAN NOT NULL DEFAULT false,
        created_at TEXT NOT NULL
      );

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        last_used_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE INDEX sessions_expires ON sessions (expires_at);

      -- Every synced entity in one table: the pull reads it in (version, entity, id) order.
      CREATE TABLE records (
        entity TEXT COLLATE "C" NOT NULL,
        id TEXT COLLATE "C" NOT NULL,
        version BIGINT NOT NULL,
        deleted BOOLEAN NOT NULL DEFAULT false,
        region_id TEXT NULL, -- null: visible to every region
        data JSON NOT NULL, -- JSON, not JSONB: the text kept as written, as SQLite keeps it
        field_meta JSON NOT NULL DEFAULT '{}', -- {field: [version, clientId]}
        updated_at TEXT,
        updated_by TEXT,
        private_to TEXT, -- a readiness sheet not yet shown: its scorer alone reads it
        PRIMARY KEY (entity, id)
      );
      CREATE INDEX records_version ON records (version, entity, id);
      CREATE INDEX records_visit ON records (entity, (data->>'visitId')) WHERE NOT deleted;
      CREATE INDEX records_interview ON records ((data->>'interviewId')) WHERE entity = 'readinessScore';
      CREATE INDEX records_assessment ON records ((data->>'assessmentId')) WHERE entity = 'interview';

      -- 'version': the counter a push locks (FOR UPDATE) to take its version; 'tombstone_floor'; 'database_id'.
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      INSERT INTO meta (key, value) VALUES ('version', '0'), ('tombstone_floor', '0'),
        ('database_id', md5(random()::text || clock_timestamp()::text));

      CREATE TABLE sync_clients (
        client_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        last_seq BIGINT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE sync_rejections (
        client_id TEXT NOT NULL REFERENCES sync_clients(client_id),
        seq BIGINT NOT NULL,
        error TEXT NOT NULL,
        PRIMARY KEY (client_id, seq)
      );
      CREATE TABLE conflicts (
        id BIGSERIAL PRIMARY KEY,
        version BIGINT NOT NULL,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        field TEXT NOT NULL,
        yours TEXT,
        kept TEXT,
        client_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        at TEXT NOT NULL,
        seq BIGINT
      );
      CREATE INDEX conflicts_record ON conflicts (entity, record_id);
      CREATE TABLE history (
        id BIGSERIAL PRIMARY KEY,
        version BIGINT NOT NULL,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        op TEXT NOT NULL,
        user_id TEXT NOT NULL,
        client_id TEXT,
        at TEXT NOT NULL,
        before TEXT,
        after TEXT,
        seq BIGINT
      );
      CREATE INDEX history_record ON history (entity, record_id, version);
      CREATE INDEX history_client_seq ON history (client_id, seq);
      CREATE INDEX history_at ON history (at);

      CREATE TABLE device_reports (
        client_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        app_version TEXT NOT NULL,
        browser TEXT,
        os TEXT,
        pending INTEGER NOT NULL,
        oldest_pending_at TEXT,
        rejected INTEGER NOT NULL,
        last_push_at TEXT,
        last_pull_at TEXT,
        reported_at TEXT NOT NULL
      );
      CREATE INDEX device_reports_user ON device_reports (user_id);
    `,
  },
  {
    version: 2,
    // Failed sign-ins (auth/rate-limit.ts), as SQLite's migration 10: shared by every instance.
    sql: `
      CREATE TABLE login_failures (
        id BIGSERIAL PRIMARY KEY,
        key TEXT NOT NULL,
        at BIGINT NOT NULL -- ms since the epoch
      );
      CREATE INDEX login_failures_key ON login_failures (key, at);
      CREATE INDEX login_failures_at ON login_failures (at);
      -- The export reads a period in (at, id) byte order (pg-history.ts): this index, whatever the locale.
      CREATE INDEX history_at_c ON history ((at COLLATE "C"), id);
    `,
  },
  {
    version: 3,
    // Attachments' files (protocol version 5), as SQLite's migration 11, with the bytes in the database
    // so that every instance serves every file (the one column SQLite keeps as files instead).
    sql: `
      CREATE TABLE blobs (
        sha256 TEXT COLLATE "C" PRIMARY KEY,
        media_type TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        touched_at TEXT NOT NULL,
        data BYTEA NOT NULL
      );
      ALTER TABLE blobs ALTER COLUMN data SET STORAGE EXTERNAL;
      CREATE INDEX blobs_touched ON blobs (touched_at);
      CREATE INDEX records_attachment_sha ON records ((data->>'sha256')) WHERE entity = 'attachment';
      CREATE INDEX records_attachment_thumb ON records ((data->>'thumbSha256')) WHERE entity = 'attachment';
    `,
  },
];

/**
 * Applies the migrations not yet recorded, in one transaction, under an advisory lock so that two
 * instances starting at once do not both apply them; answers the versions applied.
 */
export async function applyPgMigrations(client: PoolClient, list: readonly Migration[] = pgMigrations): Promise<number[]> {
  await client.query('BEGIN');
  try {
    // Any constant: the migrations' own lock, released at the commit.
    await client.query('SELECT pg_advisory_xact_lock(8451672031)');
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const newest = Math.max(0, ...list.map((m) => m.version));
    if ([...done].some((v) => v > newest)) throw new Error('The database was written by a newer server than this one');
    const applied: number[] = [];
    for (const m of list) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [m.version, new Date().toISOString()]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
