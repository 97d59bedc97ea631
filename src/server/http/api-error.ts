// Errors a handler throws to answer in the one JSON error shape (src/shared/errors.ts).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorBody, type RequestErrorCode } from '../../shared/errors.ts';

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: RequestErrorCode;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(status: ContentfulStatusCode, code: RequestErrorCode, message: string, details?: unknown, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: RequestErrorCode,
  message: string,
  details?: unknown,
  headers: Record<string, string> = {},
): Response {
  return c.json(errorBody(code, message, details), status, headers);
}

export const unauthenticated = () => new ApiError(401, 'UNAUTHENTICATED', 'Sign in first: the session is missing, expired or unknown', undefined, {
  'WWW-Authenticate': 'Bearer',
});

/** The code of the shape for a status that reached the error handler without one (e.g. from a library). */
export function codeForStatus(status: number): RequestErrorCode {
  const codes: Partial<Record<number, RequestErrorCode>> = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    408: 'REQUEST_TIMEOUT',
    409: 'CONFLICT',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    426: 'SCHEMA_TOO_OLD',
    429: 'RATE_LIMITED',
    431: 'HEADERS_TOO_LARGE',
  };
  return codes[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
}
