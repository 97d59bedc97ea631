// The region's coverage: for each municipality of the user's regions, its last visit in an area, the
// visits of a period, the guidance given it between visits in the period, its open and overdue
// follow-ups, whether it has a contact person, and whether a network meeting held in the period reached
// it, and how many of its plans are missing or overdue (plan-state.ts). One bulk read per table (loadCoverage); the compilation itself is pure (compileCoverage), so it is tested
// without IndexedDB and stays fast for a region of 140 municipalities and thousands of visits.
import { isOneOf, supervisionAreas, type Area, type VisitStatus } from '../shared/vocabulary.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { plansNeedingAttention } from './plan-state.ts';
import { ALAND_REGION_ID } from './queries.ts';

/** One area, or '' for every area. */
export type CoverageArea = Area | '';

type CoverageOptions = {
  regionIds: readonly string[];
  area: CoverageArea;
  /** The period, ISO dates (YYYY-MM-DD), both included. */
  from: string;
  to: string;
  /** An open follow-up due before this date (YYYY-MM-DD) is overdue. */
  today: string;
  /** Åland's municipalities are left out unless asked for (they are supervised under their own law). */
  includeAland?: boolean;
};

export type CoverageInput = CoverageOptions & {
  municipalities: readonly LocalRecord<'municipality'>[];
  visits: readonly LocalRecord<'visit'>[];
  templates: readonly Pick<LocalRecord<'template'>, 'id' | 'area'>[];
  followUps: readonly LocalRecord<'followUp'>[];
  contacts: readonly LocalRecord<'contact'>[];
  /** Guidance given between visits; none counted when left out. */
  guidance?: readonly LocalRecord<'guidance'>[];
  /** The network's meetings; none counted when left out. */
  meetings?: readonly LocalRecord<'meeting'>[];
  /** The municipalities' plans; left out, none is recorded (so the expected ones count as missing). */
  plans?: readonly LocalRecord<'plan'>[];
};

type CoverageLastVisit = { id: string; date: string; status: VisitStatus; inspectorId: string };

export type CoverageRow = {
  id: string;
  name: { fi: string; sv: string };
  regionId: string;
  /** The latest visit covering the area (by planned date), whatever the period; null if none. */
  lastVisit: CoverageLastVisit | null;
  /** Visits covering the area planned within the period, cancelled ones not counted. */
  visitsInPeriod: number;
  /** Guidance entries dated within the period (with an area chosen, those concerning it). */
  guidanceInPeriod: number;
  openFollowUps: number;
  /** Open follow-ups due before `today`. */
  overdueFollowUps: number;
  /** An active contact person for the area (for all areas, or plan reviews: any active contact person). */
  hasContact: boolean;
  neverVisitedInPeriod: boolean;
  /**
   * A network meeting or training held in the period reached it: one of its contact persons came, or it
   * had guests. With a supervision area chosen, only meetings of that area count.
   */
  reachedByMeeting: boolean;
  /**
   * Its plans missing or overdue on `today`, whatever the area and period: the welfare report and plan and
   * the yearly welfare report always (missing or overdue), the other kinds when one is recorded (overdue).
   */
  plansMissingOrOverdue: number;
};

type CoverageTotals = {
  municipalities: number;
  visitedInPeriod: number;
  neverVisitedInPeriod: number;
  visitsInPeriod: number;
  guidanceInPeriod: number;
  openFollowUps: number;
  overdueFollowUps: number;
  /** Municipalities with overdue follow-ups. */
  withOverdue: number;
  withoutContact: number;
  /** Municipalities no held meeting of the period reached. */
  notReachedByMeeting: number;
  /** Municipalities with a plan missing or overdue. */
  withPlanMissingOrOverdue: number;
};

export type Coverage = { rows: CoverageRow[]; totals: CoverageTotals };

/** The regions to show: Åland's left out unless asked for. */
function shownRegions(options: Pick<CoverageOptions, 'regionIds' | 'includeAland'>): string[] {
  return options.regionIds.filter((r) => options.includeAland === true || r !== ALAND_REGION_ID);
}

/**
 * The coverage table from the records as read. Tombstones are skipped everywhere; a visit counts for
 * each area of its templates (a visit with no template on this device counts only for all areas).
 * With an area chosen, a follow-up counts when its visit covers the area.
 */
export function compileCoverage(input: CoverageInput): Coverage {
  const { area, from, to, today } = input;
  const regions = new Set(shownRegions(input));
  const municipalities = input.municipalities.filter((m) => !m.deleted && regions.has(m.regionId));
  const areaOf = new Map(input.templates.map((t) => [t.id, t.area]));
  const covers = (visit: LocalRecord<'visit'>) => area === '' || visit.templateIds.some((id) => areaOf.get(id) === area);

  type Acc = { last: LocalRecord<'visit'> | null; inPeriod: number; guidance: number; open: number; overdue: number; contact: boolean };
  const acc = new Map<string, Acc>(municipalities.map((m) => [m.id, { last: null, inPeriod: 0, guidance: 0, open: 0, overdue: 0, contact: false }]));

  // Every live visit, cancelled ones included, tells a follow-up's area; only others count as visits.
  const visitCovers = new Map<string, boolean>();
  for (const visit of input.visits) {
    if (visit.deleted) continue;
    const covering = covers(visit);
    visitCovers.set(visit.id, covering);
    const a = acc.get(visit.municipalityId);
    if (!a || !covering || visit.status === 'cancelled') continue;
    if (!a.last || visit.plannedDate > a.last.plannedDate || (visit.plannedDate === a.last.plannedDate && visit.id > a.last.id)) a.last = visit;
    if (visit.plannedDate >= from && visit.plannedDate <= to) a.inPeriod++;
  }

  for (const entry of input.guidance ?? []) {
    if (entry.deleted || entry.date < from || entry.date > to) continue;
    const a = acc.get(entry.municipalityId);
    if (a && (area === '' || entry.areas.some((x) => x === area))) a.guidance++;
  }

  for (const followUp of input.followUps) {
    if (followUp.deleted || followUp.status !== 'open') continue;
    const a = acc.get(followUp.municipalityId);
    if (!a || (area !== '' && visitCovers.get(followUp.visitId) !== true)) continue;
    a.open++;
    if (followUp.dueDate && followUp.dueDate < today) a.overdue++;
  }
  // A follow-up agreed in guidance counts as the register lists it: open until marked done or dropped.
  for (const entry of input.guidance ?? []) {
    if (entry.deleted || !entry.followUpText || entry.followUpStatus !== 'open') continue;
    const a = acc.get(entry.municipalityId);
    if (!a || (area !== '' && !entry.areas.some((x) => x === area))) continue;
    a.open++;
    if (entry.followUpDue && entry.followUpDue < today) a.overdue++;
  }

  const contactArea = isOneOf(supervisionAreas, area) ? area : null;
  for (const contact of input.contacts) {
    if (contact.deleted || !contact.active) continue;
    const a = acc.get(contact.municipalityId);
    if (a && (contactArea === null || contact.areas.includes(contactArea))) a.contact = true;
  }

  // A meeting reaches the municipality of each contact who came (a removed contact's too) and those of its guests.
  const contactMunicipality = new Map(input.contacts.map((c) => [c.id, c.municipalityId]));
  const reached = new Set<string>();
  for (const meeting of input.meetings ?? []) {
    if (meeting.deleted || meeting.status !== 'held' || meeting.date < from || meeting.date > to) continue;
    if (contactArea !== null && !meeting.areas.includes(contactArea)) continue;
    for (const id of meeting.attended) {
      const municipalityId = contactMunicipality.get(id);
      if (municipalityId !== undefined) reached.add(municipalityId);
    }
    for (const g of meeting.guests) if (g.count > 0) reached.add(g.municipalityId);
  }

  const plansOf = new Map<string, LocalRecord<'plan'>[]>();
  for (const plan of input.plans ?? []) {
    if (plan.deleted) continue;
    const list = plansOf.get(plan.municipalityId);
    if (list) list.push(plan);
    else plansOf.set(plan.municipalityId, [plan]);
  }

  const rows = municipalities
    .map((m): CoverageRow => {
      const a = acc.get(m.id)!;
      return {
        id: m.id,
        name: m.name,
        regionId: m.regionId,
        lastVisit: a.last && { id: a.last.id, date: a.last.plannedDate, status: a.last.status, inspectorId: a.last.inspectorId },
        visitsInPeriod: a.inPeriod,
        guidanceInPeriod: a.guidance,
        openFollowUps: a.open,
        overdueFollowUps: a.overdue,
        hasContact: a.contact,
        neverVisitedInPeriod: a.inPeriod === 0,
        reachedByMeeting: reached.has(m.id),
        plansMissingOrOverdue: plansNeedingAttention(plansOf.get(m.id) ?? [], today),
      };
    })
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

  const totals: CoverageTotals = {
    municipalities: rows.length,
    visitedInPeriod: 0,
    neverVisitedInPeriod: 0,
    visitsInPeriod: 0,
    guidanceInPeriod: 0,
    openFollowUps: 0,
    overdueFollowUps: 0,
    withOverdue: 0,
    withoutContact: 0,
    notReachedByMeeting: 0,
    withPlanMissingOrOverdue: 0,
  };
  for (const r of rows) {
    if (r.neverVisitedInPeriod) totals.neverVisitedInPeriod++;
    else totals.visitedInPeriod++;
    totals.visitsInPeriod += r.visitsInPeriod;
    totals.guidanceInPeriod += r.guidanceInPeriod;
    totals.openFollowUps += r.openFollowUps;
    totals.overdueFollowUps += r.overdueFollowUps;
    if (r.overdueFollowUps > 0) totals.withOverdue++;
    if (!r.hasContact) totals.withoutContact++;
    if (!r.reachedByMeeting) totals.notReachedByMeeting++;
    if (r.plansMissingOrOverdue > 0) totals.withPlanMissingOrOverdue++;
  }
  return { rows, totals };
}

/**
 * The coverage of the user's regions, read from the device: one bulk read per table. The device holds
 * only its user's regions, and the compilation keeps to the municipalities shown, so the tables are read
 * whole: one getAll each, where `anyOf` over a hundred municipality codes would walk a cursor record by
 * record.
 */
export async function loadCoverage(db: UserDb, options: CoverageOptions): Promise<Coverage> {
  const regionIds = shownRegions(options);
  const [municipalities, visits, templates, followUps, contacts, guidance, meetings, plans] = await Promise.all([
    db.municipality.where('regionId').anyOf(regionIds).toArray(),
    db.visit.toArray(),
    db.template.toArray(),
    db.followUp.toArray(),
    db.contact.toArray(),
    // All guidance: the period's is counted, and an open follow-up agreed in any is.
    db.guidance.toArray(),
    // The period's meetings only, by their date index.
    db.meeting.where('date').between(options.from, options.to, true, true).toArray(),
    // All plans: their state is today's, whatever the period.
    db.plan.toArray(),
  ]);
  return compileCoverage({ ...options, municipalities, visits, templates, followUps, contacts, guidance, meetings, plans });
}

/** The regions by these ids that the device has (for their names and abbreviations), in the given order. */
export async function loadRegions(db: UserDb, regionIds: readonly string[]): Promise<LocalRecord<'region'>[]> {
  const regions = await db.region.bulkGet([...regionIds]);
  return regions.flatMap((r) => (r && !r.deleted ? [r] : []));
}
