// The answers' CSV read back by papaparse, with both separators: a row per visit and item (answered or
// not), the municipality's code and both names, ISO dates, numbers as numbers, options by their labels,
// details as readable lines; Finnish and Swedish letters, quotes, separators and line breaks survive.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { LocalRecord } from '../../src/db/database.ts';
import type { PeriodAnswers } from '../../src/db/region-answers.ts';
import type { TemplateItem } from '../../src/shared/reference.ts';
import { answersCsv } from '../../src/ui/features/region/answers-csv.ts';
import type { CsvSeparator } from '../../src/ui/common/csv.ts';
import { testI18n } from '../i18n-packs.ts';

const t3 = (fi: string, sv: string, en: string) => ({ fi, sv, en });
const item = (id: string, sectionId: string, question: string, answerType: TemplateItem['answerType'], extra: Partial<TemplateItem> = {}): TemplateItem => ({
  id, sectionId, question: t3(question, `${question} (sv)`, `${question} (en)`), answerType, required: true, statutory: false, basis: 'Laki', ...extra,
});

const substance: LocalRecord<'template'> = {
  id: 'ept-v2', key: 'ept', revision: 2, area: 'substance', title: t3('Ehkäisevä päihdetyö', 'Förebyggande rusmedelsarbete', 'Substance'),
  // The second section comes first in the checklist's order.
  sections: [{ id: 's2', title: t3('B', 'B', 'B') }, { id: 's1', title: t3('A', 'A', 'A') }],
  items: [
    item('EPT-01', 's1', 'Onko toimielin nimetty; ”päätöksellä”?', 'yes_partly_no_na', {
      details: [
        { id: 'staff', answerType: 'number', label: t3('Henkilöstö', 'Personal', 'Staff'), unit: t3('htv', 'åv', 'FTE'), showWhen: ['yes', 'partly'] },
        { id: 'decided', answerType: 'date', label: t3('Päätöspäivä', 'Beslutsdatum', 'Decided'), showWhen: ['yes', 'partly'] },
        { id: 'members', answerType: 'choices', label: t3('Jäsenet', 'Medlemmar', 'Members'), options: [{ id: 'police', label: t3('Poliisi', 'Polisen', 'Police') }, { id: 'school', label: t3('Koulu', 'Skolan', 'School') }], showWhen: ['yes'] },
      ],
    }),
    item('EPT-02', 's2', 'Budjetti', 'number', { unit: t3('euroa', 'euro', 'euros') }),
    item('EPT-03', 's1', 'Keinot', 'choices', { options: [{ id: 'a', label: t3('Lausunnot', 'Utlåtanden', 'Statements') }, { id: 'b', label: t3('Valvonta', 'Tillsyn', 'Control') }] }),
  ],
};
const welfare: LocalRecord<'template'> = { ...substance, id: 'hyte-v2', key: 'hyte', area: 'welfare', items: [item('HYT-01', 's1', 'Hyte', 'date')] };

const visit = (id: string, municipalityId: string, name: { fi: string; sv: string }, plannedDate: string, status: LocalRecord<'visit'>['status'], templateIds: string[]) => ({
  id, municipalityId, templateIds, plannedDate, status, inspectorId: 'u-1', mode: 'on_site' as const, attendees: [], municipality: name,
});
const v1 = '0193a0c4-0000-7000-8000-000000000001';
const v2 = '0193a0c4-0000-7000-8000-000000000002';
const answer = (visitId: string, itemId: string, value: LocalRecord<'answer'>['value'], extra: Partial<LocalRecord<'answer'>> = {}): [string, LocalRecord<'answer'>] => [
  `${visitId}:${itemId}`, { id: `${visitId}:${itemId}`, visitId, itemId, value, ...extra },
];

const data: PeriodAnswers = {
  visits: [
    visit(v1, '598', { fi: 'Pietarsaari', sv: 'Jakobstad' }, '2025-03-04', 'approved', ['ept-v2', 'hyte-v2']),
    visit(v2, '035', { fi: 'Brändö', sv: 'Brändö' }, '2025-10-01', 'in_progress', ['ept-v2']),
  ],
  templates: new Map([['ept-v2', substance], ['hyte-v2', welfare]]),
  answers: new Map([
    answer(v1, 'EPT-01', 'yes', { details: { staff: 1.5, decided: '2024-12-31', members: ['police', 'school'] }, comment: 'Päätös; ”kunnanhallitus” 12 §\nVästra Nyland: "åtgärd, snart"' }),
    answer(v1, 'EPT-02', 25000),
    answer(v1, 'EPT-03', []),
    answer(v1, 'HYT-01', '2025-01-15'),
    answer(v2, 'EPT-01', 'not_assessed', { details: { staff: 3 }, comment: '=SUM(A1)' }),
    answer(v2, 'EPT-03', ['b']),
  ]),
};

describe('answersCsv', () => {
  const { t } = testI18n('fi');
  for (const separator of [',', ';'] as CsvSeparator[]) {
    it(`reads back a row per visit and item with “${separator}”`, () => {
      const csv = answersCsv(data, { area: '', separator, t, lang: 'fi', inspector: (id) => (id === 'u-1' ? 'Ilona Virtanen' : id) });
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: separator, newline: '\r\n' });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data.at(-1)).toEqual(['']);
      const [header, ...rows] = parsed.data.slice(0, -1);
      expect(header).toEqual(['Kuntanumero', 'Nimi (suomeksi)', 'Nimi (ruotsiksi)', 'Käynnin päivämäärä', 'Tila', 'Osa-alueet', 'Tarkastaja', 'Tarkistuslista', 'Kohta', 'Kysymys', 'Vastaus', 'Tarkennukset', 'Kommentti']);
      const visit1 = ['598', 'Pietarsaari', 'Jakobstad', '2025-03-04', 'Hyväksytty', 'Ehkäisevä päihdetyö, Hyvinvoinnin ja terveyden edistäminen', 'Ilona Virtanen'];
      const visit2 = ['035', 'Brändö', 'Brändö', '2025-10-01', 'Käynnissä', 'Ehkäisevä päihdetyö', 'Ilona Virtanen'];
      expect(rows).toEqual([
        // Section s2 first, as the checklist orders them; numbers as numbers.
        [...visit1, 'ept-v2', 'EPT-02', 'Budjetti', '25000', '', ''],
        [...visit1, 'ept-v2', 'EPT-01', 'Onko toimielin nimetty; ”päätöksellä”?', 'Kyllä', 'Henkilöstö: 1,5 htv\nPäätöspäivä: 2024-12-31\nJäsenet: Poliisi, Koulu', 'Päätös; ”kunnanhallitus” 12 §\nVästra Nyland: "åtgärd, snart"'],
        [...visit1, 'ept-v2', 'EPT-03', 'Keinot', 'Ei valintoja', '', ''],
        [...visit1, 'hyte-v2', 'HYT-01', 'Hyte', '2025-01-15', '', ''],
        // Not answered: an empty answer. A detail not asked for "not assessed" is left out; a formula is defused.
        [...visit2, 'ept-v2', 'EPT-02', 'Budjetti', '', '', ''],
        [...visit2, 'ept-v2', 'EPT-01', 'Onko toimielin nimetty; ”päätöksellä”?', 'Ei arvioitu', '', "'=SUM(A1)"],
        [...visit2, 'ept-v2', 'EPT-03', 'Keinot', 'Valvonta', '', ''],
      ]);
    });
  }

  it('keeps to the area chosen', () => {
    const csv = answersCsv(data, { area: 'welfare', separator: ';', t, lang: 'fi', inspector: () => 'X' });
    const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', newline: '\r\n' }).data.slice(1, -1);
    expect(rows.map((r) => r[8])).toEqual(['HYT-01']);
  });
});
