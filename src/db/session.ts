// The session and small preferences, kept in idb-keyval so the app opens signed in with no network.
// The app opens from the stored session and language before anything else loads, so this module reads
// them without zod, checking the shape the app relies on; what it writes goes through the shared
// schemas (session-schemas.ts, loaded on the first write).
import { del, get, set } from 'idb-keyval';
import type { LoginResponse } from '../shared/auth.ts';
import { isOneOf, languages, roles, type Language } from '../shared/vocabulary.ts';
import type { SignInRecord } from './session-schemas.ts';

export type { SignInRecord } from './session-schemas.ts';

/** What the login answered is what we keep: `{token, user, expiresAt}`. */
export type Session = LoginResponse;

const SESSION_KEY = 'session';
const LANG_KEY = 'lang';
const langKey = (userId: string) => `lang:${userId}`;
const signInKey = (userId: string) => `signin:${userId}`;

const schemas = () => import('./session-schemas.ts');

export async function saveSession(session: Session): Promise<void> {
  const { sessionSchema } = await schemas();
  await set(SESSION_KEY, sessionSchema.parse(session));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string';
/** An ISO date-time in UTC, as `z.iso.datetime()` takes it. */
const isIsoDateTime = (value: unknown): value is string =>
  isString(value) && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/.test(value) && !Number.isNaN(Date.parse(value));

/** A stored session as saveSession wrote it: the fields and types the app uses. */
function isSession(value: unknown): value is Session {
  if (!isRecord(value) || !isString(value.token) || !isIsoDateTime(value.expiresAt) || !isRecord(value.user)) return false;
  const { id, username, name, role, regionIds } = value.user;
  return isString(id) && isString(username) && isString(name) && isOneOf(roles, role) && Array.isArray(regionIds) && regionIds.every(isString);
}

/** The stored session, or null when there is none or it cannot be read (then it counts as signed out). */
export async function loadSession(): Promise<Session | null> {
  let stored: unknown;
  try {
    stored = await get(SESSION_KEY);
  } catch {
    return null;
  }
  return isSession(stored) ? stored : null;
}

export async function clearSession(): Promise<void> {
  await del(SESSION_KEY);
}

/** The user's own language when `userId` is given, else the last one used on the sign-in page. */
export async function loadLanguage(userId?: string): Promise<Language | null> {
  try {
    const stored: unknown = await get(userId ? langKey(userId) : LANG_KEY);
    return isOneOf(languages, stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Remembers the language for the sign-in page and, when someone is signed in, for that user. */
export async function saveLanguage(lang: Language, userId?: string): Promise<void> {
  if (!isOneOf(languages, lang)) throw new TypeError(`Not one of the app's languages: ${String(lang)}`);
  await set(LANG_KEY, lang);
  if (userId) await set(langKey(userId), lang);
}

export async function saveSignInRecord(userId: string, record: SignInRecord): Promise<void> {
  const { signInRecordSchema } = await schemas();
  await set(signInKey(userId), signInRecordSchema.parse(record));
}

export async function loadSignInRecord(userId: string): Promise<SignInRecord | null> {
  try {
    const [{ signInRecordSchema }, stored] = await Promise.all([schemas(), get(signInKey(userId))]);
    const parsed = signInRecordSchema.safeParse(stored);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function clearSignInRecord(userId: string): Promise<void> {
  await del(signInKey(userId));
}

// A note on this device, outside the user's database (which sign-out deletes), that a user signed out
// with unsent changes saved to a file. Only then does that user's next fresh sign-in here offer to import
// the file: a device that never held unsent changes offers nothing.
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
