// The schemas of what session.ts keeps, loaded with the first write (or sign-in record read): the app
// opens from the stored session before anything else loads, so session.ts itself imports no zod.
import { z } from 'zod/mini';
import { loginResponseSchema } from '../shared/auth.ts';

/** What the login answered is what we keep: `{token, user, expiresAt}`. */
export const sessionSchema = loginResponseSchema;

/** When the user last signed in on this device, and what the browser answered to `storage.persist()`. */
export const signInRecordSchema = z.object({
  at: z.iso.datetime(),
  /** null when the browser has no `storage.persist()`. */
  persistGranted: z.nullable(z.boolean()),
});
export type SignInRecord = z.infer<typeof signInRecordSchema>;
