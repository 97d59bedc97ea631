// Test data for the review and municipality pages: on top of the visit fixtures' reference data, a
// submitted-or-other visit with answers, observations and follow-ups, and sessions of each role.
import type { ComponentChildren } from 'preact';
import type { LocalRecord, UserDb } from '../../src/db/database.ts';
import type { LoginResponse } from '../../src/shared/auth.ts';
import type { Role, VisitStatus } from '../../src/shared/workflow.ts';
import { referenceRecords, renderSignedIn, seededDb } from './visit-fixtures.tsx';

const { templates } = referenceRecords();
const substanceChecklist = templates.find((t) => t.id === 'ept-v1') as unknown as LocalRecord<'template'>;

/** Asikkala, in avi-1 (Southern Finland), where the demo coordinator and inspector work. */
export const MUNICIPALITY_ID = '016';
export const VISIT_ID = '0193a0c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b';
export const INSPECTOR_ID = 'u-insp';

export function user(role: Role, regionIds: string[] = ['avi-1']): LoginResponse {
  return {
    token: `tok-${role}`,
    user: { id: `u-${role}`, username: role, name: `Test ${role}`, role, regionIds },
    expiresAt: '2030-01-01T00:00:00.000Z',
  };
}

/** A fresh database of the user's, with the reference data in it. */
export async function freshDb(session: LoginResponse): Promise<UserDb> {
  return seededDb(session.user.id);
}

const stamps = (version: number) => ({ version, deleted: false, updatedAt: '2025-03-04T10:00:00.000Z', updatedBy: INSPECTOR_ID });

/** A visit of the substance-prevention checklist with every item answered but EPT-04, which has no record. */
export async function seedVisit(db: UserDb, status: VisitStatus, extra: Partial<LocalRecord<'visit'>> = {}): Promise<void> {
  const template = substanceChecklist;
  await db.visit.put({
    id: VISIT_ID,
    municipalityId: MUNICIPALITY_ID,
    // A revision-1 visit: those made before format 2 are still reviewed and printed as they were.
    templateIds: ['ept-v1'],
    mode: 'on_site',
    inspectorId: INSPECTOR_ID,
    plannedDate: '2025-03-04',
    status,
    attendees: [{ name: 'Maija Meikäläinen', role: 'Prevention coordinator', organisation: 'Asikkala' }],
    agenda: 'Structures of substance-abuse prevention',
    summary: 'The municipality has a working group but no plan.',
    ...stamps(7),
    ...extra,
  });
  const values: Record<string, string | number> = { yes_partly_no_na: 'partly', number: 12, scale_1_5: 3, date: '2024-11-05', text: 'Some text' };
  await db.answer.bulkPut(
    template.items
      .filter((i) => i.id !== 'EPT-04')
      .map((i) => ({
        id: `${VISIT_ID}:${i.id}`,
        visitId: VISIT_ID,
        itemId: i.id,
        value: values[i.answerType] ?? null,
        ...(i.id === 'EPT-01' ? { comment: 'Decision of the welfare board, 2023' } : {}),
        ...stamps(5),
      })),
  );
  await db.observation.bulkPut([
    { id: '0193a0c4-5b6d-7e8f-9a0b-00000000000a', visitId: VISIT_ID, kind: 'concern', text: 'No working group since 2023', itemId: 'EPT-02', ...stamps(5) },
    { id: '0193a0c4-5b6d-7e8f-9a0b-00000000000b', visitId: VISIT_ID, kind: 'strength', text: 'Active youth services', ...stamps(5) },
  ]);
  await db.followUp.bulkPut([
    {
      id: '0193a0c4-5b6d-7e8f-9a0b-00000000000c',
      visitId: VISIT_ID,
      municipalityId: MUNICIPALITY_ID,
      text: 'Designate the body responsible for prevention',
      dueDate: '2025-09-30',
      status: 'open',
      legalShortcoming: true,
      ...stamps(5),
    },
  ]);
}

/** Renders a signed-in page, in English. */
export function renderAs(db: UserDb, session: LoginResponse, ui: ComponentChildren) {
  return renderSignedIn(ui, { db, session });
}

/** The outbox as the server would receive it: in seq order. */
export async function outbox(db: UserDb) {
  return db.outbox.orderBy('seq').toArray();
}
