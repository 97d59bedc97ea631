// The answers across the region compiled from a small fixed data set, every count worked out by hand:
// the latest approved visit of the period per municipality, an answer of revision 1 counted under the
// revision-2 item it is the same as (or apart when its form does not fit), not assessed, not answered,
// not asked, a number's median of an even count, a scale's steps, a choice's options, the details, and
// the unmet statutory duties with the recommendations that name them.
import { describe, expect, it } from 'vitest';
import type { LocalRecord } from '../../src/db/database.ts';
import { compileRegionAnswers, type AnswerPlace, type RegionAnswersInput } from '../../src/db/region-answers.ts';
import type { TemplateItem } from '../../src/shared/reference.ts';

type Visit = LocalRecord<'visit'>;
const t3 = (en: string) => ({ fi: `${en} fi`, sv: `${en} sv`, en });

const item = (id: string, answerType: TemplateItem['answerType'], extra: Partial<TemplateItem> = {}): TemplateItem => ({
  id,
  sectionId: 's1',
  question: t3(`Question ${id}?`),
  answerType,
  required: true,
  statutory: false,
  basis: 'Act 1/2000',
  ...extra,
});

const v1: LocalRecord<'template'> = {
  id: 'tst-v1',
  key: 'tst',
  revision: 1,
  area: 'substance',
  superseded: true,
  title: t3('Test 1'),
  sections: [{ id: 's1', title: t3('Section') }],
  items: [item('A1', 'yes_partly_no_na'), item('A2', 'number'), item('A3', 'scale_1_5')],
};

const v2: LocalRecord<'template'> = {
  id: 'tst-v2',
  key: 'tst',
  revision: 2,
  area: 'substance',
  replaces: 'tst-v1',
  title: t3('Test 2'),
  sections: [
    { id: 's1', title: t3('First') },
    { id: 's2', title: t3('Second') },
  ],
  items: [
    item('B5', 'choices', { sectionId: 's2', options: [{ id: 'o1', label: t3('One') }, { id: 'o2', label: t3('Two') }, { id: 'o3', label: t3('Three') }] }),
    item('B1', 'yes_partly_no_na', {
      statutory: true,
      sameAs: 'A1',
      details: [
        { id: 'staff', answerType: 'number', label: t3('Staff'), unit: t3('persons'), showWhen: ['yes', 'partly'] },
        { id: 'decided', answerType: 'date', label: t3('Decided'), showWhen: ['yes', 'partly'] },
      ],
    }),
    item('B2', 'yes_partly_no_na', { sameAs: 'A2' }),
    item('B3', 'number', { unit: t3('FTE'), min: 0 }),
    item('B4', 'scale', { sameAs: 'A3', min: 1, max: 5, anchors: [{ value: 1, label: t3('Absent') }, { value: 5, label: t3('Established') }] }),
  ],
};

const welfare: LocalRecord<'template'> = { ...v2, id: 'wel-v2', key: 'wel', area: 'welfare', replaces: undefined, items: [item('W1', 'yes_partly_no_na', { statutory: true })] } as LocalRecord<'template'>;

const municipality = (id: string, fi: string, regionId = 'avi-1', deleted = false): LocalRecord<'municipality'> => ({
  id,
  name: { fi, sv: `${fi} sv` },
  regionId,
  province: { code: '01', fi: 'Uusimaa', sv: 'Nyland' },
  ...(deleted ? { deleted } : {}),
});

const uuid = (n: number) => `0193a0c4-0000-7000-8000-${String(n).padStart(12, '0')}`;
const ids = { va0: uuid(1), va1: uuid(2), vb1: uuid(3), vc1: uuid(4), vc2: uuid(5), vd1: uuid(6), ve1: uuid(7), vx: uuid(8), vw: uuid(9) };

const visit = (id: string, municipalityId: string, templateIds: string[], plannedDate: string, status: Visit['status'] = 'approved', extra: Partial<Visit> = {}): Visit => ({
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

const answer = (visitId: string, itemId: string, value: LocalRecord<'answer'>['value'], details?: Record<string, string | number | string[]>): LocalRecord<'answer'> => ({
  id: `${visitId}:${itemId}`,
  visitId,
  itemId,
  value,
  ...(details ? { details } : {}),
});

const followUp = (n: number, visitId: string, municipalityId: string, text: string, legalShortcoming: boolean, status: 'open' | 'done' = 'open'): LocalRecord<'followUp'> => ({
  id: uuid(100 + n),
  visitId,
  municipalityId,
  text,
  dueDate: '2025-12-31',
  status,
  legalShortcoming,
});

const input: RegionAnswersInput = {
  regionIds: ['avi-1', 'avi-7'],
  area: 'substance',
  from: '2025-01-01',
  to: '2025-12-31',
  lang: 'fi',
  templates: [v1, v2, welfare],
  municipalities: [
    municipality('001', 'Alpha'),
    municipality('002', 'Beta'),
    municipality('003', 'Gamma'),
    municipality('004', 'Delta'),
    municipality('005', 'Epsilon'),
    municipality('006', 'Zeta'),
    municipality('008', 'Eta', 'avi-1', true),
    municipality('035', 'Brändö', 'avi-7'),
  ],
  visits: [
    visit(ids.va0, '001', ['tst-v2'], '2024-05-01'), // older than va1: not counted
    visit(ids.va1, '001', ['tst-v2'], '2025-03-01'),
    visit(ids.vb1, '002', ['tst-v1'], '2025-04-01'), // made on revision 1
    visit(ids.vc1, '003', ['tst-v2'], '2025-02-01'),
    visit(ids.vc2, '003', ['tst-v2'], '2025-06-01', 'submitted'), // not approved: not counted
    visit(ids.vd1, '004', ['tst-v2'], '2024-11-01'), // before the period: only its unmet duty
    visit(ids.ve1, '005', ['tst-v2', 'wel-v2'], '2025-05-05'),
    visit(ids.vw, '006', ['wel-v2'], '2025-05-05'), // another area only
    visit(ids.vx, '035', ['tst-v2'], '2025-05-05'), // Åland, left out
  ],
  answers: [
    answer(ids.va0, 'B1', 'no'),
    answer(ids.va1, 'B1', 'yes', { staff: 3, decided: '2024-01-10' }),
    answer(ids.va1, 'B2', 'no'),
    answer(ids.va1, 'B3', 2.5),
    answer(ids.va1, 'B4', 4),
    answer(ids.va1, 'B5', ['o1', 'o2']),
    answer(ids.vb1, 'A1', 'no', { staff: 50 }), // revision 1 had no details: not counted
    answer(ids.vb1, 'A2', 7), // a number, where B2 asks yes or no
    answer(ids.vb1, 'A3', 2),
    answer(ids.vc1, 'B1', 'partly', { staff: 5, decided: '2023-06-30' }),
    answer(ids.vc1, 'B2', 'not_assessed'),
    answer(ids.vc1, 'B3', 1),
    answer(ids.vc1, 'B4', 'not_assessed'),
    answer(ids.vc1, 'B5', []),
    answer(ids.vc2, 'B1', 'no'),
    answer(ids.vd1, 'B1', 'no'),
    answer(ids.ve1, 'B1', 'yes', { staff: 4 }),
    answer(ids.ve1, 'B2', 'partly', { staff: 1000 }), // B2 has no such detail
    { ...answer(ids.ve1, 'B3', 9), deleted: true }, // deleted: not answered
    answer(ids.ve1, 'B4', 5),
    answer(ids.ve1, 'B5', ['o2']),
    answer(ids.vx, 'B1', 'no'),
  ],
  followUps: [
    followUp(1, ids.vd1, '004', 'Question B1? en The statutory duty is not met (Act 1/2000).', true),
    followUp(2, ids.vd1, '004', 'Update the welfare plan.', true),
    followUp(3, ids.vc1, '003', 'See B1: decide on the body.', true, 'done'),
    followUp(4, ids.vb1, '002', 'B1 could be better.', false),
  ],
};

const names = (places: readonly AnswerPlace[]) => places.map((p) => p.name.fi);

describe('compileRegionAnswers', () => {
  const result = compileRegionAnswers(input);
  const of = (id: string) => {
    const found = result.items.find((i) => i.item.id === id);
    if (!found) throw new Error(`no item ${id}`);
    return found;
  };
  const values = (id: string) => Object.fromEntries(of(id).values.map((g) => [g.key, names(g.places)]));

  it('counts each municipality’s latest approved visit of the period, on the current revision’s items in section order', () => {
    expect(result.template?.id).toBe('tst-v2');
    // Six live municipalities of avi-1 (Eta deleted, Brändö on Åland left out).
    expect(result.municipalities).toBe(6);
    expect(names(result.counted)).toEqual(['Alpha', 'Beta', 'Epsilon', 'Gamma']);
    expect(result.counted.map((p) => p.visitId)).toEqual([ids.va1, ids.vb1, ids.ve1, ids.vc1]);
    expect(result.counted.map((p) => p.templateId)).toEqual(['tst-v2', 'tst-v1', 'tst-v2', 'tst-v2']);
    // Delta's approved visit is before the period; Zeta's covers another area.
    expect(result.withoutVisit.map((m) => m.name.fi)).toEqual(['Delta', 'Zeta']);
    expect(result.items.map((i) => i.item.id)).toEqual(['B1', 'B2', 'B3', 'B4', 'B5']);
  });

  it('counts yes, partly and no, a revision-1 answer under the item it is the same as', () => {
    // Beta answered A1 "no" on revision 1; B1 is the same as A1.
    expect(values('B1')).toEqual({ yes: ['Alpha', 'Epsilon'], partly: ['Gamma'], no: ['Beta'] });
    expect(of('B1').notAssessed).toEqual([]);
    expect(of('B1').notAnswered).toEqual([]);
    expect(of('B1').otherForm).toEqual([]);
  });

  it('keeps apart an earlier answer that does not fit, and counts not assessed', () => {
    // Beta's A2 was a number (7); B2 asks yes, partly or no.
    expect(values('B2')).toEqual({ yes: [], partly: ['Epsilon'], no: ['Alpha'] });
    expect(names(of('B2').notAssessed)).toEqual(['Gamma']);
    expect(names(of('B2').otherForm)).toEqual(['Beta']);
    // B2 has no details, so Epsilon's stray one is not counted anywhere.
    expect(of('B2').details).toEqual([]);
  });

  it('gives a number’s median of an even count and its range; not answered and not asked apart', () => {
    const b3 = of('B3');
    // 2.5 (Alpha) and 1 (Gamma): the median of two is their mean, 1.75.
    expect(b3.number).toMatchObject({ median: 1.75, min: 1, max: 2.5 });
    expect(names(b3.number!.places)).toEqual(['Alpha', 'Gamma']);
    // Epsilon's answer was deleted; revision 1 had no B3.
    expect(names(b3.notAnswered)).toEqual(['Epsilon']);
    expect(names(b3.notAsked)).toEqual(['Beta']);
    expect(b3.values).toEqual([]);
  });

  it('counts a scale per step, revision 1’s 1–5 under it', () => {
    expect(values('B4')).toEqual({ 1: [], 2: ['Beta'], 3: [], 4: ['Alpha'], 5: ['Epsilon'] });
    expect(names(of('B4').notAssessed)).toEqual(['Gamma']);
  });

  it('counts a choice per option, none chosen apart', () => {
    expect(values('B5')).toEqual({ o1: ['Alpha'], o2: ['Alpha', 'Epsilon'], o3: [], none: ['Gamma'] });
    expect(names(of('B5').notAsked)).toEqual(['Beta']);
  });

  it('summarises the details: a number’s median and range, a date’s earliest and latest', () => {
    const [staff, decided] = of('B1').details;
    // 3 (Alpha), 4 (Epsilon), 5 (Gamma); Beta's 50 was given on revision 1, which asks no details.
    expect(staff).toMatchObject({ kind: 'number', summary: { median: 4, min: 3, max: 5 } });
    expect(staff?.kind === 'number' && names(staff.summary!.places)).toEqual(['Alpha', 'Epsilon', 'Gamma']);
    expect(decided).toMatchObject({ kind: 'date', summary: { earliest: '2023-06-30', latest: '2024-01-10' } });
    expect(decided?.kind === 'date' && names(decided.summary!.places)).toEqual(['Alpha', 'Gamma']);
  });

  it('lists the unmet statutory duties of each municipality’s latest approved visit, with the recommendations that name them', () => {
    const duties = result.unmetDuties.map((d) => ({ name: d.name.fi, item: d.item.id, value: d.value, visit: d.visitId, followUps: d.followUps.map((f) => [f.text, f.status]) }));
    expect(duties).toEqual([
      // Beta: A1 "no" on revision 1; its recommendation is not marked a legal shortcoming.
      { name: 'Beta', item: 'B1', value: 'no', visit: ids.vb1, followUps: [] },
      // Delta: before the period, still its latest approved visit; the recommendation names the question.
      { name: 'Delta', item: 'B1', value: 'no', visit: ids.vd1, followUps: [['Question B1? en The statutory duty is not met (Act 1/2000).', 'open']] },
      // Gamma: partly; the recommendation names the item's id.
      { name: 'Gamma', item: 'B1', value: 'partly', visit: ids.vc1, followUps: [['See B1: decide on the body.', 'done']] },
    ]);
  });

  it('counts another area on its own template, and Åland when asked', () => {
    const welfareAnswers = compileRegionAnswers({ ...input, area: 'welfare' });
    expect(welfareAnswers.template?.id).toBe('wel-v2');
    expect(names(welfareAnswers.counted)).toEqual(['Epsilon', 'Zeta']);
    expect(names(welfareAnswers.items[0]!.notAnswered)).toEqual(['Epsilon', 'Zeta']);
    const withAland = compileRegionAnswers({ ...input, includeAland: true });
    expect(names(withAland.counted)).toEqual(['Alpha', 'Beta', 'Brändö', 'Epsilon', 'Gamma']);
    expect(names(withAland.items[0]!.values.find((g) => g.key === 'no')!.places)).toEqual(['Beta', 'Brändö']);
  });
});
