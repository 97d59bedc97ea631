// What the user reads when a sign-in fails: one plain message per way it can fail.
import { ApiError, NetworkError } from '../../../sync/http.ts';
import type { MessageKey, Params } from '../../i18n/index.ts';

export type Field = 'username' | 'password';
export type FormError = { key: MessageKey; params?: Params; field?: Field };

/** What the user should read for a failed sign-in request. */
export function signInErrors(error: unknown, reauth: boolean): FormError[] {
  if (error instanceof NetworkError) return [{ key: reauth ? 'signIn.error.offlineReauth' : 'signIn.error.offline' }];
  if (!(error instanceof ApiError)) return [{ key: 'signIn.error.server' }];
  if (error.status === 401) return [{ key: 'signIn.error.badCredentials' }];
  if (error.status === 429) {
    const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
    return [{ key: 'signIn.error.rateLimited', params: { count: minutes } }];
  }
  if (error.status === 400) {
    const fields = invalidFields(error.details);
    if (fields.length === 0) return [{ key: 'signIn.error.invalid' }];
    return fields.map((field) =>
      field === 'username' ? { key: 'signIn.error.usernameInvalid', field } : { key: 'signIn.error.passwordInvalid', field },
    );
  }
  return [{ key: 'signIn.error.server' }];
}

/** The fields the server's `details.issues[].path` name. */
function invalidFields(details: unknown): Field[] {
  if (typeof details !== 'object' || details === null || !('issues' in details) || !Array.isArray(details.issues)) return [];
  const fields = new Set<Field>();
  for (const issue of details.issues as unknown[]) {
    const first = typeof issue === 'object' && issue !== null && 'path' in issue && Array.isArray(issue.path) ? issue.path[0] : undefined;
    if (first === 'username' || first === 'password') fields.add(first);
  }
  return [...fields];
}
