// The rule of when a pull's device report is worth a write, one for every store (SYNC.md, "The
// device's report"). It reads only the stored report, never the process's memory, so any instance
// answers the same for a device whose pulls a load balancer spreads across several.
import type { DeviceReportWrite, StoredDevice } from '../store/store.ts';

/**
 * A pull that reports what the stored row already says, less than this after the last pull written, is
 * not written again: an idle device's pulls stay reads (its last pull time is then right to a minute).
 */
const PULL_REPORT_QUIET_MS = 60_000;
/** How far the oldest waiting change's time may move between two reports still called the same (network delays, rounding). */
const SAME_OLDEST_MS = 60_000;

/** When the device's oldest waiting change was made, by the server's clock: now less the age the device reported. */
export function oldestPendingAt(report: Pick<DeviceReportWrite, 'oldestAgeSeconds'>, now: Date): string | null {
  return report.oldestAgeSeconds === null ? null : new Date(now.getTime() - report.oldestAgeSeconds * 1000).toISOString();
}

/** Whether a pull's report would change nothing worth a write (see PULL_REPORT_QUIET_MS). */
export function pullReportUnchanged(stored: StoredDevice, userId: string, report: DeviceReportWrite, now: Date): boolean {
  if (stored.userId !== userId || stored.lastPullAt === null) return false;
  if (now.getTime() - Date.parse(stored.lastPullAt) >= PULL_REPORT_QUIET_MS) return false;
  const same =
    stored.appVersion === report.appVersion &&
    stored.browser === report.browser &&
    stored.os === report.os &&
    stored.pending === report.pending &&
    stored.rejected === report.rejected;
  if (!same) return false;
  const oldest = oldestPendingAt(report, now);
  if (oldest === null || stored.oldestPendingAt === null) return oldest === null && stored.oldestPendingAt === null;
  return Math.abs(Date.parse(oldest) - Date.parse(stored.oldestPendingAt)) < SAME_OLDEST_MS;
}
