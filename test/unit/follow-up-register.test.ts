// The follow-up register compiled from a small fixed data set: tombstones skipped, Åland left out unless
// asked, overdue by `today`, the visit's areas from its templates, overdue first, then by due date (none
// last), then by municipality name; and the page's filters.
import { describe, expect, it } from 'vitest';
import type { LocalRecord } from '../../src/db/database.ts';
import { compileFollowUpRegister, filterFollowUpRegister, type FollowUpRegisterFilter, type FollowUpRegisterInput } from '../../src/db/follow-up-register.ts';

const municipality = (id: string, fi: string, regionId: string, deleted = false): LocalRecord<'municipality'> => ({
  id,
  name: { fi, sv: `${fi} sv` },
  regionId,
  province: { code: '01', fi: 'Uusimaa', sv: 'Nyland' },
  ...(deleted ? { deleted } : {}),
});

const visit = (id: string, municipalityId: string, templateIds: string[], plannedDate: string, inspectorId = 'insp-a', deleted = false): LocalRecord<'visit'> => ({
  id,
  municipalityId,
  templateIds,
  plannedDate,
  status: 'approved',
  inspectorId,
  mode: 'on_site',
  attendees: [],
  ...(deleted ? { deleted } : {}),
});

const followUp = (
  id: string,
  visitId: string,
  municipalityId: string,
  status: 'open' | 'done' | 'dropped',
  dueDate: string | null,
  extra: Partial<LocalRecord<'followUp'>> = {},
): LocalRecord<'followUp'> => ({ id, visitId, municipalityId, text: `Recommendation ${id}`, dueDate, status, legalShortcoming: false, ...extra });

const input: FollowUpRegisterInput = {
  regionIds: ['avi-1', 'avi-7'],
  today: '2025-09-15',
  municipalities: [
    municipality('001', 'Beta', 'avi-1'),
    municipality('002', 'Alpha', 'avi-1'),
    municipality('003', 'Gamma', 'avi-1', true),
    municipality('004', 'Delta', 'avi-2'),
    municipality('035', 'Brändö', 'avi-7'),
  ],
  templates: [
    { id: 't-sub', area: 'substance' },
    { id: 't-wel', area: 'welfare' },
    { id: 't-sub2', area: 'substance' },
  ],
  visits: [
    visit('v1', '001', ['t-sub', 't-wel', 't-sub2'], '2025-03-01', 'insp-a'),
    visit('v2', '002', ['t-wel'], '2025-04-01', 'insp-b'),
    visit('v3', '003', ['t-sub'], '2025-04-01'),
    visit('v4', '035', ['t-sub'], '2025-04-01'),
    visit('v5', '002', ['t-sub'], '2025-05-01', 'insp-a', true),
  ],
  followUps: [
    followUp('f1', 'v1', '001', 'open', '2025-12-31', { updatedBy: 'insp-c', updatedAt: '2025-06-01T08:00:00.000Z' }),
    followUp('f2', 'v1', '001', 'open', '2025-06-30', { legalShortcoming: true }),
    followUp('f3', 'v2', '002', 'open', '2025-06-30'),
    followUp('f4', 'v2', '002', 'open', null),
    followUp('f5', 'v2', '002', 'done', '2025-01-01'), // past due but done: not overdue
    followUp('f6', 'v2', '002', 'open', '2025-09-15'), // due today: not overdue yet
    followUp('f7', 'v1', '001', 'open', '2025-01-01', { deleted: true }),
    followUp('f8', 'v3', '003', 'open', '2025-01-01'), // deleted municipality
    followUp('f9', 'v4', '035', 'open', '2025-01-01'), // Åland
    followUp('f10', 'v5', '002', 'dropped', '2025-10-01'), // its visit deleted
    followUp('f11', 'v9', '004', 'open', '2025-01-01'), // another region
  ],
  guidance: [],
  pendingIds: new Set(['f3']),
};

const guidance = (
  id: string,
  municipalityId: string,
  date: string,
  followUp: { text: string; due?: string | null; status?: 'open' | 'done' | 'dropped' | null } | null,
  extra: Partial<LocalRecord<'guidance'>> = {},
): LocalRecord<'guidance'> => ({
  id,
  municipalityId,
  date,
  channel: 'phone',
  areas: ['violence'],
  topic: `Topic ${id}`,
  contactIds: [],
  notes: null,
  followUpText: followUp?.text ?? null,
  followUpDue: followUp?.due ?? null,
  followUpStatus: followUp ? (followUp.status === undefined ? 'open' : followUp.status) : null,
  ...extra,
});

/** The register with guidance between visits: g1 overdue, g2 due later, g3 done, and four that are no rows. */
const withGuidance: FollowUpRegisterInput = {
  ...input,
  guidance: [
    guidance('g1', '002', '2025-05-02', { text: 'Send the plan', due: '2025-07-01' }, { channel: 'email', updatedBy: 'insp-b', updatedAt: '2025-05-02T09:00:00.000Z' }),
    guidance('g2', '001', '2025-08-20', { text: 'Name a contact person', due: '2025-10-01' }, { channel: 'statement', areas: ['substance', 'welfare'] }),
    guidance('g3', '001', '2025-02-01', { text: 'Report the survey', due: '2025-03-01', status: 'done' }),
    guidance('g4', '001', '2025-08-01', null), // no follow-up agreed
    guidance('g5', '001', '2025-08-01', { text: 'Gone', due: '2025-01-01' }, { deleted: true }),
    guidance('g6', '004', '2025-08-01', { text: 'Another region', due: '2025-01-01' }),
    guidance('g7', '035', '2025-08-01', { text: 'Åland', due: '2025-01-01' }),
    guidance('g8', '002', '2025-08-01', { text: 'Status not yet stored', due: null, status: null }),
  ],
  pendingIds: new Set(['f3', 'g2']),
};

describe('the follow-up register', () => {
  it('sorts overdue first, then by due date (none last), then by municipality name', () => {
    const rows = compileFollowUpRegister(input);
    expect(rows.map((r) => r.id)).toEqual(['f3', 'f2', 'f5', 'f6', 'f10', 'f1', 'f4']);
    expect(rows.filter((r) => r.overdue).map((r) => r.id)).toEqual(['f3', 'f2']);
  });

  it('skips tombstones, other regions and Åland unless asked for', () => {
    const ids = compileFollowUpRegister(input).map((r) => r.id);
    for (const id of ['f7', 'f8', 'f9', 'f11']) expect(ids).not.toContain(id);
    const withAland = compileFollowUpRegister({ ...input, includeAland: true });
    expect(withAland.map((r) => r.id)).toEqual(['f9', 'f3', 'f2', 'f5', 'f6', 'f10', 'f1', 'f4']);
    expect(withAland[0]!.municipality.name.fi).toBe('Brändö');
  });

  it('gives each row its visit, the visit’s areas once each, and who moved it last', () => {
    const rows = new Map(compileFollowUpRegister(input).map((r) => [r.id, r]));
    expect(rows.get('f1')).toMatchObject({
      visit: { id: 'v1', date: '2025-03-01', inspectorId: 'insp-a' },
      areas: ['substance', 'welfare'],
      updatedBy: 'insp-c',
      updatedAt: '2025-06-01T08:00:00.000Z',
      pending: false,
      municipality: { id: '001', regionId: 'avi-1' },
    });
    expect(rows.get('f2')!.legalShortcoming).toBe(true);
    expect(rows.get('f3')).toMatchObject({ areas: ['welfare'], pending: true, updatedBy: null });
    expect(rows.get('f10')).toMatchObject({ visit: null, areas: [] });
  });

  it('filters by area, municipality, inspector, status and due period', () => {
    const rows = compileFollowUpRegister(input);
    const all: FollowUpRegisterFilter = { area: '', municipalityId: '', inspectorId: '', status: 'all', dueFrom: '', dueTo: '' };
    const ids = (f: Partial<FollowUpRegisterFilter>) => filterFollowUpRegister(rows, { ...all, ...f }).map((r) => r.id);
    expect(ids({})).toHaveLength(7);
    expect(ids({ area: 'substance' })).toEqual(['f2', 'f1']);
    expect(ids({ area: 'violence' })).toEqual([]);
    expect(ids({ municipalityId: '002' })).toEqual(['f3', 'f5', 'f6', 'f10', 'f4']);
    expect(ids({ inspectorId: 'insp-b' })).toEqual(['f3', 'f5', 'f6', 'f4']);
    expect(ids({ status: 'open' })).toEqual(['f3', 'f2', 'f6', 'f1', 'f4']);
    expect(ids({ status: 'done' })).toEqual(['f5']);
    expect(ids({ dueFrom: '2025-06-30', dueTo: '2025-09-15' })).toEqual(['f3', 'f2', 'f6']);
  });

  it('offers to carry an open follow-up on to the inspector’s own open visit of its municipality, never its own visit', () => {
    const open = (id: string, municipalityId: string, status: LocalRecord<'visit'>['status'], plannedDate: string, inspectorId = 'insp-a') => ({
      ...visit(id, municipalityId, ['t-sub'], plannedDate, inspectorId),
      status,
    });
    const rows = new Map(
      compileFollowUpRegister({
        ...input,
        inspectorId: 'insp-a',
        openVisits: [
          open('n1', '001', 'planned', '2025-11-01'),
          open('n2', '001', 'in_progress', '2025-12-01'), // in progress: chosen over an earlier planned one
          open('n3', '002', 'planned', '2025-10-01', 'insp-b'), // a colleague's
          open('n4', '002', 'returned', '2025-10-15'),
          open('n5', '002', 'planned', '2025-10-20'),
          open('n6', '002', 'submitted', '2025-09-01'), // not open to the inspector
        ],
      }).map((r) => [r.id, r.carryOnTo]),
    );
    expect(rows.get('f1')).toEqual({ id: 'n2', date: '2025-12-01' });
    expect(rows.get('f3')).toEqual({ id: 'n4', date: '2025-10-15' });
    expect(rows.get('f5')).toBeNull(); // done
    expect(rows.get('f10')).toBeNull(); // dropped
    // Without the signed-in inspector (a coordinator's register), none.
    expect(compileFollowUpRegister({ ...input, openVisits: [open('n1', '001', 'planned', '2025-11-01')] }).every((r) => r.carryOnTo === null)).toBe(true);
    // A follow-up of the open visit itself is not offered to it.
    const own = compileFollowUpRegister({ ...input, inspectorId: 'insp-a', openVisits: [open('v1', '001', 'in_progress', '2025-03-01')] });
    expect(own.find((r) => r.id === 'f1')!.carryOnTo).toBeNull();
  });
});

describe('the follow-up register with guidance between visits', () => {
  it('lists the follow-ups agreed in guidance among the recommendations, sorted the same way', () => {
    const rows = compileFollowUpRegister(withGuidance);
    // Overdue on 2025-09-15: f3 and f2 (2025-06-30), g1 (2025-07-01); then due 2025-01-01 (f5, done), g3
    // (2025-03-01, done), f6 (2025-09-15), g2 (2025-10-01), f10 (2025-10-01; Alpha before Beta), f1, then
    // no due date: f4 and g8, by municipality name (both Alpha), then by id.
    expect(rows.map((r) => r.id)).toEqual(['f3', 'f2', 'g1', 'f5', 'g3', 'f6', 'f10', 'g2', 'f1', 'f4', 'g8']);
    expect(rows.filter((r) => r.overdue).map((r) => r.id)).toEqual(['f3', 'f2', 'g1']);
    for (const id of ['g4', 'g5', 'g6', 'g7']) expect(rows.map((r) => r.id)).not.toContain(id);
    expect(compileFollowUpRegister({ ...withGuidance, includeAland: true }).map((r) => r.id)).toContain('g7');
  });

  it('says a guidance row comes from guidance, with its date, channel, areas and who changed it; never carried on', () => {
    const open = { ...visit('n1', '001', ['t-sub'], '2025-11-01'), status: 'planned' as const };
    const rows = new Map(compileFollowUpRegister({ ...withGuidance, inspectorId: 'insp-a', openVisits: [open] }).map((r) => [r.id, r]));
    expect(rows.get('g1')).toMatchObject({
      source: 'guidance',
      text: 'Send the plan',
      status: 'open',
      dueDate: '2025-07-01',
      legalShortcoming: false,
      visit: null,
      guidance: { date: '2025-05-02', channel: 'email', by: 'insp-b' },
      areas: ['violence'],
      updatedBy: 'insp-b',
      pending: false,
      carryOnTo: null,
    });
    expect(rows.get('g2')).toMatchObject({ guidance: { channel: 'statement', by: null }, areas: ['substance', 'welfare'], pending: true, carryOnTo: null });
    expect(rows.get('g8')).toMatchObject({ status: 'open', dueDate: null, overdue: false });
    // The visit's open recommendations of the same municipality are offered the visit.
    expect(rows.get('f1')).toMatchObject({ source: 'visit', guidance: null, carryOnTo: { id: 'n1', date: '2025-11-01' } });
  });

  it('filters guidance rows by their own areas, by who changed them, by status and by due period', () => {
    const rows = compileFollowUpRegister(withGuidance);
    const all: FollowUpRegisterFilter = { area: '', municipalityId: '', inspectorId: '', status: 'all', dueFrom: '', dueTo: '' };
    const ids = (f: Partial<FollowUpRegisterFilter>) => filterFollowUpRegister(rows, { ...all, ...f }).map((r) => r.id);
    expect(ids({ area: 'violence' })).toEqual(['g1', 'g3', 'g8']);
    expect(ids({ area: 'substance' })).toEqual(['f2', 'g2', 'f1']);
    expect(ids({ inspectorId: 'insp-b' })).toEqual(['f3', 'g1', 'f5', 'f6', 'f4']);
    expect(ids({ municipalityId: '001', status: 'done' })).toEqual(['g3']);
    expect(ids({ status: 'open', dueFrom: '2025-07-01', dueTo: '2025-10-01' })).toEqual(['g1', 'f6', 'g2']);
  });
});
