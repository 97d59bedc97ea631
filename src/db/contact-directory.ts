// The contact network of the user's regions: every contact person with their municipality, searched and
// filtered (compiled and filtered purely, tested without IndexedDB), and the gaps: the municipalities
// with no active contact person for an area. One bulk read per table (loadContactDirectory).
import { supervisionAreas, type Language, type SupervisionArea } from '../shared/vocabulary.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { ALAND_REGION_ID, municipalityName } from './queries.ts';

type DirectoryMunicipality = Pick<LocalRecord<'municipality'>, 'id' | 'name' | 'regionId'>;

export type DirectoryEntry = LocalRecord<'contact'> & { municipality: DirectoryMunicipality };

export type ContactDirectory = {
  /** Every contact (active or not) of the regions' municipalities, by municipality name then name. */
  entries: DirectoryEntry[];
  /** The regions' municipalities, by name. */
  municipalities: DirectoryMunicipality[];
};

export function compileContactDirectory(
  municipalities: readonly LocalRecord<'municipality'>[],
  contacts: readonly LocalRecord<'contact'>[],
  lang: Language,
): ContactDirectory {
  const collator = new Intl.Collator(lang);
  const live = municipalities
    .filter((m) => !m.deleted)
    .map((m) => ({ id: m.id, name: m.name, regionId: m.regionId }))
    .sort((a, b) => collator.compare(municipalityName(a.name, lang), municipalityName(b.name, lang)));
  const byId = new Map(live.map((m) => [m.id, m]));
  const order = new Map(live.map((m, i) => [m.id, i]));
  const entries = contacts.flatMap((c): DirectoryEntry[] => {
    const municipality = byId.get(c.municipalityId);
    return !c.deleted && municipality ? [{ ...c, municipality }] : [];
  });
  entries.sort((a, b) => order.get(a.municipalityId)! - order.get(b.municipalityId)! || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  return { entries, municipalities: live };
}

export type DirectoryFilter = {
  /** Words that must each appear in the name, the municipality's Finnish or Swedish name, the organisation, title or e-mail. */
  search: string;
  area: SupervisionArea | '';
  municipalityId: string;
  /** Only entries confirmed before this day (YYYY-MM-DD), or never: the ones to check. '' for any. */
  confirmedBefore: string;
  active: 'active' | 'inactive' | 'all';
};

const fold = (text: string) => text.toLocaleLowerCase('fi').normalize('NFC');

export function filterContactDirectory(entries: readonly DirectoryEntry[], filter: DirectoryFilter): DirectoryEntry[] {
  const words = fold(filter.search).split(/\s+/).filter(Boolean);
  return entries.filter((e) => {
    if (filter.active !== 'all' && e.active !== (filter.active === 'active')) return false;
    if (filter.area !== '' && !e.areas.includes(filter.area)) return false;
    if (filter.municipalityId !== '' && e.municipalityId !== filter.municipalityId) return false;
    if (filter.confirmedBefore !== '' && e.confirmedAt && e.confirmedAt >= filter.confirmedBefore) return false;
    if (words.length === 0) return true;
    const haystack = fold([e.name, e.municipality.name.fi, e.municipality.name.sv, e.organisation, e.title, e.email].filter(Boolean).join(' '));
    return words.every((w) => haystack.includes(w));
  });
}

type ContactGaps = {
  /** Per municipality, the areas with no active contact person. Only municipalities with a gap. */
  rows: { municipality: DirectoryMunicipality; missing: SupervisionArea[] }[];
  /** Per area, how many municipalities lack an active contact person for it. */
  perArea: Record<SupervisionArea, number>;
  municipalities: number;
};

/** Åland's municipalities are left out unless asked for (they are supervised under their own law). */
export function compileContactGaps(directory: ContactDirectory, { includeAland = false } = {}): ContactGaps {
  const covered = new Map<string, Set<SupervisionArea>>();
  for (const e of directory.entries) {
    if (!e.active) continue;
    const areas = covered.get(e.municipalityId) ?? new Set();
    for (const a of e.areas) areas.add(a);
    covered.set(e.municipalityId, areas);
  }
  const perArea = Object.fromEntries(supervisionAreas.map((a) => [a, 0])) as Record<SupervisionArea, number>;
  const rows: ContactGaps['rows'] = [];
  const municipalities = directory.municipalities.filter((m) => includeAland || m.regionId !== ALAND_REGION_ID);
  for (const m of municipalities) {
    const missing = supervisionAreas.filter((a) => !covered.get(m.id)?.has(a));
    for (const a of missing) perArea[a]++;
    if (missing.length > 0) rows.push({ municipality: m, missing });
  }
  return { rows, perArea, municipalities: municipalities.length };
}

/** The directory of these regions, read from the device. */
export async function loadContactDirectory(db: UserDb, regionIds: readonly string[], lang: Language): Promise<ContactDirectory> {
  const municipalities = await db.municipality.where('regionId').anyOf([...regionIds]).toArray();
  const contacts = await db.contact.where('municipalityId').anyOf(municipalities.map((m) => m.id)).toArray();
  return compileContactDirectory(municipalities, contacts, lang);
}

/** Every municipality on the device, whatever its region: an import names one outside the user's regions as such. */
export async function loadEveryMunicipality(db: UserDb): Promise<DirectoryMunicipality[]> {
  const all = await db.municipality.toArray();
  return all.filter((m) => !m.deleted).map((m) => ({ id: m.id, name: m.name, regionId: m.regionId }));
}
