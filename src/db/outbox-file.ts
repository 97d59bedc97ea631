// Unsent changes to and from a file: exported before signing out with changes the server has not taken
// yet, and imported after signing in again (here or on another device) to queue them once more. The
// files that unsent attachments name travel in the same file, so a photo is never lost on the way.
import { z } from 'zod/mini';
import { entityFieldSchemas, entityNames } from '../shared/entities.ts';
import { deleteMutationSchema, mutationErrorSchema, upsertMutationSchema } from '../shared/protocol.ts';
import { sha256Schema } from '../shared/records.ts';
import { CLIENT_ID_KEY } from './client-id.ts';
import { filesOf, putOwnBlob, sha256Hex } from './blobs.ts';
import { recordTable, withTemplateIds, type BlobRow, type OutboxRow, type UserDb } from './database.ts';
import { deleteMeta, readFamilyMember, readMeta, writeFamilyMember, writeMeta } from './meta.ts';

const UNSENT_FORMAT = 'tillsyn-unsent';
const UNSENT_VERSION = 1;

const queued = { queuedAt: z.iso.datetime() };
const fileOutboxRowSchema = z.discriminatedUnion('op', [z.extend(upsertMutationSchema, queued), z.extend(deleteMutationSchema, queued)]);
const rejected = {
  ...queued,
  error: mutationErrorSchema,
  rejectedAt: z.iso.datetime(),
  serverRecord: z.nullish(z.record(z.string(), z.unknown())),
};
const fileRejectionSchema = z.discriminatedUnion('op', [z.extend(upsertMutationSchema, rejected), z.extend(deleteMutationSchema, rejected)]);

/** An attachment's file, its bytes in base64 (added within version 1: an app before attachments ignores it). */
const fileBlobSchema = z.object({
  sha256: sha256Schema,
  mediaType: z.string().check(z.maxLength(100)),
  base64: z.string(),
});

const unsentFileSchema = z.object({
  format: z.literal(UNSENT_FORMAT),
  version: z.literal(UNSENT_VERSION),
  userId: z.string().check(z.minLength(1)),
  /** The device's client id, null if it had none yet; with the seqs it tells a file from this very device. */
  clientId: z.nullable(z.string()),
  exportedAt: z.iso.datetime(),
  outbox: z.array(fileOutboxRowSchema),
  rejections: z.array(fileRejectionSchema),
  files: z.optional(z.array(fileBlobSchema)),
});
type UnsentFile = z.infer<typeof unsentFileSchema>;

export type UnsentExport = {
  /** The JSON document, ready to save. */
  text: string;
  filename: string;
  /** How many changes it holds, and which (their seqs), so sign-out can tell if something came after. */
  count: number;
  seqs: number[];
};

async function clientIdOf(db: UserDb): Promise<string | null> {
  return (await readMeta(db, CLIENT_ID_KEY)) ?? null;
}

function stamp(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
}

/** Every unsent change (outbox and rejections), read in one transaction so none is missed or doubled. */
export async function exportUnsent(db: UserDb, userId: string, now: Date = new Date()): Promise<UnsentExport> {
  const { blobs, ...file } = await db.transaction('r', [db.outbox, db.rejections, db.meta, db.blobs], async () => {
    const outbox = (await db.outbox.orderBy('seq').toArray()).map(({ inFlight: _, ...row }) => row);
    const rejections = await db.rejections.orderBy('seq').toArray();
    return {
      format: UNSENT_FORMAT,
      version: UNSENT_VERSION,
      userId,
      clientId: await clientIdOf(db),
      exportedAt: now.toISOString(),
      outbox,
      rejections,
      blobs: (await db.blobs.bulkGet([...new Set([...outbox, ...rejections].flatMap(filesOf))])).filter((b): b is BlobRow => b !== undefined),
    };
  });
  // The bytes are read once the transaction is over: IndexedDB closes one that waits for anything else.
  const files = await Promise.all(blobs.map(async (b) => ({ sha256: b.sha256, mediaType: b.mediaType, base64: toBase64(new Uint8Array(await b.data.arrayBuffer())) })));
  // Parsed on the way out too: a file this app cannot read back must never be offered as a backup.
  const checked = unsentFileSchema.parse(files.length > 0 ? { ...file, files } : file);
  const seqs = [...checked.outbox.map((r) => r.seq), ...checked.rejections.map((r) => r.seq)];
  return {
    text: JSON.stringify(checked, null, 2),
    filename: `tillsyn-unsent-${stamp(now)}.json`,
    count: seqs.length,
    seqs,
  };
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The file's attachments' files, each checked against its hash before anything is stored. */
async function filesIn(file: UnsentFile): Promise<{ sha256: string; mediaType: string; data: Blob }[]> {
  return Promise.all(
    (file.files ?? []).map(async (f) => {
      let data: Blob;
      try {
        data = new Blob([fromBase64(f.base64)], { type: f.mediaType });
      } catch {
        throw new UnsentFileError('damaged', `The attached file ${f.sha256} is not base64`);
      }
      if ((await sha256Hex(data)) !== f.sha256) throw new UnsentFileError('damaged', `The attached file ${f.sha256} does not match its hash`);
      return { sha256: f.sha256, mediaType: f.mediaType, data };
    }),
  );
}

/** Why a file could not be imported; nothing was changed. */
export type UnsentFileProblem = 'notJson' | 'notUnsentFile' | 'newerVersion' | 'damaged' | 'wrongUser' | 'alreadyImported' | 'empty';

export class UnsentFileError extends Error {
  override readonly name = 'UnsentFileError';
  readonly problem: UnsentFileProblem;
  constructor(problem: UnsentFileProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

/** Reads and checks a file's text; throws UnsentFileError saying what is wrong with it. */
function parseUnsentFile(text: string): UnsentFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UnsentFileError('notJson', 'The file is not JSON');
  }
  const head = z.object({ format: z.string(), version: z.unknown() }).safeParse(json);
  if (!head.success || head.data.format !== UNSENT_FORMAT) throw new UnsentFileError('notUnsentFile', 'Not a file of unsent Tillsyn changes');
  if (typeof head.data.version === 'number' && head.data.version > UNSENT_VERSION) {
    throw new UnsentFileError('newerVersion', `Format version ${head.data.version} is newer than this app reads`);
  }
  const parsed = unsentFileSchema.safeParse(json);
  if (!parsed.success) throw new UnsentFileError('damaged', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

/** The file's name in the `imported` family (meta.ts): its device and when it was exported. */
const importedName = (file: UnsentFile) => `${file.clientId ?? '-'}:${file.exportedAt}`;

/**
 * Queues a file's changes again as new outbox rows (fresh seqs, their original times), in the order they
 * were made, and shows them on this device at once where the record's schema allows. Only the user who
 * exported the file may import it; the same file twice, or changes this device still holds, are not
 * queued again. All or nothing, in one transaction.
 */
export async function importUnsent(db: UserDb, userId: string, text: string): Promise<{ queued: number }> {
  const file = parseUnsentFile(text);
  if (file.userId !== userId) throw new UnsentFileError('wrongUser', 'The file belongs to another user');
  const files = await filesIn(file);
  const tables = [db.outbox, db.rejections, db.meta, db.blobs, ...entityNames.map((e) => db[e])];
  return db.transaction('rw', tables, async () => {
    if ((await readFamilyMember(db, 'imported', importedName(file))) !== null) throw new UnsentFileError('alreadyImported', 'This file was imported before');
    const sameDevice = file.clientId !== null && file.clientId === (await clientIdOf(db));
    const here = new Set(sameDevice ? [...(await db.outbox.toCollection().primaryKeys()), ...(await db.rejections.toCollection().primaryKeys())] : []);
    const changes = [...file.outbox, ...file.rejections].filter((r) => !here.has(r.seq)).sort((a, b) => a.seq - b.seq);
    if (changes.length === 0) throw new UnsentFileError('empty', 'The file holds no changes that are not already here');
    for (const change of changes) {
      const row: OutboxRow =
        change.op === 'upsert'
          ? {
              entity: change.entity,
              id: change.id,
              op: 'upsert',
              baseVersion: change.baseVersion,
              // A file saved by the app before protocol version 2 names a visit's one template.
              fields: change.entity === 'visit' ? withTemplateIds(change.fields) : change.fields,
              queuedAt: change.queuedAt,
            }
          : { entity: change.entity, id: change.id, op: 'delete', baseVersion: change.baseVersion, queuedAt: change.queuedAt };
      await db.outbox.add(row);
      await applyLocally(db, row);
    }
    for (const f of files) await putOwnBlob(db, f.sha256, f.data, f.mediaType, new Date());
    await writeFamilyMember(db, 'imported', importedName(file), new Date().toISOString());
    await deleteMeta(db, 'importOffer'); // used: the offer after sign-in has done its job
    return { queued: changes.length };
  });
}

/** Shows an imported change on this device as a user's edit would; one the schema refuses waits for the server's word. */
async function applyLocally(db: UserDb, row: OutboxRow): Promise<void> {
  const table = recordTable(db, row.entity);
  if (row.op === 'delete') {
    await table.delete(row.id);
    return;
  }
  const local = await table.get(row.id);
  if (!local && row.baseVersion !== null) return; // an edit of a record this device has not pulled yet
  const merged = { ...(local ?? {}), ...row.fields };
  const { id: _id, version: _v, deleted: _d, updatedAt: _u, updatedBy: _b, ...fields } = merged as Record<string, unknown>;
  if (!entityFieldSchemas[row.entity].safeParse(fields).success) return;
  await table.put({ ...merged, id: row.id });
}

/** After a fresh sign-in, the app offers once to import a file of unsent changes, until used or declined. */
export async function offerImport(db: UserDb): Promise<void> {
  await writeMeta(db, 'importOffer', true);
}

export async function importOffered(db: UserDb): Promise<boolean> {
  return (await readMeta(db, 'importOffer')) === true;
}

export async function dismissImportOffer(db: UserDb): Promise<void> {
  await deleteMeta(db, 'importOffer');
}
