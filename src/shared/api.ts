// The HTTP API as one table: each endpoint's method and path, and the schemas of what it takes and
// answers. The server registers its routes from it and parses bodies and queries with its schemas; the
// app calls the paths it names and parses the answers with its schemas; the service worker leaves every
// path under API_PREFIX (api-paths.ts) to the network. A failure, on every endpoint, is the one error
// shape of errors.ts.
import type { z } from 'zod/mini';
import { directoryResponseSchema, healthResponseSchema, loginRequestSchema, loginResponseSchema, meResponseSchema } from './auth.ts';
import { API_PREFIX } from './api-paths.ts';
import { devicesResponseSchema } from './device-report.ts';
import { historyExportQuerySchema, historyExportResponseSchema, historyQuerySchema, recordHistoryResponseSchema, visitHistoryResponseSchema } from './history.ts';
import { pullQuerySchema, pullResponseSchema, pushRequestSchema, pushResponseSchema } from './protocol.ts';

export { API_PREFIX, isApiPath } from './api-paths.ts';

type Endpoint = {
  method: 'GET' | 'POST';
  path: `${typeof API_PREFIX}/${string}`;
  /** The JSON body it takes (`Content-Type: application/json`). */
  body?: z.ZodMiniType;
  /** The query string it takes, as an object of strings. */
  query?: z.ZodMiniType;
  /** The JSON of a success; none: `204 No Content`. */
  response?: z.ZodMiniType;
};

export const api = {
  health: { method: 'GET', path: '/api/health', response: healthResponseSchema },
  /** 401 BAD_CREDENTIALS for a wrong username or password, 429 RATE_LIMITED after too many. */
  login: { method: 'POST', path: '/api/auth/login', body: loginRequestSchema, response: loginResponseSchema },
  /** With the session's bearer token, even an expired one: ends the session. */
  logout: { method: 'POST', path: '/api/auth/logout' },
  me: { method: 'GET', path: '/api/me', response: meResponseSchema },
  /** The colleagues who share a region with the caller (an admin: every active user). */
  users: { method: 'GET', path: '/api/users', response: directoryResponseSchema },
  /** With `X-Schema-Version` (protocol.ts's SCHEMA_HEADER), as SYNC.md says. */
  push: { method: 'POST', path: '/api/sync/push', body: pushRequestSchema, response: pushResponseSchema },
  /** With `X-Schema-Version`; `cursor` and `limit` in the query. Push and pull may carry `X-Device-Report` (device-report.ts). */
  pull: { method: 'GET', path: '/api/sync/pull', query: pullQuerySchema, response: pullResponseSchema },
  /** The sync health of the devices (device-report.ts): coordinators of their regions' users, admins of all; inspectors 403. */
  devices: { method: 'GET', path: '/api/devices', response: devicesResponseSchema },
  /**
   * A record's audit trail, oldest first (history.ts): coordinators (records of their regions and
   * reference records; another region's: 404) and admins; inspectors 403.
   */
  recordHistory: { method: 'GET', path: '/api/history', query: historyQuerySchema, response: recordHistoryResponseSchema },
  /** Every change of a period, paged by `next` (at most 1,000 rows a page): coordinators (their regions) and admins. */
  historyExport: { method: 'GET', path: '/api/history/export', query: historyExportQuerySchema, response: historyExportResponseSchema },
  /**
   * A visit's status transitions and what changed since its last return: coordinators of its region,
   * admins, and the visit's own inspector. `:id` is the visit's id (`visitHistoryPath`).
   */
  visitHistory: { method: 'GET', path: '/api/visits/:id/history', response: visitHistoryResponseSchema },
} as const satisfies Record<string, Endpoint>;

/** The path of one visit's history. */
export const visitHistoryPath = (visitId: string) => api.visitHistory.path.replace(':id', encodeURIComponent(visitId));

/** What an endpoint answers on success, as sent (the schema's input): what its response schema parses. */
export type ResponseOf<E extends Endpoint> = E extends { response: infer S extends z.ZodMiniType } ? z.input<S> : undefined;
