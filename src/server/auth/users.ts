// Creating accounts, shared by the command line and the demo accounts; and the user as the API shows it.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PASSWORD_MIN_LENGTH, usernameSchema, type User } from '../../shared/auth.ts';
import { regionIdSchema } from '../../shared/reference.ts';
import { roles } from '../../shared/workflow.ts';
import type { Store, UserRecord } from '../store/store.ts';
import { hashPassword } from './password.ts';

export const newUserSchema = z.object({
  username: usernameSchema,
  name: z.string().trim().min(1, 'a name is needed').max(200, 'at most 200 characters'),
  role: z.enum(roles, { error: `one of ${roles.join(', ')}` }),
  regionIds: z.array(regionIdSchema),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `the password must be at least ${PASSWORD_MIN_LENGTH} characters long`)
    .max(1000, 'the password must be at most 1000 characters long'),
});
export type NewUserInput = z.input<typeof newUserSchema>;

export function publicUser(u: UserRecord): User {
  return { id: u.id, username: u.username, name: u.name, role: u.role, regionIds: u.regionIds };
}

export class UserInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserInputError';
  }
}

/**
 * Validates and stores a new user. Throws UserInputError for bad input (with a message that says what),
 * UsernameTakenError when the name is in use. Regions must exist in the seeded reference data.
 */
export async function addUser(store: Store, input: NewUserInput, opts: { now?: Date; skipPasswordLength?: boolean } = {}): Promise<UserRecord> {
  const schema = opts.skipPasswordLength ? newUserSchema.extend({ password: z.string().min(1).max(1000) }) : newUserSchema;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new UserInputError(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
  }
  const { username, name, role, password } = parsed.data;
  const regionIds = [...new Set(parsed.data.regionIds)];
  if (role !== 'admin' && regionIds.length === 0) throw new UserInputError(`regions: an ${role} needs at least one region`);
  const known = new Set((await store.listRecords('region')).map((r) => r.id));
  const unknown = regionIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UserInputError(`regions: no region ${unknown.map((r) => `"${r}"`).join(', ')}; known regions: ${[...known].join(', ')}`);
  }
  const user: UserRecord = {
    id: randomUUID(),
    username,
    name,
    role,
    regionIds,
    passwordHash: await hashPassword(password),
    disabled: false,
    createdAt: (opts.now ?? new Date()).toISOString(),
  };
  await store.createUser(user);
  return user;
}
