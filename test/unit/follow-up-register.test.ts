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
  pendingIds: new Set(['f3']),
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
