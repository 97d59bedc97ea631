// POST /api/sync/push and GET /api/sync/pull (SYNC.md): the checks every sync call shares, then the store.
import type { Context, Hono } from 'hono';
import { api, type ResponseOf } from '../../shared/api.ts';
import {
  MIN_SCHEMA_VERSION,
  PUSH_MAX_BYTES,
  PUSH_MAX_MUTATIONS,
  SCHEMA_HEADER,
  SCHEMA_VERSION,
} from '../../shared/protocol.ts';
import { requireUser } from '../auth/middleware.ts';
import type { Sessions } from '../auth/sessions.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseInput, parseJsonText, readBodyText } from '../http/json-body.ts';
import type { DeviceReportWrite, Store, SyncUser } from '../store/store.ts';
import { DEVICE_REPORT_HEADER, parseDeviceReport } from '../../shared/device-report.ts';
import { summarizeUserAgent } from '../http/user-agent.ts';
import { SyncError } from '../sync/sync-error.ts';

/** The store's refusals of a whole request as the protocol's HTTP answers (SYNC.md); anything else as it is. */
function httpError(error: unknown): unknown {
  if (!(error instanceof SyncError)) return error;
  switch (error.code) {
    case 'RESET':
      return new ApiError(410, 'RESET', error.message);
    case 'CLIENT_OF_ANOTHER_USER':
      return new ApiError(403, 'FORBIDDEN', error.message);
  }
}

/** Runs a store call, answering its SyncError in HTTP. */
async function answering<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw httpError(error);
  }
}

/** The client's `X-Schema-Version`: 426 when older than the server accepts, 400 when missing or newer. */
function schemaVersionOf(c: Context): number {
  const raw = c.req.header(SCHEMA_HEADER);
  if (raw === undefined || !/^\d{1,6}$/.test(raw.trim())) {
    throw new ApiError(400, 'BAD_REQUEST', `Send the app's data schema version as ${SCHEMA_HEADER} (an integer)`, { header: SCHEMA_HEADER });
  }
  const version = Number(raw.trim());
  if (version < MIN_SCHEMA_VERSION) {
    throw new ApiError(426, 'SCHEMA_TOO_OLD', 'This version of the app is too old for the server: update the app', {
      clientVersion: version,
      minVersion: MIN_SCHEMA_VERSION,
    });
  }
  if (version > SCHEMA_VERSION) {
    throw new ApiError(400, 'BAD_REQUEST', `The server speaks schema version ${SCHEMA_VERSION}, not ${version}`, {
      clientVersion: version,
      serverVersion: SCHEMA_VERSION,
    });
  }
  return version;
}

/**
 * The device's report (`X-Device-Report`, SYNC.md "The device's report"): undefined when there is none
 * or it is of a version this server does not know; 400 when it is malformed, before anything is applied.
 */
function deviceReportOf(c: Context): DeviceReportWrite | undefined {
  const parsed = parseDeviceReport(c.req.header(DEVICE_REPORT_HEADER));
  if (!parsed.ok) throw new ApiError(400, 'BAD_REQUEST', parsed.message, { header: DEVICE_REPORT_HEADER, issues: parsed.issues });
  const { report } = parsed;
  if (!report) return undefined;
  return {
    clientId: report.client,
    appVersion: report.app,
    ...summarizeUserAgent(c.req.header('user-agent')),
    pending: report.pending,
    oldestAgeSeconds: report.oldest ?? null,
    rejected: report.rejected,
  };
}

function syncUser(c: Context<AppEnv>): SyncUser {
  const { id, role, regionIds } = c.var.user;
  return { userId: id, role, regionIds };
}

export function syncRoutes(app: Hono<AppEnv>, { store, sessions }: { store: Store; sessions: Sessions }): void {
  const auth = requireUser(sessions);

  app.on(api.push.method, api.push.path, auth, async (c) => {
    const schemaVersion = schemaVersionOf(c);
    const report = deviceReportOf(c);
    // The body limit in front of every route leaves room for framing; the protocol's 2 MB is exact.
    const text = await readBodyText(c);
    if (Buffer.byteLength(text, 'utf8') > PUSH_MAX_BYTES) {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `At most ${PUSH_MAX_BYTES} bytes a push: send fewer mutations`, { maxBytes: PUSH_MAX_BYTES });
    }
    const body = parseJsonText(text);
    // Past the batch limit is 413 (the client halves its batch), not a 400 for a bad body.
    const mutations = (body as { mutations?: unknown } | null)?.mutations;
    if (Array.isArray(mutations) && mutations.length > PUSH_MAX_MUTATIONS) {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `At most ${PUSH_MAX_MUTATIONS} mutations a request, not ${mutations.length}`, {
        maxMutations: PUSH_MAX_MUTATIONS,
      });
    }
    const request = parseInput(api.push.body, body);
    if (request.schemaVersion !== schemaVersion) {
      throw new ApiError(400, 'INVALID', `The body's schemaVersion (${request.schemaVersion}) must equal ${SCHEMA_HEADER} (${schemaVersion})`, {
        issues: [{ path: ['schemaVersion'], message: `must equal ${SCHEMA_HEADER}` }],
      });
    }
    if (report && report.clientId !== request.clientId) {
      throw new ApiError(400, 'BAD_REQUEST', `${DEVICE_REPORT_HEADER} names client ${report.clientId}, not the push's clientId`, {
        header: DEVICE_REPORT_HEADER,
        issues: [{ path: ['client'], message: 'must equal the body’s clientId' }],
      });
    }
    const answer: ResponseOf<typeof api.push> = await answering(() => store.push(syncUser(c), request, report));
    return c.json(answer);
  });

  app.on(api.pull.method, api.pull.path, auth, async (c) => {
    schemaVersionOf(c);
    const report = deviceReportOf(c);
    const { cursor, limit } = parseInput(api.pull.query, c.req.query());
    const user = syncUser(c);
    // With its length known, the gzip middleware leaves a small page (an empty pull) uncompressed.
    const page: ResponseOf<typeof api.pull> = await answering(() => store.pull(user, cursor, limit));
    // Kept once the page is made: a pull refused (410, 400) reports nothing.
    if (report) await answering(() => store.recordPullReport(user, report));
    const text = JSON.stringify(page);
    return c.body(text, 200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  });
}
