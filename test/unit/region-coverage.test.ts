// The region's coverage compiled from a small fixed data set, every count worked out by hand: tombstones,
// cancelled visits, a visit of two areas counted in each, overdue by `today`, Åland left out unless asked;
// the guidance given between visits in the period, per area; the municipalities a held network meeting
// of the period reached; the plans missing or overdue on `today`.
import { describe, expect, it } from 'vitest';
import type { LocalRecord } from '../../src/db/database.ts';
import { compileCoverage, type CoverageArea, type CoverageInput, type CoverageRow } from '../../src/db/region-queries.ts';

type Visit = LocalRecord<'visit'>;

const municipality = (id: string, fi: string, regionId: string, deleted = false): LocalRecord<'municipality'> => ({
  id,
  name: { fi, sv: `${fi} sv` },
  regionId,
  province: { code: '01', fi: 'Uusimaa', sv: 'Nyland' },
  ...(deleted ? { deleted } : {}),
});

const visit = (id: string, municipalityId: string, templateIds: string[], plannedDate: string, status: Visit['status'], extra: Partial<Visit> = {}): Visit => ({
  id,
  municipalityId,
  templateIds,
  plannedDate,
  status,
  inspectorId: 'insp-a',
  mode: 'on_site',
  attendees: [],
  ...extra,
});

const followUp = (id: string, visitId: string, municipalityId: string, status: 'open' | 'done' | 'dropped', dueDate: string | null, deleted = false): LocalRecord<'followUp'> => ({
  id,
  visitId,
  municipalityId,
  text: `Recommendation ${id}`,
  dueDate,
  status,
  legalShortcoming: false,
  ...(deleted ? { deleted } : {}),
});

const contact = (id: string, municipalityId: string, areas: ('substance' | 'welfare' | 'violence')[], active: boolean, deleted = false): LocalRecord<'contact'> => ({
  id,
  municipalityId,
  name: `Contact ${id}`,
  areas,
  active,
  ...(deleted ? { deleted } : {}),
});

const data: Omit<CoverageInput, 'area'> = {
  regionIds: ['avi-1', 'avi-7'],
  from: '2025-01-01',
  to: '2025-12-31',
  today: '2025-09-15',
  municipalities: [
    municipality('001', 'Alpha', 'avi-1'),
    municipality('002', 'Beta', 'avi-1'),
    municipality('003', 'Gamma', 'avi-1', true),
    municipality('004', 'Delta', 'avi-2'),
    municipality('035', 'Brändö', 'avi-7'),
  ],
  templates: [
    { id: 't-sub', area: 'substance' },
    { id: 't-wel', area: 'welfare' },
    { id: 't-vio', area: 'violence' },
    { id: 't-plan', area: 'planning' },
  ],
  visits: [
    visit('v1', '001', ['t-sub', 't-wel'], '2025-03-10', 'approved'),
    visit('v2', '001', ['t-sub'], '2025-06-01', 'cancelled'),
    visit('v3', '001', ['t-vio'], '2024-11-20', 'approved', { inspectorId: 'insp-b' }),
    visit('v4', '001', ['t-sub'], '2025-08-01', 'submitted', { deleted: true }),
    visit('v5', '002', ['t-wel'], '2025-12-31', 'planned', { inspectorId: 'insp-b' }),
    visit('v6', '002', ['t-sub'], '2024-12-31', 'approved'),
    visit('v7', '035', ['t-sub'], '2025-05-05', 'approved'),
    visit('v8', '004', ['t-sub'], '2025-05-05', 'approved'),
  ],
  followUps: [
    followUp('f1', 'v1', '001', 'open', '2025-09-14'),
    followUp('f2', 'v1', '001', 'open', '2025-09-15'),
    followUp('f3', 'v1', '001', 'done', '2025-01-01'),
    followUp('f4', 'v3', '001', 'open', null),
    followUp('f5', 'v1', '001', 'open', '2025-01-01', true),
    followUp('f6', 'v6', '002', 'open', '2025-03-01'),
    followUp('f7', 'v7', '035', 'open', '2025-01-01'),
    followUp('f8', 'v8', '004', 'open', '2025-01-01'),
  ],
  contacts: [
    contact('c1', '001', ['substance'], true),
    contact('c2', '002', ['violence'], false),
    contact('c3', '002', ['welfare'], true, true),
    contact('c4', '004', ['welfare'], true),
  ],
};

const guidance = (id: string, municipalityId: string, date: string, areas: ('substance' | 'welfare' | 'violence')[], deleted = false): LocalRecord<'guidance'> => ({
  id,
  municipalityId,
  date,
  channel: 'phone',
  areas,
  topic: `Guidance ${id}`,
  contactIds: [],
  ...(deleted ? { deleted } : {}),
});

const withGuidance: Partial<CoverageInput> = {
  guidance: [
    guidance('g1', '001', '2025-02-01', ['substance', 'welfare']),
    guidance('g2', '001', '2025-12-31', ['violence']), // the period's last day
    guidance('g3', '001', '2024-12-31', ['substance']), // the day before the period
    guidance('g4', '002', '2025-06-15', ['welfare']),
    guidance('g5', '002', '2025-07-01', ['welfare'], true), // deleted
    guidance('g6', '035', '2025-05-05', ['substance']), // Åland
    guidance('g7', '004', '2025-05-05', ['substance']), // another region
  ],
};

const meeting = (id: string, date: string, status: LocalRecord<'meeting'>['status'], areas: ('substance' | 'welfare' | 'violence')[], attended: string[], guests: { municipalityId: string; count: number }[] = [], deleted = false): LocalRecord<'meeting'> => ({
  id,
  regionId: 'avi-1',
  title: `Meeting ${id}`,
  kind: 'network',
  areas,
  date,
  status,
  invited: attended,
  attended,
  guests: guests.map((g) => ({ ...g, names: null })),
  materials: [],
  ...(deleted ? { deleted } : {}),
});

const withMeetings: Partial<CoverageInput> = {
  meetings: [
    meeting('m1', '2025-03-01', 'held', ['substance'], ['c1']), // 001's contact came
    meeting('m2', '2025-04-01', 'held', ['welfare'], ['c3']), // 002's removed contact came: still reached
    meeting('m3', '2024-12-31', 'held', ['substance'], [], [{ municipalityId: '002', count: 1 }]), // the day before the period
    meeting('m4', '2025-05-01', 'planned', ['substance'], ['c2']), // not held
    meeting('m5', '2025-06-01', 'held', ['substance'], ['c2'], [], true), // deleted
    meeting('m6', '2025-12-31', 'held', ['violence'], [], [{ municipalityId: '002', count: 2 }]), // 002's guests, the period's last day
    meeting('m7', '2025-05-05', 'held', ['substance'], ['c4']), // another region's contact
  ],
};

const rowsOf = (area: CoverageArea, extra: Partial<CoverageInput> = {}) => compileCoverage({ ...data, area, ...extra });
const row = (rows: CoverageRow[], id: string) => rows.find((r) => r.id === id);
const summary = (r: CoverageRow | undefined) =>
  r && [r.lastVisit?.id ?? null, r.visitsInPeriod, r.openFollowUps, r.overdueFollowUps, r.hasContact, r.neverVisitedInPeriod];

describe('compileCoverage', () => {
  it('covers the municipalities of the regions, skipping tombstones, other regions and Åland', () => {
    const { rows } = rowsOf('');
    expect(rows.map((r) => r.id)).toEqual(['001', '002']);
    expect(rows[0]).toMatchObject({ name: { fi: 'Alpha', sv: 'Alpha sv' }, regionId: 'avi-1' });
  });

  it('counts every area: cancelled and deleted visits skipped, the period inclusive, overdue before today', () => {
    const { rows, totals } = rowsOf('');
    // 001: v1 is the latest live, non-cancelled visit (v2 cancelled, v4 deleted); f1, f2, f4 open (f3 done, f5 deleted); f1 overdue (f2 due today).
    expect(row(rows, '001')?.lastVisit).toEqual({ id: 'v1', date: '2025-03-10', status: 'approved', inspectorId: 'insp-a' });
    expect(summary(row(rows, '001'))).toEqual(['v1', 1, 3, 1, true, false]);
    // 002: v5 on the period's last day counts, v6 the day before its first does not; no live active contact.
    expect(row(rows, '002')?.lastVisit).toEqual({ id: 'v5', date: '2025-12-31', status: 'planned', inspectorId: 'insp-b' });
    expect(summary(row(rows, '002'))).toEqual(['v5', 1, 1, 1, false, false]);
    expect(totals).toEqual({
      municipalities: 2,
      visitedInPeriod: 2,
      neverVisitedInPeriod: 0,
      visitsInPeriod: 2,
      guidanceInPeriod: 0,
      openFollowUps: 4,
      overdueFollowUps: 2,
      withOverdue: 2,
      withoutContact: 1,
      notReachedByMeeting: 2,
      // No plans recorded: each misses the welfare report and plan and the yearly welfare report.
      withPlanMissingOrOverdue: 2,
    });
  });

  it('counts a visit of two areas in each of them, and a follow-up in its visit’s areas', () => {
    const substance = rowsOf('substance');
    expect(summary(row(substance.rows, '001'))).toEqual(['v1', 1, 2, 1, true, false]);
    expect(summary(row(substance.rows, '002'))).toEqual(['v6', 0, 1, 1, false, true]);
    expect(substance.totals).toMatchObject({ visitedInPeriod: 1, neverVisitedInPeriod: 1, visitsInPeriod: 1, openFollowUps: 3, overdueFollowUps: 2, withoutContact: 1 });

    const welfare = rowsOf('welfare');
    // The contact of 001 works on substance abuse only.
    expect(summary(row(welfare.rows, '001'))).toEqual(['v1', 1, 2, 1, false, false]);
    expect(summary(row(welfare.rows, '002'))).toEqual(['v5', 1, 0, 0, false, false]);
    expect(welfare.totals).toMatchObject({ visitedInPeriod: 2, neverVisitedInPeriod: 0, visitsInPeriod: 2, openFollowUps: 2, overdueFollowUps: 1, withOverdue: 1, withoutContact: 2 });

    const violence = rowsOf('violence');
    expect(summary(row(violence.rows, '001'))).toEqual(['v3', 0, 1, 0, false, true]);
    expect(summary(row(violence.rows, '002'))).toEqual([null, 0, 0, 0, false, true]);
    expect(violence.totals).toMatchObject({ visitedInPeriod: 0, neverVisitedInPeriod: 2, visitsInPeriod: 0 });
  });

  it('takes any active contact person for plan reviews', () => {
    const { rows, totals } = rowsOf('planning');
    expect(summary(row(rows, '001'))).toEqual([null, 0, 0, 0, true, true]);
    expect(summary(row(rows, '002'))).toEqual([null, 0, 0, 0, false, true]);
    expect(totals.withoutContact).toBe(1);
  });

  it('moves with today and the period', () => {
    const later = rowsOf('', { today: '2025-09-16', from: '2024-12-31', to: '2025-06-30' });
    // f2 (due 15 Sept) is now overdue too; v6 (31 Dec 2024) enters the period and v5 (31 Dec 2025) leaves it.
    expect(summary(row(later.rows, '001'))).toEqual(['v1', 1, 3, 2, true, false]);
    expect(summary(row(later.rows, '002'))).toEqual(['v5', 1, 1, 1, false, false]);
    expect(later.totals.overdueFollowUps).toBe(3);
  });

  it('includes Åland when asked', () => {
    const { rows, totals } = rowsOf('', { includeAland: true });
    expect(rows.map((r) => r.id)).toEqual(['001', '002', '035']);
    expect(summary(row(rows, '035'))).toEqual(['v7', 1, 1, 1, false, false]);
    expect(totals).toMatchObject({ municipalities: 3, visitsInPeriod: 3, overdueFollowUps: 3, withoutContact: 2 });
  });

  it('counts the guidance given in the period, per area, without counting it as a visit', () => {
    const count = (area: CoverageArea, extra: Partial<CoverageInput> = {}) => {
      const { rows, totals } = rowsOf(area, { ...withGuidance, ...extra });
      return [...rows.map((r) => [r.id, r.guidanceInPeriod]), ['total', totals.guidanceInPeriod]];
    };
    // Every area: 001 has g1 and g2 (g3 is before the period); 002 has g4 (g5 deleted); g6 is Åland's, g7 another region's.
    expect(count('')).toEqual([['001', 2], ['002', 1], ['total', 3]]);
    // g1 concerns substance abuse and welfare, g2 violence, g4 welfare.
    expect(count('substance')).toEqual([['001', 1], ['002', 0], ['total', 1]]);
    expect(count('welfare')).toEqual([['001', 1], ['002', 1], ['total', 2]]);
    expect(count('violence')).toEqual([['001', 1], ['002', 0], ['total', 1]]);
    expect(count('planning')).toEqual([['001', 0], ['002', 0], ['total', 0]]);
    expect(count('', { includeAland: true })).toEqual([['001', 2], ['002', 1], ['035', 1], ['total', 4]]);
    // From the last day of 2024 to the end of June 2025: g3 and g1 for 001, g4 for 002; g2 leaves.
    expect(count('', { from: '2024-12-31', to: '2025-06-30' })).toEqual([['001', 2], ['002', 1], ['total', 3]]);
    // Guidance is no visit: the violence view still finds neither municipality visited in the period.
    const violence = rowsOf('violence', withGuidance);
    expect(violence.totals).toMatchObject({ visitedInPeriod: 0, neverVisitedInPeriod: 2, visitsInPeriod: 0, guidanceInPeriod: 1 });
  });

  it('counts the follow-ups agreed in guidance that are still open, whatever the guidance’s date, as the register lists them', () => {
    const agreed = (id: string, municipalityId: string, date: string, areas: ('substance' | 'welfare' | 'violence')[], status: 'open' | 'done', due: string | null): LocalRecord<'guidance'> => ({
      ...guidance(id, municipalityId, date, areas),
      followUpText: `Agreed in ${id}`,
      followUpStatus: status,
      followUpDue: due,
    });
    const extra: Partial<CoverageInput> = {
      guidance: [
        agreed('h1', '002', '2024-03-01', ['welfare'], 'open', '2025-01-31'), // before the period, open and overdue on 2025-09-15
        agreed('h2', '002', '2025-05-01', ['substance'], 'open', '2025-09-15'), // due today: open, not overdue
        agreed('h3', '002', '2025-05-02', ['substance'], 'done', '2025-01-01'), // done: not counted
        agreed('h4', '002', '2025-05-03', ['welfare'], 'open', null), // open, no due date
      ],
    };
    const base = rowsOf('', {});
    const before = row(base.rows, '002')!;
    const every = row(rowsOf('', extra).rows, '002')!;
    // h1, h2 and h4 are open (h3 is done); of them h1 alone is overdue.
    expect([every.openFollowUps - before.openFollowUps, every.overdueFollowUps - before.overdueFollowUps]).toEqual([3, 1]);
    // Per area, by the guidance's areas: welfare has h1 and h4, substance h2.
    const welfare = [row(rowsOf('welfare', extra).rows, '002'), row(rowsOf('welfare', {}).rows, '002')];
    expect([welfare[0]!.openFollowUps - welfare[1]!.openFollowUps, welfare[0]!.overdueFollowUps - welfare[1]!.overdueFollowUps]).toEqual([2, 1]);
    const substance = [row(rowsOf('substance', extra).rows, '002'), row(rowsOf('substance', {}).rows, '002')];
    expect([substance[0]!.openFollowUps - substance[1]!.openFollowUps, substance[0]!.overdueFollowUps - substance[1]!.overdueFollowUps]).toEqual([1, 0]);
  });

  it('marks the municipalities a held meeting of the period reached (a contact came or guests), per area', () => {
    const reached = (area: CoverageArea, extra: Partial<CoverageInput> = {}) => {
      const { rows, totals } = rowsOf(area, { ...withMeetings, ...extra });
      return [...rows.map((r) => [r.id, r.reachedByMeeting]), ['not reached', totals.notReachedByMeeting]];
    };
    // Every area: m1 reaches 001; m2 (a removed contact) and m6 (guests) reach 002; m3, m4, m5 do not count.
    expect(reached('')).toEqual([['001', true], ['002', true], ['not reached', 0]]);
    expect(reached('substance')).toEqual([['001', true], ['002', false], ['not reached', 1]]);
    expect(reached('welfare')).toEqual([['001', false], ['002', true], ['not reached', 1]]);
    expect(reached('violence')).toEqual([['001', false], ['002', true], ['not reached', 1]]);
    expect(reached('planning')).toEqual([['001', true], ['002', true], ['not reached', 0]]);
    // January to March: m1 only.
    expect(reached('', { to: '2025-03-31' })).toEqual([['001', true], ['002', false], ['not reached', 1]]);
    // No meetings: none reached.
    expect(reached('', { meetings: [] })).toEqual([['001', false], ['002', false], ['not reached', 2]]);
    // A meeting is no visit.
    expect(rowsOf('violence', withMeetings).totals).toMatchObject({ visitedInPeriod: 0, neverVisitedInPeriod: 2 });
  });
  it('counts the plans missing or overdue on today, whatever the area and period, tombstones and other regions left out', () => {
    const plan = (id: string, municipalityId: string, kind: LocalRecord<'plan'>['kind'], dates: Partial<LocalRecord<'plan'>>, deleted = false): LocalRecord<'plan'> => ({
      id,
      municipalityId,
      kind,
      ...dates,
      ...(deleted ? { deleted } : {}),
    });
    const plans = [
      // Today is 15.9.2025; the council term began 1.6.2025 and its first year passes 1.6.2026.
      plan('p1', '001', 'welfare_plan', { adoptedOn: '2024-03-01' }), // the previous term's, still in time: current
      plan('p2', '001', 'welfare_report_yearly', { adoptedOn: '2024-05-20' }), // + 15 months = 20.8.2025: overdue
      plan('p3', '001', 'safety', { adoptedOn: '2021-01-01', validTo: '2025-09-14' }), // ended yesterday: overdue
      plan('p4', '001', 'substance_policy', { nextRevisionDue: '2020-01-01' }, true), // deleted
      plan('p5', '002', 'welfare_plan', { adoptedOn: '2021-12-01', nextRevisionDue: '2025-09-15' }), // due today: current
      plan('p6', '002', 'welfare_report_yearly', { adoptedOn: '2024-06-15' }), // + 15 months = today: current
      plan('p7', '004', 'safety', { validTo: '2020-01-01' }), // another region
    ];
    const counts = (area: CoverageArea, extra: Partial<CoverageInput> = {}) => {
      const { rows, totals } = rowsOf(area, { plans, ...extra });
      return [...rows.map((r) => [r.id, r.plansMissingOrOverdue]), ['with plans missing or overdue', totals.withPlanMissingOrOverdue]];
    };
    expect(counts('')).toEqual([['001', 2], ['002', 0], ['with plans missing or overdue', 1]]);
    expect(counts('violence', { from: '2020-01-01', to: '2020-12-31' })).toEqual([['001', 2], ['002', 0], ['with plans missing or overdue', 1]]);
    // A day later 002's welfare plan revision and its yearly report are overdue too.
    expect(counts('', { today: '2025-09-16' })).toEqual([['001', 2], ['002', 2], ['with plans missing or overdue', 2]]);
    // 001's yearly report deleted: missing instead of overdue, the same count; 002's: missing.
    expect(counts('', { plans: plans.filter((p) => p.id !== 'p2' && p.id !== 'p6') })).toEqual([['001', 2], ['002', 1], ['with plans missing or overdue', 2]]);
  });
});
