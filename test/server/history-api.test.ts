// The audit trail over real HTTP: who may read a record's history, a visit's review history and a
// period's export; what a push that changes a field twice leaves; a return and a resubmission as
// transitions and as changes since the return; paging through a period; bad queries.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/server/auth/users.ts';
import {
  historyExportResponseSchema,
  recordHistoryResponseSchema,
  visitHistoryResponseSchema,
  type ExportRow,
  type VisitHistoryResponse,
} from '../../src/shared/history.ts';
import { pushResponseSchema, SCHEMA_VERSION } from '../../src/shared/protocol.ts';
import { historySql } from '../../src/server/store/sqlite-history.ts';
import { PASSWORD, expectError, login, startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const clients: Record<string, { id: string; seq: number }> = {};

const EPT_ITEMS = ['EPT-01', 'EPT-02', 'EPT-03', 'EPT-04', 'EPT-05', 'EPT-06', 'EPT-07', 'EPT-08', 'EPT-09', 'EPT-10', 'EPT-11', 'EPT-12', 'EPT-13'];
const today = new Date().toISOString().slice(0, 10);

/** The visit of avi-1 the tests read: ilona's, returned once and approved after corrections. */
const visitId = randomUUID();
const observationId = randomUUID();
const contactId = randomUUID();
/** Record versions as the server last answered them, for each mutation's baseVersion. */
const versions = new Map<string, number>();

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.store, { username: 'ilkka', name: 'Ilkka Laine', role: 'inspector', regionIds: ['avi-1'], password: PASSWORD });
  await addUser(server.store, { username: 'kaisa', name: 'Kaisa Korhonen', role: 'coordinator', regionIds: ['avi-1'], password: PASSWORD });
  await addUser(server.store, { username: 'olli', name: 'Olli Mäkelä', role: 'coordinator', regionIds: ['avi-2'], password: PASSWORD });
  await addUser(server.store, { username: 'mikko', name: 'Mikko Nieminen', role: 'inspector', regionIds: ['avi-2'], password: PASSWORD });
  await addUser(server.store, { username: 'aada', name: 'Aada Admin', role: 'admin', regionIds: [], password: PASSWORD });
  for (const name of ['ilona', 'ilkka', 'kaisa', 'olli', 'mikko', 'aada']) {
    const body = (await (await login(server, name)).json()) as { token: string; user: { id: string } };
    tokens[name] = body.token;
    ids[name] = body.user.id;
    clients[name] = { id: randomUUID(), seq: 0 };
  }
  await buildHistory();
});
afterAll(async () => {
  await server.close();
});

type Mutation = { entity: string; id: string; op?: 'upsert' | 'delete'; fields?: Record<string, unknown> };

async function push(user: string, mutations: Mutation[]): Promise<void> {
  const client = clients[user]!;
  const body = {
    clientId: client.id,
    schemaVersion: SCHEMA_VERSION,
    mutations: mutations.map((m) => ({
      seq: ++client.seq,
      entity: m.entity,
      id: m.id,
      op: m.op ?? 'upsert',
      baseVersion: versions.get(`${m.entity}/${m.id}`) ?? null,
      ...(m.op === 'delete' ? {} : { fields: m.fields }),
    })),
  };
  const res = await fetch(`${server.url}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[user]}`, 'x-schema-version': String(SCHEMA_VERSION) },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const answer = pushResponseSchema.parse(await res.json());
  answer.results.forEach((r, i) => {
    expect(r.status, JSON.stringify(r)).toBe('applied');
    if (r.status === 'applied') versions.set(`${mutations[i]!.entity}/${mutations[i]!.id}`, r.version);
  });
}

const answerId = (itemId: string) => `${visitId}:${itemId}`;

async function buildHistory(): Promise<void> {
  await push('ilona', [
    {
      entity: 'visit',
      id: visitId,
      fields: { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: ids['ilona'], plannedDate: '2026-12-01', status: 'in_progress', attendees: [], summary: 'First draft.' },
    },
    ...EPT_ITEMS.map((itemId) => ({ entity: 'answer', id: answerId(itemId), fields: { visitId, itemId, value: 'yes' } })),
    { entity: 'answer', id: answerId('EPT-14'), fields: { visitId, itemId: 'EPT-14', value: 3 } },
    { entity: 'contact', id: contactId, fields: { municipalityId: '091', name: 'Maija Mallikas', areas: ['substance'], active: true } },
  ]);
  // One push changes EPT-01's comment twice.
  await push('ilona', [
    { entity: 'answer', id: answerId('EPT-01'), fields: { comment: 'Group meets monthly.' } },
    { entity: 'answer', id: answerId('EPT-01'), fields: { comment: 'Group meets every other month.' } },
  ]);
  await push('ilona', [{ entity: 'visit', id: visitId, fields: { status: 'submitted' } }]);
  await push('kaisa', [
    { entity: 'answer', id: answerId('EPT-02'), fields: { reviewComment: 'Is there really a working group?' } },
    { entity: 'visit', id: visitId, fields: { status: 'returned', returnReason: 'Check EPT-02, please.' } },
  ]);
  // The inspector corrects: an answer and its comment, the summary, a new observation; then submits again.
  await push('ilona', [
    { entity: 'visit', id: visitId, fields: { status: 'in_progress' } },
    { entity: 'answer', id: answerId('EPT-02'), fields: { value: 'no', comment: 'The group was disbanded in 2025.' } },
    { entity: 'visit', id: visitId, fields: { summary: 'Corrected after the review.' } },
    { entity: 'observation', id: observationId, fields: { visitId, kind: 'concern', text: 'No working group.' } },
    { entity: 'visit', id: visitId, fields: { status: 'submitted' } },
  ]);
  await push('kaisa', [{ entity: 'visit', id: visitId, fields: { status: 'approved', reviewNote: 'Thank you.' } }]);
  // A visit of avi-2, which avi-1's coordinator must never see.
  await push('mikko', [
    {
      entity: 'visit',
      id: randomUUID(),
      fields: { municipalityId: '019', templateIds: ['ept-v2'], inspectorId: ids['mikko'], plannedDate: '2026-12-02', status: 'planned', attendees: [] },
    },
  ]);
}

function get(user: string | null, path: string): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers: user ? { authorization: `Bearer ${tokens[user]}` } : {} });
}

async function recordHistory(user: string, entity: string, id: string) {
  const res = await get(user, `/api/history?entity=${entity}&id=${encodeURIComponent(id)}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return recordHistoryResponseSchema.parse(await res.json());
}

async function visitHistory(user: string): Promise<VisitHistoryResponse> {
  const res = await get(user, `/api/visits/${visitId}/history`);
  expect(res.status, await res.clone().text()).toBe(200);
  return visitHistoryResponseSchema.parse(await res.json());
}

async function exportAll(user: string, query: string): Promise<{ rows: ExportRow[]; pages: number }> {
  const rows: ExportRow[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const res = await get(user, `/api/history/export?${query}${after ? `&after=${after}` : ''}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const page = historyExportResponseSchema.parse(await res.json());
    rows.push(...page.rows);
    after = page.next;
    pages++;
  } while (after !== null && pages < 100);
  return { rows, pages };
}

describe('a record’s history', () => {
  it('is for coordinators of the region and admins: inspectors 403, another region’s coordinator 404', async () => {
    const path = `/api/history?entity=visit&id=${visitId}`;
    const refused = await expectError(await get('ilona', path), 403, 'FORBIDDEN');
    expect(refused.error.message).toMatch(/coordinators and admins/);
    await expectError(await get('olli', path), 404, 'NOT_FOUND');
    await expectError(await get(null, path), 401, 'UNAUTHENTICATED');
    expect((await recordHistory('kaisa', 'visit', visitId)).entries.length).toBeGreaterThan(0);
    expect((await recordHistory('aada', 'visit', visitId)).entries.length).toBeGreaterThan(0);
    // Another region's coordinator is told nothing more about an existing record than about a missing one.
    const missing = await expectError(await get('olli', `/api/history?entity=visit&id=${randomUUID()}`), 404, 'NOT_FOUND');
    const hidden = await expectError(await get('olli', path), 404, 'NOT_FOUND');
    expect(hidden.error.message).toBe(missing.error.message);
  });

  it('of a reference record (no region) is readable by any coordinator', async () => {
    const municipality = await recordHistory('olli', 'municipality', '091');
    expect(municipality).toMatchObject({ entity: 'municipality', id: '091' });
  });

  it('keeps both changes of a push that changed a field twice, oldest first, with who and which device', async () => {
    const { entries } = await recordHistory('kaisa', 'answer', answerId('EPT-01'));
    expect(entries.map((e) => e.op)).toEqual(['create', 'update', 'update']);
    expect(entries[0]).toMatchObject({ before: null, after: { visitId, itemId: 'EPT-01', value: 'yes' } });
    expect(entries[1]).toMatchObject({ before: { comment: null }, after: { comment: 'Group meets monthly.' } });
    expect(entries[2]).toMatchObject({ before: { comment: 'Group meets monthly.' }, after: { comment: 'Group meets every other month.' } });
    expect(entries[1]!.version).toBe(entries[2]!.version);
    for (const e of entries) expect(e).toMatchObject({ userId: ids['ilona'], userName: 'Ilona Virtanen', clientId: clients['ilona']!.id });
  });

  it('names the coordinator behind a review comment', async () => {
    const { entries } = await recordHistory('kaisa', 'answer', answerId('EPT-02'));
    const review = entries.find((e) => e.after && 'reviewComment' in e.after);
    expect(review).toMatchObject({ userName: 'Kaisa Korhonen', clientId: clients['kaisa']!.id, after: { reviewComment: 'Is there really a working group?' } });
  });

  it('answers a bad query 400, saying what is wrong', async () => {
    const noEntity = await expectError(await get('kaisa', `/api/history?id=${visitId}`), 400, 'INVALID');
    expect(JSON.stringify(noEntity.error.details)).toContain('entity');
    await expectError(await get('kaisa', `/api/history?entity=report&id=${visitId}`), 400, 'INVALID');
    const badId = await expectError(await get('kaisa', '/api/history?entity=visit&id=..%2Fetc'), 400, 'INVALID');
    expect(badId.error.details).toMatchObject({ issues: [{ path: ['id'] }] });
    await expectError(await get('kaisa', `/api/history?entity=answer&id=${visitId}`), 400, 'INVALID');
  });
});

describe('a visit’s review history', () => {
  it('is for the coordinators of its region, admins and its own inspector', async () => {
    expect((await visitHistory('ilona')).visitId).toBe(visitId);
    expect((await visitHistory('kaisa')).visitId).toBe(visitId);
    expect((await visitHistory('aada')).visitId).toBe(visitId);
    const colleague = await expectError(await get('ilkka', `/api/visits/${visitId}/history`), 403, 'FORBIDDEN');
    expect(colleague.error.message).toMatch(/own inspector/);
    await expectError(await get('olli', `/api/visits/${visitId}/history`), 404, 'NOT_FOUND');
    await expectError(await get('mikko', `/api/visits/${visitId}/history`), 404, 'NOT_FOUND');
    await expectError(await get('kaisa', `/api/visits/${randomUUID()}/history`), 404, 'NOT_FOUND');
    await expectError(await get('kaisa', '/api/visits/not-a-visit/history'), 400, 'INVALID');
  });

  it('lists the transitions: submitted, returned with its reason, submitted again, approved, by whom', async () => {
    const { transitions } = await visitHistory('ilona');
    expect(transitions.map((t) => [t.from, t.to, t.userName])).toEqual([
      [null, 'in_progress', 'Ilona Virtanen'],
      ['in_progress', 'submitted', 'Ilona Virtanen'],
      ['submitted', 'returned', 'Kaisa Korhonen'],
      ['returned', 'in_progress', 'Ilona Virtanen'],
      ['in_progress', 'submitted', 'Ilona Virtanen'],
      ['submitted', 'approved', 'Kaisa Korhonen'],
    ]);
    expect(transitions[2]).toMatchObject({ reason: 'Check EPT-02, please.', clientId: clients['kaisa']!.id });
    expect(transitions[5]).toMatchObject({ reason: null, note: 'Thank you.' });
    expect(transitions[1]!.reason).toBeNull();
  });

  it('lists every change since the return, the value at the return beside the value now', async () => {
    const { changes, lastReturn, transitions } = await visitHistory('kaisa');
    expect(lastReturn?.version).toBe(transitions[2]!.version);
    expect(changes).toEqual([
      {
        entity: 'visit',
        id: visitId,
        change: 'changed',
        fields: [
          { field: 'reviewNote', atReturn: null, now: 'Thank you.' },
          { field: 'summary', atReturn: 'First draft.', now: 'Corrected after the review.' },
        ],
      },
      {
        entity: 'answer',
        id: answerId('EPT-02'),
        change: 'changed',
        fields: [
          { field: 'comment', atReturn: null, now: 'The group was disbanded in 2025.' },
          { field: 'value', atReturn: 'yes', now: 'no' },
        ],
      },
      {
        entity: 'observation',
        id: observationId,
        change: 'created',
        fields: [
          { field: 'kind', atReturn: null, now: 'concern' },
          { field: 'text', atReturn: null, now: 'No working group.' },
        ],
      },
    ]);
  });

  it('lists a record deleted since the return with its values then, and a follow-up changed', async () => {
    const other = randomUUID();
    const obs = randomUUID();
    const followUp = randomUUID();
    await push('ilona', [
      { entity: 'visit', id: other, fields: { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: ids['ilona'], plannedDate: '2026-12-03', status: 'in_progress', attendees: [] } },
      ...EPT_ITEMS.map((itemId) => ({ entity: 'answer', id: `${other}:${itemId}`, fields: { visitId: other, itemId, value: 'yes' } })),
      { entity: 'answer', id: `${other}:EPT-14`, fields: { visitId: other, itemId: 'EPT-14', value: 3 } },
      { entity: 'observation', id: obs, fields: { visitId: other, kind: 'note', text: 'Minutes were not available.' } },
      { entity: 'followUp', id: followUp, fields: { visitId: other, municipalityId: '091', text: 'Appoint a group.', status: 'open', legalShortcoming: false } },
      { entity: 'visit', id: other, fields: { status: 'submitted' } },
    ]);
    await push('kaisa', [{ entity: 'visit', id: other, fields: { status: 'returned', returnReason: 'The observation is not one.' } }]);
    await push('ilona', [
      { entity: 'observation', id: obs, op: 'delete' },
      { entity: 'followUp', id: followUp, fields: { text: 'Appoint a working group by June.', dueDate: '2027-06-30' } },
    ]);
    const res = await get('kaisa', `/api/visits/${other}/history`);
    const body = visitHistoryResponseSchema.parse(await res.json());
    expect(body.transitions.at(-1)).toMatchObject({ to: 'returned', reason: 'The observation is not one.' });
    expect(body.changes).toEqual([
      {
        entity: 'observation',
        id: obs,
        change: 'deleted',
        fields: [
          { field: 'kind', atReturn: 'note', now: null },
          { field: 'text', atReturn: 'Minutes were not available.', now: null },
        ],
      },
      {
        entity: 'followUp',
        id: followUp,
        change: 'changed',
        fields: [
          { field: 'dueDate', atReturn: null, now: '2027-06-30' },
          { field: 'text', atReturn: 'Appoint a group.', now: 'Appoint a working group by June.' },
        ],
      },
    ]);
  });

  it('has no changes for a visit never returned', async () => {
    const fresh = randomUUID();
    await push('ilona', [
      { entity: 'visit', id: fresh, fields: { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: ids['ilona'], plannedDate: '2026-12-05', status: 'planned', attendees: [] } },
    ]);
    const res = await get('ilona', `/api/visits/${fresh}/history`);
    const body = visitHistoryResponseSchema.parse(await res.json());
    expect(body).toMatchObject({ lastReturn: null, changes: [] });
    expect(body.transitions.map((t) => t.to)).toEqual(['planned']);
  });
});

describe('the export of a period', () => {
  it('is refused to inspectors, and to a coordinator asking for another region', async () => {
    await expectError(await get('ilona', `/api/history/export?from=${today}&to=${today}`), 403, 'FORBIDDEN');
    await expectError(await get('olli', `/api/history/export?from=${today}&to=${today}&regionId=avi-1`), 403, 'FORBIDDEN');
  });

  it('gives a coordinator their regions’ rows only, an admin every row', async () => {
    const kaisa = await exportAll('kaisa', `from=${today}&to=${today}`);
    const olli = await exportAll('olli', `from=${today}&to=${today}`);
    const admin = await exportAll('aada', `from=${today}&to=${today}`);
    expect(kaisa.rows.length).toBeGreaterThan(20);
    expect(new Set(kaisa.rows.map((r) => r.regionId))).toEqual(new Set(['avi-1']));
    expect(olli.rows.some((r) => r.recordId.startsWith(visitId))).toBe(false);
    expect(olli.rows.every((r) => r.regionId === 'avi-2')).toBe(true);
    expect(admin.rows.length).toBe(kaisa.rows.length + olli.rows.length);
    const adminAvi1 = await exportAll('aada', `from=${today}&to=${today}&regionId=avi-1`);
    expect(adminAvi1.rows.map((r) => r.id)).toEqual(kaisa.rows.map((r) => r.id));
  });

  it('names the municipality of every row, an answer’s and observation’s through its visit', async () => {
    const { rows } = await exportAll('kaisa', `from=${today}&to=${today}`);
    const answer = rows.find((r) => r.recordId === answerId('EPT-02') && r.op === 'update');
    expect(answer).toMatchObject({ entity: 'answer', municipalityId: '091', userName: 'Kaisa Korhonen' });
    expect(rows.find((r) => r.entity === 'observation')).toMatchObject({ municipalityId: '091' });
    expect(rows.find((r) => r.entity === 'contact')).toMatchObject({ municipalityId: '091', op: 'create' });
  });

  it('pages through the period with `next`, each row once, in the order of one page', async () => {
    const whole = await exportAll('kaisa', `from=${today}&to=${today}`);
    expect(whole.pages).toBe(1);
    const paged = await exportAll('kaisa', `from=${today}&to=${today}&limit=4`);
    expect(paged.pages).toBe(Math.ceil(whole.rows.length / 4));
    expect(paged.rows.map((r) => r.id)).toEqual(whole.rows.map((r) => r.id));
    expect(new Set(paged.rows.map((r) => r.id)).size).toBe(paged.rows.length);
  });

  it('holds nothing for a period before anything happened', async () => {
    const { rows } = await exportAll('aada', 'from=2020-01-01&to=2020-12-31');
    expect(rows).toEqual([]);
  });

  it('answers a bad query 400, saying what is wrong', async () => {
    const reversed = await expectError(await get('kaisa', '/api/history/export?from=2026-12-02&to=2026-12-01'), 400, 'INVALID');
    expect(reversed.error.details).toMatchObject({ issues: [{ path: ['to'] }] });
    await expectError(await get('kaisa', '/api/history/export?from=2026-13-01&to=2026-12-01'), 400, 'INVALID');
    await expectError(await get('kaisa', '/api/history/export?to=2026-12-01'), 400, 'INVALID');
    await expectError(await get('kaisa', `/api/history/export?from=${today}&to=${today}&limit=0`), 400, 'INVALID');
    await expectError(await get('kaisa', `/api/history/export?from=${today}&to=${today}&limit=1001`), 400, 'INVALID');
    const unknown = await expectError(await get('kaisa', `/api/history/export?from=${today}&to=${today}&after=999999`), 400, 'INVALID');
    expect(unknown.error.details).toMatchObject({ issues: [{ path: ['after'] }] });
    await expectError(await get('kaisa', `/api/history/export?from=${today}&to=${today}&after=abc`), 400, 'INVALID');
  });
});

describe('the queries', () => {
  it('read the history by its indexes, a period in index order without a sort', () => {
    const plan = (sql: string) =>
      (server.store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from(sql.matchAll(/\?/g), () => null)) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan(historySql.ofRecord)).toMatch(/SEARCH h USING INDEX history_record \(entity=\? AND record_id=\?\)/);
    expect(plan(historySql.ofRecordAfter)).toMatch(/SEARCH h USING INDEX history_record \(entity=\? AND record_id=\? AND version>\?\)/);
    expect(plan(historySql.answersAfter)).toMatch(/SEARCH h USING INDEX history_record \(entity=\? AND record_id>\? AND record_id<\?\)/);
    expect(plan(historySql.liveChildren)).toMatch(/USING INDEX records_visit/);
    expect(plan(historySql.deletedChildren)).toMatch(/USING INDEX history_at \(at>\?\)/);
    for (const variant of [
      { after: false, regions: 'all' as const },
      { after: true, regions: 2 },
    ]) {
      const detail = plan(historySql.exportPage(variant));
      expect(detail).toMatch(/SEARCH h USING INDEX history_at \(at>\? AND at<\?\)/);
      expect(detail).not.toMatch(/TEMP B-TREE/);
      expect(detail).toMatch(/SEARCH r USING INDEX sqlite_autoindex_records_1 \(entity=\? AND id=\?\)/);
    }
  });
});
