// The directory as shown, as CSV that opens in a spreadsheet as it is, with headings and values the
// import reads back (contact-csv.ts): export and import again, and nothing changes.
import type { DirectoryEntry } from '../../../db/contact-directory.ts';
import type { I18n } from '../../i18n/index.ts';
import { toCsv, type CsvSeparator, type CsvValue } from '../../common/csv.ts';

export function directoryCsv(rows: readonly DirectoryEntry[], separator: CsvSeparator, { t }: I18n): string {
  const header = [
    t('network.csv.code'),
    t('network.csv.municipalityFi'),
    t('network.csv.municipalitySv'),
    t('network.csv.name'),
    t('network.csv.title'),
    t('network.csv.organisation'),
    t('network.csv.areas'),
    t('network.csv.email'),
    t('network.csv.phone'),
    t('network.csv.active'),
    t('network.csv.confirmed'),
    t('network.csv.notes'),
  ];
  const body = rows.map((c): CsvValue[] => [
    c.municipalityId,
    c.municipality.name.fi,
    c.municipality.name.sv,
    c.name,
    c.title ?? null,
    c.organisation ?? null,
    c.areas.map((a) => t(`area.${a}`)).join(', '),
    c.email ?? null,
    c.phone ?? null,
    c.active ? t('network.yes') : t('network.no'),
    c.confirmedAt ?? null,
    c.notes ?? null,
  ]);
  return toCsv(header, body, { separator });
}
