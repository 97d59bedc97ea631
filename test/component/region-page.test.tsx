// The region's coverage page on a seeded device: the counts, a filter followed, a column sorted, another area;
// the municipalities a held network meeting of the period reached; the plans missing or overdue.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalRecord, UserDb } from '../../src/db/database.ts';
import { saveDirectory } from '../../src/db/directory.ts';
import { RegionPage } from '../../src/ui/features/region/RegionPage.tsx';
import { inspectorSession, renderSignedIn, seededDb } from './visit-fixtures.tsx';

const ids = { a: '0193a0c4-0000-7000-8000-00000000000a', b: '0193a0c4-0000-7000-8000-00000000000b', c: '0193a0c4-0000-7000-8000-00000000000c', d: '0193a0c4-0000-7000-8000-00000000000d', e: '0193a0c4-0000-7000-8000-00000000000e' };
const stamps = { version: 1, deleted: false, updatedAt: '2025-03-04T10:00:00.000Z', updatedBy: 'seed' };

async function seed(): Promise<{ db: UserDb; session: ReturnType<typeof inspectorSession> }> {
  const db = await seededDb();
  const session = inspectorSession(db.name.replace('tillsyn-', ''));
  const visit = (id: string, municipalityId: string, templateIds: string[], plannedDate: string, status: LocalRecord<'visit'>['status'], extra: Partial<LocalRecord<'visit'>> = {}): LocalRecord<'visit'> => ({
    id, municipalityId, templateIds, plannedDate, status, inspectorId: session.user.id, mode: 'on_site', attendees: [], ...stamps, ...extra,
  });
  await db.visit.bulkPut([
    visit(ids.a, '016', ['ept-v2', 'hyte-v2'], '2025-03-04', 'approved', { inspectorId: 'u-colleague' }), // Asikkala
    visit(ids.b, '018', ['ept-v2'], '2025-05-20', 'submitted'), // Askola
    visit(ids.c, '049', ['hyte-v2'], '2024-10-01', 'approved'), // Espoo, before the period
    visit(ids.d, '049', ['ept-v2'], '2025-06-01', 'cancelled'),
    visit(ids.e, '061', ['ept-v2'], '2025-04-01', 'in_progress', { deleted: true }), // Forssa
  ]);
  const followUp = (id: string, visitId: string, municipalityId: string, status: 'open' | 'done', dueDate: string): LocalRecord<'followUp'> => ({
    id, visitId, municipalityId, status, dueDate, text: 'Update the plan', legalShortcoming: false, ...stamps,
  });
  await db.followUp.bulkPut([
    followUp('0193a0c4-0000-7000-8000-0000000000f1', ids.a, '016', 'open', '2025-06-30'),
    followUp('0193a0c4-0000-7000-8000-0000000000f2', ids.a, '016', 'open', '2025-12-31'),
    followUp('0193a0c4-0000-7000-8000-0000000000f3', ids.c, '049', 'open', '2025-01-15'),
    followUp('0193a0c4-0000-7000-8000-0000000000f4', ids.b, '018', 'done', '2025-01-01'),
  ]);
  await db.contact.bulkPut([
    { id: '0193a0c4-0000-7000-8000-0000000000c1', municipalityId: '016', name: 'Pekka Puustinen', areas: ['substance'], active: true, ...stamps },
    { id: '0193a0c4-0000-7000-8000-0000000000c2', municipalityId: '018', name: 'Anna Aalto', areas: ['substance'], active: false, ...stamps },
  ]);
  const guidance = (n: number, municipalityId: string, date: string, areas: ('substance' | 'welfare' | 'violence')[]): LocalRecord<'guidance'> => ({
    id: `0193a0c4-0000-7000-8000-0000000000e${n}`, municipalityId, date, channel: 'phone', areas, topic: 'Plan', contactIds: [], ...stamps,
  });
  await db.guidance.bulkPut([
    guidance(1, '016', '2025-02-10', ['welfare']),
    guidance(2, '016', '2024-12-01', ['welfare']), // before the period
    guidance(3, '049', '2025-05-05', ['substance']),
  ]);
  const meeting = (n: number, date: string, status: LocalRecord<'meeting'>['status'], areas: ('substance' | 'welfare' | 'violence')[], attended: string[], guests: LocalRecord<'meeting'>['guests'] = []): LocalRecord<'meeting'> => ({
    id: `0193a0c4-0000-7000-8000-0000000000d${n}`, regionId: 'avi-1', title: 'Verkostotapaaminen', kind: 'network', areas, date, status, invited: attended, attended, guests, materials: [], ...stamps,
  });
  await db.meeting.bulkPut([
    meeting(1, '2025-04-02', 'held', ['substance'], ['0193a0c4-0000-7000-8000-0000000000c1']), // Asikkala's contact came
    meeting(2, '2025-08-20', 'held', ['welfare'], [], [{ municipalityId: '049', count: 2, names: null }]), // guests from Espoo
    meeting(3, '2025-10-01', 'planned', ['substance'], ['0193a0c4-0000-7000-8000-0000000000c2']), // not held yet
    meeting(4, '2024-11-01', 'held', ['substance'], [], [{ municipalityId: '061', count: 1, names: null }]), // before the period
  ]);
  // Today is 15.9.2025. Asikkala's plans are current; Espoo's welfare plan ended 30.6.2025 and it has no
  // yearly report; the other municipalities have none recorded (the two expected ones missing).
  await db.plan.bulkPut([
    { id: '0193a0c4-0000-7000-8000-0000000000b1', municipalityId: '016', kind: 'welfare_plan', adoptedOn: '2024-02-01', ...stamps },
    { id: '0193a0c4-0000-7000-8000-0000000000b2', municipalityId: '016', kind: 'welfare_report_yearly', adoptedOn: '2025-03-01', ...stamps },
    { id: '0193a0c4-0000-7000-8000-0000000000b3', municipalityId: '049', kind: 'welfare_plan', adoptedOn: '2021-11-01', validTo: '2025-06-30', ...stamps },
    { id: '0193a0c4-0000-7000-8000-0000000000b4', municipalityId: '049', kind: 'welfare_report_yearly', adoptedOn: '2025-02-01', ...stamps, deleted: true },
  ]);
  await saveDirectory(db, [{ id: 'u-colleague', name: 'Kaisa Koivisto', role: 'inspector', regionIds: ['avi-1'] }]);
  return { db, session };
}

const table = () => screen.getByRole('table', { name: /^(Coverage|Kattavuus):/ });
const rowNames = () => within(table()).getAllByRole('rowheader').map((h) => h.textContent);
const rowOf = (name: string) => within(table()).getByRole('rowheader', { name }).closest('tr')!;
const cells = (name: string) => [...rowOf(name).querySelectorAll('td')].map((td) => td.textContent);
const stat = (label: string) => screen.getByText(label).closest('li')!.textContent;
const filterCount = (name: RegExp) => screen.getByRole('radio', { name }).closest('label')!.querySelector('.region-filter-count')!.textContent;

describe('the region page', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-09-15T10:00:00'));
  });
  afterEach(() => vi.useRealTimers());

  it('counts the region’s coverage, follows a filter and sorts a column', async () => {
    const { db, session } = await seed();
    renderSignedIn(<RegionPage />, { db, session });
    await screen.findByRole('table', { name: /^Coverage:/ });

    // The period is this calendar year.
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2025-01-01');
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('2025-12-31');
    // Southern Finland has 62 municipalities; Asikkala and Askola were visited this year (Espoo's visit was
    // cancelled, Forssa's deleted); 3 open recommendations, 2 overdue (Asikkala's of June, Espoo's of January).
    expect(stat('municipalities')).toBe('62 municipalities');
    expect(stat('municipalities visited in the period')).toBe('2 municipalities visited in the period');
    expect(stat('municipalities with no visit in the period')).toBe('60 municipalities with no visit in the period');
    expect(stat('visits in the period')).toBe('2 visits in the period');
    // Guidance between visits: Asikkala's of February and Espoo's of May (Asikkala's of December 2024 is before the period).
    expect(stat('guidance entries in the period')).toBe('2 guidance entries in the period');
    expect(stat('open recommendations')).toBe('3 open recommendations');
    expect(stat('overdue recommendations')).toBe('2 overdue recommendations');
    expect(stat('municipalities without a contact person')).toBe('61 municipalities without a contact person');
    expect(filterCount(/^All/)).toBe('62');
    expect(filterCount(/^No visit in the period/)).toBe('60');
    expect(filterCount(/^Overdue recommendations/)).toBe('2');
    expect(filterCount(/^No contact person/)).toBe('61');
    // Held meetings of the period reached Asikkala (its contact came) and Espoo (its guests).
    expect(filterCount(/^Not reached by a meeting/)).toBe('60');
    // Every municipality but Asikkala has a plan missing or overdue.
    expect(filterCount(/^Plan missing or overdue/)).toBe('61');
    expect(rowNames()).toHaveLength(62);

    const asikkala = rowOf('Asikkala');
    expect(within(asikkala).getByRole('link', { name: 'Asikkala' }).getAttribute('href')).toBe('/municipalities/016');
    expect(within(asikkala).getByRole('link', { name: '4 Mar 2025' }).getAttribute('href')).toBe(`/visits/${ids.a}`);
    expect(cells('Asikkala')).toEqual(['4 Mar 2025Approved · Kaisa Koivisto', '1', '1', '2', '1', 'Yes', 'Yes', '0']);
    expect(cells('Askola')).toEqual(['20 May 2025Submitted · Ilona Virtanen', '1', '0', '0', '0', 'No', 'No', '2']);
    expect(cells('Espoo')).toEqual(['1 Oct 2024Approved · Ilona Virtanen', '0 (no visit in the period)', '1', '1', '1', 'No', 'Yes', '2']);
    expect(cells('Forssa')).toEqual(['No visit', '0 (no visit in the period)', '0', '0', '0', 'No', 'No', '2']);

    fireEvent.click(screen.getByRole('radio', { name: /^Not reached by a meeting/ }));
    await waitFor(() => expect(rowNames()).toHaveLength(60));
    expect(rowNames()).not.toContain('Asikkala');
    expect(rowNames()).not.toContain('Espoo');

    // The map by plans missing or overdue: its table says each municipality's count in words.
    fireEvent.change(screen.getByLabelText('Colour the map by'), { target: { value: 'plans' } });
    const mapTable = await screen.findByRole('table', { name: 'Plans missing or overdue today' });
    const mapValue = (name: string) => within(mapTable).getByRole('rowheader', { name }).closest('tr')!.querySelector('td')!.textContent;
    expect(mapValue('Asikkala')).toBe('0 plans missing or overdue');
    expect(mapValue('Espoo')).toBe('2 plans missing or overdue');

    fireEvent.click(screen.getByRole('radio', { name: /^Plan missing or overdue/ }));
    await waitFor(() => expect(rowNames()).toHaveLength(61));
    expect(rowNames()).not.toContain('Asikkala');
    expect(rowNames()).toContain('Espoo');

    fireEvent.click(screen.getByRole('radio', { name: /^Overdue recommendations/ }));
    await waitFor(() => expect(rowNames()).toEqual(['Asikkala', 'Espoo']));
    expect(screen.getByText('2 municipalities of 62 shown')).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: /^All/ }));
    await waitFor(() => expect(rowNames()).toHaveLength(62));
    const lastVisit = within(table()).getByRole('button', { name: /^Last visit/ });
    expect(lastVisit.closest('th')!.getAttribute('aria-sort')).toBeNull();
    expect(within(table()).getByRole('button', { name: /^Municipality/ }).closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(lastVisit);
    fireEvent.click(lastVisit);
    // Latest first; the municipalities never visited last, by name.
    await waitFor(() => expect(rowNames().slice(0, 4)).toEqual(['Askola', 'Asikkala', 'Espoo', 'Forssa']));
    expect(lastVisit.closest('th')!.getAttribute('aria-sort')).toBe('descending');
    expect(within(table()).getByRole('button', { name: /^Municipality/ }).closest('th')!.getAttribute('aria-sort')).toBeNull();
    fireEvent.click(lastVisit);
    await waitFor(() => expect(rowNames().slice(-3)).toEqual(['Espoo', 'Asikkala', 'Askola']));
    expect(lastVisit.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
  });

  it('counts a visit of two areas in each, and a contact person by area', async () => {
    const { db, session } = await seed();
    renderSignedIn(<RegionPage />, { db, session });
    await screen.findByRole('table', { name: /^Coverage:/ });
    fireEvent.change(screen.getByLabelText('Area'), { target: { value: 'welfare' } });
    // Welfare: only Asikkala's two-area visit this year; Espoo's follow-up is of a welfare visit; no welfare contact anywhere.
    await waitFor(() => expect(filterCount(/^No visit in the period/)).toBe('61'));
    expect(filterCount(/^Overdue recommendations/)).toBe('2');
    expect(filterCount(/^No contact person/)).toBe('62');
    // Only the welfare meeting counts: Espoo's guests; Asikkala's contact came to a substance-abuse one.
    expect(filterCount(/^Not reached by a meeting/)).toBe('61');
    expect(cells('Asikkala')).toEqual(['4 Mar 2025Approved · Kaisa Koivisto', '1', '1', '2', '1', 'No', 'No', '0']);
    expect(cells('Askola')).toEqual(['No visit', '0 (no visit in the period)', '0', '0', '0', 'No', 'No', '2']);
    // The plans count whatever the area.
    expect(filterCount(/^Plan missing or overdue/)).toBe('61');
    expect(cells('Espoo').at(-2)).toBe('Yes');
    // Espoo's guidance was on substance abuse: not counted for welfare.
    expect(cells('Espoo')[2]).toBe('0');
    expect(stat('guidance entry in the period')).toBe('1 guidance entry in the period');
    expect(screen.getByRole('table', { name: /^Coverage:/ }).querySelector('caption')!.textContent).toBe(
      'Coverage: Health and welfare promotion, 1 Jan 2025–31 Dec 2025 (All)',
    );
  });

  it('exports the rows shown as CSV, with a semicolon in Finnish, named by the region and the period', async () => {
    const { db, session } = await seed();
    const blobs: Blob[] = [];
    const names: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:csv'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    try {
      renderSignedIn(<RegionPage />, { db, session, lang: 'fi' });
      await screen.findByRole('table', { name: /^Kattavuus:/ });
      expect((screen.getByLabelText('CSV-tiedoston erotin') as HTMLSelectElement).value).toBe(';');
      fireEvent.click(screen.getByRole('radio', { name: /^Myöhässä olevat toimenpidesuositukset/ }));
      await waitFor(() => expect(rowNames()).toEqual(['Asikkala', 'Espoo']));
      fireEvent.click(screen.getByRole('button', { name: 'Vie CSV-tiedostoon' }));
      await waitFor(() => expect(names).toEqual(['kattavuus-esavi-2025-01-01-2025-12-31.csv']));
      const text = await blobs[0]!.text();
      // Blob.text() decodes UTF-8 and drops the BOM; the bytes keep it.
      expect([...new Uint8Array(await blobs[0]!.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true });
      expect(parsed.data).toEqual([
        ['Kuntanumero', 'Nimi (suomeksi)', 'Nimi (ruotsiksi)', 'Viimeisin käynti', 'Tila', 'Tarkastaja', 'Käynnit jaksolla', 'Ohjauskerrat jaksolla', 'Avoimet toimenpidesuositukset', 'Myöhässä olevat toimenpidesuositukset', 'Yhdyshenkilö', 'Tavoitettu verkostotapaamisella jaksolla',
          'Puuttuvat tai myöhässä olevat suunnitelmat tänään (hyvinvointikertomus ja -suunnitelma sekä vuosittainen hyvinvointikertomus aina, muut kun kirjattu)'],
        ['016', 'Asikkala', 'Asikkala', '2025-03-04', 'Hyväksytty', 'Kaisa Koivisto', '1', '1', '2', '1', 'Kyllä', 'Kyllä', '0'],
        ['049', 'Espoo', 'Esbo', '2024-10-01', 'Hyväksytty', 'Ilona Virtanen', '0', '1', '1', '1', 'Ei', 'Kyllä', '2'],
      ]);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
