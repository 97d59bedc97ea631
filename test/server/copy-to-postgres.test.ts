// `npm run admin -- copy-to-postgres` (issue 14, "Moving up"): an SQLite database made through the real
// push copied into a fresh PostgreSQL database, verified, and synced on from a device's old cursor without
// a RESET; a target with data refused; a row changed afterwards reported. The PostgreSQL half runs when
// TEST_DATABASE_URL names a server (each test a database of its own there); skipped, saying so, otherwise.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDataDir } from '../../src/server/bootstrap.ts';
import { blobStoreFor } from '../../src/server/blobs/index.ts';
import { runCli } from '../../src/server/cli.ts';
import { PgStore } from '../../src/server/store/pg/pg-store.ts';
import type { DeviceReportWrite, SyncUser } from '../../src/server/store/store.ts';
import type { SqliteStore } from '../../src/server/store/sqlite-store.ts';
import { SCHEMA_VERSION, type Change, type Mutation, type PushResponse } from '../../src/shared/protocol.ts';

const url = process.env.TEST_DATABASE_URL;

/** The same server, another database: the URL's last path segment replaced. */
const withDatabase = (text: string, database: string) => text.replace(/^([^?]*\/)[^/?]*(\?.*)?$/, `$1${database}$2`);

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tillsyn-copy-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdin: Readable.from([]), out: (t) => (out += t), err: (t) => (err += t), env: { DATA_DIR: join(dir, 'data') } });
  return { code, out, err };
}

describe('copy-to-postgres: usage', () => {
  it('refuses a missing --to with its usage (exit 2), and a --to that is not a PostgreSQL URL', async () => {
    const missing = await cli(['copy-to-postgres']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('copy-to-postgres --to postgres://');
    expect(missing.err).toContain('See: npm run admin -- --help');
    const wrong = await cli(['copy-to-postgres', '--to', 'mysql://root:secret@db/x']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('must be a PostgreSQL URL');
    expect(wrong.err).not.toContain('secret');
  });

  it('has help of its own', async () => {
    const help = await cli(['copy-to-postgres', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('npm run admin -- copy-to-postgres --to');
  });
});

type Device = { user: SyncUser; clientId: string; seq: number };
type Unsent = Mutation extends infer M ? (M extends Mutation ? Omit<M, 'seq'> : never) : never;
type Pushing = { push: (user: SyncUser, request: Parameters<SqliteStore['push']>[1], report?: DeviceReportWrite) => Promise<PushResponse> };

const report = (d: Device): DeviceReportWrite => ({ clientId: d.clientId, appVersion: '1.2.3', browser: 'Firefox', os: 'Linux', pending: 2, oldestAgeSeconds: 60, rejected: 0 });

async function push(store: Pushing, d: Device, mutations: Unsent[], seqs?: number[]): Promise<PushResponse> {
  const used = seqs ?? mutations.map(() => ++d.seq);
  return store.push(d.user, { clientId: d.clientId, schemaVersion: SCHEMA_VERSION, mutations: mutations.map((m, i) => ({ ...m, seq: used[i]! }) as Mutation) }, report(d));
}

type Pulling = { pull: SqliteStore['pull'] };
async function pullAll(store: Pulling, user: SyncUser, cursor: string | undefined): Promise<{ changes: Change[]; cursor: string }> {
  const changes: Change[] = [];
  for (;;) {
    const page = await store.pull(user, cursor, 50);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor };
  }
}

if (!url) {
  console.info('copy-to-postgres: the PostgreSQL tests skipped, TEST_DATABASE_URL is not set (a PostgreSQL server to create a test database on)');
  describe.skip('copy-to-postgres into PostgreSQL (TEST_DATABASE_URL not set)', () => {
    it('runs when TEST_DATABASE_URL is set', () => {});
  });
} else {
  describe('copy-to-postgres into PostgreSQL', () => {
    let admin: pg.Client;
    let database: string;
    let target: string;
    beforeEach(async () => {
      database = `tillsyn_copy_${randomBytes(6).toString('hex')}`;
      admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      target = withDatabase(url, database);
    });
    afterEach(async () => {
      await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
      await admin.end();
    });

    const ilona: SyncUser = { userId: randomUUID(), role: 'inspector', regionIds: ['avi-1'] };
    const kaisa: SyncUser = { userId: randomUUID(), role: 'coordinator', regionIds: ['avi-1'] };
    const device = (user: SyncUser): Device => ({ user, clientId: randomUUID(), seq: 0 });

    /** An SQLite data folder with a bit of everything, made through the real push; answers what the test continues with. */
    async function buildSqlite() {
      const store = await openDataDir(join(dir, 'data'));
      const now = new Date().toISOString();
      for (const [username, u] of Object.entries({ ilona, kaisa })) {
        await store.createUser({ id: u.userId, username, name: username, role: u.role, regionIds: [...u.regionIds], passwordHash: 'scrypt$hash', createdAt: now });
      }
      await store.createSession({ tokenHash: 'a'.repeat(64), userId: ilona.userId, createdAt: now, lastUsedAt: now, expiresAt: '2099-01-01T00:00:00.000Z' });
      // Sign-in failures counted against a username and an address.
      await store.loginAttempt(['user:ilona', 'ip:203.0.113.9'], 0, Date.now(), (failures) => [...failures.keys()]);
      const tablet = device(ilona);
      const laptop = device(ilona);
      const kaisas = device(kaisa);
      const visit = randomUUID();
      const contact = randomUUID();
      const made = await push(store, tablet, [
        upsert('visit', visit, { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: ilona.userId, plannedDate: '2027-02-01', status: 'in_progress', attendees: [], summary: 'Ääkköset & "quotes"' }),
        upsert('answer', `${visit}:EPT-01`, { visitId: visit, itemId: 'EPT-01', value: 'yes', comment: 'Meets monthly.' }),
        upsert('contact', contact, { municipalityId: '091', name: 'Aino Laine', areas: ['welfare'], active: true }),
      ]);
      // A conflict: both devices change the summary from the same base.
      await push(store, laptop, [upsert('visit', visit, { summary: 'From the laptop' }, made.version)]);
      await push(store, tablet, [upsert('visit', visit, { summary: 'From the tablet' }, made.version)]);
      // A tombstone.
      const contactVersion = (await store.getRecord('contact', contact))!.version;
      await push(store, tablet, [{ entity: 'contact', id: contact, op: 'delete', baseVersion: contactVersion }]);
      // A readiness sheet kept to its scorer: kaisa has not scored yet.
      const assessment = randomUUID();
      const interview = randomUUID();
      await push(store, tablet, [
        upsert('assessment', assessment, { municipalityId: '091', area: 'substance', issue: 'Alcohol and young people', scorerIds: [ilona.userId, kaisa.userId], status: 'draft' }),
        upsert('interview', interview, { assessmentId: assessment, role: 'Youth worker', sector: 'youth_work', date: '2027-02-03' }),
        upsert('readinessScore', `${interview}:${ilona.userId}`, { assessmentId: assessment, interviewId: interview, scorerId: ilona.userId, scores: { A: 3, B: 4, C: 5, D: 3, E: 4, F: 2 }, done: true }),
      ]);
      // A rejected mutation (another region's municipality is forbidden; an empty contact is invalid).
      await push(store, kaisas, [upsert('contact', randomUUID(), { municipalityId: '091', name: '', areas: [], active: true })]);
      // The device's cursor, then changes after it.
      const before = await pullAll(store, ilona, undefined);
      await push(store, tablet, [upsert('answer', `${visit}:EPT-01`, { comment: 'Meets every other month.' })]);
      return { store, tablet, visit, cursor: before.cursor };
    }

    it('copies everything, verifies it, and a device goes on syncing from its cursor without a RESET', async () => {
      const { store, tablet, visit, cursor } = await buildSqlite();
      const onSqlite = await pullAll(store, ilona, cursor);
      const kaisaOnSqlite = await pullAll(store, kaisa, undefined);
      const counts = Object.fromEntries(
        ['records', 'history', 'conflicts', 'sessions', 'users', 'sync_clients', 'sync_rejections', 'device_reports', 'meta', 'login_failures'].map((t) => [t, (store.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]),
      );
      const version = await store.currentVersion();
      await store.close();
      expect(counts.conflicts).toBeGreaterThan(0);
      expect(counts.sync_rejections).toBeGreaterThan(0);
      expect(counts.device_reports).toBeGreaterThan(0);
      expect(counts.login_failures).toBe(2);

      const copied = await cli(['copy-to-postgres', '--to', target, '--from', join(dir, 'data')]);
      expect(copied.err).toBe('');
      expect(copied.code).toBe(0);
      expect(copied.out).not.toContain('DIFFERS');
      for (const [table, n] of Object.entries(counts)) expect(copied.out).toMatch(new RegExp(`^${table}\\s+${n}\\s+${n}\\s+(\\w{16})\\s+\\1\\s+ok$`, 'm'));
      expect(copied.out).toContain('counts and checksums verified');

      const pgStore = await PgStore.open(target);
      try {
        expect(await pgStore.currentVersion()).toBe(version);
        const rows = (await pgStore.pool.query<{ private_to: string | null; deleted: boolean; entity: string }>("SELECT entity, private_to, deleted FROM records WHERE entity IN ('readinessScore', 'contact')")).rows;
        expect(rows.find((r) => r.entity === 'readinessScore')!.private_to).toBe(ilona.userId);
        expect(rows.some((r) => r.entity === 'contact' && r.deleted)).toBe(true);
        // The same cursor answers the same on PostgreSQL: no RESET, nothing skipped, nothing again.
        const onPg = await pullAll(pgStore, ilona, cursor);
        expect(onPg.changes).toEqual(onSqlite.changes);
        expect(onPg.changes.length).toBeGreaterThan(0);
        expect(onPg.cursor).toBe(onSqlite.cursor);
        // The blind rule holds on: kaisa still does not see ilona's sheet.
        const kaisaOnPg = await pullAll(pgStore, kaisa, undefined);
        expect(kaisaOnPg.changes).toEqual(kaisaOnSqlite.changes);
        expect(kaisaOnPg.changes.some((c) => c.entity === 'readinessScore')).toBe(false);
        // The device's last seq came along: a resend is a duplicate; its next change takes the next
        // version and a history id past the copied ones.
        const resent = await push(pgStore, tablet, [upsert('answer', `${visit}:EPT-01`, { comment: 'Resent' })], [tablet.seq]);
        expect(resent.results[0]!.status).toBe('duplicate');
        const next = await push(pgStore, tablet, [upsert('visit', visit, { summary: 'After the move' }, (await pgStore.getRecord('visit', visit))!.version)]);
        expect(next.results[0]).toMatchObject({ status: 'applied', version: version + 1 });
        const after = await pullAll(pgStore, ilona, onPg.cursor);
        expect(after.changes.map((c) => [c.entity, c.id, c.version])).toEqual([['visit', visit, version + 1]]);
        // The session signs in on PostgreSQL; the sign-in failures count on, with ids past the copied ones.
        expect((await pgStore.sessionWithUser('a'.repeat(64)))?.user.username).toBe('ilona');
        const ids = await pgStore.loginAttempt(['user:ilona'], 0, Date.now(), (failures) => {
          expect(failures.get('user:ilona')).toHaveLength(1);
          return ['user:ilona'];
        });
        expect(ids).toEqual([counts.login_failures! + 1]);
        const historyIds = (await pgStore.pool.query<{ id: string }>('SELECT id FROM history ORDER BY id')).rows.map((r) => Number(r.id));
        expect(new Set(historyIds).size).toBe(counts.history! + 1);
      } finally {
        await pgStore.close();
      }
    });

    it('pages through tables larger than a batch, text keys in byte order, and JSON whatever its key order', async () => {
      const store = await openDataDir(join(dir, 'data'));
      const prefixes = ['a', 'B', 'Ä', 'é', '~', '😀', 'Z', '0', ' '];
      const insertRecord = store.db.prepare('INSERT INTO records (entity, id, version, deleted, region_id, data, field_meta, updated_at, updated_by, private_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      const insertHistory = store.db.prepare('INSERT INTO history (version, entity, record_id, op, user_id, client_id, at, before, after, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      store.db.transaction(() => {
        for (let i = 0; i < 2500; i++) {
          const id = `${prefixes[i % prefixes.length]}${i}`;
          // Keys in another order than sorted, nested, unicode, numbers that are and are not whole.
          insertRecord.run('contact', id, 1000 + i, i % 7 === 0 ? 1 : 0, i % 3 ? 'avi-1' : null, `{"z":${i},"a":{"y":"Åsa ${i}","b":[1,2.5,null]},"m":"😀"}`, `{"z":[${1000 + i},"x"]}`, '2027-01-01T00:00:00.000Z', 'u', i % 11 === 0 ? 'u' : null);
          insertHistory.run(1000 + i, 'contact', id, 'upsert', 'u', null, '2027-01-01T00:00:00.000Z', null, `{"name":"${id}"}`, i);
        }
        store.db.prepare("UPDATE meta SET value = '3499' WHERE key = 'version'").run();
      })();
      const n = (store.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
      await store.close();
      const copied = await cli(['copy-to-postgres', '--to', target]);
      expect(copied.err).toBe('');
      expect(copied.code).toBe(0);
      expect(copied.out).toMatch(new RegExp(`^records\\s+${n}\\s+${n}\\s+(\\w{16})\\s+\\1\\s+ok$`, 'm'));
      expect(copied.out).toMatch(/^history\s+2500\s+2500\s+(\w{16})\s+\1\s+ok$/m);
      expect((await cli(['copy-to-postgres', '--to', target, '--verify'])).code).toBe(0);
    });

    it('rolls the whole copy back when PostgreSQL refuses a row', async () => {
      const store = await openDataDir(join(dir, 'data'));
      await store.createUser({ id: ilona.userId, username: 'ilona', name: 'Ilona', role: 'inspector', regionIds: ['avi-1'], passwordHash: 'x', createdAt: new Date().toISOString() });
      // SQLite keeps text in an INTEGER column; PostgreSQL's BIGINT does not take it.
      store.db.prepare("INSERT INTO records (entity, id, version, data) VALUES ('contact', 'broken', 'not a number', '{}')").run();
      await store.close();
      const refused = await cli(['copy-to-postgres', '--to', target]);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('PostgreSQL refused a row of records');
      expect(refused.err).toContain('Nothing was copied');
      const client = new pg.Client({ connectionString: target });
      await client.connect();
      try {
        expect((await client.query('SELECT COUNT(*)::int AS n FROM users')).rows[0].n).toBe(0);
        expect((await client.query("SELECT value FROM meta WHERE key = 'version'")).rows[0].value).toBe('0');
      } finally {
        await client.end();
      }
    });

    it('refuses a target that holds data, and copies nothing', async () => {
      const { store } = await buildSqlite();
      await store.close();
      const first = await cli(['copy-to-postgres', '--to', target, '--from', join(dir, 'data')]);
      expect(first.code).toBe(0);
      const again = await cli(['copy-to-postgres', '--to', target, '--from', join(dir, 'data', 'tillsyn.db')]);
      expect(again.code).toBe(1);
      expect(again.err).toContain('is not empty; nothing was copied');
      expect(again.err).toMatch(/users \(2 rows\)/);
      // The first copy is as it was.
      expect((await cli(['copy-to-postgres', '--to', target, '--verify'])).code).toBe(0);
    });

    it('reports a row changed in PostgreSQL after the copy (--verify), and exits 1', async () => {
      const { store } = await buildSqlite();
      await store.close();
      expect((await cli(['copy-to-postgres', '--to', target])).code).toBe(0);
      const same = await cli(['copy-to-postgres', '--to', target, '--verify']);
      expect(same.code).toBe(0);
      expect(same.out).toContain('matches');
      const client = new pg.Client({ connectionString: target });
      await client.connect();
      try {
        await client.query("UPDATE records SET data = (jsonb_set(data::jsonb, '{summary}', '\"tampered\"'))::json WHERE entity = 'visit'");
        await client.query("UPDATE users SET disabled = true WHERE username = 'kaisa'");
      } finally {
        await client.end();
      }
      const differs = await cli(['copy-to-postgres', '--to', target, '--verify']);
      expect(differs.code).toBe(1);
      expect(differs.out).toMatch(/^records\s+(\d+)\s+\1\s+\w{16}\s+\w{16}\s+DIFFERS$/m);
      expect(differs.out).toMatch(/^users\s+2\s+2\s+\w{16}\s+\w{16}\s+DIFFERS$/m);
      expect(differs.out).toMatch(/^history\s.*ok$/m);
      expect(differs.err).toContain('differs');
    });

    it("carries the attachments' files into the database, checked by their hash, and refuses a damaged one", async () => {
      const { store, tablet, visit } = await buildSqlite();
      const blobs = blobStoreFor(store);
      const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300_000)]);
      const thumb = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(5_000)]);
      const unnamed = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2_000)]);
      for (const bytes of [photo, thumb, unnamed]) await blobs.put(sha(bytes), new Blob([bytes]).stream(), { maxBytes: 1_000_000, at: new Date().toISOString() });
      const attached = await push(store, tablet, [upsert('attachment', randomUUID(), { visitId: visit, sha256: sha(photo), thumbSha256: sha(thumb), mediaType: 'image/jpeg', bytes: photo.length })]);
      expect(attached.results[0]!.status).toBe('applied');
      await store.close();

      const copied = await cli(['copy-to-postgres', '--to', target]);
      expect(copied.err).toBe('');
      expect(copied.code).toBe(0);
      expect(copied.out).toMatch(/^blobs\s+3\s+3\s+(\w{16})\s+\1\s+ok$/m);
      const pgStore = await PgStore.open(target);
      try {
        const rows = (await pgStore.pool.query<{ sha256: string; data: Buffer; media_type: string }>('SELECT sha256, data, media_type FROM blobs')).rows;
        expect(new Map(rows.map((r) => [r.sha256, r.data.equals([photo, thumb, unnamed].find((b) => sha(b) === r.sha256)!)]))).toEqual(
          new Map([photo, thumb, unnamed].map((b) => [sha(b), true])),
        );
        expect(rows.find((r) => r.sha256 === sha(unnamed))!.media_type).toBe('application/pdf');
        // Served from PostgreSQL as it was from the files.
        const read = await blobStoreFor(pgStore).read(sha(photo));
        expect(Buffer.from(await new Response(read!.body).arrayBuffer()).equals(photo)).toBe(true);
        // A file changed in PostgreSQL after the copy is found by --verify.
        await pgStore.pool.query("UPDATE blobs SET data = overlay(data placing '\\x00'::bytea from 100) WHERE sha256 = $1", [sha(photo)]);
      } finally {
        await pgStore.close();
      }
      const differs = await cli(['copy-to-postgres', '--to', target, '--verify']);
      expect(differs.code).toBe(1);
      expect(differs.out).toMatch(/^blobs\s+3\s+3\s+\w{16}\s+\w{16}\s+DIFFERS$/m);
    });

    it('refuses to copy a data folder whose attachment file is damaged or missing, and copies nothing', async () => {
      const store = await openDataDir(join(dir, 'data'));
      const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(1_000)]);
      await blobStoreFor(store).put(sha(bytes), new Blob([bytes]).stream(), { maxBytes: 1_000_000, at: new Date().toISOString() });
      await store.close();
      const file = join(dir, 'data', 'blobs', sha(bytes).slice(0, 2), sha(bytes));
      writeFileSync(file, Buffer.concat([bytes.subarray(0, 500), Buffer.alloc(1), bytes.subarray(501)]));
      const damaged = await cli(['copy-to-postgres', '--to', target]);
      expect(damaged.code).toBe(1);
      expect(damaged.err).toContain('is damaged');
      rmSync(file);
      const missing = await cli(['copy-to-postgres', '--to', target]);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('is missing');
      const client = new pg.Client({ connectionString: target });
      await client.connect();
      try {
        expect((await client.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
      } finally {
        await client.end();
      }
    });
  });
}

function upsert(entity: Unsent['entity'], id: string, fields: Record<string, unknown>, baseVersion: number | null = null): Unsent {
  return { entity, id, op: 'upsert', baseVersion, fields } as Unsent;
}
