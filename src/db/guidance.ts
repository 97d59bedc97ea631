// Guidance given to a municipality between visits: a call, an email, a statement or a short meeting, with
// the contacts involved and the follow-up agreed, if any, which the region's follow-up register lists.
// Checked against the shared policy (guard.ts) and stored with its outbox row in one transaction.
import type { PolicyUser } from '../shared/policy.ts';
import type { GuidanceFields } from '../shared/records.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { checkWrite, regionOf } from './guard.ts';
import { uuidv7 } from './uuidv7.ts';
import { deleteRecord, saveRecord } from './write.ts';

/** What the guidance form holds: texts as typed ('' for none). */
export type GuidanceInput = Pick<GuidanceFields, 'date' | 'channel' | 'areas' | 'topic' | 'contactIds'> & { notes: string; followUpText: string; followUpDue: string };

function toFields(input: GuidanceInput): Omit<GuidanceFields, 'municipalityId' | 'followUpStatus'> & Pick<GuidanceFields, 'followUpStatus'> {
  const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
  const followUpText = orNull(input.followUpText);
  return {
    date: input.date,
    channel: input.channel,
    areas: [...input.areas],
    topic: input.topic.trim(),
    contactIds: [...input.contactIds],
    notes: orNull(input.notes),
    followUpText,
    followUpDue: followUpText ? orNull(input.followUpDue) : null,
    followUpStatus: followUpText ? 'open' : null,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Logs guidance given (no id) or edits an entry; an edit sends only what changed and keeps a follow-up's status. */
export async function saveGuidance(db: UserDb, municipalityId: string, input: GuidanceInput, id: string | undefined, user: PolicyUser): Promise<LocalRecord<'guidance'>> {
  const fields = toFields(input);
  return db.transaction('rw', [db.municipality, db.guidance, db.outbox], async () => {
    const existing = id ? await db.guidance.get(id) : undefined;
    if (!existing) {
      const created = { municipalityId, ...fields };
      checkWrite(user, { entity: 'guidance', op: 'create', fields: Object.keys(created), regionId: await regionOf(db, municipalityId) }, 'log guidance');
      return saveRecord(db, 'guidance', id ?? uuidv7(), created);
    }
    // A follow-up already agreed keeps its status (done stays done); a new one starts open; none clears it.
    const next = { ...fields, followUpStatus: fields.followUpText ? (existing.followUpStatus ?? 'open') : null };
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => !same(v, existing[k as keyof GuidanceFields])));
    if (Object.keys(changed).length === 0) return existing;
    checkWrite(user, { entity: 'guidance', op: 'update', fields: Object.keys(changed) }, 'change guidance');
    return saveRecord(db, 'guidance', existing.id, changed);
  });
}

/** Marks the follow-up agreed in a guidance entry done, dropped, or open again. */
export async function setGuidanceFollowUpStatus(db: UserDb, id: string, status: NonNullable<GuidanceFields['followUpStatus']>, user: PolicyUser): Promise<LocalRecord<'guidance'>> {
  return db.transaction('rw', db.guidance, db.outbox, async () => {
    const entry = await db.guidance.get(id);
    if (!entry || entry.deleted || !entry.followUpText) throw new Error('The guidance entry has no follow-up on this device');
    checkWrite(user, { entity: 'guidance', op: 'update', fields: ['followUpStatus'] }, 'change guidance');
    return saveRecord(db, 'guidance', id, { followUpStatus: status });
  });
}

export async function deleteGuidance(db: UserDb, id: string, user: PolicyUser): Promise<void> {
  await db.transaction('rw', db.guidance, db.outbox, async () => {
    if (!(await db.guidance.get(id))) return;
    checkWrite(user, { entity: 'guidance', op: 'delete' }, 'delete guidance');
    await deleteRecord(db, 'guidance', id);
  });
}

/** A municipality's guidance log, newest first. */
export async function loadGuidanceLog(db: UserDb, municipalityId: string): Promise<LocalRecord<'guidance'>[]> {
  const entries = await db.guidance.where('municipalityId').equals(municipalityId).toArray();
  return entries.filter((g) => !g.deleted).sort((a, b) => b.date.localeCompare(a.date) || (a.id < b.id ? 1 : -1));
}
