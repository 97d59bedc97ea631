// Community readiness assessments over real HTTP (SYNC.md, "Readiness"): the region's colleagues score
// an interview blind, the server withholding each sheet from everyone but its scorer until every scorer's
// sheet is done, then showing them all under a new version, so a device pulling on from its cursor gets
// them; the consensus only after that; finalising only with every consensus; a finalised assessment
// locked; another region refused and shown nothing; the audit export never carries a sheet not yet shown.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/server/auth/users.ts';
import { historyExportResponseSchema } from '../../src/shared/history.ts';
import { pullResponseSchema, SCHEMA_VERSION, type PushResponse } from '../../src/shared/protocol.ts';
import { PASSWORD, login, outcome, startTestServer, syncOverHttp, type TestServer } from './helpers.ts';

let server: TestServer;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.store, { username: 'kaisa', name: 'Kaisa Korhonen', role: 'coordinator', regionIds: ['avi-1'], password: PASSWORD });
  await addUser(server.store, { username: 'tuula', name: 'Tuula Toivonen', role: 'inspector', regionIds: ['avi-1'], password: PASSWORD });
  await addUser(server.store, { username: 'mikko', name: 'Mikko Nieminen', role: 'inspector', regionIds: ['avi-2'], password: PASSWORD });
  for (const name of ['ilona', 'kaisa', 'tuula', 'mikko']) {
    const body = (await (await login(server, name)).json()) as { token: string; user: { id: string } };
    tokens[name] = body.token;
    ids[name] = body.user.id;
  }
});
afterAll(async () => {
  await server.close();
});

const { push: pushAs, seenBy } = syncOverHttp(() => server, tokens);
let seq = 0;
const push = (user: string, mutations: object[]) => pushAs(user, mutations.map((m) => ({ seq: ++seq, ...m })));
const upsert = (entity: string, id: string, fields: object, baseVersion: number | null = null) => ({ entity, id, op: 'upsert', baseVersion, fields });
const records = (answer: PushResponse) => answer.results.map((r) => ('record' in r ? r.record : undefined));

/** Pulls on from a cursor, as a device does: the changes of the entity after it, and the next cursor. */
async function pullFrom(user: string, cursor: string | undefined, entity: string): Promise<{ seen: Record<string, unknown>[]; cursor: string }> {
  const seen: Record<string, unknown>[] = [];
  for (;;) {
    const res = await fetch(`${server.url}/api/sync/pull?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      headers: { authorization: `Bearer ${tokens[user]}`, 'x-schema-version': String(SCHEMA_VERSION) },
    });
    const page = pullResponseSchema.parse(await res.json());
    for (const c of page.changes) if (c.entity === entity && c.record) seen.push(c.record);
    cursor = page.cursor;
    if (!page.hasMore) return { seen, cursor };
  }
}

async function exportedEntities(user: string): Promise<string[]> {
  const today = new Date().toISOString().slice(0, 10);
  const res = await fetch(`${server.url}/api/history/export?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
  expect(res.status).toBe(200);
  return historyExportResponseSchema.parse(await res.json()).rows.map((r) => `${r.entity}/${r.recordId}`);
}

const all = (n: number) => ({ A: n, B: n, C: n, D: n, E: n, F: n });

describe('a readiness assessment', () => {
  it('is scored blind by its scorers, agreed, finalised and then locked', async () => {
    const assessmentId = randomUUID();
    const interviewId = randomUUID();
    const assessment = { municipalityId: '091', area: 'substance', issue: 'Young people’s alcohol use', scorerIds: [ids['ilona'], ids['kaisa']], status: 'draft' };

    // Scorers are colleagues of the region; an assessment begins as a draft; another region's inspector is refused.
    expect(
      outcome(
        await push('ilona', [
          upsert('assessment', randomUUID(), { ...assessment, scorerIds: [ids['ilona'], ids['mikko']] }),
          upsert('assessment', randomUUID(), { ...assessment, status: 'finalised' }),
        ]),
      ),
    ).toEqual(['INVALID', 'INVALID']);
    const made = await push('ilona', [
      upsert('assessment', assessmentId, assessment),
      upsert('interview', interviewId, { assessmentId, role: 'Rector of the upper secondary school', sector: 'education', date: '2027-01-20' }),
    ]);
    expect(outcome(made)).toEqual(['applied', 'applied']);
    const foreign = await push('mikko', [
      upsert('interview', randomUUID(), { assessmentId, role: 'Police', sector: 'police', date: '2027-01-21' }),
      upsert('assessment', assessmentId, { notes: 'mine now' }, made.version),
    ]);
    expect(outcome(foreign)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(records(foreign)).toEqual([null, null]);
    expect(await seenBy('mikko', 'assessment')).toEqual([]);

    // Ilona's sheet, done: hers alone. The coordinator pulls the interview, not the sheet.
    const kaisaStart = await pullFrom('kaisa', undefined, 'readinessScore');
    const ilonaSheet = `${interviewId}:${ids['ilona']}`;
    const kaisaSheet = `${interviewId}:${ids['kaisa']}`;
    expect(outcome(await push('ilona', [upsert('readinessScore', ilonaSheet, { assessmentId, interviewId, scorerId: ids['ilona'], scores: { ...all(4), F: 3 }, done: true })]))).toEqual([
      'applied',
    ]);
    expect((await pullFrom('ilona', undefined, 'readinessScore')).seen).toEqual([expect.objectContaining({ id: ilonaSheet, done: true })]);
    const kaisaWaiting = await pullFrom('kaisa', kaisaStart.cursor, 'readinessScore');
    expect(kaisaWaiting.seen).toEqual([]);
    expect(await seenBy('tuula', 'readinessScore')).toEqual([]);
    expect(await exportedEntities('kaisa')).not.toContain(`readinessScore/${ilonaSheet}`);
    expect((await fetch(`${server.url}/api/history?entity=readinessScore&id=${encodeURIComponent(ilonaSheet)}`, { headers: { authorization: `Bearer ${tokens['kaisa']}` } })).status).toBe(404);

    // Nobody writes, or reads through a refusal, another scorer's sheet; one who is not a scorer has none.
    const prying = await push('kaisa', [
      upsert('readinessScore', ilonaSheet, { scores: all(9) }, made.version),
      upsert('readinessScore', ilonaSheet, { assessmentId, interviewId, scorerId: ids['ilona'], scores: all(9), done: false }),
      { entity: 'readinessScore', id: ilonaSheet, op: 'delete', baseVersion: made.version },
    ]);
    expect(outcome(prying)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(records(prying)).toEqual([null, null, null]);
    const tuulaSheet = `${interviewId}:${ids['tuula']}`;
    expect(outcome(await push('tuula', [upsert('readinessScore', tuulaSheet, { assessmentId, interviewId, scorerId: ids['tuula'], scores: all(5), done: true })]))).toEqual(['FORBIDDEN']);

    // No consensus before every sheet is in; a sheet is done with six scores.
    expect(outcome(await push('kaisa', [upsert('interview', interviewId, { consensus: all(4) }, made.version)]))).toEqual(['INVALID']);
    const kaisaFields = { assessmentId, interviewId, scorerId: ids['kaisa'], scores: { A: 5, B: 4, C: 4, D: 4, E: 5 }, done: true };
    expect(outcome(await push('kaisa', [upsert('readinessScore', kaisaSheet, kaisaFields)]))).toEqual(['INVALID']);
    const draft = await push('kaisa', [upsert('readinessScore', kaisaSheet, { ...kaisaFields, done: false })]);
    expect(outcome(draft)).toEqual(['applied']);
    const ilonaBefore = await pullFrom('ilona', undefined, 'readinessScore');
    expect(ilonaBefore.seen.map((s) => s.id)).toEqual([ilonaSheet]);

    // Kaisa's sheet done: both sheets shown, to each device pulling on from where it was, and to the region.
    const shown = await push('kaisa', [upsert('readinessScore', kaisaSheet, { scores: { ...kaisaFields.scores, F: 3 }, done: true }, draft.version)]);
    expect(outcome(shown)).toEqual(['applied']);
    expect((await pullFrom('ilona', ilonaBefore.cursor, 'readinessScore')).seen.map((s) => s.id).sort()).toEqual([ilonaSheet, kaisaSheet].sort());
    expect((await pullFrom('kaisa', kaisaWaiting.cursor, 'readinessScore')).seen.map((s) => s.id).sort()).toEqual([ilonaSheet, kaisaSheet].sort());
    expect((await seenBy('tuula', 'readinessScore')).map((s) => [s.id, s.scores])).toEqual(
      expect.arrayContaining([
        [ilonaSheet, { ...all(4), F: 3 }],
        [kaisaSheet, { A: 5, B: 4, C: 4, D: 4, E: 5, F: 3 }],
      ]),
    );
    expect(await exportedEntities('kaisa')).toContain(`readinessScore/${ilonaSheet}`);
    // Shown, a sheet no longer changes: the scorers agree the consensus instead.
    expect(outcome(await push('ilona', [upsert('readinessScore', ilonaSheet, { scores: all(6) }, shown.version)]))).toEqual(['LOCKED']);

    // Finalising needs every interview's consensus; the server stamps who finalised it and when.
    expect(outcome(await push('ilona', [upsert('assessment', assessmentId, { status: 'finalised' }, made.version)]))).toEqual(['INCOMPLETE']);
    expect(outcome(await push('ilona', [upsert('assessment', assessmentId, { finalisedAt: new Date().toISOString() }, made.version)]))).toEqual(['FIELD_NOT_OWNED']);
    const partly = await push('kaisa', [upsert('interview', interviewId, { consensus: { A: 4, B: 4, C: 4, D: 4, E: 5 } }, shown.version)]);
    expect(outcome(partly)).toEqual(['applied']);
    expect(outcome(await push('ilona', [upsert('assessment', assessmentId, { status: 'finalised' }, made.version)]))).toEqual(['INCOMPLETE']);
    const agreed = await push('kaisa', [upsert('interview', interviewId, { consensus: { A: 4, B: 4, C: 4, D: 4, E: 5, F: 3 } }, partly.version)]);
    expect(outcome(agreed)).toEqual(['applied']);
    const finalised = await push('ilona', [upsert('assessment', assessmentId, { status: 'finalised' }, agreed.version)]);
    expect(outcome(finalised)).toEqual(['applied']);
    const [stored] = await seenBy('tuula', 'assessment');
    expect(stored).toMatchObject({ id: assessmentId, status: 'finalised', finalisedBy: ids['ilona'] });
    expect(Date.parse(String(stored!.finalisedAt))).toBeGreaterThan(Date.now() - 60_000);

    // Finalised: locked, the assessment, its interviews and their sheets, for everyone of the region.
    const locked = await push('kaisa', [
      upsert('assessment', assessmentId, { notes: 'One more thing' }, finalised.version),
      upsert('interview', interviewId, { notes: 'Corrected' }, finalised.version),
      upsert('interview', randomUUID(), { assessmentId, role: 'Youth worker', sector: 'youth_work', date: '2027-01-22' }),
      { entity: 'interview', id: interviewId, op: 'delete', baseVersion: finalised.version },
      { entity: 'assessment', id: assessmentId, op: 'delete', baseVersion: finalised.version },
    ]);
    expect(outcome(locked)).toEqual(['LOCKED', 'LOCKED', 'LOCKED', 'LOCKED', 'LOCKED']);
  });

  it('deleted as a draft, takes its interviews and sheets with it', async () => {
    const assessmentId = randomUUID();
    const interviewId = randomUUID();
    const sheet = `${interviewId}:${ids['ilona']}`;
    const made = await push('ilona', [
      upsert('assessment', assessmentId, { municipalityId: '091', area: 'violence', issue: 'Violence in close relationships', scorerIds: [ids['ilona'], ids['tuula']], status: 'draft' }),
      upsert('interview', interviewId, { assessmentId, role: 'Social worker', sector: 'social_health', date: '2027-02-01' }),
      upsert('readinessScore', sheet, { assessmentId, interviewId, scorerId: ids['ilona'], scores: { A: 2 }, done: false }),
    ]);
    expect(outcome(made)).toEqual(['applied', 'applied', 'applied']);
    expect(outcome(await push('tuula', [{ entity: 'assessment', id: assessmentId, op: 'delete', baseVersion: made.version }]))).toEqual(['applied']);
    const rows = server.store.db.prepare('SELECT entity, deleted FROM records WHERE id IN (?, ?, ?) ORDER BY entity').all(assessmentId, interviewId, sheet);
    expect(rows).toEqual([
      { entity: 'assessment', deleted: 1 },
      { entity: 'interview', deleted: 1 },
      { entity: 'readinessScore', deleted: 1 },
    ]);
  });
});
