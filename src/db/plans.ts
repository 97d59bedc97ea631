// A municipality's plans on the device: recorded, edited (only what changed is sent) and deleted, each
// checked against the shared policy (guard.ts) and stored with its outbox row in one transaction; the
// plan-v1 visits that may be named as a plan's review. The plans' state is plan-state.ts's.
import type { PolicyUser } from '../shared/policy.ts';
import type { PlanFields } from '../shared/records.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { checkWrite, regionOf } from './guard.ts';
import { uuidv7 } from './uuidv7.ts';
import { deleteRecord, saveRecord } from './write.ts';

/** The checklist that reviews a municipality's plans. */
const PLAN_REVIEW_TEMPLATE = 'plan-v1';

/** What the plan form holds: texts as typed ('' for none). */
export type PlanInput = Pick<PlanFields, 'kind'> & {
  title: string;
  adoptedOn: string;
  adoptedBy: string;
  validFrom: string;
  validTo: string;
  nextRevisionDue: string;
  documentUrl: string;
  reviewVisitId: string;
  notes: string;
};

function toFields(input: PlanInput): Omit<PlanFields, 'municipalityId'> {
  const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    kind: input.kind,
    title: orNull(input.title),
    adoptedOn: orNull(input.adoptedOn),
    adoptedBy: orNull(input.adoptedBy),
    validFrom: orNull(input.validFrom),
    validTo: orNull(input.validTo),
    nextRevisionDue: orNull(input.nextRevisionDue),
    documentUrl: orNull(input.documentUrl),
    reviewVisitId: orNull(input.reviewVisitId),
    notes: orNull(input.notes),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Records a plan (no id, or an id not yet on the device) or edits one; an edit sends only what changed. */
export async function savePlan(db: UserDb, municipalityId: string, input: PlanInput, id: string | undefined, user: PolicyUser): Promise<LocalRecord<'plan'>> {
  const fields = toFields(input);
  return db.transaction('rw', [db.municipality, db.plan, db.outbox], async () => {
    const existing = id ? await db.plan.get(id) : undefined;
    if (!existing) {
      const created = { municipalityId, ...fields };
      checkWrite(user, { entity: 'plan', op: 'create', fields: Object.keys(created), regionId: await regionOf(db, municipalityId) }, 'record a plan');
      return saveRecord(db, 'plan', id ?? uuidv7(), created);
    }
    const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => !same(v, existing[k as keyof PlanFields])));
    if (Object.keys(changed).length === 0) return existing;
    checkWrite(user, { entity: 'plan', op: 'update', fields: Object.keys(changed) }, 'change a plan');
    return saveRecord(db, 'plan', existing.id, changed);
  });
}

export async function deletePlan(db: UserDb, id: string, user: PolicyUser): Promise<void> {
  await db.transaction('rw', db.plan, db.outbox, async () => {
    if (!(await db.plan.get(id))) return;
    checkWrite(user, { entity: 'plan', op: 'delete' }, 'delete a plan');
    await deleteRecord(db, 'plan', id);
  });
}

/** A municipality's plans, live ones, the latest adopted first (undated last). */
export async function loadPlans(db: UserDb, municipalityId: string): Promise<LocalRecord<'plan'>[]> {
  const plans = await db.plan.where('municipalityId').equals(municipalityId).toArray();
  return plans.filter((p) => !p.deleted).sort((a, b) => (b.adoptedOn ?? '').localeCompare(a.adoptedOn ?? '') || (a.id < b.id ? 1 : -1));
}

/** The municipality's visits on the plan-v1 checklist, cancelled ones left out, the latest first: a plan's review to choose. */
export async function loadPlanReviewVisits(db: UserDb, municipalityId: string): Promise<LocalRecord<'visit'>[]> {
  const visits = await db.visit.where('municipalityId').equals(municipalityId).toArray();
  return visits
    .filter((v) => !v.deleted && v.status !== 'cancelled' && v.templateIds.includes(PLAN_REVIEW_TEMPLATE))
    .sort((a, b) => b.plannedDate.localeCompare(a.plannedDate) || (a.id < b.id ? 1 : -1));
}
