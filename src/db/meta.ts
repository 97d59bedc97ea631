// The device's small values in the `meta` table, each key declared here once with the schema of its
// value. Values are checked when read: one written by an older version of the app, or damaged, reads
// as absent instead of breaking what reads it.
import { z } from 'zod/mini';
import { colleagueSchema } from '../shared/auth.ts';
import { observationKinds } from '../shared/records.ts';
import type { MetaRow, UserDb } from './database.ts';

/** Keys with one value each; the key is the property's name. */
export const metaKeys = {
  /** This device's sync identity for the user (SYNC.md, "Identities"), made once. */
  clientId: z.string().check(z.minLength(1)),
  /** When the last complete sync pass ended (ISO), shown in the status bar across reloads. */
  lastSyncAt: z.iso.datetime(),
  /** The pull position, written only with the page it follows. */
  cursor: z.string(),
  /**
   * Present while a pull from the beginning after a 410 is under way: the local records (`entity/id`)
   * it has not yet seen, kept in the database so a reset cut short still drops them once it completes.
   */
  resetUnseen: z.array(z.string()),
  /** The colleagues the server named (`GET /api/users`), so names show offline. */
  directory: z.array(colleagueSchema),
  /** Set after a fresh sign-in, until the user imports a file of unsent changes or declines. */
  importOffer: z.boolean(),
};

export type MetaKey = keyof typeof metaKeys;
type MetaValue<K extends MetaKey> = z.infer<(typeof metaKeys)[K]>;

/** The dialog's fields as typed: '' for "no item" and "no due date", so a draft holds exactly the form. */
const observationDraftFields = z.object({ kind: z.enum(observationKinds), text: z.string(), itemId: z.string() });
const followUpDraftFields = z.object({ text: z.string(), dueDate: z.string(), legalShortcoming: z.boolean() });
const draftCommon = {
  visitId: z.string(),
  /** The record being edited; null for a new one. */
  recordId: z.nullable(z.string()),
  savedAt: z.string(),
};
export const draftSchema = z.union([
  z.object({ type: z.literal('observation'), ...draftCommon, fields: observationDraftFields }),
  z.object({ type: z.literal('followUp'), ...draftCommon, fields: followUpDraftFields }),
]);

/** Families of keys sharing a prefix, one value per member. */
export const metaFamilies = {
  /** A half-written observation or follow-up: `draft:<type>:<visitId>[:<recordId>]` (see drafts.ts). */
  draft: { prefix: 'draft:', schema: draftSchema },
  /** A file of unsent changes imported here, `imported:<clientId>:<exportedAt>`, so it is not queued twice; the value is when. */
  imported: { prefix: 'imported:', schema: z.iso.datetime() },
  /** The columns a contact spreadsheet's fields were taken from, `contactImport:<its header>`, offered again for the same header. */
  contactImport: { prefix: 'contactImport:', schema: z.record(z.string(), z.int().check(z.nonnegative())) },
};

type MetaFamily = keyof typeof metaFamilies;
type MetaFamilyValue<F extends MetaFamily> = z.infer<(typeof metaFamilies)[F]['schema']>;

/** The stored value of a key, or undefined when there is none or it does not fit the key's schema. */
export async function readMeta<K extends MetaKey>(db: UserDb, key: K): Promise<MetaValue<K> | undefined> {
  return parseMeta(key, (await db.meta.get(key))?.value);
}

/** A value read some other way (a row of a range read), checked against its key's schema. */
function parseMeta<K extends MetaKey>(key: K, value: unknown): MetaValue<K> | undefined {
  if (value === undefined) return undefined;
  const parsed = metaKeys[key].safeParse(value);
  return parsed.success ? (parsed.data as MetaValue<K>) : undefined;
}

export async function writeMeta<K extends MetaKey>(db: UserDb, key: K, value: MetaValue<K>): Promise<void> {
  await db.meta.put({ key, value });
}

export async function deleteMeta(db: UserDb, key: MetaKey): Promise<void> {
  await db.meta.delete(key);
}

/** The key of one member of a family. */
export function familyKey(family: MetaFamily, rest: string): string {
  return `${metaFamilies[family].prefix}${rest}`;
}

/** A family member's row, for writes that go around Dexie (a draft saved as the page unloads). */
export function familyRow<F extends MetaFamily>(family: F, rest: string, value: MetaFamilyValue<F>): MetaRow {
  return { key: familyKey(family, rest), value };
}

/** A family member's value checked against the family's schema; null when it does not fit. */
export function parseFamilyValue<F extends MetaFamily>(family: F, value: unknown): MetaFamilyValue<F> | null {
  const parsed = metaFamilies[family].schema.safeParse(value);
  return parsed.success ? (parsed.data as MetaFamilyValue<F>) : null;
}

export async function readFamilyMember<F extends MetaFamily>(db: UserDb, family: F, rest: string): Promise<MetaFamilyValue<F> | null> {
  const row = await db.meta.get(familyKey(family, rest));
  return row === undefined ? null : parseFamilyValue(family, row.value);
}

export async function writeFamilyMember<F extends MetaFamily>(db: UserDb, family: F, rest: string, value: MetaFamilyValue<F>): Promise<void> {
  await db.meta.put(familyRow(family, rest, value));
}

export async function deleteFamilyMember(db: UserDb, family: MetaFamily, rest: string): Promise<void> {
  await db.meta.delete(familyKey(family, rest));
}
