// A file the user chose, made ready to attach: a photo shrunk on the device with its small copy (any
// image the browser reads becomes a JPEG), a PDF kept as it is; anything else is refused with why.
import { BLOB_MAX_BYTES_DEFAULT, type AttachmentType } from '../../../shared/vocabulary.ts';
import { shrinkImage } from './shrink-image.ts';

type PreparedFile = { file: Blob; mediaType: AttachmentType; thumb: Blob | null; fileName: string | null };

/** Why a file cannot be attached: not a photo or PDF, too large, or an image the browser cannot read. */
export class AttachError extends Error {
  override readonly name = 'AttachError';
  readonly reason: 'type' | 'size' | 'decode';
  constructor(reason: 'type' | 'size' | 'decode', message: string) {
    super(message);
    this.reason = reason;
  }
}

/** The first bytes of a PDF: the type is told by the content, as the server tells it, not by the name. */
async function isPdf(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
  return String.fromCharCode(...head) === '%PDF-';
}

export async function prepareFile(file: File, keepLocation: boolean): Promise<PreparedFile> {
  const fileName = file.name || null;
  if (await isPdf(file)) {
    if (file.size > BLOB_MAX_BYTES_DEFAULT) throw new AttachError('size', `${file.name} is ${file.size} bytes`);
    return { file, mediaType: 'application/pdf', thumb: null, fileName };
  }
  if (!file.type.startsWith('image/') && file.type !== '') throw new AttachError('type', `${file.name} is ${file.type}`);
  try {
    const shrunk = await shrinkImage(file, { keepLocation });
    return { file: shrunk.blob, mediaType: 'image/jpeg', thumb: shrunk.thumb, fileName };
  } catch (cause) {
    // An unnamed type that is no image either (a text file without an extension) is the wrong type, not a broken photo.
    throw new AttachError(file.type === '' ? 'type' : 'decode', cause instanceof Error ? cause.message : String(cause));
  }
}

const KEEP_LOCATION_KEY = 'tillsyn.keepPhotoLocation';

/** Whether photos keep the place they were taken: a choice of this device's user, off unless chosen (Settings). */
export function keepsPhotoLocation(): boolean {
  try {
    return localStorage.getItem(KEEP_LOCATION_KEY) === 'yes';
  } catch {
    return false;
  }
}

export function setKeepsPhotoLocation(keep: boolean): void {
  try {
    if (keep) localStorage.setItem(KEEP_LOCATION_KEY, 'yes');
    else localStorage.removeItem(KEEP_LOCATION_KEY);
  } catch {
    // Storage refused (a private window): the default, no location, holds.
  }
}
