import type { SeedResult, Store } from '../store/store.ts';
import { loadReferenceData } from './reference-data.ts';

/** Writes the reference data that differs from what is stored, under one new version; a no-op the second time. */
export async function seedReferenceData(store: Pick<Store, 'seedRecords'>, now: Date = new Date()): Promise<SeedResult> {
  return store.seedRecords(loadReferenceData(), now.toISOString());
}
