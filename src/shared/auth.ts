// Sign-in messages and the signed-in user as the API describes them.
import { z } from 'zod/mini';
import { regionIdSchema } from './reference.ts';
import { roleSchema } from './workflow.ts';

export const usernameSchema = z
  .string()
  .check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9._-]{2,64}$/, 'a username of 2–64 letters a–z, digits, dots, dashes or underscores'));

export const loginRequestSchema = z.object({
  username: usernameSchema,
  password: z.string().check(z.minLength(1, 'a password'), z.maxLength(1000)),
});

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: roleSchema,
  regionIds: z.array(regionIdSchema),
});
export type User = z.infer<typeof userSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  user: userSchema,
  /** Sessions slide: each use moves the expiry 30 days on. */
  expiresAt: z.iso.datetime(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z.object({ user: userSchema });

/** A colleague as the directory shows them: enough to name the inspector of a visit. */
export const colleagueSchema = z.object({ id: z.string(), name: z.string(), role: roleSchema, regionIds: z.array(regionIdSchema) });
export type Colleague = z.infer<typeof colleagueSchema>;
/** `GET /api/users`: the active users who share a region with the caller (an admin: everyone). */
export const directoryResponseSchema = z.object({ users: z.array(colleagueSchema) });

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  schemaVersion: z.int(),
});

export const SESSION_DAYS = 30;
