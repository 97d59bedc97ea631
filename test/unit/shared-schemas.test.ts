// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  answerDetailsSchema,
  answerValueSchema,
  commentRequired,
  detailShown,
  latestTemplate,
  municipalityFieldsSchema,
  regionFieldsSchema,
  templateFieldsSchema,
  templateItemSchema,
} from '../../src/shared/reference.ts';
import {
  answerFieldsSchema,
  contactFieldsSchema,
  followUpFieldsSchema,
  observationFieldsSchema,
  visitFieldsSchema,
} from '../../src/shared/records.ts';
import { findTransition, nextStatuses, visitStatuses, visitTransitions } from '../../src/shared/workflow.ts';
import { entityFieldSchemas, entityNames, fixedFields } from '../../src/shared/entities.ts';
import { pullQuerySchema, pullResponseSchema, pushRequestSchema, pushResponseSchema } from '../../src/shared/protocol.ts';
import { errorBody, errorBodySchema, issueDetails } from '../../src/shared/errors.ts';
import { loginRequestSchema, loginResponseSchema } from '../../src/shared/auth.ts';

const visitId = '0193a3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b';
const text3 = { fi: 'Rakenteet', sv: 'Strukturer', en: 'Structures' };

function pathsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.error?.issues.map((i) => i.path.join('.')) ?? [];
}

describe('reference data', () => {
  it('accepts a region and rejects one without a Swedish name', () => {
    expect(regionFieldsSchema.safeParse({ name: { fi: 'Etelä', sv: 'Södra', en: 'Southern' } }).success).toBe(true);
    const bad = regionFieldsSchema.safeParse({ name: { fi: 'Etelä', en: 'Southern' } });
    expect(pathsOf(bad)).toEqual(['name.sv']);
  });

  it('accepts a municipality and rejects a code that is not three digits', () => {
    const ok = { name: { fi: 'Helsinki', sv: 'Helsingfors' }, regionId: 'avi-1', province: { code: '01', fi: 'Uusimaa', sv: 'Nyland' } };
    expect(municipalityFieldsSchema.safeParse(ok).success).toBe(true);
    expect(municipalityFieldsSchema.safeParse({ ...ok, regionId: 'AVI 1' }).success).toBe(false);
  });

  it('parses every template of the shipped reference data (format 2 and the superseded revision 1)', () => {
    const url = new URL('../../src/server/reference-data/templates.json', import.meta.url);
    const data = JSON.parse(readFileSync(url, 'utf8')) as { formatVersion: number; templates: unknown[] };
    expect(data.formatVersion).toBe(2);
    expect(data.templates).toHaveLength(7);
    for (const t of data.templates) {
      const parsed = templateFieldsSchema.parse(t);
      expect(parsed.items.every((i) => typeof i.required === 'boolean' && typeof i.statutory === 'boolean')).toBe(true);
    }
  });

  it('rejects a template whose item names a missing section, or repeats an id', () => {
    const item = { id: 'A-1', sectionId: 'structure', question: text3, answerType: 'yes_partly_no_na', basis: 'Act 523/2015 §5' };
    const template = { key: 'ept', revision: 1, area: 'substance', title: text3, sections: [{ id: 'structure', title: text3 }], items: [item] };
    expect(templateFieldsSchema.safeParse(template).success).toBe(true);
    expect(pathsOf(templateFieldsSchema.safeParse({ ...template, items: [{ ...item, sectionId: 'nope' }] }))).toEqual(['items.0.sectionId']);
    expect(pathsOf(templateFieldsSchema.safeParse({ ...template, items: [item, item] }))).toEqual(['items.1.id']);
    expect(templateFieldsSchema.safeParse({ ...template, items: [{ ...item, answerType: 'colour' }] }).success).toBe(false);
  });

  it('picks the latest revision of an area that is not superseded', () => {
    const ts = [
      { key: 'ept', revision: 1, area: 'substance' as const },
      { key: 'ept', revision: 3, area: 'substance' as const },
      { key: 'ept', revision: 4, area: 'substance' as const, superseded: true },
      { key: 'hyte', revision: 9, area: 'welfare' as const },
    ];
    expect(latestTemplate(ts, 'substance')?.revision).toBe(3);
    expect(latestTemplate(ts, 'violence')).toBeUndefined();
  });
});

describe('answer values by their item', () => {
  const label = { fi: 'x', sv: 'x', en: 'x' };
  const item = (fields: Record<string, unknown>) =>
    templateItemSchema.parse({ id: 'X-01', sectionId: 's', question: label, basis: label, ...fields });
  const cases: [string, ReturnType<typeof item>, unknown[], unknown[]][] = [
    ['yes_partly_no_na', item({ answerType: 'yes_partly_no_na' }), ['yes', 'partly', 'no', 'not_assessed', null], ['maybe', 1, '']],
    ['scale_1_5 (revision 1)', item({ answerType: 'scale_1_5' }), [1, 5, 'not_assessed', null], [0, 6, 2.5, '3']],
    ['scale 0–4', item({ answerType: 'scale', min: 0, max: 4, anchors: [{ value: 0, label }, { value: 4, label }] }), [0, 4, 'not_assessed', null], [-1, 5, 2.5, '3']],
    ['number (revision 1: 0 or more)', item({ answerType: 'number' }), [0, 12.5, 1e6, 'not_assessed', null], [-1, Number.POSITIVE_INFINITY, Number.NaN, '3']],
    ['number 0–100, whole', item({ answerType: 'number', unit: label, min: 0, max: 100, integer: true }), [0, 100, 'not_assessed'], [-1, 101, 2.5, '3']],
    ['date', item({ answerType: 'date' }), ['2026-03-31', 'not_assessed', null], ['2026-02-30', '31.3.2026', 20260331]],
    ['text', item({ answerType: 'text' }), ['', 'Työryhmä kokoontuu kahdesti vuodessa.', 'x'.repeat(10_000), null], ['x'.repeat(10_001), 5]],
    [
      'choices',
      item({ answerType: 'choices', options: [{ id: 'schools', label }, { id: 'youth', label }] }),
      [[], ['schools'], ['youth', 'schools'], 'not_assessed', null],
      [['schools', 'schools'], ['police'], 'schools', 3],
    ],
  ];
  for (const [name, it_, good, bad] of cases) {
    it(`${name}: accepts ${good.length} values and rejects ${bad.length}`, () => {
      const schema = answerValueSchema(it_);
      for (const v of good) expect(schema.safeParse(v).success, `${name} should accept ${JSON.stringify(v)?.slice(0, 20)}`).toBe(true);
      for (const v of bad) expect(schema.safeParse(v).success, `${name} should reject ${JSON.stringify(v)?.slice(0, 20)}`).toBe(false);
    });
  }

  it('details: only the item\'s own, each of its type and bounds', () => {
    const withDetails = item({
      answerType: 'yes_partly_no_na',
      details: [
        { id: 'body', answerType: 'text', label, showWhen: ['yes'] },
        { id: 'decisionDate', answerType: 'date', label, showWhen: ['yes'] },
        { id: 'fte', answerType: 'number', label, unit: label, min: 0, max: 20, showWhen: ['yes', 'partly'] },
        { id: 'sources', answerType: 'choices', label, options: [{ id: 'police', label }], showWhen: ['yes'] },
      ],
    });
    const schema = answerDetailsSchema(withDetails);
    for (const ok of [null, undefined, {}, { body: 'Hyvinvointilautakunta', decisionDate: '2025-02-20', fte: 0.5, sources: ['police'] }]) {
      expect(schema.safeParse(ok).success, JSON.stringify(ok)).toBe(true);
    }
    for (const bad of [{ other: 'x' }, { fte: 21 }, { fte: -1 }, { decisionDate: '20.2.2025' }, { sources: ['tv'] }, { body: 5 }]) {
      expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(detailShown(withDetails.details![0]!, 'yes')).toBe(true);
    expect(detailShown(withDetails.details![0]!, 'no')).toBe(false);
    expect(detailShown(withDetails.details![2]!, 'partly')).toBe(true);
    expect(detailShown(withDetails.details![2]!, 'not_assessed')).toBe(false);
  });

  it('comments: needed where the answer is one the item names', () => {
    const statutory = item({ answerType: 'yes_partly_no_na', statutory: true, commentRequiredWhen: ['partly', 'no', 'not_assessed'] });
    expect(['yes', 'partly', 'no', 'not_assessed', null].map((v) => commentRequired(statutory, v))).toEqual([false, true, true, true, false]);
    const scale = item({ answerType: 'scale', min: 1, max: 5, anchors: [{ value: 1, label }, { value: 5, label }], commentRequiredWhen: [1, 2, 'not_assessed'] });
    expect([1, 2, 3, 'not_assessed'].map((v) => commentRequired(scale, v))).toEqual([true, true, false, true]);
  });
});

describe('records', () => {
  const contact = { municipalityId: '091', name: 'Maija Meikäläinen', areas: ['substance'], active: true };
  const visit = { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: 'u1', plannedDate: '2026-12-01', status: 'planned' };

  it('accepts a contact and requires at least one distinct area and a valid email', () => {
    expect(contactFieldsSchema.safeParse({ ...contact, email: 'maija@hel.fi', phone: '+358 9 310 1234' }).success).toBe(true);
    expect(pathsOf(contactFieldsSchema.safeParse({ ...contact, areas: [] }))).toEqual(['areas']);
    expect(contactFieldsSchema.safeParse({ ...contact, areas: ['welfare', 'welfare'] }).success).toBe(false);
    expect(pathsOf(contactFieldsSchema.safeParse({ ...contact, email: 'not an email' }))).toEqual(['email']);
    expect(contactFieldsSchema.safeParse({ ...contact, name: '   ' }).success).toBe(false);
  });

  it('accepts a visit with defaults and rejects a bad date or status', () => {
    const parsed = visitFieldsSchema.parse(visit);
    expect(parsed.attendees).toEqual([]);
    expect(pathsOf(visitFieldsSchema.safeParse({ ...visit, plannedDate: '1.12.2026' }))).toEqual(['plannedDate']);
    expect(pathsOf(visitFieldsSchema.safeParse({ ...visit, status: 'done' }))).toEqual(['status']);
    expect(pathsOf(visitFieldsSchema.safeParse({ ...visit, attendees: [{ role: 'chair' }] }))).toEqual(['attendees.0.name']);
  });

  it('accepts answers, observations and follow-ups and rejects their bad fields', () => {
    expect(answerFieldsSchema.safeParse({ visitId, itemId: 'EPT-01', value: 'yes' }).success).toBe(true);
    expect(answerFieldsSchema.safeParse({ visitId, itemId: 'EPT-01', value: null, comment: null }).success).toBe(true);
    expect(pathsOf(answerFieldsSchema.safeParse({ visitId: 'v1', itemId: 'EPT-01', value: 'yes' }))).toEqual(['visitId']);
    expect(observationFieldsSchema.safeParse({ visitId, kind: 'concern', text: 'No working group since 2023' }).success).toBe(true);
    expect(pathsOf(observationFieldsSchema.safeParse({ visitId, kind: 'praise', text: 'x' }))).toEqual(['kind']);
    const followUp = { visitId, municipalityId: '091', text: 'Appoint a working group', status: 'open', legalShortcoming: true };
    expect(followUpFieldsSchema.safeParse({ ...followUp, dueDate: '2027-06-30' }).success).toBe(true);
    expect(pathsOf(followUpFieldsSchema.safeParse({ ...followUp, legalShortcoming: 'yes' }))).toEqual(['legalShortcoming']);
  });

  it('has a field schema and a list of fixed fields for every entity', () => {
    for (const name of entityNames) {
      expect(entityFieldSchemas[name]).toBeDefined();
      for (const f of fixedFields[name]) expect(Object.keys(entityFieldSchemas[name].shape ?? {})).toContain(f);
    }
  });
});

describe('the visit workflow', () => {
  it('lets the inspector submit and recall, and coordinators approve or return', () => {
    expect(findTransition('in_progress', 'submitted')?.by).toBe('inspector');
    expect(findTransition('submitted', 'in_progress')?.by).toBe('inspector');
    expect(nextStatuses('submitted', 'coordinator').sort()).toEqual(['approved', 'returned']);
    expect(nextStatuses('planned', 'inspector').sort()).toEqual(['cancelled', 'in_progress']);
  });

  it('has no way out of approved or cancelled, and no skipping review', () => {
    expect(nextStatuses('approved', 'inspector')).toEqual([]);
    expect(nextStatuses('cancelled', 'coordinator')).toEqual([]);
    expect(findTransition('in_progress', 'approved')).toBeUndefined();
    expect(findTransition('planned', 'submitted')).toBeUndefined();
    for (const t of visitTransitions) expect(visitStatuses).toContain(t.to);
  });
});

describe('sync messages', () => {
  const clientId = '0193a3c4-5d6e-7f80-9a1b-2c3d4e5f6a7c';
  const mutation = { seq: 41, entity: 'observation', id: visitId, op: 'upsert', baseVersion: null, fields: { kind: 'concern' } };

  it('accepts the push of SYNC.md and rejects falling seqs, unknown entities and oversize batches', () => {
    const del = { seq: 43, entity: 'contact', id: visitId, op: 'delete', baseVersion: 1190 };
    expect(pushRequestSchema.safeParse({ clientId, schemaVersion: 3, mutations: [mutation, del] }).success).toBe(true);
    expect(pathsOf(pushRequestSchema.safeParse({ clientId, schemaVersion: 3, mutations: [del, mutation] }))).toEqual(['mutations.1.seq']);
    expect(pushRequestSchema.safeParse({ clientId, schemaVersion: 3, mutations: [{ ...mutation, entity: 'user' }] }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ clientId: 'abc', schemaVersion: 3, mutations: [] }).success).toBe(false);
    const many = Array.from({ length: 501 }, (_, i) => ({ ...mutation, seq: i + 1 }));
    expect(pushRequestSchema.safeParse({ clientId, schemaVersion: 3, mutations: many }).success).toBe(false);
  });

  it('accepts push answers of every status and a pull page', () => {
    const answer = {
      lastSeq: 43,
      version: 1250,
      results: [
        { seq: 41, status: 'applied', version: 1250 },
        { seq: 42, status: 'merged', version: 1250, conflicts: [{ field: 'summary', yours: 'a', kept: 'b' }], record: {} },
        { seq: 43, status: 'rejected', error: { code: 'VISIT_LOCKED', message: 'locked', path: ['status'] }, record: {} },
        { seq: 44, status: 'duplicate', record: null },
      ],
    };
    expect(pushResponseSchema.safeParse(answer).success).toBe(true);
    const badCode = { ...answer, results: [{ seq: 1, status: 'rejected', error: { code: 'OOPS', message: '' }, record: null }] };
    expect(pushResponseSchema.safeParse(badCode).success).toBe(false);
    const page = { changes: [{ entity: 'observation', id: 'x', version: 3, deleted: true }], cursor: 'abc', hasMore: false };
    expect(pullResponseSchema.safeParse(page).success).toBe(true);
  });

  it('bounds the pull limit', () => {
    expect(pullQuerySchema.parse({}).limit).toBe(500);
    expect(pullQuerySchema.parse({ limit: '1000' }).limit).toBe(1000);
    expect(pullQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(pullQuerySchema.safeParse({ limit: '1001' }).success).toBe(false);
  });
});

describe('errors and auth messages', () => {
  it('builds the one error shape, with details naming paths', () => {
    const result = loginRequestSchema.safeParse({ username: 'x', password: '' });
    expect(result.success).toBe(false);
    const body = errorBody('INVALID', 'Check the fields', issueDetails(result.error!));
    expect(errorBodySchema.parse(body).error.details).toEqual({
      issues: [
        { path: ['username'], message: expect.any(String) },
        { path: ['password'], message: 'a password' },
      ],
    });
    expect(errorBody('NOT_FOUND', 'No such path')).toEqual({ error: { code: 'NOT_FOUND', message: 'No such path' } });
  });

  it('normalises usernames and validates the login answer', () => {
    expect(loginRequestSchema.parse({ username: '  Inspector ', password: 'p' }).username).toBe('inspector');
    const user = { id: 'u1', username: 'inspector', name: 'Irma Inspector', role: 'inspector', regionIds: ['avi-1'] };
    expect(loginResponseSchema.safeParse({ token: 't', user, expiresAt: '2026-12-22T10:00:00.000Z' }).success).toBe(true);
    expect(loginResponseSchema.safeParse({ token: 't', user: { ...user, role: 'boss' }, expiresAt: '2026-12-22T10:00:00Z' }).success).toBe(false);
  });
});
