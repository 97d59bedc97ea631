// @vitest-environment node
// SYNC.md's "who writes what" and "who sees what" as one table, over the real store: every role, in
// its own region and in another, on every entity, for every action. Each cell checks the code the
// protocol gives it, that resending the same seq answers the same, and that no result of any push
// hands over a record the caller may not see.
import BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReferenceData } from '../../src/server/reference-data/seed.ts';
import { SqliteStore } from '../../src/server/store/sqlite-store.ts';
import type { SyncUser } from '../../src/server/store/store.ts';
import type { EntityName } from '../../src/shared/entities.ts';
import { SCHEMA_VERSION, type Mutation, type PushResult } from '../../src/shared/protocol.ts';

type Role = 'inspector' | 'coordinator' | 'admin';
type Where = 'own' | 'other';
type Action = 'create' | 'edit' | 'delete' | 'transition' | 'duplicate';
type Fields = Record<string, unknown>;

let store: SqliteStore;
const users = {
  ilona: { userId: randomUUID(), role: 'inspector', regionIds: ['avi-1'] },
  kaisa: { userId: randomUUID(), role: 'coordinator', regionIds: ['avi-1'] },
  admin: { userId: randomUUID(), role: 'admin', regionIds: [] },
  mikko: { userId: randomUUID(), role: 'inspector', regionIds: ['avi-2'] },
  pirjo: { userId: randomUUID(), role: 'coordinator', regionIds: ['avi-2'] },
} satisfies Record<string, SyncUser>;
const callers: Record<Role, SyncUser> = { inspector: users.ilona, coordinator: users.kaisa, admin: users.admin };
/** Who makes the records a cell acts on: the inspector of that region, and the admin for reference data. */
const owners: Record<Where, SyncUser> = { own: users.ilona, other: users.mikko };
const municipalityIn: Record<Where, string> = { own: '091', other: '' };
/** The colleagues who score a region's readiness assessments. */
const scorersIn: Record<Where, string[]> = { own: [users.ilona.userId, users.kaisa.userId], other: [users.mikko.userId, users.pirjo.userId] };
let freeMunicipalityCodes: string[] = [];
/** The file every attachment of the matrix names: held by the server, so only the rights decide. */
const photo = { sha256: 'e3'.repeat(32), mediaType: 'image/jpeg', bytes: 48_213 };

beforeAll(async () => {
  store = new SqliteStore(new BetterSqlite3(':memory:'));
  await seedReferenceData(store);
  for (const [username, u] of Object.entries(users)) {
    await store.createUser({ id: u.userId, username, name: username, role: u.role, regionIds: u.regionIds, passwordHash: 'unused', createdAt: new Date().toISOString() });
  }
  const rows = store.db.prepare("SELECT id, region_id, json_extract(data, '$.regionId') AS region FROM records WHERE entity = 'municipality'").all() as { id: string; region: string }[];
  municipalityIn.other = rows.find((r) => r.region === 'avi-2')!.id;
  const taken = new Set(rows.map((r) => r.id));
  store.db.prepare('INSERT INTO blobs (sha256, media_type, bytes, created_at, touched_at) VALUES (?, ?, ?, ?, ?)').run(photo.sha256, photo.mediaType, photo.bytes, '2027-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z');
  freeMunicipalityCodes = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0')).filter((c) => !taken.has(c));
});
afterAll(async () => {
  await store.close();
});

/** One device per user; seqs rise across its pushes. */
const devices = new Map<string, { clientId: string; seq: number }>();
function device(user: SyncUser) {
  let d = devices.get(user.userId);
  if (!d) devices.set(user.userId, (d = { clientId: randomUUID(), seq: 0 }));
  return d;
}

async function push(user: SyncUser, mutations: Omit<Mutation, 'seq'>[], seqs?: number[]): Promise<{ results: PushResult[]; seqs: number[] }> {
  const d = device(user);
  const used = seqs ?? mutations.map(() => ++d.seq);
  const res = await store.push(user, { clientId: d.clientId, schemaVersion: SCHEMA_VERSION, mutations: mutations.map((m, i) => ({ ...m, seq: used[i]! }) as Mutation) });
  for (const r of res.results) expectOnlyVisibleRecord(user, mutations[used.indexOf(r.seq)]!, r);
  return { results: res.results, seqs: used };
}

/** The invariant of every push: a result's record is one the caller may pull, and only then. */
function expectOnlyVisibleRecord(user: SyncUser, m: Omit<Mutation, 'seq'>, r: PushResult): void {
  if (!('record' in r)) return;
  const row = store.db.prepare('SELECT region_id, private_to FROM records WHERE entity = ? AND id = ?').get(m.entity, m.id) as
    | { region_id: string | null; private_to: string | null }
    | undefined;
  const visible =
    !!row && (user.role === 'admin' || row.region_id === null || user.regionIds.includes(row.region_id)) && (row.private_to === null || row.private_to === user.userId);
  expect(r.record !== null, `${user.role} ${r.status} ${m.entity}: record ${r.record ? 'given' : 'withheld'}`).toBe(visible);
}

const upsert = (entity: EntityName, id: string, fields: Fields, baseVersion: number | null = null) => ({ entity, id, op: 'upsert' as const, baseVersion, fields });

let naturalIds = 0;
const text3 = (s: string) => ({ fi: s, sv: s, en: s });
/** The record a new one belongs to: a visit for its records, an assessment for an interview, an interview (and the scorer) for a sheet. */
type Parent = { visitId?: string; assessmentId?: string; interviewId?: string; scorerId?: string };

/** Fields of a new record of each entity in a region, under its parent. */
function newRecord(entity: EntityName, where: Where, { visitId = '', assessmentId = '', interviewId = '', scorerId = '' }: Parent = {}): { id: string; fields: Fields } {
  const n = ++naturalIds;
  switch (entity) {
    case 'region':
      return { id: `test-${n}`, fields: { name: text3(`Region ${n}`) } };
    case 'agency':
      return { id: `agency-${n}`, fields: { name: text3(`Agency ${n}`), logo: 'data:image/png;base64,iVBORw0KGgo=' } };
    case 'municipality':
      return { id: freeMunicipalityCodes.pop()!, fields: { name: { fi: `Kunta ${n}`, sv: `Kommun ${n}` }, regionId: where === 'own' ? 'avi-1' : 'avi-2', province: { code: '01', fi: 'Uusimaa', sv: 'Nyland' } } };
    case 'template':
      return {
        id: `test-v${n}`,
        fields: {
          key: 'test', revision: n, area: 'welfare', title: text3('Test'), sections: [{ id: 's', title: text3('S') }],
          items: [{ id: 'T-1', sectionId: 's', question: text3('Q?'), answerType: 'text', required: false, basis: 'none' }],
        },
      };
    case 'contact':
      return { id: randomUUID(), fields: { municipalityId: municipalityIn[where], name: 'Aino Laine', areas: ['welfare'], active: true } };
    case 'visit':
      return {
        id: randomUUID(),
        fields: { municipalityId: municipalityIn[where], templateIds: ['ept-v2'], inspectorId: owners[where].userId, plannedDate: '2027-02-01', status: 'planned', attendees: [] },
      };
    case 'answer':
      return { id: `${visitId}:EPT-01`, fields: { visitId, itemId: 'EPT-01', value: 'yes' } };
    case 'observation':
      return { id: randomUUID(), fields: { visitId, kind: 'note', text: 'Seen' } };
    case 'attachment':
      return { id: randomUUID(), fields: { visitId, ...photo, caption: 'The decision', fileName: 'decision.jpg' } };
    case 'followUp':
      return { id: randomUUID(), fields: { visitId, municipalityId: municipalityIn[where], text: 'Appoint a group', status: 'open', legalShortcoming: false } };
    case 'meeting':
      return {
        id: randomUUID(),
        fields: { regionId: where === 'own' ? 'avi-1' : 'avi-2', title: 'Network day', kind: 'network', areas: ['substance'], date: '2027-03-01', status: 'planned', invited: [], attended: [], guests: [], materials: [] },
      };
    case 'guidance':
      return { id: randomUUID(), fields: { municipalityId: municipalityIn[where], date: '2027-03-02', channel: 'phone', areas: ['welfare'], topic: 'The welfare report', contactIds: [] } };
    case 'plan':
      return { id: randomUUID(), fields: { municipalityId: municipalityIn[where], kind: 'welfare_plan', adoptedOn: '2026-06-15', adoptedBy: 'Council' } };
    case 'assessment':
      return { id: randomUUID(), fields: { municipalityId: municipalityIn[where], area: 'substance', issue: 'Young people’s alcohol use', scorerIds: scorersIn[where], status: 'draft' } };
    case 'interview':
      return { id: randomUUID(), fields: { assessmentId, role: 'School nurse', sector: 'education', date: '2027-01-20' } };
    case 'readinessScore':
      return { id: `${interviewId}:${scorerId}`, fields: { assessmentId, interviewId, scorerId, scores: { A: 3, B: 4 }, done: false } };
  }
}

const edits: Record<EntityName, Fields> = {
  region: { name: text3('Renamed') },
  municipality: { name: { fi: 'Uusi nimi', sv: 'Nytt namn' } },
  template: { title: text3('Renamed') },
  agency: { name: text3('Renamed agency') },
  contact: { name: 'Aino Virtanen' },
  visit: { agenda: 'Structures first' },
  answer: { comment: 'Checked the minutes' },
  observation: { text: 'Seen again' },
  followUp: { text: 'Appoint a working group' },
  meeting: { attended: ['0193a0c4-5b6d-7e8f-9a0b-0000000000a1'] },
  guidance: { followUpText: 'Send the plan', followUpStatus: 'open' },
  plan: { nextRevisionDue: '2029-06-30' },
  assessment: { notes: 'Six interviews planned' },
  interview: { notes: 'Spoke for the school health services' },
  readinessScore: { scores: { A: 3, B: 5 } },
  attachment: { caption: 'The decision, page 2' },
};
const transitions: Partial<Record<EntityName, Fields>> = { visit: { status: 'in_progress' }, followUp: { status: 'done' } };

const referenceEntities: EntityName[] = ['region', 'municipality', 'template', 'agency'];

/** A record of the entity in the region, made by whoever may, and a planned visit of that region. */
async function existing(entity: EntityName, where: Where): Promise<{ id: string; version: number }> {
  const maker = referenceEntities.includes(entity) ? users.admin : owners[where];
  const { parents, parent } = await parentsOf(entity, where, maker);
  const target = entity === 'visit' ? parents[0]! : newRecord(entity, where, parent);
  const done = await push(maker, [...parents.filter((p) => p !== target).map((p) => upsert(p.entity, p.id, p.fields)), upsert(entity, target.id, target.fields)]);
  expect(done.results.map(outcome)).toEqual(done.results.map(() => 'applied'));
  return { id: target.id, version: (done.results.at(-1) as { version: number }).version };
}

/** The records a new record of the entity needs first (a visit, an assessment and its interview), made by `scorer`'s side. */
async function parentsOf(entity: EntityName, where: Where, scorer: SyncUser): Promise<{ parents: ({ entity: EntityName } & ReturnType<typeof newRecord>)[]; parent: Parent }> {
  const visit = { entity: 'visit' as const, ...newRecord('visit', where) };
  if (entity === 'visit') return { parents: [visit], parent: {} };
  if (['answer', 'observation', 'followUp', 'attachment'].includes(entity)) return { parents: [visit], parent: { visitId: visit.id } };
  if (entity !== 'interview' && entity !== 'readinessScore') return { parents: [], parent: {} };
  const assessment = { entity: 'assessment' as const, ...newRecord('assessment', where) };
  if (entity === 'interview') return { parents: [assessment], parent: { assessmentId: assessment.id } };
  const interview = { entity: 'interview' as const, ...newRecord('interview', where, { assessmentId: assessment.id }) };
  return { parents: [assessment, interview], parent: { assessmentId: assessment.id, interviewId: interview.id, scorerId: scorer.userId } };
}

/** What a cell's push answers: the status, or the rejection's code. */
const outcome = (r: PushResult) => (r.status === 'rejected' ? r.error.code : r.status);

async function act(role: Role, where: Where, entity: EntityName, action: Action): Promise<string> {
  const caller = callers[role];
  let m: Omit<Mutation, 'seq'>;
  if (action === 'create') {
    // The parents are made by whoever may in that region; the new record by the caller (a sheet: their own).
    const { parents, parent } = await parentsOf(entity, where, caller);
    if (entity !== 'visit' && parents.length > 0) {
      const made = await push(owners[where], parents.map((p) => upsert(p.entity, p.id, p.fields)));
      expect(made.results.map(outcome)).toEqual(parents.map(() => 'applied'));
    }
    const made = newRecord(entity, where, parent);
    if (entity === 'visit' && role === 'inspector') made.fields.inspectorId = caller.userId;
    m = upsert(entity, made.id, made.fields);
  } else if (action === 'duplicate') {
    // A device resends a seq it used before, naming another record: it is answered `duplicate`.
    const target = await existing(entity, where);
    const harmless = role === 'admin' ? newRecord('region', where) : newRecord('contact', 'own');
    const first = await push(caller, [upsert(role === 'admin' ? 'region' : 'contact', harmless.id, harmless.fields)]);
    expect(outcome(first.results[0]!)).toBe('applied');
    m = upsert(entity, target.id, edits[entity], target.version);
    const again = await push(caller, [m], first.seqs);
    return outcome(again.results[0]!);
  } else {
    const target = await existing(entity, where);
    if (action === 'delete') m = { entity, id: target.id, op: 'delete', baseVersion: target.version };
    else m = upsert(entity, target.id, action === 'edit' ? edits[entity] : transitions[entity]!, target.version);
  }
  const first = await push(caller, [m]);
  // Resent later (its answer lost), the same seq answers the same, and still hands over nothing unseen.
  const again = await push(caller, [m], first.seqs);
  const was = outcome(first.results[0]!);
  expect(outcome(again.results[0]!)).toBe(was === 'applied' ? 'duplicate' : was);
  return was;
}

// Each row: create, edit, delete, transition (only visits and follow-ups have one), resent as a duplicate.
// `+` applied, `F` FORBIDDEN, `O` FIELD_NOT_OWNED, `D` duplicate.
const codes: Record<string, string> = { '+': 'applied', F: 'FORBIDDEN', O: 'FIELD_NOT_OWNED', D: 'duplicate' };
const reference = { region: 'FFF-D', municipality: 'FFF-D', template: 'FFF-D', agency: 'FFF-D' };
const table: Record<Role, Record<Where, Record<EntityName, string>>> = {
  inspector: {
    own: { contact: '+++-D', visit: '++++D', answer: '+++-D', observation: '+++-D', attachment: '+++-D', followUp: '++++D', meeting: '+++-D', guidance: '+++-D', plan: '+++-D', assessment: '+++-D', interview: '+++-D', readinessScore: '+++-D', ...reference },
    other: { contact: 'FFF-D', visit: 'FFFFD', answer: 'FFF-D', observation: 'FFF-D', attachment: 'FFF-D', followUp: 'FFFFD', meeting: 'FFF-D', guidance: 'FFF-D', plan: 'FFF-D', assessment: 'FFF-D', interview: 'FFF-D', readinessScore: 'FFF-D', ...reference },
  },
  coordinator: {
    own: { contact: '+++-D', visit: '+OFFD', answer: 'OOF-D', observation: 'FOF-D', attachment: 'FOF-D', followUp: 'FOF+D', meeting: '+++-D', guidance: '+++-D', plan: '+++-D', assessment: '+++-D', interview: '+++-D', readinessScore: '+FF-D', ...reference },
    other: { contact: 'FFF-D', visit: 'FFFFD', answer: 'FFF-D', observation: 'FFF-D', attachment: 'FFF-D', followUp: 'FFFFD', meeting: 'FFF-D', guidance: 'FFF-D', plan: 'FFF-D', assessment: 'FFF-D', interview: 'FFF-D', readinessScore: 'FFF-D', ...reference },
  },
  admin: {
    own: { contact: 'FFF-D', visit: 'FFFFD', answer: 'FFF-D', observation: 'FFF-D', attachment: 'FFF-D', followUp: 'FFFFD', meeting: 'FFF-D', guidance: 'FFF-D', plan: 'FFF-D', assessment: 'FFF-D', interview: 'FFF-D', readinessScore: 'FFF-D', region: '+++-D', municipality: '+++-D', template: '+++-D', agency: '+++-D' },
    other: { contact: 'FFF-D', visit: 'FFFFD', answer: 'FFF-D', observation: 'FFF-D', attachment: 'FFF-D', followUp: 'FFFFD', meeting: 'FFF-D', guidance: 'FFF-D', plan: 'FFF-D', assessment: 'FFF-D', interview: 'FFF-D', readinessScore: 'FFF-D', region: '+++-D', municipality: '+++-D', template: '+++-D', agency: '+++-D' },
  },
};
const actions: Action[] = ['create', 'edit', 'delete', 'transition', 'duplicate'];

describe('the authorisation matrix', () => {
  for (const role of ['inspector', 'coordinator', 'admin'] as const) {
    for (const where of ['own', 'other'] as const) {
      it(`${role}, ${where} region`, async () => {
        const got: Record<string, string> = {};
        const want: Record<string, string> = {};
        for (const [entity, row] of Object.entries(table[role][where]) as [EntityName, string][]) {
          for (const [i, action] of actions.entries()) {
            if (row[i] === '-') continue;
            want[`${entity} ${action}`] = codes[row[i]!]!;
            got[`${entity} ${action}`] = await act(role, where, entity, action);
          }
        }
        expect(got).toEqual(want);
      });
    }
  }
});

describe('rejections and duplicates', () => {
  it('never hand a record of another region to a rejected edit, nor to its resend after the record changed', async () => {
    const visit = await existing('visit', 'own');
    const m = upsert('visit', visit.id, { agenda: 'Not mine' }, visit.version);
    const first = await push(users.mikko, [m]);
    expect(first.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' }, record: null });
    await push(users.ilona, [upsert('visit', visit.id, { agenda: 'Changed since' }, visit.version)]);
    const again = await push(users.mikko, [m], first.seqs);
    expect(again.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' }, record: null });
  });

  it("still hand the caller's own record to a rejection, so the device can show what the server keeps", async () => {
    const visit = await existing('visit', 'own');
    const done = await push(users.ilona, [upsert('visit', visit.id, { status: 'approved' }, visit.version)]);
    expect(done.results[0]).toMatchObject({ status: 'rejected', error: { code: 'BAD_TRANSITION' }, record: { id: visit.id, status: 'planned' } });
  });
});
