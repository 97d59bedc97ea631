// The latest sync-health report of each device (migration 8, SYNC.md "The device's report"): one row per
// client id, written by the push (inside its transaction) or the pull that carried the report.
import type { Database } from 'better-sqlite3';
import { oldestPendingAt, pullReportUnchanged } from '../sync/device-reports.ts';
import { anotherUsersClient } from '../sync/sync-error.ts';
import type { DeviceReportWrite, StoredDevice } from './store.ts';
import { toDevice, type DeviceRow } from './rows.ts';

export function createSqliteDevices(db: Database) {
  const q = {
    upsert: db.prepare(
      `INSERT INTO device_reports (client_id, user_id, app_version, browser, os, pending, oldest_pending_at, rejected, last_push_at, last_pull_at, reported_at)
       VALUES (@clientId, @userId, @appVersion, @browser, @os, @pending, @oldestPendingAt, @rejected, @lastPushAt, @lastPullAt, @at)
       ON CONFLICT (client_id) DO UPDATE SET app_version = excluded.app_version, browser = excluded.browser, os = excluded.os,
         pending = excluded.pending, oldest_pending_at = excluded.oldest_pending_at, rejected = excluded.rejected,
         last_push_at = coalesce(excluded.last_push_at, device_reports.last_push_at),
         last_pull_at = coalesce(excluded.last_pull_at, device_reports.last_pull_at),
         reported_at = excluded.reported_at
       WHERE device_reports.user_id = excluded.user_id`,
    ),
    get: db.prepare<[string], DeviceRow>('SELECT * FROM device_reports WHERE client_id = ?'),
    clientUser: db.prepare<[string], { user_id: string }>('SELECT user_id FROM sync_clients WHERE client_id = ?'),
    all: db.prepare<[], DeviceRow>('SELECT * FROM device_reports ORDER BY user_id, reported_at DESC'),
  };

  /**
   * Stores a report as the latest of its device, in the caller's transaction; false (and nothing
   * written) when the client id is another user's.
   */
  function write(userId: string, report: DeviceReportWrite, kind: 'push' | 'pull', now: Date): boolean {
    const at = now.toISOString();
    const oldest = oldestPendingAt(report, now);
    const { changes } = q.upsert.run({
      clientId: report.clientId,
      userId,
      appVersion: report.appVersion,
      browser: report.browser,
      os: report.os,
      pending: report.pending,
      oldestPendingAt: oldest,
      rejected: report.rejected,
      lastPushAt: kind === 'push' ? at : null,
      lastPullAt: kind === 'pull' ? at : null,
      at,
    });
    return changes > 0;
  }

  /** A pull's report, in a transaction of its own; a SyncError when the client id is another user's. */
  function recordPull(userId: string, report: DeviceReportWrite, now: Date): void {
    const owner = q.clientUser.get(report.clientId);
    if (owner && owner.user_id !== userId) throw anotherUsersClient();
    const row = q.get.get(report.clientId);
    if (row && pullReportUnchanged(toDevice(row), userId, report, now)) return;
    if (!db.transaction(() => write(userId, report, 'pull', now)).immediate()) throw anotherUsersClient();
  }

  function list(): StoredDevice[] {
    return q.all.all().map(toDevice);
  }

  return { write, recordPull, list };
}

