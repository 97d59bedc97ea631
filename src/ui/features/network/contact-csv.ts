// Reading a contact spreadsheet: the file's bytes decoded (UTF-8 with or without a byte order mark, or
// Windows-1252 as older Excel saves it), parsed as CSV with its separator found (comma, semicolon or tab;
// quoted separators and line breaks kept), its header mapped to the contact's fields, and every row
// checked against the contact schema, with each problem named. Pure: the page previews what this gives
// and writes only the rows that passed, in one transaction.
import Papa from 'papaparse';
import { contactFieldsSchema, type ContactFields } from '../../../shared/records.ts';
import { supervisionAreas, type SupervisionArea } from '../../../shared/vocabulary.ts';

export const importFields = ['municipality', 'name', 'firstName', 'lastName', 'title', 'organisation', 'areas', 'email', 'phone', 'notes', 'active'] as const;
export type ImportField = (typeof importFields)[number];
/** The column of each field, by its index in the header; a field without a column is left empty. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

type Encoding = 'utf-8' | 'windows-1252';

/** The file's text: UTF-8 when it is valid UTF-8 (its byte order mark dropped), Windows-1252 otherwise. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

export type ParsedCsv = {
  header: string[];
  /** The rows after the header that hold something; `row` is the spreadsheet's row number (the header is 1). */
  rows: { row: number; cells: string[] }[];
  separator: string;
};

/** The header and rows; a wholly empty row is skipped, but counted, so row numbers match the spreadsheet's. */
export function parseCsv(text: string): ParsedCsv {
  const result = Papa.parse<string[]>(text, { delimiter: '', delimitersToGuess: [';', ',', '\t'], skipEmptyLines: false });
  const [header = [], ...body] = result.data;
  const rows: ParsedCsv['rows'] = [];
  body.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: i + 2, cells });
  });
  return { header: header.map((h) => h.trim()), rows, separator: result.meta.delimiter };
}

/** Header words, in Finnish, Swedish and English, lower-cased; a header is matched whole, or by its first word. */
const headerWords: Record<ImportField, readonly string[]> = {
  municipality: ['kunta', 'kunnan nimi', 'kuntanumero', 'kuntakoodi', 'kommun', 'kommunnummer', 'kommunkod', 'municipality', 'municipality code'],
  name: ['nimi', 'koko nimi', 'yhteyshenkilö', 'namn', 'fullständigt namn', 'kontaktperson', 'name', 'full name', 'contact person'],
  firstName: ['etunimi', 'förnamn', 'first name', 'given name'],
  lastName: ['sukunimi', 'efternamn', 'last name', 'surname', 'family name'],
  title: ['titteli', 'nimike', 'tehtävänimike', 'ammattinimike', 'titel', 'befattning', 'title', 'job title', 'position'],
  organisation: ['organisaatio', 'yksikkö', 'toimiala', 'organisation', 'enhet', 'förvaltning', 'organization', 'unit', 'department'],
  areas: ['osa-alue', 'osa-alueet', 'alue', 'område', 'områden', 'area', 'areas'],
  email: ['sähköposti', 's-posti', 'sähköpostiosoite', 'e-post', 'e-postadress', 'email', 'e-mail', 'email address'],
  phone: ['puhelin', 'puhelinnumero', 'puh', 'matkapuhelin', 'telefon', 'telefonnummer', 'mobil', 'phone', 'telephone', 'mobile'],
  notes: ['lisätiedot', 'huomiot', 'muistiinpanot', 'anteckningar', 'övrigt', 'notes', 'comments'],
  active: ['aktiivinen', 'voimassa', 'aktiv', 'active'],
};

/** The mapping the header suggests: each field to the first column whose heading names it. */
export function guessMapping(header: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const field of importFields) {
    const index = header.findIndex((h, i) => !taken.has(i) && headerWords[field].includes(h.toLocaleLowerCase('fi').replace(/[.:*]+$/, '').trim()));
    if (index >= 0) {
      mapping[field] = index;
      taken.add(index);
    }
  }
  return mapping;
}

export type ImportMunicipality = { id: string; name: { fi: string; sv: string }; regionId: string };
export type ImportContact = Pick<ContactFields, 'municipalityId' | 'name' | 'email'> & { id: string; active: boolean };

export type RowProblem =
  | { field: 'municipality'; code: 'missing' | 'unknown' | 'notYourRegion'; value?: string }
  | { field: 'name'; code: 'missing' | 'tooLong' }
  | { field: 'areas'; code: 'missing' | 'unknown'; value?: string }
  | { field: 'email'; code: 'invalid'; value: string }
  | { field: 'phone'; code: 'invalid'; value: string }
  | { field: 'active'; code: 'invalid'; value: string }
  | { field: 'title' | 'organisation' | 'notes'; code: 'tooLong' }
  | { field: 'row'; code: 'sameAsRow'; row: number };

export type CheckedRow = {
  row: number;
  /** The contact the row makes; null when a problem keeps it out. */
  fields: ContactFields | null;
  problems: RowProblem[];
  /** An existing contact of the municipality with the same e-mail address, or else the same name. */
  duplicateOf: string | null;
};

type CheckContext = {
  municipalities: readonly ImportMunicipality[];
  /** The regions the user may write contacts in. */
  regionIds: readonly string[];
  contacts: readonly ImportContact[];
  /** The areas of a row whose areas cell is empty or not mapped; none: such a row has a problem. */
  defaultAreas?: readonly SupervisionArea[];
};

const fold = (text: string) => text.toLocaleLowerCase('fi').replace(/\s+/g, ' ').trim();

/** Suffixes a spreadsheet may add to a municipality's name: "Porvoon kaupunki", "Borgå stad". */
const MUNICIPALITY_SUFFIX = / (kaupunki|kunta|stad|kommun)$/;

function municipalityLookup(municipalities: readonly ImportMunicipality[]): (cell: string) => ImportMunicipality | undefined {
  const byKey = new Map<string, ImportMunicipality>();
  for (const m of municipalities) {
    byKey.set(m.id, m);
    byKey.set(fold(m.name.fi), m);
    byKey.set(fold(m.name.sv), m);
  }
  return (cell) => {
    const text = fold(cell);
    if (/^\d{1,3}$/.test(text)) return byKey.get(text.padStart(3, '0'));
    return byKey.get(text) ?? byKey.get(text.replace(MUNICIPALITY_SUFFIX, ''));
  };
}

/** Words that name an area in a cell: its id, abbreviation, name in each language, and short forms. */
const areaWords: Record<SupervisionArea, readonly string[]> = {
  substance: ['substance', 'ept', 'ehkäisevä päihdetyö', 'päihdetyö', 'päihde', 'förebyggande rusmedelsarbete', 'rusmedel', 'substance abuse prevention', 'substance-abuse prevention'],
  welfare: ['welfare', 'hyte', 'hyvinvoinnin ja terveyden edistäminen', 'hyvinvointi', 'hälso- och välfärdsfrämjande arbete', 'välfärd', 'health and welfare promotion'],
  violence: ['violence', 'väkivalta', 'lähisuhdeväkivalta', 'lähisuhdeväkivallan ehkäisy', 'våld', 'förebyggande av våld i nära relationer', 'våld i nära relationer', 'prevention of violence in close relationships'],
};
const areaByWord = new Map(supervisionAreas.flatMap((a) => areaWords[a].map((w) => [w, a] as const)));

function readAreas(cell: string): { areas: SupervisionArea[]; unknown: string[] } {
  const areas: SupervisionArea[] = [];
  const unknown: string[] = [];
  const add = (area: SupervisionArea) => areas.includes(area) || areas.push(area);
  for (const part of cell.split(/[,;/|\n]+/)) {
    const word = fold(part);
    if (word === '') continue;
    const area = areaByWord.get(word);
    if (area) {
      add(area);
      continue;
    }
    // "EPT ja HYTE": names joined by a conjunction, but only when every piece is an area's name (the
    // names themselves hold conjunctions: "Hyvinvoinnin ja terveyden edistäminen").
    const pieces = word.split(/ (?:ja|och|and|&) /).map((w) => areaByWord.get(w.trim()));
    if (pieces.length > 1 && pieces.every((a) => a !== undefined)) pieces.forEach((a) => add(a!));
    else unknown.push(part.trim());
  }
  return { areas, unknown };
}

const yes = new Set(['', 'x', '1', 'kyllä', 'k', 'joo', 'ja', 'yes', 'y', 'true', 'aktiivinen', 'aktiv', 'active']);
const no = new Set(['0', 'ei', 'e', 'nej', 'n', 'no', 'false', 'passiivinen', 'inaktiv', 'inactive']);

/**
 * A cell as typed before an export guarded it: the app's CSV (common/csv.ts) puts an apostrophe before a
 * text a spreadsheet would take for a formula ("+358 40 …" among them), and reading it back drops it.
 */
function unguarded(text: string): string {
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

/** Every row checked; a row passes (its `fields` set) only with no problem. */
export function checkRows(parsed: ParsedCsv, mapping: ColumnMapping, context: CheckContext): CheckedRow[] {
  const findMunicipality = municipalityLookup(context.municipalities);
  const regions = new Set(context.regionIds);
  const existing = new Map<string, string>();
  for (const c of context.contacts) {
    if (c.email) existing.set(`${c.municipalityId} ${fold(c.email)}`, c.id);
    if (!existing.has(`${c.municipalityId} name ${fold(c.name)}`)) existing.set(`${c.municipalityId} name ${fold(c.name)}`, c.id);
  }
  const seen = new Map<string, number>();

  return parsed.rows.map(({ row, cells }) => {
    const cell = (field: ImportField) => {
      const index = mapping[field];
      return index === undefined ? '' : unguarded((cells[index] ?? '').trim());
    };
    const problems: RowProblem[] = [];

    const municipalityText = cell('municipality');
    const municipality = municipalityText === '' ? undefined : findMunicipality(municipalityText);
    if (municipalityText === '') problems.push({ field: 'municipality', code: 'missing' });
    else if (!municipality) problems.push({ field: 'municipality', code: 'unknown', value: municipalityText });
    else if (!regions.has(municipality.regionId)) problems.push({ field: 'municipality', code: 'notYourRegion', value: municipalityText });

    const name = (cell('name') || `${cell('firstName')} ${cell('lastName')}`).replace(/\s+/g, ' ').trim();
    if (name === '') problems.push({ field: 'name', code: 'missing' });

    const areasText = cell('areas');
    const read = readAreas(areasText);
    if (read.unknown.length > 0) problems.push({ field: 'areas', code: 'unknown', value: read.unknown.join(', ') });
    const areas = read.areas.length > 0 ? read.areas : [...(context.defaultAreas ?? [])];
    if (areas.length === 0 && read.unknown.length === 0) problems.push({ field: 'areas', code: 'missing' });

    const activeText = fold(cell('active'));
    if (!yes.has(activeText) && !no.has(activeText)) problems.push({ field: 'active', code: 'invalid', value: cell('active') });

    const candidate = {
      municipalityId: municipality?.id ?? '000',
      name: name || '-',
      title: cell('title') || null,
      organisation: cell('organisation') || null,
      areas: areas.length > 0 ? areas : ['substance'],
      email: cell('email') || null,
      phone: cell('phone').replace(/\s+/g, ' ') || null,
      notes: cell('notes') || null,
      active: !no.has(activeText),
    };
    const checked = contactFieldsSchema.safeParse(candidate);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = issue.path[0];
        if (field === 'email' || field === 'phone') problems.push({ field, code: 'invalid', value: candidate[field] ?? '' });
        else if (field === 'name' && name !== '') problems.push({ field, code: 'tooLong' });
        else if (field === 'title' || field === 'organisation' || field === 'notes') problems.push({ field, code: 'tooLong' });
      }
    }

    let duplicateOf: string | null = null;
    if (municipality) {
      const keys = [candidate.email ? `${municipality.id} ${fold(candidate.email)}` : null, `${municipality.id} name ${fold(name)}`].filter((k): k is string => k !== null);
      duplicateOf = keys.map((k) => existing.get(k)).find((id) => id !== undefined) ?? null;
      const earlier = keys.map((k) => seen.get(k)).find((r) => r !== undefined);
      if (earlier !== undefined) problems.push({ field: 'row', code: 'sameAsRow', row: earlier });
      else for (const k of keys) seen.set(k, row);
    }

    return { row, fields: problems.length === 0 && checked.success ? checked.data : null, problems, duplicateOf };
  });
}
