// The audit trail (src/shared/history.ts): a record's history, a visit's review history, and a period's
// history for export. Who may read what is decided here, from the stored record, never from the request.
import type { Context, Hono } from 'hono';
import { api, type ResponseOf } from '../../shared/api.ts';
import { requireUser } from '../auth/middleware.ts';
import type { Sessions } from '../auth/sessions.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseInput } from '../http/json-body.ts';
import type { Store, UserRecord } from '../store/store.ts';
import { uuidSchema } from '../../shared/records.ts';

const notFound = (what: string) => new ApiError(404, 'NOT_FOUND', `No ${what} with that id`);

/** Coordinators and admins read the audit trail; inspectors are told so. */
function requireReviewer(user: UserRecord, what: string): void {
  if (user.role === 'inspector') {
    throw new ApiError(403, 'FORBIDDEN', `The ${what} is for coordinators and admins: inspectors see the history of their own visits on the visit`);
  }
}

/** A record of another region is answered as if it were not there. */
const inRegions = (user: UserRecord, regionId: string | null) => user.role === 'admin' || regionId === null || user.regionIds.includes(regionId);

/** The day after a YYYY-MM-DD day, at midnight UTC. */
function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

export function historyRoutes(app: Hono<AppEnv>, { store, sessions }: { store: Store; sessions: Sessions }): void {
  const auth = requireUser(sessions);

  app.on(api.recordHistory.method, api.recordHistory.path, auth, async (c) => {
    const user = c.var.user;
    requireReviewer(user, 'audit trail');
    const { entity, id } = parseInput(api.recordHistory.query, c.req.query());
    const record = await store.getRecord(entity, id);
    // A readiness sheet's history would show scores its scorer alone may see until every scorer is done: none is given.
    if (!record || !inRegions(user, record.regionId) || entity === 'readinessScore') throw notFound(entity);
    const body: ResponseOf<typeof api.recordHistory> = { entity, id, entries: await store.recordHistory(entity, id) };
    return c.json(body);
  });

  app.on(api.historyExport.method, api.historyExport.path, auth, async (c) => {
    const user = c.var.user;
    requireReviewer(user, 'audit export');
    const query = parseInput(api.historyExport.query, c.req.query());
    if (query.regionId !== undefined && user.role !== 'admin' && !user.regionIds.includes(query.regionId)) {
      throw new ApiError(403, 'FORBIDDEN', `You coordinate ${user.regionIds.join(', ') || 'no region'}, not ${query.regionId}`);
    }
    const afterId = query.after === undefined ? undefined : Number(query.after);
    if (afterId !== undefined && !(await store.hasHistoryRow(afterId))) {
      throw new ApiError(400, 'INVALID', 'after is not the `next` of an earlier page', { issues: [{ path: ['after'], message: 'no such row' }] });
    }
    const regionIds = query.regionId !== undefined ? [query.regionId] : user.role === 'admin' ? ('all' as const) : user.regionIds;
    const page = await store.historyExport({
      fromAt: `${query.from}T00:00:00.000Z`,
      toAt: dayAfter(query.to),
      regionIds,
      limit: query.limit,
      ...(afterId !== undefined ? { afterId } : {}),
    });
    const body: ResponseOf<typeof api.historyExport> = page;
    return c.json(body);
  });

  app.on(api.visitHistory.method, api.visitHistory.path, auth, async (c: Context<AppEnv>) => {
    const user = c.var.user;
    const parsed = uuidSchema.safeParse(c.req.param('id'));
    if (!parsed.success) {
      throw new ApiError(400, 'INVALID', 'The visit id must be a UUID in lowercase', { issues: [{ path: ['id'], message: 'a UUID in lowercase' }] });
    }
    const visit = await store.getRecord('visit', parsed.data);
    if (!visit || !inRegions(user, visit.regionId)) throw notFound('visit');
    if (user.role === 'inspector' && visit.data['inspectorId'] !== user.id) {
      throw new ApiError(403, 'FORBIDDEN', "A visit's history is for its own inspector, and the coordinators of its region");
    }
    const body: ResponseOf<typeof api.visitHistory> = await store.visitHistory(visit.id);
    return c.json(body);
  });
}
