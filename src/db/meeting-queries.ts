// Reads of the contact network's meetings: the region's list (upcoming first, then past, with who was
// invited and who came), one meeting with its invited contacts resolved from the directory, and a
// municipality's participation. Each is a pure compile function (tested without IndexedDB) and a bulk
// loader: one read per table.
import type { Language } from '../shared/vocabulary.ts';
import { compileContactDirectory, type ContactDirectory, type DirectoryEntry } from './contact-directory.ts';
import type { LocalRecord, UserDb } from './database.ts';

type Meeting = LocalRecord<'meeting'>;

export type MeetingSummary = Pick<Meeting, 'id' | 'regionId' | 'title' | 'kind' | 'areas' | 'date' | 'startTime' | 'endTime' | 'place' | 'onlineLink' | 'status'> & {
  invited: number;
  /** Contacts recorded as having come. */
  attended: number;
  /** Guests not in the directory, summed over municipalities. */
  guests: number;
};

type MeetingList = {
  /** On or after `today`, the soonest first. */
  upcoming: MeetingSummary[];
  /** Before `today`, the latest first. */
  past: MeetingSummary[];
};

const live = <T extends { deleted?: boolean | undefined }>(rows: readonly T[]) => rows.filter((r) => !r.deleted);
const startOf = (m: Pick<Meeting, 'date' | 'startTime'>) => `${m.date} ${m.startTime ?? ''}`;

function summarise(m: Meeting): MeetingSummary {
  return {
    id: m.id,
    regionId: m.regionId,
    title: m.title,
    kind: m.kind,
    areas: m.areas,
    date: m.date,
    startTime: m.startTime ?? null,
    endTime: m.endTime ?? null,
    place: m.place ?? null,
    onlineLink: m.onlineLink ?? null,
    status: m.status,
    invited: m.invited.length,
    attended: m.attended.length,
    guests: m.guests.reduce((n, g) => n + g.count, 0),
  };
}

/** The meetings of these regions, tombstones left out. `today`: YYYY-MM-DD. */
export function compileMeetingList(meetings: readonly Meeting[], regionIds: readonly string[], today: string): MeetingList {
  const regions = new Set(regionIds);
  const rows = live(meetings).filter((m) => regions.has(m.regionId)).map(summarise);
  const byStart = (a: MeetingSummary, b: MeetingSummary) => (startOf(a) < startOf(b) ? -1 : startOf(a) > startOf(b) ? 1 : a.id < b.id ? -1 : 1);
  return {
    upcoming: rows.filter((m) => m.date >= today).sort(byStart),
    past: rows.filter((m) => m.date < today).sort((a, b) => byStart(b, a)),
  };
}

export async function loadMeetingList(db: UserDb, regionIds: readonly string[], today: string): Promise<MeetingList> {
  const meetings = await db.meeting.where('regionId').anyOf([...regionIds]).toArray();
  return compileMeetingList(meetings, regionIds, today);
}

/** An invited contact: as the directory has them, or `entry: null` for one removed or not on this device. */
export type InvitedContact = { id: string; entry: DirectoryEntry | null; attended: boolean };

export type MeetingGuests = { municipality: { id: string; name: { fi: string; sv: string } } | null; municipalityId: string; count: number; names: string | null };

export type MeetingDetail = {
  meeting: Meeting;
  /** The invited (and any who came uninvited), in the directory's order (municipality, name); unknown ones last. */
  invited: InvitedContact[];
  guests: MeetingGuests[];
  /** The directory of the user's regions and the meeting's, for inviting more. */
  directory: ContactDirectory;
};

export function compileMeetingDetail(meeting: Meeting, directory: ContactDirectory): MeetingDetail {
  const order = new Map(directory.entries.map((e, i) => [e.id, i]));
  const byId = new Map(directory.entries.map((e) => [e.id, e]));
  const came = new Set(meeting.attended);
  const ids = [...new Set([...meeting.invited, ...meeting.attended])];
  const invited = ids
    .map((id): InvitedContact => ({ id, entry: byId.get(id) ?? null, attended: came.has(id) }))
    .sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) || (a.id < b.id ? -1 : 1));
  const municipalities = new Map(directory.municipalities.map((m) => [m.id, m]));
  const guests = meeting.guests.map((g): MeetingGuests => {
    const m = municipalities.get(g.municipalityId);
    return { municipalityId: g.municipalityId, municipality: m ? { id: m.id, name: m.name } : null, count: g.count, names: g.names ?? null };
  });
  const place = new Map(directory.municipalities.map((m, i) => [m.id, i]));
  guests.sort((a, b) => (place.get(a.municipalityId) ?? Infinity) - (place.get(b.municipalityId) ?? Infinity) || (a.municipalityId < b.municipalityId ? -1 : 1));
  return { meeting, invited, guests, directory };
}

/** One meeting with its people; null when the device has no such meeting (or it was deleted). */
export async function loadMeetingDetail(db: UserDb, id: string, regionIds: readonly string[], lang: Language): Promise<MeetingDetail | null> {
  const meeting = await db.meeting.get(id);
  if (!meeting || meeting.deleted) return null;
  const regions = [...new Set([...regionIds, meeting.regionId])];
  const municipalities = await db.municipality.where('regionId').anyOf(regions).toArray();
  const contacts = await db.contact.where('municipalityId').anyOf(municipalities.map((m) => m.id)).toArray();
  return compileMeetingDetail(meeting, compileContactDirectory(municipalities, contacts, lang));
}

/** A meeting as a municipality took part in it: its contacts who came (names) and its guests. */
type Participation = { meeting: MeetingSummary; came: string[]; guests: number };

type MunicipalityParticipation = {
  /** Held meetings where one of its contacts came or it had guests, the latest first. */
  reached: Participation[];
  /** Held meetings its contacts were invited to where none of them came and it had no guests, the latest first. */
  invitedAbsent: MeetingSummary[];
  /** Planned meetings its contacts are invited to, the soonest first. */
  invitedUpcoming: MeetingSummary[];
};

export function compileParticipation(municipalityId: string, meetings: readonly Meeting[], contacts: readonly LocalRecord<'contact'>[]): MunicipalityParticipation {
  const mine = new Map(contacts.filter((c) => c.municipalityId === municipalityId).map((c) => [c.id, c.name]));
  const reached: Participation[] = [];
  const invitedAbsent: MeetingSummary[] = [];
  const invitedUpcoming: MeetingSummary[] = [];
  for (const m of live(meetings)) {
    const invitedHere = m.invited.some((c) => mine.has(c));
    if (m.status === 'planned') {
      if (invitedHere) invitedUpcoming.push(summarise(m));
      continue;
    }
    if (m.status !== 'held') continue;
    const came = m.attended.flatMap((c) => (mine.has(c) ? [mine.get(c)!] : []));
    const guests = m.guests.find((g) => g.municipalityId === municipalityId)?.count ?? 0;
    if (came.length > 0 || guests > 0) reached.push({ meeting: summarise(m), came, guests });
    else if (invitedHere) invitedAbsent.push(summarise(m));
  }
  const latestFirst = (a: MeetingSummary, b: MeetingSummary) => (startOf(a) < startOf(b) ? 1 : startOf(a) > startOf(b) ? -1 : a.id < b.id ? 1 : -1);
  reached.sort((a, b) => latestFirst(a.meeting, b.meeting));
  invitedAbsent.sort(latestFirst);
  invitedUpcoming.sort((a, b) => latestFirst(b, a));
  return { reached, invitedAbsent, invitedUpcoming };
}

/** A municipality's participation, read from the device: its region's meetings and its contacts. */
export async function loadParticipation(db: UserDb, municipalityId: string): Promise<MunicipalityParticipation> {
  const municipality = await db.municipality.get(municipalityId);
  if (!municipality) return { reached: [], invitedAbsent: [], invitedUpcoming: [] };
  const [meetings, contacts] = await Promise.all([
    db.meeting.where('regionId').equals(municipality.regionId).toArray(),
    db.contact.where('municipalityId').equals(municipalityId).toArray(),
  ]);
  return compileParticipation(municipalityId, meetings, contacts);
}
