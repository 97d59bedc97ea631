// What the sync-health page shows, worked out from the server's answer alone (GET /api/devices): each
// device's state, the users in the order that puts warnings first, and the counts at the top. Ages are
// counted from the server's time in the answer, never from the reader's clock.
import { compareVersions, isStale, lastSyncOf, STALE_DAYS, type Device, type DeviceUser, type DevicesResponse } from '../../../shared/device-report.ts';

const DAY_MS = 24 * 3600 * 1000;

export type DeviceView = Device & {
  lastSync: string | null;
  /** Whole days since the last sync (0: less than a day); null when it never synced. */
  daysSinceSync: number | null;
  /** Whole days since the oldest waiting change was made; null with none waiting. */
  oldestDays: number | null;
  stale: boolean;
  outdated: boolean;
};

export type UserView = Omit<DeviceUser, 'devices'> & { devices: DeviceView[]; stale: number };

type DeviceCounts = { users: number; devices: number; stale: number; waiting: number; rejected: number; outdated: number };

type DevicesView = { users: UserView[]; counts: DeviceCounts; staleDays: number };

const daysBetween = (from: string, now: number) => Math.max(0, Math.floor((now - Date.parse(from)) / DAY_MS));

function deviceView(device: Device, now: string, serverVersion: string): DeviceView {
  const nowMs = Date.parse(now);
  const lastSync = lastSyncOf(device);
  return {
    ...device,
    lastSync,
    daysSinceSync: lastSync === null ? null : daysBetween(lastSync, nowMs),
    oldestDays: device.oldestPendingAt === null ? null : daysBetween(device.oldestPendingAt, nowMs),
    stale: isStale(device, now),
    outdated: compareVersions(device.appVersion, serverVersion) < 0,
  };
}

/** Older first; a device that never synced before every other. */
const bySyncAge = (a: DeviceView, b: DeviceView) => (a.lastSync ?? '').localeCompare(b.lastSync ?? '');

/**
 * Users with a device that needs attention first (the one unsynced the longest first), then the others
 * by name, those with no device last; within a user, the devices that need attention first, then the
 * most recently synced.
 */
export function devicesView(response: DevicesResponse, lang: string): DevicesView {
  const collator = new Intl.Collator(lang);
  const users: UserView[] = response.users.map((u) => {
    const devices = u.devices
      .map((d) => deviceView(d, response.now, response.serverVersion))
      .sort((a, b) => Number(b.stale) - Number(a.stale) || (a.stale ? bySyncAge(a, b) : -bySyncAge(a, b)) || a.clientId.localeCompare(b.clientId));
    return { ...u, devices, stale: devices.filter((d) => d.stale).length };
  });
  const oldestStale = (u: UserView) => u.devices.find((d) => d.stale)?.lastSync ?? '';
  users.sort(
    (a, b) =>
      Number(b.stale > 0) - Number(a.stale > 0) ||
      (a.stale > 0 ? oldestStale(a).localeCompare(oldestStale(b)) : 0) ||
      Number(b.devices.length > 0) - Number(a.devices.length > 0) ||
      collator.compare(a.name, b.name),
  );
  const all = users.flatMap((u) => u.devices);
  return {
    users,
    staleDays: STALE_DAYS,
    counts: {
      users: users.length,
      devices: all.length,
      stale: all.filter((d) => d.stale).length,
      waiting: all.filter((d) => d.pending > 0).length,
      rejected: all.filter((d) => d.rejected > 0).length,
      outdated: all.filter((d) => d.outdated).length,
    },
  };
}

/** The first eight characters of a client id: enough to tell two devices of one user apart. */
export const shortId = (clientId: string) => clientId.replace(/-/g, '').slice(0, 8);
