// A note on this device, outside the user's database (which sign-out deletes), that a user signed out
// with unsent changes saved to a file. Only then does that user's next fresh sign-in here offer to import
// the file: a device that never held unsent changes offers nothing. (Its place is src/db/session.ts,
// beside the other idb-keyval keys, once that module can take it.)
import { del, get, set } from 'idb-keyval';

const noteKey = (userId: string) => `unsentFileSaved:${userId}`;

/** Signing out with unsent changes the user confirmed are in a file. */
export async function noteUnsentFileSaved(userId: string, now: Date = new Date()): Promise<void> {
  await set(noteKey(userId), now.toISOString());
}

/** Whether the user left a file of unsent changes at their last sign-out here; the note goes once read. */
export async function takeUnsentFileNote(userId: string): Promise<boolean> {
  const note: unknown = await get(noteKey(userId));
  if (note === undefined) return false;
  await del(noteKey(userId));
  return true;
}
