// One IndexedDB database per signed-in user, so a shared tablet never shows one user another's data.
import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import type { EntityFields, EntityName, ServerStamps } from '../shared/entities.ts';
import type { Mutation, MutationError, Conflict } from '../shared/protocol.ts';

/** A record as the device keeps it: its fields, and the server's stamps once the server has seen it. */
export type LocalRecord<E extends EntityName> = EntityFields[E] & { id: string } & Partial<Omit<ServerStamps, 'id'>>;

/** Omit over each member of a union, so an upsert keeps its `fields`. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A change waiting to be pushed; `seq` only grows (SYNC.md). */
export type OutboxRow = DistributiveOmit<Mutation, 'seq'> & {
  seq?: number;
  queuedAt: string;
  /**
   * Set on the last row of each push batch as it leaves. Batches always start at the oldest row, so
   * every row at or before a flagged one has been sent (see `isSent`): one small write per batch
   * instead of one per row. A sent row never takes more edits, flagged or not, until an answer removes
   * it: a request that got no answer may still have been applied, and a row that joined an edit after
   * that would be answered `duplicate` on resending and the joined edit lost. Such rows are simply sent
   * again first on the next pass.
   */
  inFlight?: boolean;
  /** The row creates the record (the device had no copy of it): until it is sent, deleting the record needs no delete on the server. */
  create?: boolean;
  /** Times an attachment was sent again after `MISSING_BLOB` (its file uploaded anew); past a few it is an ordinary rejection. */
  fileRetries?: number;
};
/** An outbox row the server rejected, kept whole so the user can fix and resend it. */
export type RejectionRow = Mutation & {
  queuedAt: string;
  error: MutationError;
  rejectedAt: string;
  /** The server's current record, when it sent one. */
  serverRecord?: Record<string, unknown> | null;
};
/** A field the server kept its own value for, with the value this device had sent. */
export type ConflictRow = Conflict & { n?: number; seq: number; entity: EntityName; id: string; at: string };
export type MetaRow = { key: string; value: unknown };

/**
 * An attachment's file on the device, by the SHA-256 of its bytes. `upload`: made here and not yet
 * on the server (never removed before it is); `stored`: the server has it (made here, or fetched);
 * `refused`: the server will not take it (too large, a type it does not take), with its reason.
 */
export type BlobRow = {
  sha256: string;
  data: Blob;
  mediaType: string;
  bytes: number;
  state: 'upload' | 'stored' | 'refused';
  /** Made on this device (kept until its attachments are gone), rather than fetched for viewing. */
  own: boolean;
  /** Fetched for offline use ("keep offline"): not removed when downloaded copies are cleared. */
  kept?: boolean;
  refusal?: string;
  addedAt: string;
};

export type UserDb = Dexie & {
  region: EntityTable<LocalRecord<'region'>, 'id'>;
  municipality: EntityTable<LocalRecord<'municipality'>, 'id'>;
  template: EntityTable<LocalRecord<'template'>, 'id'>;
  agency: EntityTable<LocalRecord<'agency'>, 'id'>;
  contact: EntityTable<LocalRecord<'contact'>, 'id'>;
  visit: EntityTable<LocalRecord<'visit'>, 'id'>;
  answer: EntityTable<LocalRecord<'answer'>, 'id'>;
  observation: EntityTable<LocalRecord<'observation'>, 'id'>;
  followUp: EntityTable<LocalRecord<'followUp'>, 'id'>;
  meeting: EntityTable<LocalRecord<'meeting'>, 'id'>;
  guidance: EntityTable<LocalRecord<'guidance'>, 'id'>;
  plan: EntityTable<LocalRecord<'plan'>, 'id'>;
  assessment: EntityTable<LocalRecord<'assessment'>, 'id'>;
  interview: EntityTable<LocalRecord<'interview'>, 'id'>;
  readinessScore: EntityTable<LocalRecord<'readinessScore'>, 'id'>;
  attachment: EntityTable<LocalRecord<'attachment'>, 'id'>;
  /** Attachments' files by SHA-256: those made here until uploaded, and copies fetched or kept for offline use. */
  blobs: EntityTable<BlobRow, 'sha256'>;
  // Inserts are whole rows (seq optional), so the upsert/delete union survives Dexie's insert type.
  outbox: EntityTable<OutboxRow, 'seq', OutboxRow>;
  rejections: EntityTable<RejectionRow, 'seq'>;
  conflicts: EntityTable<ConflictRow, 'n'>;
  meta: EntityTable<MetaRow, 'key'>;
};

/**
 * The seq of the last outbox row sent to the server, 0 when none waits for an answer. Every row at
 * or before it has been sent; reads the unsent rows at the end of the outbox, so keep it off hot paths.
 */
export async function lastSentSeq(db: UserDb): Promise<number> {
  const last = await db.outbox.orderBy('seq').reverse().filter((r) => r.inFlight === true).first();
  return last?.seq ?? 0;
}

/** Whether an outbox row has left in a push (and may have been applied), given `lastSentSeq`. */
export function isSent(row: { seq?: number | undefined }, lastSent: number): boolean {
  return row.seq !== undefined && row.seq <= lastSent;
}

/** A record of any entity, as code that treats every entity alike (sync) sees it. */
export type AnyLocalRecord = Record<string, unknown> & { id: string; version?: number; deleted?: boolean };

/** One entity's table with its record type erased, for code that handles every entity alike. */
export function recordTable(db: UserDb, entity: EntityName): Table<AnyLocalRecord, string> {
  return db[entity] as unknown as Table<AnyLocalRecord, string>;
}

const DB_PREFIX = 'tillsyn-';

export function userDbName(userId: string): string {
  if (userId === '') throw new Error('A user id is needed to name the local database');
  return `${DB_PREFIX}${userId}`;
}

/** Indexes are what later features query by; adding one later means a new version, not an edit here. */
export const schemaV1 = {
  region: 'id',
  municipality: 'id, regionId',
  template: 'id, key',
  contact: 'id, municipalityId',
  visit: 'id, municipalityId, status, plannedDate',
  answer: 'id, visitId',
  observation: 'id, visitId',
  followUp: 'id, visitId, municipalityId, status',
  outbox: '++seq, entity, id',
  rejections: 'seq, entity, id',
  conflicts: '++n, entity, id',
  meta: 'key',
} as const;

/** v2: the outbox by `queuedAt`, so the status bar finds the oldest waiting change without reading them all. */
export const schemaV2 = { ...schemaV1, outbox: '++seq, entity, id, queuedAt' } as const;

/** v3: the agency's settings; its upgrade carries the data to protocol version 2 (see upgradeToV3). */
const schemaV3 = { ...schemaV2, agency: 'id' } as const;

/** v4, protocol version 3: the network's meetings by region and date, guidance by municipality and date, plans by municipality. */
const schemaV4 = { ...schemaV3, meeting: 'id, regionId, date', guidance: 'id, municipalityId, date', plan: 'id, municipalityId' } as const;

/** v5, protocol version 4: readiness assessments by municipality, their interviews and score sheets by assessment. */
const schemaV5 = { ...schemaV4, assessment: 'id, municipalityId', interview: 'id, assessmentId', readinessScore: 'id, assessmentId' } as const;

/** v6, protocol version 5: attachments by visit and by file, and the files themselves by SHA-256 and upload state. */
const schemaV6 = { ...schemaV5, attachment: 'id, visitId, sha256', blobs: 'sha256, state' } as const;

/** A visit's fields as protocol version 2 has them: `templateId` (version 1's one template) becomes `templateIds`. */
export function withTemplateIds(fields: Record<string, unknown>): Record<string, unknown> {
  if (!Object.hasOwn(fields, 'templateId')) return fields;
  const { templateId, ...rest } = fields;
  return { ...rest, templateIds: [templateId] };
}

/**
 * Protocol version 2 (SYNC.md): a visit's `templateId` becomes `templateIds: [templateId]` in the
 * stored visits, in queued changes, in rejected ones and in the server's copies they carry, so that
 * nothing queued before the update is lost or sent in the old form.
 */
async function upgradeToV3(tx: Transaction): Promise<void> {
  await tx.table('visit').toCollection().modify((visit: Record<string, unknown>) => {
    if (!Object.hasOwn(visit, 'templateId')) return;
    visit['templateIds'] = [visit['templateId']];
    delete visit['templateId'];
  });
  await tx.table('outbox').where('entity').equals('visit').modify((row: OutboxRow) => {
    if (row.op === 'upsert') row.fields = withTemplateIds(row.fields);
  });
  await tx.table('rejections').where('entity').equals('visit').modify((row: RejectionRow) => {
    if (row.op === 'upsert') row.fields = withTemplateIds(row.fields);
    if (row.serverRecord) row.serverRecord = withTemplateIds(row.serverRecord);
  });
}

/** Declares every version of the device's database on a Dexie instance. */
export function declareVersions(db: Dexie): void {
  db.version(1).stores(schemaV1);
  db.version(2).stores(schemaV2);
  db.version(3).stores(schemaV3).upgrade(upgradeToV3);
  db.version(4).stores(schemaV4);
  db.version(5).stores(schemaV5);
  db.version(6).stores(schemaV6);
}

const open = new Map<string, UserDb>();

/** The user's database; the same instance for the same user while it stays open. */
export function openUserDb(userId: string): UserDb {
  const existing = open.get(userId);
  if (existing) return existing;
  const db = new Dexie(userDbName(userId)) as UserDb;
  declareVersions(db);
  open.set(userId, db);
  return db;
}

/** Closes and deletes the user's database: sign-out wipes what the device kept for them. */
export async function deleteUserDb(userId: string): Promise<void> {
  const db = open.get(userId);
  open.delete(userId);
  if (db) db.close();
  await Dexie.delete(userDbName(userId));
}

/** Names of the user databases on this device (where the browser can list them). */
export async function listUserDbNames(): Promise<string[]> {
  const names = await Dexie.getDatabaseNames();
  return names.filter((n) => n.startsWith(DB_PREFIX));
}
