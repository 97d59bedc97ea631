// What the audit export names its rows by: the regions (for its choice of region) and every
// municipality's name, from the reference data the device keeps.
import type { LocalRecord, UserDb } from './database.ts';

type AuditNames = {
  regions: LocalRecord<'region'>[];
  municipalities: ReadonlyMap<string, { fi: string; sv: string }>;
};

export async function loadAuditNames(db: UserDb): Promise<AuditNames> {
  const [regions, municipalities] = await Promise.all([db.region.toArray(), db.municipality.toArray()]);
  return {
    regions: regions.filter((r) => !r.deleted).sort((a, b) => a.id.localeCompare(b.id)),
    municipalities: new Map(municipalities.map((m) => [m.id, m.name])),
  };
}
