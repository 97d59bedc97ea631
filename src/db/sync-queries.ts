// Reads for the sync status and the sync page: what waits to be sent, what the server turned down,
// which fields lost a conflict, and, for each, the record it concerns in words a user recognises.
import { filesOf } from './blobs.ts';
import type { EntityName } from '../shared/entities.ts';
import type { Text3 } from '../shared/reference.ts';
import { isSent, type ConflictRow, type OutboxRow, type RejectionRow, type UserDb } from './database.ts';
import { listConflicts } from './conflicts.ts';
import { readMeta, type MetaKey } from './meta.ts';

export const LAST_SYNC_KEY = 'lastSyncAt' satisfies MetaKey;

export type UnsentSummary = {
  /** Rows waiting in the outbox. */
  pending: number;
  /** When the oldest of them was made (ISO), null when none wait. */
  oldestQueuedAt: string | null;
  rejected: number;
  /** Fields that lost a conflict and are not yet taken back or dismissed. */
  conflicts: number;
  /** The last complete sync as stored in the database; null before the first. */
  lastSyncAt: string | null;
};

export async function loadUnsentSummary(db: UserDb): Promise<UnsentSummary> {
  // Imported rows keep the time they were first made, so the oldest is not always the lowest seq.
  const [pending, oldest, rejected, conflicts, last] = await Promise.all([
    db.outbox.count(),
    db.outbox.orderBy('queuedAt').first(),
    db.rejections.count(),
    listConflicts(db),
    readMeta(db, LAST_SYNC_KEY),
  ]);
  return {
    pending,
    oldestQueuedAt: oldest?.queuedAt ?? null,
    rejected,
    conflicts: conflicts.length,
    lastSyncAt: last ?? null,
  };
}

/** Changes that have not reached the server: waiting in the outbox or turned down. */
export async function countUnsent(db: UserDb): Promise<number> {
  const [pending, rejected] = await Promise.all([db.outbox.count(), db.rejections.count()]);
  return pending + rejected;
}

/** The seqs of every unsent change, to tell whether a file exported earlier still holds them all. */
export async function unsentSeqs(db: UserDb): Promise<number[]> {
  const [pending, rejected] = await Promise.all([db.outbox.toCollection().primaryKeys(), db.rejections.toCollection().primaryKeys()]);
  return [...(pending as number[]), ...(rejected as number[])];
}

/** A record as a user would name it: the visit it belongs to, the checklist item, or its own name or text. */
export type RecordRef = {
  entity: EntityName;
  id: string;
  /** Whether the record is on this device now. */
  onDevice: boolean;
  visit: { id: string; municipalityId: string | null; municipalityName: { fi: string; sv: string } | null; plannedDate: string | null } | null;
  item: { id: string; question: Text3 | null } | null;
  /** A contact's name, an observation's or follow-up's text, an attachment's caption or file name; null for visits and answers. */
  text: string | null;
  observationKind: string | null;
  /** A contact's municipality. */
  municipality: { id: string; name: { fi: string; sv: string } | null } | null;
};

type Source = { entity: EntityName; id: string; fields?: Record<string, unknown> | null | undefined };

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Describes records; `fields` (a change's or the server's) stand in for a record no longer on the device. */
export async function describeRecords(db: UserDb, sources: readonly Source[]): Promise<Map<string, RecordRef>> {
  const out = new Map<string, RecordRef>();
  for (const s of sources) {
    const key = `${s.entity}/${s.id}`;
    if (out.has(key)) continue;
    const local = (await db[s.entity].get(s.id)) as Record<string, unknown> | undefined;
    const data: Record<string, unknown> = { ...(s.fields ?? {}), ...(local ?? {}) };
    let visitId: string | null = null;
    let itemId = str(data['itemId']);
    if (s.entity === 'visit') visitId = s.id;
    else if (s.entity === 'answer') {
      // An answer's id is `${visitId}:${itemId}`, so it names both even when the record is gone.
      const [v, i] = s.id.split(':');
      visitId = str(data['visitId']) ?? v ?? null;
      itemId = itemId ?? i ?? null;
    } else if (s.entity !== 'contact') visitId = str(data['visitId']);

    const visit = visitId ? await db.visit.get(visitId) : undefined;
    const visitData: Record<string, unknown> = s.entity === 'visit' ? data : ((visit as Record<string, unknown> | undefined) ?? {});
    const municipalityId = str(s.entity === 'contact' ? data['municipalityId'] : visitData['municipalityId']);
    const municipality = municipalityId ? await db.municipality.get(municipalityId) : undefined;
    const templates = itemId ? await db.template.bulkGet(strings(visitData['templateIds'])) : [];
    const question = templates.flatMap((t) => t?.items ?? []).find((i) => i.id === itemId)?.question ?? null;
    const item = itemId ? { id: itemId, question } : null;
    const text =
      s.entity === 'contact'
        ? str(data['name'])
        : s.entity === 'observation' || s.entity === 'followUp'
          ? str(data['text'])
          : s.entity === 'attachment'
            ? (str(data['caption']) ?? str(data['fileName']))
            : null;
    out.set(key, {
      entity: s.entity,
      id: s.id,
      onDevice: local !== undefined,
      visit: visitId
        ? { id: visitId, municipalityId, municipalityName: municipality?.name ?? null, plannedDate: str(visitData['plannedDate']) }
        : null,
      item: s.entity === 'answer' || s.entity === 'observation' ? item : null,
      text,
      observationKind: s.entity === 'observation' ? str(data['kind']) : null,
      municipality: s.entity === 'contact' && municipalityId ? { id: municipalityId, name: municipality?.name ?? null } : null,
    });
  }
  return out;
}

export type PendingChange = { seq: number; op: 'upsert' | 'delete'; fields: string[]; queuedAt: string; inFlight: boolean; create: boolean };
export type PendingGroup = { ref: RecordRef; changes: PendingChange[]; firstQueuedAt: string };

/** What waits in the outbox, one group per record, the record waiting longest first. */
export async function listPendingGroups(db: UserDb): Promise<PendingGroup[]> {
  const rows = (await db.outbox.orderBy('seq').toArray()) as (OutboxRow & { seq: number })[];
  const lastSent = rows.reduce((last, r) => (r.inFlight ? r.seq : last), 0);
  const refs = await describeRecords(db, rows.map((r) => ({ entity: r.entity, id: r.id, fields: r.op === 'upsert' ? r.fields : null })));
  const groups = new Map<string, PendingGroup>();
  for (const r of rows) {
    const key = `${r.entity}/${r.id}`;
    const change: PendingChange = {
      seq: r.seq,
      op: r.op,
      fields: r.op === 'upsert' ? Object.keys(r.fields) : [],
      queuedAt: r.queuedAt,
      inFlight: isSent(r, lastSent),
      create: r.op === 'upsert' && r.baseVersion === null,
    };
    const group = groups.get(key);
    if (group) {
      group.changes.push(change);
      if (r.queuedAt < group.firstQueuedAt) group.firstQueuedAt = r.queuedAt;
    } else groups.set(key, { ref: refs.get(key)!, changes: [change], firstQueuedAt: r.queuedAt });
  }
  return [...groups.values()].sort((a, b) => (a.firstQueuedAt < b.firstQueuedAt ? -1 : a.firstQueuedAt > b.firstQueuedAt ? 1 : 0));
}

export type RejectionView = {
  row: RejectionRow;
  ref: RecordRef;
  /** For INCOMPLETE: the unanswered required items, with their questions where the template is here. */
  /** `comment`: the item has an answer that needs a comment it lacks. */
  missing: { id: string; question: Text3 | null; comment: boolean }[];
  /** For MISSING_BLOB: why the server would not take the attachment's file, when it refused it. */
  fileRefusal: string | null;
};

function missingIds(details: unknown): string[] {
  if (typeof details !== 'object' || details === null || !('missing' in details)) return [];
  const missing = (details as { missing: unknown }).missing;
  return Array.isArray(missing) ? missing.filter((m): m is string => typeof m === 'string') : [];
}

/** The rejected changes, oldest first, with their records described. */
export async function listRejectionViews(db: UserDb): Promise<RejectionView[]> {
  const rows = await db.rejections.orderBy('seq').toArray();
  const refs = await describeRecords(
    db,
    rows.map((r) => ({ entity: r.entity, id: r.id, fields: { ...(r.serverRecord ?? {}), ...(r.op === 'upsert' ? r.fields : {}) } })),
  );
  const views: RejectionView[] = [];
  for (const row of rows) {
    const ids = row.error.code === 'INCOMPLETE' ? missingIds(row.error.details) : [];
    let questions = new Map<string, Text3>();
    if (ids.length > 0) {
      const visit = row.entity === 'visit' ? await db.visit.get(row.id) : undefined;
      const templates = await db.template.bulkGet(visit?.templateIds ?? strings(row.serverRecord?.['templateIds']));
      questions = new Map(templates.flatMap((t) => t?.items ?? []).map((i) => [i.id, i.question]));
    }
    const refusedFile = row.error.code === 'MISSING_BLOB' ? (await db.blobs.bulkGet(filesOf(row))).find((f) => f?.state === 'refused') : undefined;
    views.push({ row, ref: refs.get(`${row.entity}/${row.id}`)!, fileRefusal: refusedFile?.refusal ?? null, missing: ids.map((entry) => {
        const [id = entry, what] = entry.split(':');
        return { id, question: questions.get(id) ?? null, comment: what === 'comment' };
      }),
    });
  }
  return views;
}

export type ConflictView = { row: ConflictRow & { n: number }; ref: RecordRef };

export async function listConflictViews(db: UserDb): Promise<ConflictView[]> {
  const rows = await listConflicts(db);
  const refs = await describeRecords(db, rows.map((r) => ({ entity: r.entity, id: r.id })));
  return rows.map((row) => ({ row, ref: refs.get(`${row.entity}/${row.id}`)! }));
}
