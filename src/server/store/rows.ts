// Rows as the stores read them: a row of the `records` table and the record it holds; a device report's row.
import type { EntityName } from '../../shared/entities.ts';
import type { FieldMeta, StoredDevice, StoredRecord } from './store.ts';

export type RecordRow = {
  entity: EntityName;
  id: string;
  version: number;
  deleted: number;
  region_id: string | null;
  /** A readiness sheet not yet shown: the one user who may read it (migration 9). */
  private_to: string | null;
  data: string;
  field_meta: string;
  updated_at: string | null;
  updated_by: string | null;
};

export function toStoredRecord(r: RecordRow): StoredRecord {
  return {
    entity: r.entity,
    id: r.id,
    version: r.version,
    deleted: r.deleted !== 0,
    regionId: r.region_id,
    data: JSON.parse(r.data) as Record<string, unknown>,
    fieldMeta: JSON.parse(r.field_meta) as FieldMeta,
    updatedAt: r.updated_at ?? '',
    updatedBy: r.updated_by ?? '',
  };
}

/** A row of `device_reports` (the latest report of each device), as both stores read it. */
export type DeviceRow = {
  client_id: string;
  user_id: string;
  app_version: string;
  browser: string | null;
  os: string | null;
  pending: number;
  oldest_pending_at: string | null;
  rejected: number;
  last_push_at: string | null;
  last_pull_at: string | null;
  reported_at: string;
};

export const toDevice = (r: DeviceRow): StoredDevice => ({
  userId: r.user_id,
  clientId: r.client_id,
  appVersion: r.app_version,
  browser: r.browser,
  os: r.os,
  pending: r.pending,
  oldestPendingAt: r.oldest_pending_at,
  rejected: r.rejected,
  lastPushAt: r.last_push_at,
  lastPullAt: r.last_pull_at,
  reportedAt: r.reported_at,
});
