// Reads for the visits list, the visit page and its report, each shaped for one page's live query.
import type { Area, Language, Text3 } from '../shared/reference.ts';
import { areas, latestTemplate } from '../shared/vocabulary.ts';
import type { LocalRecord, RejectionRow, UserDb } from './database.ts';
import { ALAND_REGION_ID, type VisitRow } from './queries.ts';
import { syncStatesOf, type SyncState } from './sync-state.ts';

export type Visit = LocalRecord<'visit'>;
export type Template = LocalRecord<'template'>;
export type Answer = LocalRecord<'answer'>;
export type Observation = LocalRecord<'observation'>;
export type FollowUp = LocalRecord<'followUp'>;
export type Contact = LocalRecord<'contact'>;
export type Municipality = LocalRecord<'municipality'>;

export type VisitCard = VisitRow & { areas: Area[]; templateTitles: Text3[]; sync: SyncState };

/** A visit's templates in its own order, those this device has. */
function templatesIn(visit: Pick<Visit, 'templateIds'>, byId: ReadonlyMap<string, Template>): Template[] {
  return visit.templateIds.flatMap((id) => byId.get(id) ?? []);
}

/** The templates of these visits, by id: one read for all of them. */
async function templatesOfVisits(db: UserDb, visits: readonly Pick<Visit, 'templateIds'>[]): Promise<Map<string, Template>> {
  const templates = await db.template.bulkGet([...new Set(visits.flatMap((v) => v.templateIds))]);
  return new Map(templates.flatMap((t) => (t ? [[t.id, t] as const] : [])));
}

/** A visit's areas and template titles, for lists. */
export function visitAreas(visit: Pick<Visit, 'templateIds'>, byId: ReadonlyMap<string, Template>): { areas: Area[]; templateTitles: Text3[] } {
  const templates = templatesIn(visit, byId);
  return { areas: templates.map((t) => t.area), templateTitles: templates.map((t) => t.title) };
}

/** Every visit on the device (not deleted), with its municipality's name, its areas and its sync state. */
export async function listVisitCards(db: UserDb): Promise<VisitCard[]> {
  const visits = (await db.visit.toArray()).filter((v) => !v.deleted);
  const [municipalities, templates, sync] = await Promise.all([
    db.municipality.bulkGet([...new Set(visits.map((v) => v.municipalityId))]),
    templatesOfVisits(db, visits),
    syncStatesOf(db, 'visit', visits),
  ]);
  const names = new Map(municipalities.flatMap((m) => (m ? [[m.id, m.name] as const] : [])));
  return visits.map((v) => ({
    ...v,
    municipalityName: names.get(v.municipalityId) ?? null,
    ...visitAreas(v, templates),
    sync: sync.get(v.id) ?? 'synced',
  }));
}

type PlanningData = {
  municipalities: Municipality[];
  /** The current template revision of each area this device has. */
  templates: Partial<Record<Area, Template>>;
};

/** What planning a visit offers: the municipalities of the user's regions and the latest template per area. */
export async function loadPlanningData(db: UserDb, regionIds: readonly string[], includeAland: boolean): Promise<PlanningData> {
  const regions = regionIds.filter((r) => includeAland || r !== ALAND_REGION_ID);
  const [municipalities, templates] = await Promise.all([
    db.municipality.where('regionId').anyOf(regions).toArray(),
    db.template.toArray(),
  ]);
  const live = templates.filter((t) => !t.deleted);
  const latest: Partial<Record<Area, Template>> = {};
  for (const area of areas) {
    const t = latestTemplate(live, area);
    if (t) latest[area] = t;
  }
  return { municipalities: municipalities.filter((m) => !m.deleted), templates: latest };
}

export type EarlierFollowUp = FollowUp & { visitDate: string | null; visitInspectorId: string | null };

export type VisitDetail = {
  visit: Visit;
  municipality: Municipality | null;
  /** The municipality's region: the agency the report speaks for. */
  region: LocalRecord<'region'> | null;
  /** The visit's templates, one per area, in the visit's order (those this device has). */
  templates: Template[];
  /** By item id. */
  answers: Map<string, Answer>;
  /** In the order they were made (UUIDv7 ids sort by time). */
  observations: Observation[];
  followUps: FollowUp[];
  /** Photos and documents, in the order they were attached. */
  attachments: LocalRecord<'attachment'>[];
  /** Open follow-ups of the municipality's other visits. */
  earlierFollowUps: EarlierFollowUp[];
  sync: {
    visit: SyncState;
    answer: Map<string, SyncState>;
    observation: Map<string, SyncState>;
    followUp: Map<string, SyncState>;
    attachment: Map<string, SyncState>;
  };
  /** The server's latest rejection of a change to the visit record itself, if any. */
  rejection: RejectionRow | null;
};

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The visit and everything the visit page edits; null when the device has no such visit. */
export async function loadVisitDetail(db: UserDb, visitId: string): Promise<VisitDetail | null> {
  const visit = await db.visit.get(visitId);
  if (!visit || visit.deleted) return null;
  const [municipality, templates, answers, observations, followUps, municipalityFollowUps, rejections, attachments] = await Promise.all([
    db.municipality.get(visit.municipalityId),
    templatesOfVisits(db, [visit]),
    db.answer.where('visitId').equals(visitId).toArray(),
    db.observation.where('visitId').equals(visitId).toArray(),
    db.followUp.where('visitId').equals(visitId).toArray(),
    db.followUp.where('municipalityId').equals(visit.municipalityId).toArray(),
    db.rejections.where('id').equals(visitId).toArray(),
    db.attachment.where('visitId').equals(visitId).toArray(),
  ]);
  const live = <T extends { deleted?: boolean | undefined }>(rows: T[]) => rows.filter((r) => !r.deleted);
  const earlierOpen = live(municipalityFollowUps).filter((f) => f.visitId !== visitId && f.status === 'open');
  const earlierVisits = await db.visit.bulkGet([...new Set(earlierOpen.map((f) => f.visitId))]);
  const visitsById = new Map(earlierVisits.flatMap((v) => (v ? [[v.id, v] as const] : [])));
  const [visitSync, answerSync, observationSync, followUpSync, attachmentSync] = await Promise.all([
    syncStatesOf(db, 'visit', [visit]),
    syncStatesOf(db, 'answer', answers),
    syncStatesOf(db, 'observation', observations),
    syncStatesOf(db, 'followUp', followUps),
    syncStatesOf(db, 'attachment', attachments),
  ]);
  const region = municipality ? await db.region.get(municipality.regionId) : undefined;
  const visitRejections = rejections.filter((r) => r.entity === 'visit').sort((a, b) => b.seq - a.seq);
  return {
    visit,
    municipality: municipality ?? null,
    region: region ?? null,
    templates: templatesIn(visit, templates),
    answers: new Map(live(answers).map((a) => [a.itemId, a])),
    observations: live(observations).sort(byId),
    followUps: live(followUps).sort(byId),
    attachments: live(attachments).sort(byId),
    earlierFollowUps: earlierOpen
      .map((f) => ({ ...f, visitDate: visitsById.get(f.visitId)?.plannedDate ?? null, visitInspectorId: visitsById.get(f.visitId)?.inspectorId ?? null }))
      .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || byId(a, b)),
    sync: { visit: visitSync.get(visit.id) ?? 'synced', answer: answerSync, observation: observationSync, followUp: followUpSync, attachment: attachmentSync },
    rejection: visitRejections[0] ?? null,
  };
}

type Briefing = {
  /** The municipality's other visits up to this one's date, the latest first, with their templates' titles. */
  earlierVisits: (Visit & { templateTitles: Text3[] })[];
  openFollowUps: FollowUp[];
  contacts: Contact[];
};

/** What the inspector reads before the visit: the municipality's history, open matters and contact persons. */
export async function loadBriefing(db: UserDb, visit: Pick<Visit, 'id' | 'municipalityId' | 'plannedDate'>, lang: Language): Promise<Briefing> {
  const [visits, followUps, contacts] = await Promise.all([
    db.visit.where('municipalityId').equals(visit.municipalityId).toArray(),
    db.followUp.where('municipalityId').equals(visit.municipalityId).toArray(),
    db.contact.where('municipalityId').equals(visit.municipalityId).toArray(),
  ]);
  const earlier = visits
    .filter((v) => !v.deleted && v.id !== visit.id && v.status !== 'cancelled' && v.plannedDate <= visit.plannedDate)
    .sort((a, b) => b.plannedDate.localeCompare(a.plannedDate));
  const templates = await templatesOfVisits(db, earlier);
  const collator = new Intl.Collator(lang);
  return {
    earlierVisits: earlier.map((v) => ({ ...v, templateTitles: visitAreas(v, templates).templateTitles })),
    openFollowUps: followUps
      .filter((f) => !f.deleted && f.status === 'open' && f.visitId !== visit.id)
      .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999')),
    contacts: contacts.filter((c) => !c.deleted && c.active).sort((a, b) => collator.compare(a.name, b.name)),
  };
}

type MunicipalityContacts = {
  municipality: Municipality | null;
  /** The municipality's active contact persons, by name. */
  contacts: Contact[];
};

/** The contact persons a visit to the municipality may have as attendees, from this device alone. */
export async function loadMunicipalityContacts(db: UserDb, municipalityId: string, lang: Language): Promise<MunicipalityContacts> {
  const [municipality, contacts] = await Promise.all([db.municipality.get(municipalityId), db.contact.where('municipalityId').equals(municipalityId).toArray()]);
  const collator = new Intl.Collator(lang);
  return {
    municipality: municipality && !municipality.deleted ? municipality : null,
    contacts: contacts.filter((c) => !c.deleted && c.active).sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1)),
  };
}
