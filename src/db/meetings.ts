// The contact network's meetings and trainings: planned for a region, contacts invited, who came recorded
// one tap at a time (per contact, and guests per municipality), minutes and material links added, held or
// cancelled. Each write is checked against the shared policy (guard.ts) and stored with its outbox row in
// one transaction; a list field (invited, attended) is read and written in the same transaction, so two
// taps in a row never lose one another.
import type { PolicyUser } from '../shared/policy.ts';
import type { MeetingFields } from '../shared/records.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { checkWrite } from './guard.ts';
import { uuidv7 } from './uuidv7.ts';
import { deleteRecord, saveRecord } from './write.ts';

/** What the meeting form holds: texts as typed ('' for none). */
export type MeetingInput = Pick<MeetingFields, 'title' | 'kind' | 'areas' | 'date'> & {
  startTime: string;
  endTime: string;
  place: string;
  onlineLink: string;
  agenda: string;
};

function toFields(input: MeetingInput): Partial<MeetingFields> {
  const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    title: input.title.trim(),
    kind: input.kind,
    areas: [...input.areas],
    date: input.date,
    startTime: orNull(input.startTime),
    endTime: orNull(input.endTime),
    place: orNull(input.place),
    onlineLink: orNull(input.onlineLink),
    agenda: orNull(input.agenda),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Plans a meeting for the region (no id), or edits one: an edit sends only the fields that changed. */
export async function saveMeeting(db: UserDb, regionId: string, input: MeetingInput, id: string | undefined, user: PolicyUser): Promise<LocalRecord<'meeting'>> {
  const fields = toFields(input);
  return db.transaction('rw', db.meeting, db.outbox, async () => {
    const existing = id ? await db.meeting.get(id) : undefined;
    if (!existing) {
      const created: MeetingFields = { regionId, status: 'planned', invited: [], attended: [], guests: [], materials: [], ...(fields as Omit<MeetingFields, 'regionId' | 'status' | 'invited' | 'attended' | 'guests' | 'materials'>) };
      checkWrite(user, { entity: 'meeting', op: 'create', fields: Object.keys(created), regionId }, 'plan meetings');
      return saveRecord(db, 'meeting', id ?? uuidv7(), created);
    }
    const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => !same(v, existing[k as keyof MeetingFields])));
    if (Object.keys(changed).length === 0) return existing;
    checkWrite(user, { entity: 'meeting', op: 'update', fields: Object.keys(changed) }, 'change meetings');
    return saveRecord(db, 'meeting', existing.id, changed);
  });
}

/** Changes some of a meeting's fields, computed from the meeting as stored now, in one transaction. */
async function update(db: UserDb, id: string, user: PolicyUser, change: (m: LocalRecord<'meeting'>) => Partial<MeetingFields>): Promise<LocalRecord<'meeting'>> {
  return db.transaction('rw', db.meeting, db.outbox, async () => {
    const meeting = await db.meeting.get(id);
    if (!meeting || meeting.deleted) throw new Error('The meeting is not on this device');
    const fields = change(meeting);
    const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => !same(v, meeting[k as keyof MeetingFields])));
    if (Object.keys(changed).length === 0) return meeting;
    checkWrite(user, { entity: 'meeting', op: 'update', fields: Object.keys(changed) }, 'change meetings');
    return saveRecord(db, 'meeting', id, changed);
  });
}

export const setMeetingStatus = (db: UserDb, id: string, status: MeetingFields['status'], user: PolicyUser) => update(db, id, user, () => ({ status }));

/** Invites these contacts too (each once). */
export const inviteContacts = (db: UserDb, id: string, contactIds: readonly string[], user: PolicyUser) =>
  update(db, id, user, (m) => ({ invited: [...new Set([...m.invited, ...contactIds])] }));

export const uninviteContact = (db: UserDb, id: string, contactId: string, user: PolicyUser) =>
  update(db, id, user, (m) => ({ invited: m.invited.filter((c) => c !== contactId), attended: m.attended.filter((c) => c !== contactId) }));

/** Records whether a contact came; one who came uninvited is added to the invited too. */
export const setAttended = (db: UserDb, id: string, contactId: string, came: boolean, user: PolicyUser) =>
  update(db, id, user, (m) =>
    came
      ? { attended: m.attended.includes(contactId) ? m.attended : [...m.attended, contactId], invited: m.invited.includes(contactId) ? m.invited : [...m.invited, contactId] }
      : { attended: m.attended.filter((c) => c !== contactId) },
  );

/** Sets the guests not in the directory who came from a municipality (0 removes the entry). */
export const setGuests = (db: UserDb, id: string, municipalityId: string, count: number, names: string, user: PolicyUser) =>
  update(db, id, user, (m) => {
    const others = m.guests.filter((g) => g.municipalityId !== municipalityId);
    return { guests: count > 0 ? [...others, { municipalityId, count, names: names.trim() === '' ? null : names.trim() }] : others };
  });

export const saveMinutes = (db: UserDb, id: string, minutes: string, user: PolicyUser) => update(db, id, user, () => ({ minutes: minutes.trim() === '' ? null : minutes }));

export const addMaterial = (db: UserDb, id: string, material: { title: string; url: string }, user: PolicyUser) =>
  update(db, id, user, (m) => ({ materials: [...m.materials, { title: material.title.trim(), url: material.url.trim() }] }));

export const removeMaterial = (db: UserDb, id: string, index: number, user: PolicyUser) => update(db, id, user, (m) => ({ materials: m.materials.filter((_, i) => i !== index) }));

export async function deleteMeeting(db: UserDb, id: string, user: PolicyUser): Promise<void> {
  await db.transaction('rw', db.meeting, db.outbox, async () => {
    if (!(await db.meeting.get(id))) return;
    checkWrite(user, { entity: 'meeting', op: 'delete' }, 'delete meetings');
    await deleteRecord(db, 'meeting', id);
  });
}
