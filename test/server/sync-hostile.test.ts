// Hostile input to the sync routes over real HTTP: values nested 5,000 deep in every field of every
// entity, ids made to look like SQL or paths or broken text, and field names an object inherits. The
// server answers each without a 5xx, in the one error shape or as a rejection of that mutation only,
// and stores nothing of it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/server/auth/users.ts';
import { entityFieldSchemas, entityNames, referenceEntities, type EntityName } from '../../src/shared/entities.ts';
import { errorBodySchema } from '../../src/shared/errors.ts';
import { pullResponseSchema, pushResponseSchema, type PushResponse, SCHEMA_VERSION } from '../../src/shared/protocol.ts';
import { PASSWORD, login, startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
const tokens: Record<string, string> = {};
const userIds: Record<string, string> = {};
/** Records ilona made to edit, one of each entity; reference data is the seed's. */
const existing: Record<EntityName, { id: string; version: number }> = {
  region: { id: 'avi-1', version: 1 },
  municipality: { id: '091', version: 1 },
  template: { id: 'ept-v1', version: 1 },
} as Record<EntityName, { id: string; version: number }>;
let visitId = '';
let assessmentId = '';
let interviewId = '';
/** The file every attachment here names, held by the server (written as an upload leaves it). */
const photo = { sha256: '5e'.repeat(32), mediaType: 'image/jpeg', bytes: 2_048 };

const text3 = { fi: 'x', sv: 'x', en: 'x' };
/** Valid fields of a new record of each entity (an answer's id is `${visitId}:EPT-01`). */
function validFields(entity: EntityName): Record<string, unknown> {
  const fields: Record<EntityName, Record<string, unknown>> = {
    region: { name: text3 },
    municipality: { name: { fi: 'x', sv: 'x' }, regionId: 'avi-1', province: { code: '01', fi: 'x', sv: 'x' } },
    template: {
      key: 'test', revision: 1, area: 'welfare', title: text3, sections: [{ id: 's', title: text3 }],
      items: [{ id: 'T-1', sectionId: 's', question: text3, answerType: 'text', required: false, basis: 'none' }],
    },
    agency: { name: text3, logo: null },
    contact: { municipalityId: '091', name: 'Aino Laine', areas: ['welfare'], active: true },
    visit: { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: userIds['ilona'], plannedDate: '2027-01-10', status: 'in_progress', attendees: [] },
    answer: { visitId, itemId: 'EPT-02', value: 'yes' },
    observation: { visitId, kind: 'note', text: 'Seen' },
    attachment: { visitId, ...photo, caption: 'The decision', fileName: 'decision.jpg' },
    followUp: { visitId, municipalityId: '091', text: 'Appoint a group', status: 'open', legalShortcoming: false },
    meeting: { regionId: 'avi-1', title: 'Network day', kind: 'training', areas: ['violence'], date: '2027-03-01', status: 'planned', invited: [], attended: [], guests: [], materials: [] },
    guidance: { municipalityId: '091', date: '2027-03-02', channel: 'email', areas: ['substance'], topic: 'Alcohol licences', contactIds: [] },
    plan: { municipalityId: '091', kind: 'safety', adoptedOn: '2026-05-04', documentUrl: 'https://example.fi/plan.pdf' },
    assessment: { municipalityId: '091', area: 'substance', issue: 'Alcohol and young people', scorerIds: [userIds['ilona'], userIds['kaisa']], status: 'draft' },
    interview: { assessmentId, role: 'Youth worker', sector: 'youth_work', date: '2027-02-03' },
    readinessScore: { assessmentId, interviewId, scorerId: userIds['ilona'], scores: { A: 4 }, done: false },
  };
  return fields[entity];
}
const newId = (entity: EntityName): string =>
  ({ region: 'test-1', municipality: '998', template: 'test-v1', agency: 'agency-new', answer: `${visitId}:EPT-02`, readinessScore: `${randomUUID()}:${userIds['ilona']}` })[
    entity as string
  ] ?? randomUUID();
const writerOf = (entity: EntityName) => ((referenceEntities as readonly EntityName[]).includes(entity) ? 'admin' : 'ilona');

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.store, { username: 'admin', name: 'Admin', role: 'admin', regionIds: [], password: PASSWORD });
  await addUser(server.store, { username: 'kaisa', name: 'Kaisa Koordinaattori', role: 'coordinator', regionIds: ['avi-1'], password: PASSWORD });
  for (const name of ['ilona', 'admin', 'kaisa']) {
    const res = await login(server, name);
    const body = (await res.json()) as { token: string; user: { id: string } };
    expect(res.status, JSON.stringify(body)).toBe(200);
    tokens[name] = body.token;
    userIds[name] = body.user.id;
  }
  const at = new Date().toISOString();
  server.store.db.prepare('INSERT INTO blobs (sha256, media_type, bytes, created_at, touched_at) VALUES (?, ?, ?, ?, ?)').run(photo.sha256, photo.mediaType, photo.bytes, at, at);
  visitId = randomUUID();
  assessmentId = randomUUID();
  interviewId = randomUUID();
  const made = {
    visit: visitId,
    contact: randomUUID(),
    answer: `${visitId}:EPT-01`,
    observation: randomUUID(),
    attachment: randomUUID(),
    followUp: randomUUID(),
    meeting: randomUUID(),
    guidance: randomUUID(),
    plan: randomUUID(),
    assessment: assessmentId,
    interview: interviewId,
    readinessScore: `${interviewId}:${userIds['ilona']}`,
  };
  const fields: Record<string, unknown> = { ...Object.fromEntries(Object.keys(made).map((e) => [e, validFields(e as EntityName)])), answer: { visitId, itemId: 'EPT-01', value: 'no' } };
  const done = await pushOk('ilona', randomUUID(), Object.entries(made).map(([entity, id], i) => ({ seq: i + 1, entity, id, op: 'upsert', baseVersion: null, fields: fields[entity] })));
  expect(done.results.map((r) => r.status)).toEqual(Object.keys(made).map(() => 'applied'));
  for (const [entity, id] of Object.entries(made)) existing[entity as EntityName] = { id, version: done.version };
  const agency = await pushOk('admin', randomUUID(), [{ seq: 1, entity: 'agency', id: 'agency', op: 'upsert', baseVersion: null, fields: validFields('agency') }]);
  expect(agency.results.map((r) => r.status)).toEqual(['applied']);
  existing.agency = { id: 'agency', version: agency.version };
});
afterAll(async () => {
  await server.close();
});

const headers = (user: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${tokens[user]}`, 'x-schema-version': String(SCHEMA_VERSION) });

/** Every answer: never a 5xx; a non-200 in the one error shape, with no stack trace. */
async function checked(res: Response): Promise<{ status: number; body: unknown }> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBeLessThan(500);
  expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|\.js:\d+/);
  const body = JSON.parse(text) as unknown;
  if (res.status !== 200) errorBodySchema.parse(body);
  return { status: res.status, body };
}

async function pushText(user: string, text: string): Promise<{ status: number; body: unknown }> {
  return checked(await fetch(`${server.url}/api/sync/push`, { method: 'POST', headers: headers(user), body: text }));
}

async function pushOk(user: string, clientId: string, mutations: unknown[]): Promise<PushResponse> {
  const { status, body } = await pushText(user, JSON.stringify({ clientId, schemaVersion: SCHEMA_VERSION, mutations }));
  expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
  return pushResponseSchema.parse(body);
}

async function pull(user: string, query: string): Promise<{ status: number; body: unknown }> {
  return checked(await fetch(`${server.url}/api/sync/pull${query}`, { headers: headers(user) }));
}

/** Runs `send`, then checks that the server's version did not move and a pull shows nothing new. */
async function expectNothingStored(send: () => Promise<void>): Promise<void> {
  const before = await server.store.currentVersion();
  const start = pullResponseSchema.parse((await pull('admin', '?limit=1000')).body);
  let cursor = start.cursor;
  for (let page = start; page.hasMore; cursor = page.cursor) page = pullResponseSchema.parse((await pull('admin', `?limit=1000&cursor=${cursor}`)).body);
  await send();
  expect(await server.store.currentVersion()).toBe(before);
  const after = pullResponseSchema.parse((await pull('admin', `?cursor=${cursor}`)).body);
  expect(after.changes).toEqual([]);
}

/** Each result is a rejection `INVALID`, naming the path when given. */
function expectAllInvalid(res: PushResponse, paths?: (string | number)[][]): void {
  res.results.forEach((r, i) => {
    expect(r.status === 'rejected' && r.error.code, JSON.stringify(r).slice(0, 300)).toBe('INVALID');
    if (paths && r.status === 'rejected') expect(r.error.path?.[0]).toBe(paths[i]![0]);
  });
}

const DEEP = 5000;
const deepArray = '['.repeat(DEEP) + '"x"' + ']'.repeat(DEEP);
const deepObject = '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);
/** A body whose string "<deep>" values become the nested JSON (JSON.stringify itself cannot write it). */
const withDeep = (body: unknown, deep: string) => JSON.stringify(body).replaceAll('"<deep>"', deep);

describe('values nested 5,000 deep', () => {
  it('are INVALID in every field of every entity, created or edited, and nothing is stored', async () => {
    await expectNothingStored(async () => {
      for (const entity of entityNames) {
        for (const [deep, name] of [[deepArray, 'array'], [deepObject, 'object']] as const) {
          const user = writerOf(entity);
          const fieldNames = Object.keys(entityFieldSchemas[entity].shape);
          const mutations = fieldNames.flatMap((field, i) => [
            { seq: 2 * i + 1, entity, id: newId(entity), op: 'upsert', baseVersion: null, fields: { ...validFields(entity), [field]: '<deep>' } },
            { seq: 2 * i + 2, entity, id: existing[entity].id, op: 'upsert', baseVersion: existing[entity].version, fields: { [field]: '<deep>' } },
          ]);
          const { status, body } = await pushText(user, withDeep({ clientId: randomUUID(), schemaVersion: SCHEMA_VERSION, mutations }, deep));
          expect(status, `${entity}, ${name}`).toBe(200);
          expectAllInvalid(pushResponseSchema.parse(body), fieldNames.flatMap((f) => [[f], [f]]));
        }
      }
    });
  });

  it('reject only their own mutation: the others of the push apply, and a resend answers the same', async () => {
    const clientId = randomUUID();
    const mutations = [
      { seq: 1, entity: 'visit', id: visitId, op: 'upsert', baseVersion: existing.visit.version, fields: { summary: '<deep>' } },
      { seq: 2, entity: 'visit', id: visitId, op: 'upsert', baseVersion: existing.visit.version, fields: { agenda: 'Structures first' } },
    ];
    const text = withDeep({ clientId, schemaVersion: SCHEMA_VERSION, mutations }, deepArray);
    const first = pushResponseSchema.parse((await pushText('ilona', text)).body);
    expect(first.results.map((r) => (r.status === 'rejected' ? r.error.code : r.status))).toEqual(['INVALID', 'applied']);
    const again = pushResponseSchema.parse((await pushText('ilona', text)).body);
    expect(again.results.map((r) => (r.status === 'rejected' ? r.error.code : r.status))).toEqual(['INVALID', 'duplicate']);
  });

  it('in the request itself are a 400 in the error shape', async () => {
    const m = { seq: 1, entity: 'visit', id: visitId, op: 'upsert', baseVersion: 1, fields: { agenda: 'x' } };
    const bodies = [
      { clientId: '<deep>', schemaVersion: SCHEMA_VERSION, mutations: [] },
      { clientId: randomUUID(), schemaVersion: '<deep>', mutations: [] },
      { clientId: randomUUID(), schemaVersion: SCHEMA_VERSION, mutations: '<deep>' },
      ...(['seq', 'entity', 'id', 'op', 'baseVersion'] as const).map((k) => ({ clientId: randomUUID(), schemaVersion: SCHEMA_VERSION, mutations: [{ ...m, [k]: '<deep>' }] })),
    ];
    await expectNothingStored(async () => {
      for (const body of bodies) {
        for (const deep of [deepArray, deepObject]) expect((await pushText('ilona', withDeep(body, deep))).status).toBe(400);
      }
      expect((await pushText('ilona', deepArray)).status).toBe(400);
      expect((await pushText('ilona', deepObject)).status).toBe(400);
      // `fields` that are not an object are a bad request; an object of nested unknown fields, a rejection.
      const fields = { clientId: randomUUID(), schemaVersion: SCHEMA_VERSION, mutations: [{ ...m, fields: '<deep>' }] };
      expect((await pushText('ilona', withDeep(fields, deepArray))).status).toBe(400);
      const { status, body } = await pushText('ilona', withDeep(fields, deepObject));
      expect(status).toBe(200);
      expectAllInvalid(pushResponseSchema.parse(body), [['a']]);
    });
  });
});

const hostileIds = ["' OR '1'='1' --", '../../etc/passwd', '\ud800', 'a\u0000b', '0193A3C4-5D6E-7F80-9A1B-2C3D4E5F6A7B'];

describe('hostile ids', () => {
  it('are INVALID for every entity, created, edited or deleted, and nothing is stored', async () => {
    await expectNothingStored(async () => {
      for (const entity of entityNames) {
        // Answers: a hostile visit part or item part (all but the uppercase UUID, which is a well-formed item id).
        const ids = entity === 'answer' ? [...hostileIds, ...hostileIds.map((id) => `${id}:EPT-02`), ...hostileIds.slice(0, 4).map((id) => `${visitId}:${id}`)] : hostileIds;
        const mutations = ids.flatMap((id, i) => [
          { seq: 3 * i + 1, entity, id, op: 'upsert', baseVersion: null, fields: validFields(entity) },
          { seq: 3 * i + 2, entity, id, op: 'upsert', baseVersion: 1, fields: validFields(entity) },
          { seq: 3 * i + 3, entity, id, op: 'delete', baseVersion: 1 },
        ]);
        const res = await pushOk(writerOf(entity), randomUUID(), mutations);
        expectAllInvalid(res, mutations.map(() => ['id']));
      }
    });
  });

  it('in a pull cursor or limit are a 400 or 410 in the error shape', async () => {
    const start = pullResponseSchema.parse((await pull('ilona', '?limit=1')).body);
    const real = JSON.parse(Buffer.from(start.cursor, 'base64url').toString()) as { v: number; s: string };
    const cursors = [
      ...hostileIds.filter((id) => id !== '\ud800').map(encodeURIComponent),
      '%ED%A0%80', // a lone surrogate in UTF-8, which no decoder accepts (encodeURIComponent refuses to make it)
      '%uD800',
      Buffer.from(deepArray.slice(0, 1000)).toString('base64url'),
      ...hostileIds.map((id) => Buffer.from(JSON.stringify({ v: real.v, e: id, i: id, s: real.s })).toString('base64url')),
      Buffer.from(JSON.stringify({ v: '1 OR 1=1', e: 'visit', i: 'x', s: real.s })).toString('base64url'),
    ];
    for (const cursor of cursors) {
      const { status, body } = await pull('ilona', `?cursor=${cursor}`);
      expect([400, 410], `${cursor}: ${JSON.stringify(body)}`).toContain(status);
    }
    for (const limit of ['1%20OR%201%3D1', '..%2F..%2Fetc%2Fpasswd', '%ED%A0%80', '1e400', '-1']) {
      expect((await pull('ilona', `?limit=${limit}`)).status, limit).toBe(400);
    }
  });
});

describe('text with a lone surrogate', () => {
  it('is INVALID in any field, since it would not come back as sent', async () => {
    await expectNothingStored(async () => {
      const res = await pushOk('ilona', randomUUID(), [
        { seq: 1, entity: 'observation', id: randomUUID(), op: 'upsert', baseVersion: null, fields: { visitId, kind: 'note', text: 'half \ud800 a pair' } },
        { seq: 2, entity: 'visit', id: visitId, op: 'upsert', baseVersion: existing.visit.version, fields: { attendees: [{ name: '\udfff' }] } },
      ]);
      expectAllInvalid(res, [['text'], ['attendees']]);
    });
  });
});

describe("an attachment's file names", () => {
  it('are INVALID unless a SHA-256 in lowercase hex, whatever the server holds, and nothing is stored', async () => {
    const names = ['../../etc/passwd', photo.sha256.toUpperCase(), `${photo.sha256}/../x`, `${photo.sha256.slice(0, 63)}\u0000`, photo.sha256.slice(1), `${photo.sha256}0`, "' OR '1'='1' --"];
    await expectNothingStored(async () => {
      const mutations = names.flatMap((name, i) => [
        { seq: 2 * i + 1, entity: 'attachment', id: randomUUID(), op: 'upsert', baseVersion: null, fields: { ...validFields('attachment'), sha256: name } },
        { seq: 2 * i + 2, entity: 'attachment', id: randomUUID(), op: 'upsert', baseVersion: null, fields: { ...validFields('attachment'), thumbSha256: name } },
      ]);
      expectAllInvalid(await pushOk('ilona', randomUUID(), mutations), names.flatMap(() => [['sha256'], ['thumbSha256']]));
    });
  });

  it('of a file not held are rejected MISSING_BLOB, and nothing is stored', async () => {
    await expectNothingStored(async () => {
      const res = await pushOk('ilona', randomUUID(), [{ seq: 1, entity: 'attachment', id: randomUUID(), op: 'upsert', baseVersion: null, fields: { ...validFields('attachment'), sha256: '0'.repeat(64) } }]);
      expect(res.results[0]).toMatchObject({ status: 'rejected', error: { code: 'MISSING_BLOB', path: ['sha256'] } });
    });
  });
});

describe('field names an object inherits', () => {
  const names = ['toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf'];
  /** The field as an own key, as JSON.parse makes it: an object literal would set the prototype instead. */
  const own = (name: string): Record<string, unknown> => JSON.parse(`{"${name}": {"agenda": "sneaked in", "status": "approved"}}`) as Record<string, unknown>;

  it('are INVALID for every entity, created or edited, and nothing is stored', async () => {
    await expectNothingStored(async () => {
      for (const entity of entityNames) {
        const mutations = names.flatMap((name, i) => [
          { seq: 2 * i + 1, entity, id: newId(entity), op: 'upsert', baseVersion: null, fields: { ...validFields(entity), ...own(name) } },
          { seq: 2 * i + 2, entity, id: existing[entity].id, op: 'upsert', baseVersion: existing[entity].version, fields: own(name) },
        ]);
        const res = await pushOk(writerOf(entity), randomUUID(), mutations);
        expectAllInvalid(res, names.flatMap((n) => [[n], [n]]));
      }
    });
  });
});
