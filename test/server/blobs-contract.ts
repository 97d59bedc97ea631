// Attachments' files over real HTTP (SYNC.md "Attachments"), the same on every store: run on SQLite
// (files under DATA_DIR) by blobs-sqlite.test.ts and on PostgreSQL (bytea) by blobs-pg.test.ts. Upload,
// HEAD and GET with their headers; an upload cut half-way, a wrong hash, too large (by header and by
// stream), a text file dressed as a JPEG; a record pushed before its file (MISSING_BLOB, then applied
// when sent again); who may fetch a file; two devices with one photo; garbage collection.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { addUser } from '../../src/server/auth/users.ts';
import type { BlobStore } from '../../src/server/blobs/blob-store.ts';
import { blobStoreFor } from '../../src/server/blobs/index.ts';
import { createHttpServer } from '../../src/server/http/node-server.ts';
import type { Store } from '../../src/server/store/store.ts';
import { pullResponseSchema, pushResponseSchema, SCHEMA_VERSION, type PushResponse } from '../../src/shared/protocol.ts';
import { expectError } from './helpers.ts';

const PASSWORD = 'correct horse battery';
/** Small, so that "too large" needs no 15 MiB. */
export const MAX_BYTES = 256 * 1024;

/** What a test may look at beneath the blob store: its rows, and (a file store) its files. */
export type BlobsUnder = {
  store: Store;
  /** The hashes of table `blobs`. */
  rows(): Promise<string[]>;
  /** The blob files' names, temporary and set-aside ones included; none on a database store. */
  files(): string[];
  /** Sets a blob's last upload time (as if long ago). */
  setTouched(sha256: string, at: string): Promise<void>;
  dispose(): Promise<void>;
};

export const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** A JPEG's first bytes and random rest: any size, every one different. */
export const jpeg = (bytes: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), randomBytes(bytes - 12)]);
export const png = (bytes: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), randomBytes(bytes - 12)]);
export const webp = (bytes: number) => Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 '), randomBytes(bytes - 16)]);
export const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(bytes - 15)]);

export function blobsContract(name: string, open: () => Promise<BlobsUnder>): void {
  describe(`attachments' files over HTTP: ${name}`, { timeout: 60_000 }, () => {
    let under: BlobsUnder;
    let blobs: BlobStore;
    let url = '';
    let close: () => Promise<void> = async () => {};
    const tokens: Record<string, string> = {};
    const ids: Record<string, string> = {};
    const devices = new Map<string, { clientId: string; seq: number }>();

    beforeAll(async () => {
      under = await open();
      const { store } = under;
      for (const [username, role, regionIds] of [
        ['ilona', 'inspector', ['avi-1']],
        ['ilkka', 'inspector', ['avi-1']],
        ['kaisa', 'coordinator', ['avi-1']],
        ['mikko', 'inspector', ['avi-2']],
        ['admin', 'admin', []],
      ] as const) {
        await addUser(store, { username, name: username, role, regionIds: [...regionIds], password: PASSWORD });
      }
      blobs = blobStoreFor(store);
      const app = createApp({ store, staticDir: '/nonexistent', log: { info: () => {}, warn: () => {}, error: () => {} }, blobs, blobMaxBytes: MAX_BYTES });
      const server = createHttpServer(app.fetch, { info: () => {}, warn: () => {}, error: () => {} });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      close = async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      };
      for (const username of ['ilona', 'ilkka', 'kaisa', 'mikko', 'admin']) {
        const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
        const body = (await res.json()) as { token: string; user: { id: string } };
        tokens[username] = body.token;
        ids[username] = body.user.id;
      }
    });
    afterAll(async () => {
      await close();
      await under.dispose();
    });

    const auth = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
    const put = (user: string, sha256: string, body: Buffer | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
      fetch(`${url}/api/blobs/${sha256}`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream', ...auth(user), ...headers }, body: body as BodyInit, duplex: 'half' } as RequestInit);
    const head = (user: string, sha256: string) => fetch(`${url}/api/blobs/${sha256}`, { method: 'HEAD', headers: auth(user) });
    const get = (user: string, sha256: string, headers: Record<string, string> = {}) => fetch(`${url}/api/blobs/${sha256}`, { headers: { ...auth(user), ...headers } });
    const upload = async (user: string, bytes: Buffer) => {
      const res = await put(user, sha(bytes), bytes);
      expect(res.status, await res.clone().text()).toBe(201);
      return sha(bytes);
    };
    /** Nothing of the blob anywhere: no row, no file, no temporary file. */
    const expectNothingOf = async (sha256: string) => {
      expect(await under.rows()).not.toContain(sha256);
      expect(under.files().filter((f) => f.includes(sha256))).toEqual([]);
      expect(under.files().filter((f) => f.startsWith('.tmp-'))).toEqual([]);
    };

    /** One device per user; `seq` given to resend one. */
    async function push(user: string, mutations: { entity: string; id: string; op?: 'upsert' | 'delete'; baseVersion?: number | null; fields?: Record<string, unknown> }[]): Promise<PushResponse> {
      let d = devices.get(user);
      if (!d) devices.set(user, (d = { clientId: randomUUID(), seq: 0 }));
      const body = {
        clientId: d.clientId,
        schemaVersion: SCHEMA_VERSION,
        mutations: mutations.map((m) => ({ seq: ++d.seq, entity: m.entity, id: m.id, op: m.op ?? 'upsert', baseVersion: m.baseVersion ?? null, ...(m.op === 'delete' ? {} : { fields: m.fields }) })),
      };
      const res = await fetch(`${url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-schema-version': String(SCHEMA_VERSION), ...auth(user) },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return pushResponseSchema.parse(await res.json());
    }
    const outcome = (r: PushResponse) => r.results.map((x) => (x.status === 'rejected' ? x.error.code : x.status));

    /** A visit of ilona's (avi-1, Helsinki) or mikko's (avi-2), in progress. */
    async function visitOf(user: 'ilona' | 'mikko' = 'ilona'): Promise<string> {
      const id = randomUUID();
      const municipalityId = user === 'ilona' ? '091' : await municipalityOf('avi-2');
      const done = await push(user, [{ entity: 'visit', id, fields: { municipalityId, templateIds: ['ept-v2'], inspectorId: ids[user], plannedDate: '2027-02-01', status: 'in_progress', attendees: [] } }]);
      expect(outcome(done)).toEqual(['applied']);
      return id;
    }
    async function municipalityOf(regionId: string): Promise<string> {
      const res = await fetch(`${url}/api/sync/pull?limit=1000`, { headers: { ...auth('admin'), 'x-schema-version': String(SCHEMA_VERSION) } });
      const page = pullResponseSchema.parse(await res.json());
      return page.changes.find((c) => c.entity === 'municipality' && (c.record as { regionId?: string } | undefined)?.regionId === regionId)!.id;
    }
    const attachment = (visitId: string, bytes: Buffer, extra: Record<string, unknown> = {}) => ({
      entity: 'attachment',
      id: randomUUID(),
      fields: { visitId, sha256: sha(bytes), mediaType: 'image/jpeg', bytes: bytes.length, caption: 'The decision', ...extra },
    });

    it('stores a file once, answers HEAD for it, and serves it with its headers to whoever may see its record', async () => {
      const photo = jpeg(40_000);
      const hash = sha(photo);
      expect((await head('ilona', hash)).status).toBe(404);
      const first = await put('ilona', hash, photo, { 'content-type': 'image/jpeg' });
      expect(first.status).toBe(201);
      expect(await first.json()).toEqual({ sha256: hash, mediaType: 'image/jpeg', bytes: photo.length });
      const held = await head('ilona', hash);
      expect(held.status).toBe(200);
      expect(held.headers.get('content-length')).toBe(String(photo.length));
      // Sent again: answered as held, nothing stored again.
      const again = await put('ilkka', hash, photo);
      expect(again.status).toBe(200);
      expect(await under.rows()).toEqual(expect.arrayContaining([hash]));
      expect((await under.rows()).filter((r) => r === hash)).toHaveLength(1);

      // No record names it yet: not even its uploader fetches it.
      await expectError(await get('ilona', hash), 404, 'NOT_FOUND');
      const visitId = await visitOf();
      expect(outcome(await push('ilona', [attachment(visitId, photo)]))).toEqual(['applied']);

      const res = await get('ilona', hash);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(photo)).toBe(true);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(res.headers.get('content-length')).toBe(String(photo.length));
      expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(res.headers.get('etag')).toBe(`"${hash}"`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(res.headers.get('content-encoding')).toBeNull();
      const cached = await get('ilona', hash, { 'if-none-match': `"${hash}"` });
      expect(cached.status).toBe(304);
      expect(await cached.text()).toBe('');
      // The region's coordinator and the admin see the record, so the file; another region's inspector does not.
      expect((await get('kaisa', hash)).status).toBe(200);
      expect((await get('admin', hash)).status).toBe(200);
      await expectError(await get('mikko', hash), 404, 'NOT_FOUND');
    });

    it('takes JPEG, PNG, WebP and PDF by their content, whatever the name or header says, and refuses other content (415)', async () => {
      for (const [make, type] of [[png, 'image/png'], [webp, 'image/webp'], [pdf, 'application/pdf'], [jpeg, 'image/jpeg']] as const) {
        const bytes = make(3_000);
        const res = await put('ilona', sha(bytes), bytes, { 'content-type': 'text/plain' });
        expect(res.status, type).toBe(201);
        expect(((await res.json()) as { mediaType: string }).mediaType).toBe(type);
      }
      const text = Buffer.from('Not a photo at all, only words in a file called photo.jpg\n'.repeat(50));
      await expectError(await put('ilona', sha(text), text, { 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="photo.jpg"' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      await expectNothingOf(sha(text));
      const html = Buffer.from('<html><script>alert(1)</script></html>');
      await expectError(await put('ilona', sha(html), html, { 'content-type': 'image/png' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      await expectNothingOf(sha(html));
    });

    it('keeps nothing of a file whose bytes do not have the hash it is sent under (400 HASH_MISMATCH)', async () => {
      const photo = jpeg(20_000);
      const claimed = sha(jpeg(20_000));
      await expectError(await put('ilona', claimed, photo), 400, 'HASH_MISMATCH');
      await expectNothingOf(claimed);
      await expectNothingOf(sha(photo));
      expect((await head('ilona', claimed)).status).toBe(404);
    });

    it('refuses a file past BLOB_MAX_BYTES (413), by its Content-Length and while streaming one without, keeping nothing', async () => {
      const big = jpeg(MAX_BYTES + 1);
      await expectError(await put('ilona', sha(big), big), 413, 'PAYLOAD_TOO_LARGE');
      await expectNothingOf(sha(big));
      // No Content-Length: the body streamed in chunks, refused once past the limit.
      const chunks = [big.subarray(0, 100_000), big.subarray(100_000, 200_000), big.subarray(200_000)];
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      });
      const res = await put('ilona', sha(big), stream).catch((e: unknown) => e);
      // The server may close the connection before the client has sent the rest: either the 413 arrives, or the send fails.
      if (res instanceof Response) await expectError(res, 413, 'PAYLOAD_TOO_LARGE');
      await vi.waitFor(async () => expectNothingOf(sha(big)));
      // Exactly the limit is taken.
      const most = jpeg(MAX_BYTES);
      expect((await put('ilona', sha(most), most)).status).toBe(201);
    });

    it('keeps nothing of an upload cut half-way, and stores it when it is sent again', async () => {
      const photo = jpeg(200_000);
      const hash = sha(photo);
      const { port } = new URL(url);
      await new Promise<void>((resolve) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'PUT', path: `/api/blobs/${hash}`, headers: { ...auth('ilona'), 'content-length': String(photo.length) } });
        req.on('error', () => resolve());
        req.on('response', () => resolve());
        req.write(photo.subarray(0, photo.length / 2), () => setImmediate(() => req.destroy()));
      });
      // The server notices the cut and removes its temporary file.
      await vi.waitFor(async () => expectNothingOf(hash), { timeout: 10_000 });
      expect((await head('ilona', hash)).status).toBe(404);
      expect((await put('ilona', hash, photo)).status).toBe(201);
      expect((await head('ilona', hash)).status).toBe(200);
    });

    it('answers a bad name 400, a missing token 401 and another method 405, in the one error shape', async () => {
      const bytes = jpeg(100);
      for (const bad of ['ABC', sha(bytes).toUpperCase(), `${sha(bytes)}0`, '..%2F..%2Fetc%2Fpasswd']) {
        expect((await head('ilona', bad)).status, bad).toBe(400);
        await expectError(await get('ilona', bad), 400, 'INVALID');
        await expectError(await put('ilona', bad, bytes), 400, 'INVALID');
      }
      await expectError(await fetch(`${url}/api/blobs/${sha(bytes)}`, { method: 'PUT', body: bytes }), 401, 'UNAUTHENTICATED');
      await expectError(await fetch(`${url}/api/blobs/${sha(bytes)}`), 401, 'UNAUTHENTICATED');
      await expectError(await fetch(`${url}/api/blobs/${sha(bytes)}`, { method: 'DELETE', headers: auth('ilona') }), 405, 'METHOD_NOT_ALLOWED');
      await expectNothingOf(sha(bytes));
    });

    it('rejects an attachment pushed before its file (MISSING_BLOB, nothing stored) and applies it sent again after the upload', async () => {
      const visitId = await visitOf();
      const photo = jpeg(30_000);
      const thumb = jpeg(2_000);
      const m = attachment(visitId, photo, { thumbSha256: sha(thumb) });
      const before = await push('ilona', [m]);
      expect(before.results[0]).toMatchObject({ status: 'rejected', error: { code: 'MISSING_BLOB', path: ['sha256'] } });
      await upload('ilona', photo);
      // The small copy is a file of its own.
      const half = await push('ilona', [m]);
      expect(half.results[0]).toMatchObject({ status: 'rejected', error: { code: 'MISSING_BLOB', path: ['thumbSha256'] } });
      await upload('ilona', thumb);
      // The same mutation, as a new one (a new seq): applied.
      const after = await push('ilona', [m]);
      expect(outcome(after)).toEqual(['applied']);
      expect(after.version).toBeGreaterThan(before.version);
      // The rejected attempts stored nothing: the record's first version is the applied one.
      const history = await fetch(`${url}/api/history?entity=attachment&id=${m.id}`, { headers: auth('kaisa') });
      expect(((await history.json()) as { entries: unknown[] }).entries).toHaveLength(1);
      expect((await get('kaisa', sha(thumb))).status).toBe(200);
    });

    it('rejects an attachment whose size or type is not its file’s (INVALID)', async () => {
      const visitId = await visitOf();
      const bytes = jpeg(10_000);
      await upload('ilona', bytes);
      const wrong = await push('ilona', [attachment(visitId, bytes, { bytes: bytes.length + 1 }), attachment(visitId, bytes, { mediaType: 'image/png' }), attachment(visitId, bytes, { mediaType: 'application/pdf' })]);
      expect(wrong.results.map((r) => (r.status === 'rejected' ? [r.error.code, r.error.path] : r.status))).toEqual([
        ['INVALID', ['bytes']],
        ['INVALID', ['mediaType']],
        ['INVALID', ['mediaType']],
      ]);
    });

    it('serves a file of another region’s record to no one of this region, and stops serving a file once its record is deleted', async () => {
      const theirs = jpeg(5_000);
      await upload('mikko', theirs);
      const theirVisit = await visitOf('mikko');
      expect(outcome(await push('mikko', [attachment(theirVisit, theirs)]))).toEqual(['applied']);
      expect((await get('mikko', sha(theirs))).status).toBe(200);
      for (const user of ['ilona', 'kaisa']) await expectError(await get(user, sha(theirs)), 404, 'NOT_FOUND');
      // The uploader of the same bytes, of another region, is no exception: the record decides.
      expect((await put('ilona', sha(theirs), theirs)).status).toBe(200);
      await expectError(await get('ilona', sha(theirs)), 404, 'NOT_FOUND');

      const mine = jpeg(5_000);
      await upload('ilona', mine);
      const visitId = await visitOf();
      const m = attachment(visitId, mine);
      const done = await push('ilona', [m]);
      expect((await get('kaisa', sha(mine))).status).toBe(200);
      expect(outcome(await push('ilona', [{ entity: 'attachment', id: m.id, op: 'delete', baseVersion: done.version }]))).toEqual(['applied']);
      await expectError(await get('kaisa', sha(mine)), 404, 'NOT_FOUND');
      await expectError(await get('ilona', sha(mine)), 404, 'NOT_FOUND');
    });

    it('stores a photo two devices attach once: one row, one file, both records served it', async () => {
      const photo = jpeg(50_000);
      const hash = sha(photo);
      const visitId = await visitOf();
      const [a, b] = await Promise.all([put('ilona', hash, photo), put('ilkka', hash, photo)]);
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      expect((await put('ilona', hash, photo)).status).toBe(200);
      expect((await under.rows()).filter((r) => r === hash)).toHaveLength(1);
      const files = under.files().filter((f) => f.includes(hash));
      expect(files.length).toBeLessThanOrEqual(1);
      expect(files.filter((f) => f.startsWith('.'))).toEqual([]);
      const first = attachment(visitId, photo);
      const second = attachment(visitId, photo, { caption: 'The same decision, from the other tablet' });
      expect(outcome(await push('ilona', [first]))).toEqual(['applied']);
      expect(outcome(await push('ilona', [second]))).toEqual(['applied']);
      expect(Buffer.from(await (await get('kaisa', hash)).arrayBuffer()).equals(photo)).toBe(true);
    });

    it('collects the files no live record names once untouched for the grace, and keeps the others', async () => {
      const visitId = await visitOf();
      const unnamed = await upload('ilona', jpeg(3_000));
      const fresh = await upload('ilona', jpeg(3_000));
      const namedBytes = jpeg(3_000);
      const thumbBytes = jpeg(1_000);
      const named = await upload('ilona', namedBytes);
      const thumb = await upload('ilona', thumbBytes);
      const deletedBytes = jpeg(3_000);
      const deleted = await upload('ilona', deletedBytes);
      const kept = attachment(visitId, namedBytes, { thumbSha256: thumb });
      const gone = attachment(visitId, deletedBytes);
      const done = await push('ilona', [kept, gone]);
      expect(outcome(done)).toEqual(['applied', 'applied']);
      expect(outcome(await push('ilona', [{ entity: 'attachment', id: gone.id, op: 'delete', baseVersion: done.version }]))).toEqual(['applied']);
      const longAgo = '2001-01-01T00:00:00.000Z';
      for (const h of [unnamed, named, thumb, deleted]) await under.setTouched(h, longAgo);

      const result = await blobs.collectGarbage({ before: '2002-01-01T00:00:00.000Z', now: new Date().toISOString() });
      expect(result.removed).toBeGreaterThanOrEqual(2);
      const rows = await under.rows();
      expect(rows).not.toContain(unnamed);
      expect(rows).not.toContain(deleted);
      expect(rows).toEqual(expect.arrayContaining([fresh, named, thumb]));
      for (const h of [unnamed, deleted]) {
        await expectNothingOf(h);
        expect((await head('ilona', h)).status).toBe(404);
      }
      for (const h of [fresh, named, thumb]) expect((await head('ilona', h)).status).toBe(200);
      expect((await get('kaisa', named)).status).toBe(200);
      // A collection again finds nothing more of these; a collected file uploaded again is stored again.
      await blobs.collectGarbage({ before: '2002-01-01T00:00:00.000Z', now: new Date().toISOString() });
      expect(await under.rows()).toEqual(expect.arrayContaining([fresh, named, thumb]));
      const again = await put('ilona', deleted, deletedBytes);
      expect(again.status).toBe(201);
    });

    it('keeps a file whose upload is sent again after it grew old: the PUT renews it', async () => {
      const bytes = jpeg(4_000);
      const hash = await upload('ilona', bytes);
      await under.setTouched(hash, '2001-01-01T00:00:00.000Z');
      expect((await put('ilona', hash, bytes)).status).toBe(200);
      await blobs.collectGarbage({ before: '2002-01-01T00:00:00.000Z', now: new Date().toISOString() });
      expect(await under.rows()).toContain(hash);
    });

    it('lets two collections run at once, each blob removed once and none left half', async () => {
      const hashes = await Promise.all(Array.from({ length: 12 }, () => upload('ilona', jpeg(2_000))));
      for (const h of hashes) await under.setTouched(h, '2001-01-01T00:00:00.000Z');
      const options = { before: '2002-01-01T00:00:00.000Z', now: new Date().toISOString() };
      const [one, two] = await Promise.all([blobs.collectGarbage(options), blobStoreFor(under.store).collectGarbage(options)]);
      expect(one.removed + two.removed).toBe(hashes.length);
      for (const h of hashes) await expectNothingOf(h);
    });
  });
}
