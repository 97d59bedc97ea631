// A municipality's plans on the device: recorded offline with its outbox row, an edit sending only what
// changed, a delete, another region's municipality refused; the plan-v1 visits offered as a plan's review.
import { describe, expect, it } from 'vitest';
import { openUserDb } from '../../src/db/database.ts';
import { deletePlan, loadPlanReviewVisits, loadPlans, savePlan, type PlanInput } from '../../src/db/plans.ts';
import { WriteRefusedError } from '../../src/db/guard.ts';

let n = 0;
async function freshDb() {
  const db = openUserDb(`plans-${++n}-${Date.now()}`);
  const province = { code: '01', fi: 'Uusimaa', sv: 'Nyland' };
  await db.municipality.bulkPut([
    { id: '091', name: { fi: 'Helsinki', sv: 'Helsingfors' }, regionId: 'avi-1', province },
    { id: '049', name: { fi: 'Espoo', sv: 'Esbo' }, regionId: 'avi-2', province },
  ]);
  return db;
}
const inspector = { id: 'u-1', role: 'inspector' as const, regionIds: ['avi-1'] };
const input: PlanInput = {
  kind: 'welfare_plan',
  title: ' Hyvinvointikertomus ja -suunnitelma 2025–2028 ',
  adoptedOn: '2025-11-10',
  adoptedBy: 'Kaupunginvaltuusto',
  validFrom: '',
  validTo: '2029-05-31',
  nextRevisionDue: '',
  documentUrl: 'https://www.hel.fi/suunnitelma.pdf',
  reviewVisitId: '',
  notes: '',
};

describe('plans on the device', () => {
  it('records a plan offline with its outbox row, empty texts as null', async () => {
    const db = await freshDb();
    const saved = await savePlan(db, '091', input, undefined, inspector);
    expect(await loadPlans(db, '091')).toEqual([expect.objectContaining({ id: saved.id, kind: 'welfare_plan', title: 'Hyvinvointikertomus ja -suunnitelma 2025–2028', validFrom: null })]);
    const rows = await db.outbox.toArray();
    expect(rows).toEqual([expect.objectContaining({ entity: 'plan', id: saved.id, op: 'upsert', baseVersion: null })]);
    expect(rows[0]).toMatchObject({ fields: { municipalityId: '091', adoptedBy: 'Kaupunginvaltuusto', documentUrl: 'https://www.hel.fi/suunnitelma.pdf' } });
  });

  it('sends only what an edit changed', async () => {
    const db = await freshDb();
    const saved = await savePlan(db, '091', input, undefined, inspector);
    // As if the create had been pushed and pulled back.
    await db.outbox.clear();
    await db.plan.update(saved.id, { version: 3 });
    await savePlan(db, '091', { ...input, nextRevisionDue: '2029-03-31', adoptedBy: 'Kaupunginvaltuusto' }, saved.id, inspector);
    const rows = await db.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ op: 'upsert', baseVersion: 3 });
    expect(rows[0]!.op === 'upsert' && rows[0]!.fields).toEqual({ nextRevisionDue: '2029-03-31' });
    // Nothing changed: nothing sent.
    await db.outbox.clear();
    await savePlan(db, '091', { ...input, nextRevisionDue: '2029-03-31' }, saved.id, inspector);
    expect(await db.outbox.count()).toBe(0);
  });

  it('deletes a plan, and refuses a plan of another region’s municipality', async () => {
    const db = await freshDb();
    const saved = await savePlan(db, '091', input, undefined, inspector);
    await deletePlan(db, saved.id, inspector);
    expect(await loadPlans(db, '091')).toEqual([]);
    await expect(savePlan(db, '049', input, undefined, inspector)).rejects.toBeInstanceOf(WriteRefusedError);
    expect(await db.plan.where('municipalityId').equals('049').count()).toBe(0);
  });

  it('offers the municipality’s plan-v1 visits as a review, cancelled and deleted ones left out, the latest first', async () => {
    const db = await freshDb();
    const visit = (id: string, municipalityId: string, templateIds: string[], plannedDate: string, status: 'approved' | 'cancelled' | 'planned', deleted = false) => ({
      id, municipalityId, templateIds, plannedDate, status, inspectorId: 'u-1', mode: 'on_site' as const, attendees: [], ...(deleted ? { deleted } : {}),
    });
    await db.visit.bulkPut([
      visit('v1', '091', ['plan-v1'], '2025-03-01', 'approved'),
      visit('v2', '091', ['ept-v2', 'plan-v1'], '2025-09-01', 'planned'),
      visit('v3', '091', ['plan-v1'], '2025-10-01', 'cancelled'),
      visit('v4', '091', ['plan-v1'], '2025-11-01', 'approved', true),
      visit('v5', '091', ['ept-v2'], '2025-12-01', 'approved'),
      visit('v6', '049', ['plan-v1'], '2025-12-01', 'approved'),
    ]);
    expect((await loadPlanReviewVisits(db, '091')).map((v) => v.id)).toEqual(['v2', 'v1']);
  });
});
