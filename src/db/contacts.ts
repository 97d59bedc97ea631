// The municipalities' contact persons: created with an id made on this device, edited, confirmed still
// current, deactivated, deleted, and imported from a spreadsheet in one transaction. Each write is checked
// against the shared policy first (guard.ts); `user` is the signed-in user. A create, an edit and a
// confirmation stamp `confirmedAt` with the device's date: the directory shows how current each entry is.
import { format } from 'date-fns';
import type { PolicyUser } from '../shared/policy.ts';
import type { SupervisionArea } from '../shared/vocabulary.ts';
import type { ContactFields } from '../shared/records.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { checkWrite, regionOf } from './guard.ts';
import { uuidv7 } from './uuidv7.ts';
import { deleteRecord, saveRecord } from './write.ts';

/** A contact as a form holds it: text fields as typed (empty means none), the areas ticked. */
export type ContactInput = {
  name: string;
  title: string;
  organisation: string;
  areas: readonly SupervisionArea[];
  email: string;
  phone: string;
  notes: string;
  active: boolean;
};

const optionalFields = ['title', 'organisation', 'email', 'phone', 'notes'] as const;

function toFields(input: ContactInput): Omit<ContactFields, 'municipalityId'> {
  const fields: Omit<ContactFields, 'municipalityId'> = { name: input.name.trim(), areas: [...input.areas], active: input.active };
  for (const f of optionalFields) {
    const value = input[f].trim();
    fields[f] = value === '' ? null : value;
  }
  return fields;
}

/** The device's date, YYYY-MM-DD: a contact's `confirmedAt` is the day someone last vouched for it. */
const today = (now: Date) => format(now, 'yyyy-MM-dd');

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Checks a write of a contact against the policy (contacts are their region's): a new one's region is its municipality's. */
function checkContact(user: PolicyUser, op: 'create' | 'update' | 'delete', fields: object, regionId?: string | null): void {
  checkWrite(user, { entity: 'contact', op, fields: Object.keys(fields), ...(op === 'create' ? { regionId } : {}) }, 'change contacts');
}

/**
 * Creates a contact of the municipality (no id) or edits one. An edit sends only the fields that changed,
 * so it never overwrites what a colleague changed meanwhile in another field. Throws LocalValidationError,
 * writing nothing, when the contact does not fit the schema.
 */
export async function saveContact(
  db: UserDb,
  municipalityId: string,
  input: ContactInput,
  id: string | undefined,
  user: PolicyUser,
  now: Date = new Date(),
): Promise<LocalRecord<'contact'>> {
  const fields = toFields(input);
  return db.transaction('rw', [db.municipality, db.contact, db.outbox], async () => {
    const existing = id ? await db.contact.get(id) : undefined;
    if (!existing) {
      const created = { municipalityId, ...fields, confirmedAt: today(now) };
      checkContact(user, 'create', created, await regionOf(db, municipalityId));
      return saveRecord(db, 'contact', id ?? uuidv7(), created);
    }
    const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => !same(v, existing[k as keyof typeof existing])));
    // Nothing changed: an empty edit would only queue an empty mutation.
    if (Object.keys(changed).length === 0) return existing;
    if (existing.confirmedAt !== today(now)) changed['confirmedAt'] = today(now);
    checkContact(user, 'update', changed);
    return saveRecord(db, 'contact', existing.id, changed);
  });
}

/** "Still current": the entry was checked today and nothing in it needed to change. */
export async function confirmContact(db: UserDb, id: string, user: PolicyUser, now: Date = new Date()): Promise<LocalRecord<'contact'>> {
  return db.transaction('rw', db.contact, db.outbox, async () => {
    const existing = await db.contact.get(id);
    if (!existing || existing.deleted) throw new Error('The contact is not on this device');
    if (existing.confirmedAt === today(now)) return existing;
    checkContact(user, 'update', { confirmedAt: null });
    return saveRecord(db, 'contact', id, { confirmedAt: today(now) });
  });
}

/** A spreadsheet row to import: a new contact, or `mergeInto` an existing one. */
type ContactImport = { fields: ContactFields; mergeInto: string | null };

/**
 * Writes the rows in one transaction: all or, on any refusal, none. A new row creates a contact; a
 * merged one fills the existing contact's fields from the row where the row has a value, joins the
 * areas, and keeps what the row leaves empty. Every written entry counts as confirmed today.
 */
export async function importContacts(db: UserDb, rows: readonly ContactImport[], user: PolicyUser, now: Date = new Date()): Promise<{ created: number; merged: number }> {
  const confirmedAt = today(now);
  return db.transaction('rw', [db.municipality, db.contact, db.outbox], async () => {
    let created = 0;
    let merged = 0;
    for (const { fields, mergeInto } of rows) {
      const existing = mergeInto ? await db.contact.get(mergeInto) : undefined;
      if (existing && !existing.deleted) {
        const changed: Partial<ContactFields> = { confirmedAt };
        for (const f of optionalFields) if (fields[f] && fields[f] !== existing[f]) changed[f] = fields[f];
        if (fields.name !== existing.name) changed.name = fields.name;
        const areas = [...new Set([...existing.areas, ...fields.areas])];
        if (areas.length !== existing.areas.length) changed.areas = areas;
        if (!existing.active && fields.active) changed.active = true;
        checkContact(user, 'update', changed);
        await saveRecord(db, 'contact', existing.id, changed, now);
        merged++;
      } else {
        const record = { ...fields, confirmedAt };
        checkContact(user, 'create', record, await regionOf(db, fields.municipalityId));
        await saveRecord(db, 'contact', uuidv7(), record, now);
        created++;
      }
    }
    return { created, merged };
  });
}

/** Deactivating keeps the person in the history; they no longer show among the municipality's active contacts. */
export async function setContactActive(db: UserDb, id: string, active: boolean, user: PolicyUser): Promise<LocalRecord<'contact'>> {
  return db.transaction('rw', db.contact, db.outbox, async () => {
    if (await db.contact.get(id)) checkContact(user, 'update', { active });
    return saveRecord(db, 'contact', id, { active });
  });
}

export async function deleteContact(db: UserDb, id: string, user: PolicyUser): Promise<void> {
  await db.transaction('rw', db.contact, db.outbox, async () => {
    if (!(await db.contact.get(id))) return;
    checkContact(user, 'delete', {});
    await deleteRecord(db, 'contact', id);
  });
}
