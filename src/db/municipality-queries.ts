// Reads for the municipality page: the municipality, its contact persons, its visits and its follow-ups.
import type { Area, Language, Text3 } from '../shared/reference.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { visitAreas } from './visit-queries.ts';

export type MunicipalityVisit = LocalRecord<'visit'> & { areas: Area[]; templateTitles: Text3[] };
/** `pending`: changed on this device and not yet sent, so `updatedBy` and `updatedAt` are of an older change. */
type MunicipalityFollowUp = LocalRecord<'followUp'> & { visitDate: string | null; pending: boolean };

type MunicipalityDetail = {
  municipality: LocalRecord<'municipality'>;
  region: LocalRecord<'region'> | null;
  /** Active contacts first, then by name. */
  contacts: LocalRecord<'contact'>[];
  /** Planned and ongoing visits, the soonest first. */
  upcoming: MunicipalityVisit[];
  /** Every other visit, the latest first. */
  earlier: MunicipalityVisit[];
  /** Open follow-ups of all the municipality's visits, the earliest due first, those with no date last. */
  openFollowUps: MunicipalityFollowUp[];
  /** Done or dropped ones, the last changed first (those changed on this device before all). */
  closedFollowUps: MunicipalityFollowUp[];
};

const live = <T extends { deleted?: boolean | undefined }>(rows: T[]) => rows.filter((r) => !r.deleted);

/** The municipality page's data; null when the device has no such municipality. */
export async function loadMunicipalityDetail(db: UserDb, municipalityId: string, lang: Language): Promise<MunicipalityDetail | null> {
  const municipality = await db.municipality.get(municipalityId);
  if (!municipality || municipality.deleted) return null;
  const [region, contacts, visits, followUps] = await Promise.all([
    db.region.get(municipality.regionId),
    db.contact.where('municipalityId').equals(municipalityId).toArray(),
    db.visit.where('municipalityId').equals(municipalityId).toArray(),
    db.followUp.where('municipalityId').equals(municipalityId).toArray(),
  ]);
  const liveVisits = live(visits);
  const templates = await db.template.bulkGet([...new Set(liveVisits.flatMap((v) => v.templateIds))]);
  const byTemplate = new Map(templates.flatMap((t) => (t ? [[t.id, t] as const] : [])));
  const withTemplate = liveVisits.map((v): MunicipalityVisit => ({ ...v, ...visitAreas(v, byTemplate) }));
  const isUpcoming = (v: MunicipalityVisit) => v.status === 'planned' || v.status === 'in_progress';
  const dates = new Map(liveVisits.map((v) => [v.id, v.plannedDate]));
  const collator = new Intl.Collator(lang);
  const liveFollowUps = live(followUps);
  const pending = new Set(
    (await db.outbox.where('id').anyOf(liveFollowUps.map((f) => f.id)).toArray()).filter((r) => r.entity === 'followUp').map((r) => r.id),
  );
  const withVisit = (f: LocalRecord<'followUp'>): MunicipalityFollowUp => ({ ...f, visitDate: dates.get(f.visitId) ?? null, pending: pending.has(f.id) });
  const changedAt = (f: MunicipalityFollowUp) => (f.pending ? '~' : (f.updatedAt ?? ''));
  return {
    municipality,
    region: region ?? null,
    contacts: live(contacts).sort((a, b) => Number(b.active) - Number(a.active) || collator.compare(a.name, b.name)),
    upcoming: withTemplate.filter(isUpcoming).sort((a, b) => a.plannedDate.localeCompare(b.plannedDate)),
    earlier: withTemplate.filter((v) => !isUpcoming(v)).sort((a, b) => b.plannedDate.localeCompare(a.plannedDate)),
    openFollowUps: liveFollowUps
      .filter((f) => f.status === 'open')
      .map(withVisit)
      .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.id.localeCompare(b.id)),
    closedFollowUps: liveFollowUps
      .filter((f) => f.status !== 'open')
      .map(withVisit)
      .sort((a, b) => changedAt(b).localeCompare(changedAt(a)) || a.id.localeCompare(b.id)),
  };
}
