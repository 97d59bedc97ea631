// Photos and documents attached to a visit, to one of its observations or to one of its items. The file
// is stored by its SHA-256 in the same transaction as the attachment record and its outbox row, so a
// record never names a file the device lacks; the sync uploads the file before it pushes the record.
import type { PolicyUser } from '../shared/policy.ts';
import type { AttachmentFields } from '../shared/records.ts';
import type { AttachmentType } from '../shared/vocabulary.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { putOwnBlob, sha256Hex } from './blobs.ts';
import { checkWrite, visitFor } from './guard.ts';
import { uuidv7 } from './uuidv7.ts';
import { deleteRecord, saveRecord } from './write.ts';

export type Attachment = LocalRecord<'attachment'>;

/** A file to attach: the shrunk photo (with its small copy) or the document as chosen. */
type NewAttachment = {
  visitId: string;
  observationId?: string | null;
  itemId?: string | null;
  file: Blob;
  mediaType: AttachmentType;
  /** A photo's small copy (JPEG, longest side 320 px). */
  thumb?: Blob | null;
  caption?: string | null;
  fileName?: string | null;
};

/** Attaches a file: the file, its small copy, the record and its outbox row in one transaction, or nothing. */
export async function addAttachment(db: UserDb, input: NewAttachment, user: PolicyUser, now: Date = new Date()): Promise<Attachment> {
  // Hashing reads the whole file: done before the transaction, which IndexedDB would close while waiting.
  const [sha256, thumbSha256] = await Promise.all([sha256Hex(input.file), input.thumb ? sha256Hex(input.thumb) : null]);
  return db.transaction('rw', [db.visit, db.observation, db.attachment, db.outbox, db.blobs], async () => {
    const { state } = await visitFor(db, input.visitId, 'take attachments');
    if (input.observationId) {
      const observation = await db.observation.get(input.observationId);
      if (!observation || observation.visitId !== input.visitId) throw new Error(`No observation ${input.observationId} in this visit`);
    }
    const fields: AttachmentFields = {
      visitId: input.visitId,
      observationId: input.observationId ?? null,
      itemId: input.itemId ?? null,
      sha256,
      thumbSha256,
      mediaType: input.mediaType,
      bytes: input.file.size,
      caption: input.caption?.trim() || null,
      fileName: input.fileName?.trim().slice(0, 255) || null,
    };
    checkWrite(user, { entity: 'attachment', op: 'create', visit: state, fields: Object.keys(fields) }, 'take attachments');
    await putOwnBlob(db, sha256, input.file, input.mediaType, now);
    if (input.thumb && thumbSha256) await putOwnBlob(db, thumbSha256, input.thumb, 'image/jpeg', now);
    return saveRecord(db, 'attachment', uuidv7(), fields, now);
  });
}

/** Changes an attachment's caption (blank clears it). */
export async function setAttachmentCaption(db: UserDb, id: string, caption: string, user: PolicyUser): Promise<void> {
  await db.transaction('rw', db.visit, db.attachment, db.outbox, async () => {
    const attachment = await db.attachment.get(id);
    if (!attachment) return;
    const { state } = await visitFor(db, attachment.visitId, 'change attachments');
    checkWrite(user, { entity: 'attachment', op: 'update', visit: state, fields: ['caption'] }, 'change attachments');
    await saveRecord(db, 'attachment', id, { caption: caption.trim() || null });
  });
}

/** Deletes an attachment (its record goes as a tombstone; the server removes the file once nothing names it). */
export async function deleteAttachment(db: UserDb, id: string, user: PolicyUser): Promise<void> {
  await db.transaction('rw', db.visit, db.attachment, db.outbox, async () => {
    const attachment = await db.attachment.get(id);
    if (!attachment) return;
    const { state } = await visitFor(db, attachment.visitId, 'lose attachments');
    checkWrite(user, { entity: 'attachment', op: 'delete', visit: state }, 'lose attachments');
    await deleteRecord(db, 'attachment', id);
  });
}

export function isImage(a: Pick<Attachment, 'mediaType'>): boolean {
  return a.mediaType.startsWith('image/');
}
