// The municipalities' contact persons: created with an id made on this device, edited, deactivated, deleted.
// Each write is checked against the shared policy first (guard.ts); `user` is the signed-in user.
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
): Promise<LocalRecord<'contact'>> {
  const fields = toFields(input);
  return db.transaction('rw', [db.municipality, db.contact, db.outbox], async () => {
    const existing = id ? await db.contact.get(id) : undefined;
    if (!existing) {
      const created = { municipalityId, ...fields };
      checkContact(user, 'create', created, await regionOf(db, municipalityId));
      return saveRecord(db, 'contact', id ?? uuidv7(), created);
    }
    const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => !same(v, existing[k as keyof typeof existing])));
    // Nothing changed: an empty edit would only queue an empty mutation.
    if (Object.keys(changed).length === 0) return existing;
    checkContact(user, 'update', changed);
    return saveRecord(db, 'contact', existing.id, changed);
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
