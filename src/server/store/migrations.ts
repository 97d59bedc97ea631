// Numbered schema migrations of the SQLite store. Append only: a released migration never changes;
// a new one gets the next number.
import type { Database } from 'better-sqlite3';

type Migration = { version: number; sql: string };

export const migrations: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('inspector', 'coordinator', 'admin')),
        region_ids TEXT NOT NULL DEFAULT '[]',
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        last_used_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE INDEX sessions_expires ON sessions(expires_at);

      -- Every synced entity in one table: the pull reads it in (version, entity, id) order.
      CREATE TABLE records (
        entity TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        region_id TEXT NULL, -- null: visible to every region
        data TEXT NOT NULL, -- JSON of the fields
        field_meta TEXT NOT NULL DEFAULT '{}', -- {field: [version, clientId]}
        updated_at TEXT,
        updated_by TEXT,
        PRIMARY KEY (entity, id)
      );
      CREATE INDEX records_version ON records(version, entity, id);

      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      INSERT INTO meta (key, value) VALUES ('version', '0');
    `,
  },
  {
    version: 2,
    // Sync (SYNC.md): each client's last seq and its rejected seqs, so a resent batch is answered as
    // before; the conflict log keeps every value that lost; the history is the audit trail.
    sql: `
      CREATE TABLE sync_clients (
        client_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        last_seq INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE sync_rejections (
        client_id TEXT NOT NULL REFERENCES sync_clients(client_id),
        seq INTEGER NOT NULL,
        error TEXT NOT NULL,
        PRIMARY KEY (client_id, seq)
      );
      CREATE TABLE conflicts (
        id INTEGER PRIMARY KEY,
        version INTEGER NOT NULL,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        field TEXT NOT NULL,
        yours TEXT,
        kept TEXT,
        client_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX conflicts_record ON conflicts (entity, record_id);
      CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        version INTEGER NOT NULL,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        op TEXT NOT NULL,
        user_id TEXT NOT NULL,
        client_id TEXT,
        at TEXT NOT NULL,
        before TEXT,
        after TEXT
      );
      CREATE INDEX history_record ON history (entity, record_id, version);
      CREATE INDEX records_visit ON records (entity, json_extract(data, '$.visitId')) WHERE deleted = 0;
      INSERT INTO meta (key, value) VALUES ('tombstone_floor', '0');
    `,
  },
  {
    version: 3,
    // The mutation (client, seq) behind each history and conflict row: the audit names the change that
    // made it, and a resent mutation applied twice would show as two rows with one seq.
    sql: `
      ALTER TABLE history ADD COLUMN seq INTEGER;
      ALTER TABLE conflicts ADD COLUMN seq INTEGER;
      CREATE INDEX history_client_seq ON history (client_id, seq);
    `,
  },
  {
    version: 4,
    // An id per session that the command line can show and end it by: the token hash must not leave
    // the database, and the token is never stored. Random, not the rowid, which VACUUM may renumber.
    sql: `
      ALTER TABLE sessions ADD COLUMN id TEXT;
      UPDATE sessions SET id = lower(hex(randomblob(6)));
      CREATE UNIQUE INDEX sessions_id ON sessions (id);
    `,
  },
  {
    version: 5,
    // The database's identity, carried by every pull cursor. A restore gives the database a new one,
    // so every device pulls again from the beginning even once the restored server has passed the
    // versions its cursor names (versions are handed out again after a restore).
    sql: `
      INSERT INTO meta (key, value) VALUES ('database_id', lower(hex(randomblob(8)))) ON CONFLICT(key) DO NOTHING;
    `,
  },
  {
    version: 6,
    // Protocol version 2: a visit covers one or more areas, `templateIds` in place of `templateId`.
    // Versions stay as they are: each device makes the same change to its own copy when the app updates.
    sql: `
      UPDATE records
      SET data = json_set(json_remove(data, '$.templateId'), '$.templateIds', json_array(json_extract(data, '$.templateId'))),
          field_meta = CASE WHEN json_type(field_meta, '$.templateId') IS NULL THEN field_meta
            ELSE json_set(json_remove(field_meta, '$.templateId'), '$.templateIds', json(json_extract(field_meta, '$.templateId'))) END
      WHERE entity = 'visit' AND json_type(data, '$.templateId') IS NOT NULL;
    `,
  },
  {
    version: 7,
    // The audit trail is read for a period (the region's picture exports it) as well as per record.
    sql: `
      CREATE INDEX history_at ON history (at);
    `,
  },
  {
    version: 8,
    // The latest sync-health report of each device (SYNC.md, "The device's report"), for coordinators
    // and admins: one row per client id, written by the push or pull that carried it. Times are the
    // server's; `oldest_pending_at` is the report's age of the oldest waiting change taken from it.
    sql: `
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
    version: 9,
    // Protocol version 4: a readiness scorer's sheet is visible to its scorer alone until every scorer of
    // the interview is done (SYNC.md, "Readiness"); NULL, the rule for every other record: the region's.
    // Sheets are found by their interview, interviews by their assessment.
    sql: `
      ALTER TABLE records ADD COLUMN private_to TEXT;
      CREATE INDEX records_interview ON records (json_extract(data, '$.interviewId')) WHERE entity = 'readinessScore';
      CREATE INDEX records_assessment ON records (json_extract(data, '$.assessmentId')) WHERE entity = 'interview';
    `,
  },
  {
    version: 10,
    // Failed sign-ins (auth/rate-limit.ts), in the database rather than the process's memory, so that
    // every instance on one database counts them together; rows older than the longest window are deleted.
    sql: `
      CREATE TABLE login_failures (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        at INTEGER NOT NULL -- ms since the epoch
      );
      CREATE INDEX login_failures_key ON login_failures (key, at);
      CREATE INDEX login_failures_at ON login_failures (at);
    `,
  },
  {
    version: 11,
    // Attachments' files (protocol version 5): what the server holds of each, by its SHA-256; the bytes
    // are files under DATA_DIR (blobs/fs-blob-store.ts), a row written only once its file is durable.
    // touched_at: the last upload of it (a PUT of a file already held renews it), from which garbage
    // collection counts its grace. The attachments that name a file, by its hash, for who may fetch it
    // and for removing files no record names.
    sql: `
      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        media_type TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        touched_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX blobs_touched ON blobs (touched_at);
      CREATE INDEX records_attachment_sha ON records (json_extract(data, '$.sha256')) WHERE entity = 'attachment';
      CREATE INDEX records_attachment_thumb ON records (json_extract(data, '$.thumbSha256')) WHERE entity = 'attachment';
    `,
  },
];

/**
 * Applies the migrations not yet recorded in `schema_migrations`, all in one transaction, and answers
 * the versions it applied (none when the database is up to date).
 */
export function applyMigrations(db: Database, list: readonly Migration[] = migrations): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`);
  const run = db.transaction(() => {
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    const current = row.v ?? 0;
    const known = Math.max(0, ...list.map((m) => m.version));
    if (current > known) {
      throw new Error(
        `The database is at schema version ${current}, newer than this server knows (${known}): run a newer server.`,
      );
    }
    const pending = [...list].filter((m) => m.version > current).sort((a, b) => a.version - b.version);
    const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.version, new Date().toISOString());
    }
    return pending.map((m) => m.version);
  });
  // IMMEDIATE: a second process starting at the same time waits instead of migrating twice.
  return run.immediate();
}
