// Contact spreadsheets as Excel, LibreOffice and Google Sheets save them: decoded, parsed, mapped by their
// header and every row checked, each problem named; existing contacts found as duplicates.
import { describe, expect, it } from 'vitest';
import { checkRows, decodeCsv, guessMapping, parseCsv, type ImportContact, type ImportMunicipality } from '../../src/ui/features/network/contact-csv.ts';

const municipalities: ImportMunicipality[] = [
  { id: '638', name: { fi: 'Porvoo', sv: 'Borgå' }, regionId: 'avi-1' },
  { id: '091', name: { fi: 'Helsinki', sv: 'Helsingfors' }, regionId: 'avi-1' },
  { id: '837', name: { fi: 'Tampere', sv: 'Tammerfors' }, regionId: 'avi-3' },
];
const contacts: ImportContact[] = [
  { id: 'c-1', municipalityId: '638', name: 'Åsa Öberg', email: 'asa.oberg@porvoo.fi', active: true },
  { id: 'c-2', municipalityId: '091', name: 'Pekka Ääritalo', email: null, active: true },
];
const context = { municipalities, regionIds: ['avi-1'], contacts };

// Windows-1252: ä is 0xE4, ö 0xF6, å 0xE5, Ä 0xC4.
const cp1252 = (text: string) => Uint8Array.from([...text].map((ch) => ({ ä: 0xe4, ö: 0xf6, å: 0xe5, Ä: 0xc4, Å: 0xc5, Ö: 0xd6 })[ch] ?? ch.charCodeAt(0)));
const utf8 = (text: string, bom = false) => new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...new TextEncoder().encode(text)]);

describe('reading a contact spreadsheet', () => {
  it('decodes UTF-8 with and without a BOM, and Windows-1252', () => {
    expect(decodeCsv(utf8('Kunta;Nimi\r\nPorvoo;Åsa Öberg\r\n', true))).toEqual({ text: 'Kunta;Nimi\r\nPorvoo;Åsa Öberg\r\n', encoding: 'utf-8' });
    expect(decodeCsv(utf8('Kommun,Namn\nBorgå,Åsa\n'))).toEqual({ text: 'Kommun,Namn\nBorgå,Åsa\n', encoding: 'utf-8' });
    expect(decodeCsv(cp1252('Kunta;Nimi\r\nPorvoo;Äijä Öljymäki\r\n'))).toEqual({ text: 'Kunta;Nimi\r\nPorvoo;Äijä Öljymäki\r\n', encoding: 'windows-1252' });
  });

  it('finds the separator, keeps quoted separators and line breaks, skips empty rows but keeps the spreadsheet’s row numbers', () => {
    const excel = 'Kunta;Nimi;Huomiot\r\nPorvoo;"Virtanen; Liisa";"Rivi 1\r\nrivi 2"\r\n;;\r\nHelsinki;Pekka;"Sanoi ""hei"""\r\n';
    const parsed = parseCsv(excel);
    expect(parsed.separator).toBe(';');
    expect(parsed.header).toEqual(['Kunta', 'Nimi', 'Huomiot']);
    expect(parsed.rows).toEqual([
      { row: 2, cells: ['Porvoo', 'Virtanen; Liisa', 'Rivi 1\r\nrivi 2'] },
      { row: 4, cells: ['Helsinki', 'Pekka', 'Sanoi "hei"'] },
    ]);
    // Google Sheets: commas, LF line ends, no final line end.
    expect(parseCsv('Municipality,Name\nPorvoo,"Öberg, Åsa"').rows).toEqual([{ row: 2, cells: ['Porvoo', 'Öberg, Åsa'] }]);
  });

  it('maps Finnish, Swedish and English headers to the fields', () => {
    expect(guessMapping(['Kunta', 'Etunimi', 'Sukunimi', 'Tehtävänimike', 'Sähköposti', 'Puhelin', 'Osa-alue', 'Lisätiedot'])).toEqual({
      municipality: 0, firstName: 1, lastName: 2, title: 3, email: 4, phone: 5, areas: 6, notes: 7,
    });
    expect(guessMapping(['Kommun', 'Namn', 'Titel', 'E-post', 'Telefon', 'Område', 'Organisation', 'Aktiv'])).toEqual({
      municipality: 0, name: 1, title: 2, email: 3, phone: 4, areas: 5, organisation: 6, active: 7,
    });
    expect(guessMapping(['Something else', 'E-mail:'])).toEqual({ email: 1 });
  });

  it('checks every row and names each problem', () => {
    const text = [
      'Kunta;Nimi;Sähköposti;Puhelin;Osa-alue;Aktiivinen',
      'Borgå stad;Liisa Virtanen;liisa.virtanen@porvoo.fi;040-123 4567;EPT, hyte;kyllä', // 2: valid
      'Espoo;Matti;;;EPT;', // 3: unknown municipality
      'Tampere;Kalle;;;EPT;', // 4: another region
      '91;;not-an-email;12;väkivalta;', // 5: no name, bad email and phone
      'Helsinki;Sanna;;;;', // 6: no area
      'Helsinki;Sanna B;;;astrology;maybe', // 7: unknown area, bad active
      'Porvoo;Åsa Öberg;ASA.OBERG@porvoo.fi;;Förebyggande rusmedelsarbete;nej', // 8: valid, a duplicate of c-1 by e-mail
      'porvoo;Liisa  Virtanen;;;substance;', // 9: the same as row 2 by name
    ].join('\r\n');
    const parsed = parseCsv(text);
    const rows = checkRows(parsed, guessMapping(parsed.header), context);
    expect(rows.map((r) => [r.row, r.problems])).toEqual([
      [2, []],
      [3, [{ field: 'municipality', code: 'unknown', value: 'Espoo' }]],
      [4, [{ field: 'municipality', code: 'notYourRegion', value: 'Tampere' }]],
      [5, [{ field: 'name', code: 'missing' }, { field: 'email', code: 'invalid', value: 'not-an-email' }, { field: 'phone', code: 'invalid', value: '12' }]],
      [6, [{ field: 'areas', code: 'missing' }]],
      [7, [{ field: 'areas', code: 'unknown', value: 'astrology' }, { field: 'active', code: 'invalid', value: 'maybe' }]],
      [8, []],
      [9, [{ field: 'row', code: 'sameAsRow', row: 2 }]],
    ]);
    expect(rows[0]!.fields).toEqual({
      municipalityId: '638', name: 'Liisa Virtanen', title: null, organisation: null, areas: ['substance', 'welfare'],
      email: 'liisa.virtanen@porvoo.fi', phone: '040-123 4567', notes: null, active: true,
    });
    expect(rows[0]!.duplicateOf).toBeNull();
    expect(rows[6]).toMatchObject({ duplicateOf: 'c-1', fields: { municipalityId: '638', areas: ['substance'], active: false } });
    expect(rows.filter((r) => r.fields !== null).map((r) => r.row)).toEqual([2, 8]);
  });

  it('reads areas by their names in each language, joined or listed', () => {
    const parsed = parseCsv(
      [
        'Kunta;Nimi;Osa-alue',
        'Porvoo;A;Hyvinvoinnin ja terveyden edistäminen',
        'Porvoo;B;EPT ja HYTE',
        'Porvoo;C;Hälso- och välfärdsfrämjande arbete, Förebyggande av våld i nära relationer',
        'Porvoo;D;"Substance-abuse prevention; Health and welfare promotion"',
        'Porvoo;E;hyte ja astrologia',
      ].join('\n'),
    );
    const rows = checkRows(parsed, guessMapping(parsed.header), context);
    expect(rows.map((r) => r.fields?.areas ?? r.problems)).toEqual([
      ['welfare'],
      ['substance', 'welfare'],
      ['welfare', 'violence'],
      ['substance', 'welfare'],
      [{ field: 'areas', code: 'unknown', value: 'hyte ja astrologia' }],
    ]);
  });

  it('gives rows without areas the areas chosen for the import, and finds a duplicate by name', () => {
    const parsed = parseCsv('Kunta,Nimi\nHelsingfors,pekka ääritalo\n');
    const [row] = checkRows(parsed, guessMapping(parsed.header), { ...context, defaultAreas: ['violence'] });
    expect(row).toMatchObject({ problems: [], duplicateOf: 'c-2', fields: { municipalityId: '091', name: 'pekka ääritalo', areas: ['violence'] } });
  });
});
