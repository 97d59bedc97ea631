// The agency the reports speak for: its name in each language and its logo, one record set by an admin
// and synced to every device.
import { AGENCY_ID } from '../shared/entities.ts';
import type { PolicyUser } from '../shared/policy.ts';
import type { AgencyFields } from '../shared/records.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { checkWrite } from './guard.ts';
import { saveRecord } from './write.ts';

export type Agency = LocalRecord<'agency'>;

/** The agency's settings as this device has them; undefined until an admin has set them and they synced. */
export async function loadAgency(db: UserDb): Promise<Agency | undefined> {
  const agency = await db.agency.get(AGENCY_ID);
  return agency && !agency.deleted ? agency : undefined;
}

/** Saves the agency's name and logo (null removes the logo); admins only, as the server checks too. */
export async function saveAgency(db: UserDb, fields: AgencyFields, user: PolicyUser): Promise<Agency> {
  checkWrite(user, { entity: 'agency', op: 'update', regionId: null, fields: Object.keys(fields) }, 'set the agency');
  return saveRecord(db, 'agency', AGENCY_ID, fields);
}
