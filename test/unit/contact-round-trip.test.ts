// Export, import, nothing changes: the directory's CSV, in each language and with either separator, read
// back by the import finds every row valid, each the same person as the entry it came from (so nothing is
// created), with the same fields.
import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../../src/db/contact-directory.ts';
import type { Language } from '../../src/shared/vocabulary.ts';
import { checkRows, decodeCsv, guessMapping, parseCsv } from '../../src/ui/features/network/contact-csv.ts';
import { directoryCsv } from '../../src/ui/features/network/directory-csv.ts';
import { testI18n } from '../i18n-packs.ts';

const porvoo = { id: '638', name: { fi: 'Porvoo', sv: 'Borgå' }, regionId: 'avi-1' };
const helsinki = { id: '091', name: { fi: 'Helsinki', sv: 'Helsingfors' }, regionId: 'avi-1' };
const stamps = { version: 3, deleted: false, updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: 'u-1' };
const entries: DirectoryEntry[] = [
  {
    id: 'c-1', municipalityId: '638', municipality: porvoo, name: 'Åsa Öberg', title: 'Koordinator; "rusmedel"', organisation: 'Borgå stad',
    areas: ['substance', 'welfare'], email: 'asa.oberg@porvoo.fi', phone: '+358 40 123 4567', notes: 'Rad 1\nrad 2, med komma', active: true, confirmedAt: '2025-02-01', ...stamps,
  },
  {
    id: 'c-2', municipalityId: '091', municipality: helsinki, name: 'Pekka Ääritalo', title: null, organisation: null,
    areas: ['violence'], email: null, phone: null, notes: null, active: false, confirmedAt: null, ...stamps,
  },
];
const fieldsOf = (e: DirectoryEntry) => ({
  municipalityId: e.municipalityId, name: e.name, title: e.title ?? null, organisation: e.organisation ?? null, areas: e.areas,
  email: e.email ?? null, phone: e.phone ?? null, notes: e.notes ?? null, active: e.active,
});

describe('the directory’s CSV read back by the import', () => {
  for (const lang of ['fi', 'sv', 'en'] as Language[]) {
    for (const separator of [';', ','] as const) {
      it(`changes nothing (${lang}, ${separator})`, () => {
        const csv = directoryCsv(entries, separator, testI18n(lang));
        const { text, encoding } = decodeCsv(new TextEncoder().encode(csv));
        expect(encoding).toBe('utf-8');
        const parsed = parseCsv(text);
        expect(parsed.separator).toBe(separator);
        const rows = checkRows(parsed, guessMapping(parsed.header), { municipalities: [porvoo, helsinki], regionIds: ['avi-1'], contacts: entries });
        expect(rows.map((r) => r.problems)).toEqual([[], []]);
        expect(rows.map((r) => r.duplicateOf)).toEqual(['c-1', 'c-2']);
        expect(rows.map((r) => r.fields)).toEqual(entries.map(fieldsOf));
      });
    }
  }
});
