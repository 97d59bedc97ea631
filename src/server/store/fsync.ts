// Making a write durable: a file's data, or a folder's entries (a rename or an unlink in it), flushed to
// the disk, for the backups and the attachments' files alike.
import { closeSync, fsyncSync, openSync } from 'node:fs';

export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
