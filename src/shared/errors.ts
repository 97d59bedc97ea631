// The one JSON error shape of every failed request, and the rejection codes of single mutations.
import { z } from 'zod/mini';

export const requestErrorCodes = [
  'BAD_REQUEST',
  'INVALID',
  'UNAUTHENTICATED',
  'BAD_CREDENTIALS',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'SCHEMA_TOO_OLD',
  'RATE_LIMITED',
  'RESET',
  'INTERNAL',
] as const;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.unknown()),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const rejectionCodes = [
  'INVALID',
  'FORBIDDEN',
  'FIELD_NOT_OWNED',
  'VISIT_LOCKED',
  'BAD_TRANSITION',
  'DELETED',
  'NOT_FOUND',
  'IMMUTABLE',
  'INCOMPLETE',
] as const;
export const rejectionCodeSchema = z.enum(rejectionCodes);
export type RejectionCode = z.infer<typeof rejectionCodeSchema>;

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
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
