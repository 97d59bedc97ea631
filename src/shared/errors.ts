// The one JSON error shape of every failed request, and the rejection codes of single mutations.
import { z } from 'zod/mini';

/** Every `error.code` the server answers a failed request with (the status says which kind it is). */
const requestErrorCodeSchema = z.enum([
  'BAD_REQUEST', // 400: not JSON, no body, a missing or newer X-Schema-Version, a connection closed mid-body
  'INVALID', // 400: the body or query does not match the endpoint's schema (details.issues names the paths)
  'UNAUTHENTICATED', // 401: no session, or an expired or unknown one
  'BAD_CREDENTIALS', // 401: a wrong username or password at sign-in
  'FORBIDDEN', // 403
  'NOT_FOUND', // 404: no such API endpoint or file
  'METHOD_NOT_ALLOWED', // 405, with Allow
  'REQUEST_TIMEOUT', // 408: the request took too long to arrive
  'CONFLICT', // 409
  'HASH_MISMATCH', // 400: an uploaded file's bytes do not have the SHA-256 its address names
  'RESET', // 410: a pull cursor the server cannot continue from: pull again from the beginning
  'PAYLOAD_TOO_LARGE', // 413
  'UNSUPPORTED_MEDIA_TYPE', // 415: a body that is not application/json
  'SCHEMA_TOO_OLD', // 426: update the app
  'RATE_LIMITED', // 429, with Retry-After
  'HEADERS_TOO_LARGE', // 431
  'INTERNAL', // 500: logged on the server, never detailed in the answer
  'NOT_BUILT', // 503: a page asked of a server whose app is not built (the API works)
  'STARTING', // 503, with Retry-After: the server has not finished starting
]);
export type RequestErrorCode = z.infer<typeof requestErrorCodeSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: requestErrorCodeSchema,
    message: z.string(),
    details: z.optional(z.unknown()),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const rejectionCodeSchema = z.enum([
  'INVALID',
  'FORBIDDEN',
  'FIELD_NOT_OWNED',
  'VISIT_LOCKED',
  'BAD_TRANSITION',
  'DELETED',
  'NOT_FOUND',
  'IMMUTABLE',
  'INCOMPLETE',
  'LOCKED',
  'MISSING_BLOB', // an attachment whose file the server does not hold yet: upload it, then send the record again
]);
export type RejectionCode = z.infer<typeof rejectionCodeSchema>;

export function errorBody(code: RequestErrorCode, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

/** Turns zod issues into `details` that name each bad path. */
export function issueDetails(error: z.core.$ZodError): { issues: { path: (string | number)[]; message: string }[] } {
  return {
    issues: error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
    })),
  };
}
