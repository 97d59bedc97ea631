// A row of the `records` table, as the store and the sync both read it, and the record it holds.
import type { EntityName } from '../../shared/entities.ts';
import type { FieldMeta, StoredRecord } from './store.ts';

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
