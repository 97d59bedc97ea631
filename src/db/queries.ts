// Read-only queries the pages show through live queries; writes come with the entity modules.
import type { Language } from '../shared/reference.ts';
import type { LocalRecord, UserDb } from './database.ts';

/** Åland's region: its municipalities are supervised under their own law, so lists leave them out unless asked. */
export const ALAND_REGION_ID = 'avi-7';

export type MunicipalityRow = LocalRecord<'municipality'>;
export type VisitRow = LocalRecord<'visit'> & { municipalityName: { fi: string; sv: string } | null };

/** The name to show: Swedish for Swedish, otherwise Finnish (municipalities have no English names). */
export function municipalityName(name: { fi: string; sv: string }, lang: Language): string {
  return lang === 'sv' ? name.sv : name.fi;
}

export async function listMunicipalities(
  db: UserDb,
  options: { regionIds: readonly string[]; includeAland: boolean; lang: Language },
): Promise<MunicipalityRow[]> {
  const regionIds = options.regionIds.filter((r) => options.includeAland || r !== ALAND_REGION_ID);
  const rows = await db.municipality.where('regionId').anyOf(regionIds).toArray();
  const collator = new Intl.Collator(options.lang);
  return rows
    .filter((m) => !m.deleted)
    .sort((a, b) => collator.compare(municipalityName(a.name, options.lang), municipalityName(b.name, options.lang)));
}

export async function countMunicipalities(db: UserDb): Promise<number> {
  return db.municipality.count();
}
