// The coverage CSV read back by a CSV parser that is not the app's (papaparse), with both separators:
// Finnish and Swedish letters, quotes, separators and line breaks in the texts survive; the file starts
// with a BOM and ends its lines with CRLF.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv, type CsvSeparator } from '../../src/ui/common/csv.ts';

const header = ['Kuntanumero', 'Nimi (fi)', 'Namn (sv)', 'Viimeisin käynti', 'Huomiot; "lainaus"'];
const rows = [
  ['091', 'Helsinki', 'Helsingfors', '2025-03-14', 'Tavallinen'],
  ['020', 'Akaa', 'Akaa', null, 'Puolipiste; ja pilkku, "lainausmerkit" ja\nrivinvaihto'],
  ['035', 'Brändö', 'Brändö', '2024-11-02', 'Kommunen säger: "åtgärd, snart"; öppet\r\nny rad'],
  ['478', 'Maarianhamina', 'Mariehamn', '2023-01-31', 'Ääkköset: äöå ÄÖÅ'],
  ['999', 'Numero', 'Nummer', 12, ''],
  // Line breaks alone, with nothing else that needs quoting.
  ['100', 'Rivi yksi\nrivi kaksi', 'Rad ett\r\nrad två', 'Sista\rrad', 'Pietarsaari'],
];
const asText = (values: (string | number | null)[]) => values.map((v) => (v === null ? '' : String(v)));

describe('toCsv', () => {
  for (const separator of [',', ';'] as CsvSeparator[]) {
    it(`reads back the same fields with “${separator}”`, () => {
      const csv = toCsv(header, rows, { separator });
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv.endsWith('\r\n')).toBe(true);
      const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: separator, newline: '\r\n', skipEmptyLines: false });
      expect(parsed.errors).toEqual([]);
      // The record ended by the last CRLF leaves one empty line after it, nothing else.
      expect(parsed.data.at(-1)).toEqual(['']);
      expect(parsed.data.slice(0, -1)).toEqual([header, ...rows.map(asText)]);
    });
  }

  it('quotes only what needs quoting, doubling quotes', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'z;w']], { separator: ';' })).toBe('\uFEFFa;b\r\nx,y;"z;w"\r\n');
    expect(toCsv(['a', 'b'], [['x,y', 'z;w']], { separator: ',' })).toBe('\uFEFFa,b\r\n"x,y",z;w\r\n');
    expect(toCsv(['a'], [['say "hi"'], ['line\nbreak'], [null], [7]], { separator: ',' })).toBe('\uFEFFa\r\n"say ""hi"""\r\n"line\nbreak"\r\n\r\n7\r\n');
  });

  it('is UTF-8 with a BOM once encoded', () => {
    const bytes = new TextEncoder().encode(toCsv(['Kunta'], [['Pedersöre']], { separator: ';' }));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('keeps a text a spreadsheet would run as a formula a text, and numbers as numbers', () => {
    const csv = toCsv(['a', 'b'], [['=HYPERLINK("http://x")', -3], ['+358 40 123', '@SUM(A1)'], ['-1', 'Mäntsälä']], { separator: ';' });
    const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ';' });
    expect(parsed.data.slice(1, -1)).toEqual([
      ["'=HYPERLINK(\"http://x\")", '-3'],
      ["'+358 40 123", "'@SUM(A1)"],
      ["'-1", 'Mäntsälä'],
    ]);
  });
});
