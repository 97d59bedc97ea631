// The session and small preferences, kept in idb-keyval so the app opens signed in with no network.
import { del, get, set } from 'idb-keyval';
import { z } from 'zod/mini';
import { loginResponseSchema } from '../shared/auth.ts';
import { languageSchema, type Language } from '../shared/reference.ts';

/** What the login answered is what we keep: `{token, user, expiresAt}`. */
export const sessionSchema = loginResponseSchema;
export type Session = z.infer<typeof sessionSchema>;

const SESSION_KEY = 'session';
const LANG_KEY = 'lang';
const langKey = (userId: string) => `lang:${userId}`;
const signInKey = (userId: string) => `signin:${userId}`;

export async function saveSession(session: Session): Promise<void> {
  await set(SESSION_KEY, sessionSchema.parse(session));
}

/** The stored session, or null when there is none or it cannot be read (then it counts as signed out). */
export async function loadSession(): Promise<Session | null> {
  let stored: unknown;
  try {
    stored = await get(SESSION_KEY);
  } catch {
    return null;
  }
  if (stored === undefined) return null;
  const parsed = sessionSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export async function clearSession(): Promise<void> {
  await del(SESSION_KEY);
}

/** The user's own language when `userId` is given, else the last one used on the sign-in page. */
export async function loadLanguage(userId?: string): Promise<Language | null> {
  try {
    const parsed = languageSchema.safeParse(await get(userId ? langKey(userId) : LANG_KEY));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Remembers the language for the sign-in page and, when someone is signed in, for that user. */
export async function saveLanguage(lang: Language, userId?: string): Promise<void> {
  await set(LANG_KEY, languageSchema.parse(lang));
  if (userId) await set(langKey(userId), lang);
}

/** When the user last signed in on this device, and what the browser answered to `storage.persist()`. */
export const signInRecordSchema = z.object({
  at: z.iso.datetime(),
  /** null when the browser has no `storage.persist()`. */
  persistGranted: z.nullable(z.boolean()),
});
export type SignInRecord = z.infer<typeof signInRecordSchema>;

export async function saveSignInRecord(userId: string, record: SignInRecord): Promise<void> {
  await set(signInKey(userId), signInRecordSchema.parse(record));
}

export async function loadSignInRecord(userId: string): Promise<SignInRecord | null> {
  try {
    const parsed = signInRecordSchema.safeParse(await get(signInKey(userId)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function clearSignInRecord(userId: string): Promise<void> {
  await del(signInKey(userId));
}
