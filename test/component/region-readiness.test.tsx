// The region's readiness and plans on a seeded device (Southern Finland's 62 municipalities): the counts per
// overall stage, a count followed to its municipalities, a stage named in words, the dimensions named in
// the heads; each plan's state in words, the counts per kind, the "missing or overdue" filter; both CSVs.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalRecord, UserDb } from '../../src/db/database.ts';
import { ReadinessPlansPage } from '../../src/ui/features/region/ReadinessPlansPage.tsx';
import { inspectorSession, renderSignedIn, seededDb } from './visit-fixtures.tsx';

const stamps = { version: 1, deleted: false, updatedAt: '2025-03-04T10:00:00.000Z', updatedBy: 'seed' };
const uuid = (n: string) => `0193a0c4-0000-7000-8000-0000000000${n}`;
const ids = { asikkala: uuid('a1'), espoo: uuid('a2'), askola: uuid('a3'), forssa: uuid('a4') };
type Scores = NonNullable<LocalRecord<'interview'>['consensus']>;
const all = (n: number): Scores => ({ A: n, B: n, C: n, D: n, E: n, F: n });

async function seed(): Promise<{ db: UserDb; session: ReturnType<typeof inspectorSession> }> {
  const db = await seededDb();
  const session = inspectorSession(db.name.replace('tillsyn-', ''));
  const assessment = (id: string, municipalityId: string, area: 'substance' | 'welfare', issue: string, finalisedAt: string | null): LocalRecord<'assessment'> => ({
    id, municipalityId, area, issue, scorerIds: [session.user.id, 'u-colleague'], status: finalisedAt ? 'finalised' : 'draft', finalisedAt, ...stamps,
  });
  await db.assessment.bulkPut([
    assessment(ids.asikkala, '016', 'substance', 'Nuorten alkoholinkäyttö', '2025-03-10T10:00:00.000Z'),
    assessment(ids.espoo, '049', 'welfare', 'Yksinäisyys', '2025-06-01T10:00:00.000Z'),
    assessment(ids.askola, '018', 'substance', 'Nuuska', null), // a draft
    assessment(ids.forssa, '061', 'substance', 'Rahapelit', '2025-05-05T10:00:00.000Z'),
  ]);
  const interview = (n: string, assessmentId: string, consensus: Scores): LocalRecord<'interview'> => ({
    id: uuid(n), assessmentId, role: 'Rehtori', sector: 'education', date: '2025-02-01', consensus, ...stamps,
  });
  await db.interview.bulkPut([
    // Asikkala: A 3.5, B 4, C 5, D 3.5, E 4.5, F 5; overall 4.25, stage 4.
    interview('b1', ids.asikkala, { A: 3, B: 4, C: 5, D: 3, E: 4, F: 5 }),
    interview('b2', ids.asikkala, { A: 4, B: 4, C: 5, D: 4, E: 5, F: 5 }),
    interview('b3', ids.espoo, all(6)),
    interview('b4', ids.askola, all(8)),
    interview('b5', ids.forssa, all(4)),
  ]);
  // Today is 15.9.2025. Asikkala's plans are current; Espoo's welfare plan ended 30.6.2025 and it has no
  // yearly report; the others have none recorded.
  await db.plan.bulkPut([
    { id: uuid('c1'), municipalityId: '016', kind: 'welfare_plan', adoptedOn: '2024-02-01', ...stamps },
    { id: uuid('c2'), municipalityId: '016', kind: 'welfare_report_yearly', adoptedOn: '2025-03-01', ...stamps },
    { id: uuid('c3'), municipalityId: '049', kind: 'welfare_plan', adoptedOn: '2021-11-01', validTo: '2025-06-30', ...stamps },
  ]);
  return { db, session };
}

const readinessTable = () => screen.getByRole('table', { name: /^Readiness stages:/ });
const rowNames = (table: HTMLElement) => within(table).getAllByRole('rowheader').map((h) => h.textContent);
const cells = (table: HTMLElement, name: string) => [...within(table).getByRole('rowheader', { name }).closest('tr')!.querySelectorAll('td')].map((td) => td.textContent);
const count = (name: RegExp) => screen.getByRole('button', { name }).querySelector('.rp-count-value')!.textContent;

function captureDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:csv'));
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  const parsed = async (i: number, delimiter: string) => Papa.parse<string[]>((await blobs[i]!.text()).replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: true }).data;
  return { names, parsed };
}

describe('the region’s readiness and plans', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-09-15T10:00:00'));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('counts the municipalities per overall stage, follows a count to its municipalities and exports them', async () => {
    const { db, session } = await seed();
    const downloads = captureDownloads();
    renderSignedIn(<ReadinessPlansPage />, { db, session });
    await screen.findByRole('table', { name: 'Readiness stages: All areas, every stage' });

    // Asikkala and Forssa at stage 4, Espoo at 6; Askola's is a draft: 59 not assessed.
    expect(count(/^Stage 4: Preplanning/)).toBe('2');
    expect(count(/^Stage 6: Initiation/)).toBe('1');
    expect(count(/^Stage 1: No awareness/)).toBe('0');
    expect(count(/^Not assessed/)).toBe('59');
    expect(rowNames(readinessTable())).toHaveLength(62);
    // The dimensions named in the heads.
    expect(within(readinessTable()).getByRole('columnheader', { name: 'A Community efforts' })).toBeTruthy();
    expect(within(readinessTable()).getByRole('columnheader', { name: 'F Resources related to the issue' })).toBeTruthy();

    const stage4 = screen.getByRole('button', { name: /^Stage 4: Preplanning/ });
    fireEvent.click(stage4);
    await waitFor(() => expect(rowNames(readinessTable())).toEqual(['Asikkala', 'Forssa']));
    expect(stage4.getAttribute('aria-pressed')).toBe('true');
    expect(readinessTable().querySelector('caption')!.textContent).toBe('Readiness stages: All areas, Stage 4: Preplanning');
    expect(cells(readinessTable(), 'Asikkala')).toEqual(['Substance-abuse prevention', '10 Mar 2025', 'Nuorten alkoholinkäyttö', '4 Preplanning', '3', '4', '5', '3', '4', '5']);
    expect(within(readinessTable()).getByRole('link', { name: 'Asikkala' }).getAttribute('href')).toBe('/municipalities/016');
    expect(within(readinessTable()).getByRole('link', { name: '10 Mar 2025' }).getAttribute('href')).toBe(`/assessments/${ids.asikkala}`);

    fireEvent.click(screen.getByRole('button', { name: 'Export the readiness stages as CSV' }));
    await waitFor(() => expect(downloads.names).toEqual(['readiness-all-2025-09-15.csv']));
    expect(await downloads.parsed(0, ',')).toEqual([
      ['Municipality code', 'Name (fi)', 'Name (sv)', 'Area', 'Finalised', 'Issue', 'Overall score', 'Overall stage', 'Stage name',
        'Stage A: Community efforts', 'Stage B: Community knowledge of the efforts', 'Stage C: Leadership', 'Stage D: Community climate',
        'Stage E: Community knowledge about the issue', 'Stage F: Resources related to the issue', 'Assessment'],
      ['016', 'Asikkala', 'Asikkala', 'Substance-abuse prevention', '2025-03-10', 'Nuorten alkoholinkäyttö', '4.25', '4', 'Preplanning', '3', '4', '5', '3', '4', '5', ids.asikkala],
      ['061', 'Forssa', 'Forssa', 'Substance-abuse prevention', '2025-05-05', 'Rahapelit', '4', '4', 'Preplanning', '4', '4', '4', '4', '4', '4', ids.forssa],
    ]);

    // The count again, or "show every municipality", clears the filter.
    fireEvent.click(screen.getByRole('button', { name: 'Show every municipality' }));
    await waitFor(() => expect(rowNames(readinessTable())).toHaveLength(62));
    fireEvent.click(screen.getByRole('button', { name: /^Not assessed/ }));
    await waitFor(() => expect(rowNames(readinessTable())).toHaveLength(59));
    expect(cells(readinessTable(), 'Askola')).toEqual(['Not assessed']);

    // Another area: Espoo's welfare assessment is not of substance-abuse prevention.
    fireEvent.click(screen.getByRole('button', { name: /^Not assessed/ }));
    fireEvent.change(screen.getByLabelText('Area'), { target: { value: 'substance' } });
    await screen.findByRole('table', { name: 'Readiness stages: Substance-abuse prevention, every stage' });
    expect(count(/^Stage 6: Initiation/)).toBe('0');
    expect(count(/^Not assessed/)).toBe('60');
  });

  it('says each plan’s state in words, counts the missing and overdue per kind, and filters and exports those needing attention', async () => {
    const { db, session } = await seed();
    const downloads = captureDownloads();
    renderSignedIn(<ReadinessPlansPage />, { db, session, lang: 'fi' });
    await screen.findByRole('table', { name: /^Suunnitelmien tila tänään:/ });
    const plans = () => screen.getByRole('table', { name: /^Suunnitelmien tila tänään:/ });

    expect(cells(plans(), 'Asikkala')).toEqual(['Ajan tasalla', 'Ajan tasalla', 'Ei kirjattu, ei vaadita', 'Ei kirjattu, ei vaadita', 'Ei kirjattu, ei vaadita']);
    expect(cells(plans(), 'Espoo')).toEqual(['Vanhentunut, erääntyi 30.6.2025', 'Puuttuu', 'Ei kirjattu, ei vaadita', 'Ei kirjattu, ei vaadita', 'Ei kirjattu, ei vaadita']);
    expect(cells(plans(), 'Forssa')).toEqual(['Puuttuu', 'Puuttuu', 'Ei kirjattu, ei vaadita', 'Ei kirjattu, ei vaadita', 'Ei kirjattu, ei vaadita']);

    // Per kind: the welfare plan missing in 60 (all but Asikkala and Espoo), overdue in Espoo; the yearly report missing in 61.
    const kinds = screen.getByRole('table', { name: 'Suunnitelmat puuttuvat tai vanhentuneet lajeittain' });
    expect(cells(kinds, 'Hyvinvointikertomus ja -suunnitelma')).toEqual(['60', '1']);
    expect(cells(kinds, 'Vuosittainen hyvinvointikertomus')).toEqual(['61', '0']);
    expect(cells(kinds, 'Turvallisuussuunnitelma')).toEqual(['0', '0']);

    const attention = screen.getByRole('radio', { name: /^Suunnitelmat puuttuvat tai vanhentuneet/ });
    expect(attention.closest('label')!.querySelector('.region-filter-count')!.textContent).toBe('61');
    fireEvent.click(attention);
    await waitFor(() => expect(rowNames(plans())).toHaveLength(61));
    expect(rowNames(plans())).not.toContain('Asikkala');
    expect(plans().querySelector('caption')!.textContent).toBe('Suunnitelmien tila tänään: Suunnitelmat puuttuvat tai vanhentuneet');

    fireEvent.click(screen.getByRole('button', { name: 'Vie suunnitelmien tila CSV-tiedostoon' }));
    await waitFor(() => expect(downloads.names).toEqual(['suunnitelmat-all-2025-09-15.csv']));
    const rows = await downloads.parsed(0, ';');
    expect(rows).toHaveLength(62);
    expect(rows[0]).toEqual([
      'Kuntanumero', 'Nimi (suomeksi)', 'Nimi (ruotsiksi)',
      'Hyvinvointikertomus ja -suunnitelma: tila', 'Hyvinvointikertomus ja -suunnitelma: erääntyi',
      'Vuosittainen hyvinvointikertomus: tila', 'Vuosittainen hyvinvointikertomus: erääntyi',
      'Päihdepoliittinen ohjelma: tila', 'Päihdepoliittinen ohjelma: erääntyi',
      'Lähisuhdeväkivallan ehkäisyn suunnitelma: tila', 'Lähisuhdeväkivallan ehkäisyn suunnitelma: erääntyi',
      'Turvallisuussuunnitelma: tila', 'Turvallisuussuunnitelma: erääntyi',
    ]);
    expect(rows.find((r) => r[0] === '049')).toEqual(['049', 'Espoo', 'Esbo', 'Vanhentunut', '2025-06-30', 'Puuttuu', '', 'Ei kirjattu, ei vaadita', '', 'Ei kirjattu, ei vaadita', '', 'Ei kirjattu, ei vaadita', '']);
    expect(rows.some((r) => r[0] === '016')).toBe(false);
  });
});
