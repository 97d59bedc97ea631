// Creating and changing accounts, shared by the command line and the demo accounts; and the user as
// the API shows it.
import { randomUUID } from 'node:crypto';
import { z } from 'zod/mini';
import { usernameSchema, type User } from '../../shared/auth.ts';
import { regionIdSchema } from '../../shared/reference.ts';
import { roles, type Role } from '../../shared/workflow.ts';
import type { Store, UserRecord } from '../store/store.ts';
import { hashPassword, PASSWORD_MAX_LENGTH, passwordProblem } from './password.ts';

const nameSchema = z.string().check(z.trim(), z.minLength(1, 'a name is needed'), z.maxLength(200, 'at most 200 characters'));
const roleSchema = z.enum(roles, { error: `one of ${roles.join(', ')}` });

const newUserSchema = z.object({
  username: usernameSchema,
  name: nameSchema,
  role: roleSchema,
  regionIds: z.array(regionIdSchema),
  password: z.string().check(z.minLength(1, 'a password is needed'), z.maxLength(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`)),
});
type NewUserInput = z.input<typeof newUserSchema>;

const userChangesSchema = z.object({
  name: z.optional(nameSchema),
  role: z.optional(roleSchema),
  regionIds: z.optional(z.array(regionIdSchema)),
});
type UserChanges = z.input<typeof userChangesSchema>;

export function publicUser(u: UserRecord): User {
  return { id: u.id, username: u.username, name: u.name, role: u.role, regionIds: u.regionIds };
}

export class UserInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserInputError';
  }
}

function parseOrThrow<T>(schema: z.ZodMiniType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new UserInputError(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
  }
  return parsed.data;
}

/** Throws UserInputError naming what is wrong with the password and the rule it must meet. */
function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new UserInputError(problem);
}

/** The regions, without repeats; throws UserInputError for a region that does not exist or a missing one. */
async function checkRegions(store: Store, role: Role, regionIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(regionIds)];
  if (role !== 'admin' && unique.length === 0) throw new UserInputError(`regions: an ${role} needs at least one region`);
  const known = new Set((await store.listRecords('region')).map((r) => r.id));
  const unknown = unique.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UserInputError(`regions: no region ${unknown.map((r) => `"${r}"`).join(', ')}; known regions: ${[...known].join(', ')}`);
  }
  return unique;
}

/**
 * Validates and stores a new user. Throws UserInputError for bad input (with a message that says what),
 * UsernameTakenError when the name is in use. Regions must exist in the seeded reference data.
 * `skipPasswordRule`: for the demo accounts only, whose password the operator chose for a trial.
 */
export async function addUser(store: Store, input: NewUserInput, opts: { now?: Date; skipPasswordRule?: boolean } = {}): Promise<UserRecord> {
  const { username, name, role, password, regionIds } = parseOrThrow(newUserSchema, input);
  if (!opts.skipPasswordRule) checkPassword(password);
  const user: UserRecord = {
    id: randomUUID(),
    username,
    name,
    role,
    regionIds: await checkRegions(store, role, regionIds),
    passwordHash: await hashPassword(password),
    disabled: false,
    createdAt: (opts.now ?? new Date()).toISOString(),
  };
  await store.createUser(user);
  return user;
}

/** Sets a new password (under the rule) and ends every session of the user; answers how many ended. */
export async function resetPassword(store: Store, user: UserRecord, password: string): Promise<number> {
  checkPassword(password);
  return store.setUserPassword(user.id, await hashPassword(password));
}

/**
 * Changes a user's name, role or regions; what is left out stays. The result is checked as a whole:
 * making an admin without regions an inspector needs regions too. Answers the user as stored.
 */
export async function updateUser(store: Store, user: UserRecord, input: UserChanges): Promise<UserRecord> {
  const changes = parseOrThrow(userChangesSchema, input);
  const role = changes.role ?? user.role;
  const regionIds = await checkRegions(store, role, changes.regionIds ?? user.regionIds);
  const next = { name: changes.name ?? user.name, role, regionIds };
  await store.updateUser(user.id, next);
  return { ...user, ...next };
}
