// The latest sync-health report of each device on PostgreSQL (SYNC.md, "The device's report"). The
// push writes its report in its own transaction (pg-sync-port.ts); a pull's is written here, unless
// the shared rule (sync/device-reports.ts) finds it says nothing new.
import type { Pool } from 'pg';
import { oldestPendingAt, pullReportUnchanged } from '../../sync/device-reports.ts';
import { anotherUsersClient } from '../../sync/sync-error.ts';
import type { DeviceReportWrite, StoredDevice } from '../store.ts';
import { toDevice, type DeviceRow } from '../rows.ts';

export function createPgDevices(pool: Pool) {
  /** A pull's report; a SyncError when the client id is another user's. */
  async function recordPull(userId: string, report: DeviceReportWrite, now: Date): Promise<void> {
    const [owner] = (await pool.query<{ user_id: string }>('SELECT user_id FROM sync_clients WHERE client_id = $1', [report.clientId])).rows;
    if (owner && owner.user_id !== userId) throw anotherUsersClient();
    const [row] = (await pool.query<DeviceRow>('SELECT * FROM device_reports WHERE client_id = $1', [report.clientId])).rows;
    if (row && pullReportUnchanged(toDevice(row), userId, report, now)) return;
    const at = now.toISOString();
    const oldest = oldestPendingAt(report, now);
    // One statement: the upsert's WHERE keeps another user's row as it is (no row changed: refused).
    const result = await pool.query(
      `INSERT INTO device_reports (client_id, user_id, app_version, browser, os, pending, oldest_pending_at, rejected, last_push_at, last_pull_at, reported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $9)
       ON CONFLICT (client_id) DO UPDATE SET app_version = excluded.app_version, browser = excluded.browser, os = excluded.os,
         pending = excluded.pending, oldest_pending_at = excluded.oldest_pending_at, rejected = excluded.rejected,
         last_pull_at = excluded.last_pull_at, reported_at = excluded.reported_at
       WHERE device_reports.user_id = excluded.user_id`,
      [report.clientId, userId, report.appVersion, report.browser, report.os, report.pending, oldest, report.rejected, at],
    );
    if ((result.rowCount ?? 0) === 0) throw anotherUsersClient();
  }

  async function list(): Promise<StoredDevice[]> {
    return (await pool.query<DeviceRow>('SELECT * FROM device_reports ORDER BY user_id COLLATE "C", reported_at DESC')).rows.map(toDevice);
  }

  return { recordPull, list };
}
