// GET /api/devices: the sync health of the devices of the users a coordinator works with (an admin: of
// everyone), from the latest report each device sent with a push or pull (SYNC.md, "The device's report").
import type { Hono } from 'hono';
import { api, type ResponseOf } from '../../shared/api.ts';
import type { DeviceUser } from '../../shared/device-report.ts';
import { requireUser } from '../auth/middleware.ts';
import type { Sessions } from '../auth/sessions.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import type { Store, StoredDevice, UserRecord } from '../store/store.ts';

/**
 * The users whose devices the caller sees: an admin everyone; a coordinator themselves and the
 * inspectors and coordinators who share one of their regions, as the directory (`GET /api/users`) has it.
 * A disabled account is listed only when one of its devices has reported: it may hold unsent changes.
 */
function devicesFor(me: UserRecord, users: readonly UserRecord[], devices: readonly StoredDevice[]): DeviceUser[] {
  const byUser = new Map<string, StoredDevice[]>();
  for (const d of devices) byUser.set(d.userId, [...(byUser.get(d.userId) ?? []), d]);
  const sharesRegion = (u: UserRecord) => u.role !== 'admin' && u.regionIds.some((r) => me.regionIds.includes(r));
  return users
    .filter((u) => me.role === 'admin' || u.id === me.id || sharesRegion(u))
    .filter((u) => !u.disabled || byUser.has(u.id))
    .map((u) => ({
      id: u.id,
      name: u.name,
      role: u.role,
      regionIds: u.regionIds,
      active: !u.disabled,
      devices: (byUser.get(u.id) ?? []).map(({ userId: _, ...device }) => device),
    }));
}

export function deviceRoutes(app: Hono<AppEnv>, { store, sessions, version, now }: { store: Store; sessions: Sessions; version: string; now: () => number }): void {
  app.on(api.devices.method, api.devices.path, requireUser(sessions), async (c) => {
    const me = c.var.user;
    if (me.role !== 'coordinator' && me.role !== 'admin') {
      throw new ApiError(403, 'FORBIDDEN', 'The sync health of devices is for coordinators and admins');
    }
    const [users, devices] = await Promise.all([store.listUsers(), store.listDevices()]);
    const body: ResponseOf<typeof api.devices> = { now: new Date(now()).toISOString(), serverVersion: version, users: devicesFor(me, users, devices) };
    return c.json(body);
  });
}
