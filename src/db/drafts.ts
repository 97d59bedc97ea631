// Half-written observations and recommendations, kept on this device until saved or discarded. Drafts live
// in the `meta` table and never reach the outbox: a coordinator never sees one word of an unfinished
// observation, and no schema change was needed to keep them.
import type { z } from 'zod/mini';
import type { UserDb } from './database.ts';
import {
  deleteFamilyMember,
  familyKey,
  familyRow,
  metaFamilies,
  parseFamilyValue,
  readFamilyMember,
  writeFamilyMember,
  type draftSchema,
} from './meta.ts';

// The schema (meta.ts) is checked on reading: a draft kept by an older version of the app must not break
// the dialog after an update.
export type Draft = z.infer<typeof draftSchema>;
export type DraftType = Draft['type'];
export type DraftFields<T extends DraftType> = Extract<Draft, { type: T }>['fields'];
export type DraftRef<T extends DraftType = DraftType> = { type: T; visitId: string; recordId: string | null };

const PREFIX = metaFamilies.draft.prefix;

/** `<type>:<visitId>` for a new record, `<type>:<visitId>:<recordId>` for an edit of one. */
function draftName(ref: DraftRef): string {
  return `${ref.type}:${ref.visitId}${ref.recordId ? `:${ref.recordId}` : ''}`;
}

/** `draft:observation:<visitId>` for a new observation, `…:<visitId>:<recordId>` for an edit of one. */
export function draftKey(ref: DraftRef): string {
  return familyKey('draft', draftName(ref));
}

function draftOf<T extends DraftType>(ref: DraftRef<T>, fields: DraftFields<T>, now: Date): Draft {
  // A union member per type: TypeScript cannot pair `type` with its `fields` through the generic.
  return { type: ref.type, visitId: ref.visitId, recordId: ref.recordId, fields, savedAt: now.toISOString() } as Draft;
}

export async function saveDraft<T extends DraftType>(db: UserDb, ref: DraftRef<T>, fields: DraftFields<T>, now: Date = new Date()): Promise<void> {
  await writeFamilyMember(db, 'draft', draftName(ref), draftOf(ref, fields, now));
}

/**
 * Writes (or, with null fields, drops) the draft as the page unloads. Chromium aborts a transaction that
 * is still open once the page is gone, and Dexie commits only after its request has succeeded, a task too
 * late; so this issues one request on the native database and commits it at once. Dexie's live queries
 * do not see this write: only for a page that is going away.
 */
export function saveDraftNow<T extends DraftType>(db: UserDb, ref: DraftRef<T>, fields: DraftFields<T> | null, now: Date = new Date()): Promise<void> {
  let idb: IDBDatabase | null = null;
  try {
    idb = db.isOpen() ? db.backendDB() : null;
  } catch {
    idb = null;
  }
  if (!idb) return fields ? saveDraft(db, ref, fields, now) : discardDraft(db, ref);
  const tx = idb.transaction('meta', 'readwrite');
  const store = tx.objectStore('meta');
  if (fields) store.put(familyRow('draft', draftName(ref), draftOf(ref, fields, now)));
  else store.delete(draftKey(ref));
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('The draft was not written'));
  });
  tx.commit();
  return done;
}

export async function loadDraft<T extends DraftType>(db: UserDb, ref: DraftRef<T>): Promise<Extract<Draft, { type: T }> | null> {
  const draft = await readFamilyMember(db, 'draft', draftName(ref));
  return draft && draft.type === ref.type ? (draft as Extract<Draft, { type: T }>) : null;
}

export async function discardDraft(db: UserDb, ref: DraftRef): Promise<void> {
  await deleteFamilyMember(db, 'draft', draftName(ref));
}

/** The visit's drafts, oldest first. */
export async function listVisitDrafts(db: UserDb, visitId: string): Promise<Draft[]> {
  const rows = await db.meta
    .where('key')
    .startsWithAnyOf([`${PREFIX}observation:${visitId}`, `${PREFIX}followUp:${visitId}`])
    .toArray();
  return rows
    .map((r) => parseFamilyValue('draft', r.value))
    .filter((d): d is Draft => d !== null && d.visitId === visitId)
    .sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

/** Drops every draft of the visit (it was deleted). */
export async function discardVisitDrafts(db: UserDb, visitId: string): Promise<void> {
  await db.meta
    .where('key')
    .startsWithAnyOf([`${PREFIX}observation:${visitId}`, `${PREFIX}followUp:${visitId}`])
    .delete();
}

/**
 * Runs a write of the record (save or delete) and drops its draft in the same transaction: a saved draft
 * is never offered again, and a write that fails keeps the draft.
 */
export async function withDraftDropped<R>(db: UserDb, ref: DraftRef, write: () => Promise<R>): Promise<R> {
  return db.transaction('rw', [db.visit, db.observation, db.followUp, db.outbox, db.meta], async () => {
    const result = await write();
    await deleteFamilyMember(db, 'draft', draftName(ref));
    return result;
  });
}

/** Drafts on this device, of every visit: sign-out deletes them with the database, so it asks first. */
export async function countDrafts(db: UserDb): Promise<number> {
  return db.meta.where('key').startsWith(PREFIX).count();
}
