// The follow-up register of the region: every recommendation of the user's regions' municipalities with
// its municipality, its visit (date, inspector, areas), whether it is overdue, and who last moved it and
// when, and the user's own open visit of the municipality it can be carried on to; beside them, the
// follow-ups agreed in guidance between visits (their date, channel and areas). One bulk read per
// table (loadFollowUpRegister); the compilation is pure (compileFollowUpRegister) and so is the filtering
// (filterFollowUpRegister), both tested without IndexedDB.
import { inspectorEditable } from '../shared/workflow.ts';
import type { Area, Language } from '../shared/vocabulary.ts';
import type { GuidanceFields } from '../shared/records.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { ALAND_REGION_ID, municipalityName } from './queries.ts';

type RegisterOptions = {
  regionIds: readonly string[];
  /** An open follow-up due before this date (YYYY-MM-DD) is overdue. */
  today: string;
  /** Åland's municipalities are left out unless asked for (they are supervised under their own law). */
  includeAland?: boolean;
  /** The language whose municipality names order ties; Finnish unless told. */
  lang?: Language;
  /** The signed-in inspector: an open follow-up can be carried on to their open visit of its municipality. */
  inspectorId?: string;
};

export type FollowUpRegisterInput = RegisterOptions & {
  municipalities: readonly LocalRecord<'municipality'>[];
  visits: readonly LocalRecord<'visit'>[];
  templates: readonly Pick<LocalRecord<'template'>, 'id' | 'area'>[];
  followUps: readonly LocalRecord<'followUp'>[];
  /** Guidance given between visits: an entry with a follow-up agreed is a row of its own. */
  guidance: readonly LocalRecord<'guidance'>[];
  /** Ids of follow-ups and guidance entries changed on this device and not yet sent. */
  pendingIds?: ReadonlySet<string>;
  /** Visits still open to their inspector (planned, in progress, returned); those of `inspectorId` count. */
  openVisits?: readonly LocalRecord<'visit'>[];
};

export type FollowUpRegisterRow = {
  /** The follow-up's id, or the guidance entry's. */
  id: string;
  /** Where it was agreed: a visit's recommendation, or guidance given between visits. */
  source: 'visit' | 'guidance';
  text: string;
  status: LocalRecord<'followUp'>['status'];
  dueDate: string | null;
  legalShortcoming: boolean;
  overdue: boolean;
  municipality: { id: string; name: { fi: string; sv: string }; regionId: string };
  /** The visit that made it; null when the device does not have the visit (or it was deleted). */
  visit: { id: string; date: string; inspectorId: string } | null;
  /** Guidance's follow-up: the entry's date and channel, and who last changed it (its `updatedBy`). */
  guidance: { date: string; channel: GuidanceFields['channel']; by: string | null } | null;
  /** The areas of the visit's templates, in the order of its templates, each once; guidance's own areas. */
  areas: Area[];
  updatedBy: string | null;
  updatedAt: string | null;
  /** Changed on this device and not yet sent, so `updatedBy` and `updatedAt` are of an older change. */
  pending: boolean;
  /**
   * The user's open visit of the municipality an open follow-up can be carried on to (carryOnFollowUp):
   * the one in progress, else the earliest planned or returned; never the follow-up's own visit.
   */
  carryOnTo: { id: string; date: string } | null;
};

function shownRegions(options: Pick<RegisterOptions, 'regionIds' | 'includeAland'>): string[] {
  return options.regionIds.filter((r) => options.includeAland === true || r !== ALAND_REGION_ID);
}

/**
 * The register from the records as read. Tombstones are skipped (follow-ups, municipalities, visits);
 * sorted overdue first, then by due date (none last), then by municipality name, then by id.
 */
export function compileFollowUpRegister(input: FollowUpRegisterInput): FollowUpRegisterRow[] {
  const lang = input.lang ?? 'fi';
  const regions = new Set(shownRegions(input));
  const municipalities = new Map(input.municipalities.filter((m) => !m.deleted && regions.has(m.regionId)).map((m) => [m.id, m]));
  const visits = new Map(input.visits.filter((v) => !v.deleted).map((v) => [v.id, v]));
  const areaOf = new Map(input.templates.map((t) => [t.id, t.area]));
  const pending = input.pendingIds ?? new Set<string>();
  const carryTargets = openVisitsByMunicipality(input);

  const rows: FollowUpRegisterRow[] = [];
  for (const f of input.followUps) {
    if (f.deleted) continue;
    const m = municipalities.get(f.municipalityId);
    if (!m) continue;
    const visit = visits.get(f.visitId);
    const areas: Area[] = [];
    for (const id of visit?.templateIds ?? []) {
      const area = areaOf.get(id);
      if (area && !areas.includes(area)) areas.push(area);
    }
    const dueDate = f.dueDate || null;
    rows.push({
      id: f.id,
      source: 'visit',
      text: f.text,
      status: f.status,
      dueDate,
      legalShortcoming: f.legalShortcoming,
      overdue: f.status === 'open' && dueDate !== null && dueDate < input.today,
      municipality: { id: m.id, name: m.name, regionId: m.regionId },
      visit: visit ? { id: visit.id, date: visit.plannedDate, inspectorId: visit.inspectorId } : null,
      guidance: null,
      areas,
      updatedBy: f.updatedBy ?? null,
      updatedAt: f.updatedAt ?? null,
      pending: pending.has(f.id),
      carryOnTo: f.status === 'open' ? carryTarget(carryTargets.get(f.municipalityId), f.visitId) : null,
    });
  }
  for (const g of input.guidance) {
    if (g.deleted || !g.followUpText) continue;
    const m = municipalities.get(g.municipalityId);
    if (!m) continue;
    const status = g.followUpStatus ?? 'open';
    const dueDate = g.followUpDue || null;
    rows.push({
      id: g.id,
      source: 'guidance',
      text: g.followUpText,
      status,
      dueDate,
      legalShortcoming: false,
      overdue: status === 'open' && dueDate !== null && dueDate < input.today,
      municipality: { id: m.id, name: m.name, regionId: m.regionId },
      visit: null,
      guidance: { date: g.date, channel: g.channel, by: g.updatedBy ?? null },
      areas: [...g.areas],
      updatedBy: g.updatedBy ?? null,
      updatedAt: g.updatedAt ?? null,
      pending: pending.has(g.id),
      // Carrying on is for a visit's recommendation: the visit's follow-ups are its records.
      carryOnTo: null,
    });
  }

  const collator = new Intl.Collator(lang);
  const name = (r: FollowUpRegisterRow) => municipalityName(r.municipality.name, lang);
  return rows.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.dueDate ?? '\uffff').localeCompare(b.dueDate ?? '\uffff') ||
      collator.compare(name(a), name(b)) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The inspector's open visits per municipality, the one in progress first, then by date. */
function openVisitsByMunicipality(input: FollowUpRegisterInput): Map<string, LocalRecord<'visit'>[]> {
  const byMunicipality = new Map<string, LocalRecord<'visit'>[]>();
  if (!input.inspectorId) return byMunicipality;
  const order = (v: LocalRecord<'visit'>) => `${v.status === 'in_progress' ? 0 : 1}${v.plannedDate}${v.id}`;
  const open = (input.openVisits ?? [])
    .filter((v) => !v.deleted && v.inspectorId === input.inspectorId && inspectorEditable.includes(v.status))
    .sort((a, b) => (order(a) < order(b) ? -1 : 1));
  for (const v of open) {
    const list = byMunicipality.get(v.municipalityId) ?? [];
    list.push(v);
    byMunicipality.set(v.municipalityId, list);
  }
  return byMunicipality;
}

function carryTarget(visits: readonly LocalRecord<'visit'>[] | undefined, ownVisitId: string): FollowUpRegisterRow['carryOnTo'] {
  const target = visits?.find((v) => v.id !== ownVisitId);
  return target ? { id: target.id, date: target.plannedDate } : null;
}

export type FollowUpRegisterFilter = {
  /** One area, or '' for every area: a follow-up counts when its visit covers the area. */
  area: Area | '';
  municipalityId: string;
  /** The visit's inspector (for guidance, who last changed the entry), or '' for anyone. */
  inspectorId: string;
  status: LocalRecord<'followUp'>['status'] | 'all';
  /** Due dates, ISO dates, both included; '' for no bound. With a bound, one with no due date is left out. */
  dueFrom: string;
  dueTo: string;
};

export function filterFollowUpRegister(rows: readonly FollowUpRegisterRow[], filter: FollowUpRegisterFilter): FollowUpRegisterRow[] {
  const { area, municipalityId, inspectorId, status, dueFrom, dueTo } = filter;
  return rows.filter(
    (r) =>
      (area === '' || r.areas.includes(area)) &&
      (municipalityId === '' || r.municipality.id === municipalityId) &&
      (inspectorId === '' || (r.visit?.inspectorId ?? r.guidance?.by) === inspectorId) &&
      (status === 'all' || r.status === status) &&
      (dueFrom === '' || (r.dueDate !== null && r.dueDate >= dueFrom)) &&
      (dueTo === '' || (r.dueDate !== null && r.dueDate <= dueTo)),
  );
}

/** The register of the user's regions, read from the device: one bulk read per table. */
export async function loadFollowUpRegister(db: UserDb, options: RegisterOptions): Promise<FollowUpRegisterRow[]> {
  const regionIds = shownRegions(options);
  const municipalities = await db.municipality.where('regionId').anyOf(regionIds).toArray();
  const codes = municipalities.map((m) => m.id);
  const [followUps, guidance] = await Promise.all([
    db.followUp.where('municipalityId').anyOf(codes).toArray(),
    db.guidance.where('municipalityId').anyOf(codes).toArray(),
  ]);
  const withFollowUp = guidance.filter((g) => g.followUpText);
  const [visits, templates, outbox, openVisits] = await Promise.all([
    db.visit.bulkGet([...new Set(followUps.map((f) => f.visitId))]),
    db.template.toArray(),
    db.outbox.where('id').anyOf([...followUps.map((f) => f.id), ...withFollowUp.map((g) => g.id)]).toArray(),
    options.inspectorId ? db.visit.where('status').anyOf(inspectorEditable).toArray() : [],
  ]);
  const pendingIds = new Set(outbox.filter((r) => r.entity === 'followUp' || r.entity === 'guidance').map((r) => r.id));
  return compileFollowUpRegister({
    ...options,
    municipalities,
    visits: visits.flatMap((v) => (v ? [v] : [])),
    templates,
    followUps,
    guidance: withFollowUp,
    pendingIds,
    openVisits,
  });
}
