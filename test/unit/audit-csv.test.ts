// The audit export's CSV: a row per changed field of each history row, read back with papaparse (not the
// app's own parser): ISO times, names, the municipality by code and name, values as stored (text as it
// is, other values as JSON), a formula defused, the semicolon variant quoted where it must be.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ExportRow } from '../../src/shared/history.ts';
import { auditCsv } from '../../src/ui/features/history/audit-csv.ts';
import { testI18n } from '../i18n-packs.ts';

const base = { userId: 'u-1', userName: 'Ilona Virtanen', clientId: 'c-1', regionId: 'avi-1', municipalityId: '398' } as const;
const rows: ExportRow[] = [
  { ...base, id: 1, version: 10, at: '2026-12-04T09:41:00.000Z', entity: 'contact', recordId: 'k-1', op: 'create', before: null, after: { name: '=SUM(A1)', areas: ['substance'] } },
  { ...base, id: 2, version: 11, at: '2026-12-04T09:42:00.000Z', entity: 'answer', recordId: 'v-1:EPT-02', op: 'update', before: { value: 'yes', comment: null }, after: { value: 'no', comment: 'Disbanded; see minutes' } },
  { ...base, id: 3, version: 12, at: '2026-12-04T09:43:00.000Z', entity: 'observation', recordId: 'o-1', op: 'delete', userName: null, municipalityId: null, before: { kind: 'concern' }, after: null },
];
const municipalities = new Map([['398', { fi: 'Lahti', sv: 'Lahtis' }]]);

function parse(text: string, delimiter: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { delimiter, newline: '\r\n', skipEmptyLines: true }).data;
}

describe('the audit CSV', () => {
  it('has a row per changed field, with who, which device, the record, its municipality and the values', () => {
    const { t } = testI18n('en');
    const table = parse(auditCsv(rows, ';', { t, lang: 'en', municipalities }), ';');
    expect(table[0]).toEqual(['Time (UTC)', 'User', 'Device', 'Record type', 'Record id', 'Municipality', 'Change', 'Field', 'Before', 'After']);
    expect(table.slice(1)).toEqual([
      ['2026-12-04T09:41:00.000Z', 'Ilona Virtanen', 'c-1', 'Contact person', 'k-1', '398 Lahti', 'Created', 'Name', '', "'=SUM(A1)"],
      ['2026-12-04T09:41:00.000Z', 'Ilona Virtanen', 'c-1', 'Contact person', 'k-1', '398 Lahti', 'Created', 'Areas', '', '["substance"]'],
      ['2026-12-04T09:42:00.000Z', 'Ilona Virtanen', 'c-1', 'Answer', 'v-1:EPT-02', '398 Lahti', 'Changed', 'Answer', 'yes', 'no'],
      ['2026-12-04T09:42:00.000Z', 'Ilona Virtanen', 'c-1', 'Answer', 'v-1:EPT-02', '398 Lahti', 'Changed', 'Comment', '', 'Disbanded; see minutes'],
      ['2026-12-04T09:43:00.000Z', 'u-1', 'c-1', 'Observation', 'o-1', '', 'Deleted', 'Kind', 'concern', ''],
    ]);
  });

  it('speaks the user’s language, Swedish names included, with a comma when chosen', () => {
    const { t } = testI18n('sv');
    const table = parse(auditCsv(rows.slice(1, 2), ',', { t, lang: 'sv', municipalities }), ',');
    expect(table[0]![0]).toBe('Tid (UTC)');
    expect(table[1]).toEqual(['2026-12-04T09:42:00.000Z', 'Ilona Virtanen', 'c-1', 'Svar', 'v-1:EPT-02', '398 Lahtis', 'Ändrad', 'Svar', 'yes', 'no']);
  });
});
