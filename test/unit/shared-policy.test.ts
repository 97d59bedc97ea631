// The write policy (src/shared/policy.ts) as tables: every entity, op and kind of field, for every
// role in its own region and in another, in every status of the visit, and every transition. Each
// table row is one test; its cells are compared all at once, so a failure shows every cell that moved.
import { describe, expect, it } from 'vitest';
import { entityFieldSchemas, entityNames, type EntityName } from '../../src/shared/entities.ts';
import { authorize, can, fieldKind, type Actor, type Op, type UiAction, type WriteRequest } from '../../src/shared/policy.ts';
import { visitStatuses, type VisitStatus } from '../../src/shared/workflow.ts';

/** The visit's own inspector, another inspector and a coordinator of its region; an inspector and a coordinator of another region; the admin. */
const actors = {
  insp: { userId: 'u-insp', role: 'inspector', regionIds: ['avi-1'] },
  other: { userId: 'u-other', role: 'inspector', regionIds: ['avi-1', 'avi-3'] },
  coord: { userId: 'u-coord', role: 'coordinator', regionIds: ['avi-1'] },
  far: { userId: 'u-far', role: 'inspector', regionIds: ['avi-2'] },
  farC: { userId: 'u-farc', role: 'coordinator', regionIds: ['avi-2'] },
  admin: { userId: 'u-admin', role: 'admin', regionIds: [] },
} satisfies Record<string, Actor>;
type Who = keyof typeof actors;
const who = Object.keys(actors) as Who[];

// Cells: `+` allowed, `F` FORBIDDEN, `O` FIELD_NOT_OWNED, `L` VISIT_LOCKED, `T` BAD_TRANSITION, `I` IMMUTABLE.
const codes: Record<string, string> = { '+': 'ok', F: 'FORBIDDEN', O: 'FIELD_NOT_OWNED', L: 'VISIT_LOCKED', T: 'BAD_TRANSITION', I: 'IMMUTABLE' };
const code = (d: ReturnType<typeof authorize>) => (d.ok ? 'ok' : d.code);

/**
 * Expectations per actor, in the order of `who`, separated by spaces: one cell for every status of the
 * visit, or six, one per status in the order planned, in_progress, submitted, returned, approved, cancelled.
 */
function cells(spec: string): Record<Who, string[]> {
  const groups = spec.trim().split(/\s+/);
  expect(groups, spec).toHaveLength(who.length);
  return Object.fromEntries(who.map((w, i) => [w, [...(groups[i]!.length === 1 ? groups[i]!.repeat(6) : groups[i]!)].map((c) => codes[c]!)])) as Record<Who, string[]>;
}

/** Checks a row: the request for each actor and status, against the cells. */
function expectRow(spec: string, request: (actor: Actor, status: VisitStatus) => WriteRequest): void {
  const want = cells(spec);
  const got: Record<string, string> = {};
  const wanted: Record<string, string> = {};
  for (const w of who) {
    visitStatuses.forEach((status, i) => {
      got[`${w} ${status}`] = code(authorize(request(actors[w], status)));
      wanted[`${w} ${status}`] = want[w][i]!;
    });
  }
  expect(got).toEqual(wanted);
}

const newVisit = 'municipalityId templateIds inspectorId plannedDate status attendees';
const newAnswer = 'visitId itemId value';
const newObservation = 'visitId kind text';
const newAttachment = 'visitId sha256 thumbSha256 mediaType bytes caption fileName';
const newFollowUp = 'visitId municipalityId text status legalShortcoming';
const newContact = 'municipalityId name areas active';

// Each row: entity, op, the fields sent (`|` then the ones changed, when not all of them), and the cells
// for insp other coord far farC admin. The visit belongs to insp, in avi-1; on a visit's create, the
// status is the one it is created in, naming insp.
const table: [EntityName, Op, string, string][] = [
  //                                                  insp   other  coord  far farC admin
  ['visit', 'create', newVisit, /*                */ '++TTTT FFTTTT ++TTTT F F F'],
  ['visit', 'create', `${newVisit} reviewNote`, /* */ 'OOTTTT OOTTTT OOTTTT F F F'],
  ['visit', 'create', `${newVisit} approvedAt`, /* */ 'O O O O O O'],
  ['visit', 'update', 'summary', /*               */ '++L+LL F O F F F'],
  ['visit', 'update', 'attendees agenda plannedDate', '++L+LL F O F F F'],
  ['visit', 'update', 'reviewNote', /*            */ 'O O LL+LLL F F F'],
  ['visit', 'update', 'returnReason', /*          */ 'O O LL+LLL F F F'],
  ['visit', 'update', 'approvedBy', /*            */ 'O O O O O O'],
  ['visit', 'update', 'municipalityId', /*        */ 'I I I I I I'],
  ['visit', 'update', 'inspectorId', /*           */ 'I I I I I I'],
  ['visit', 'update', 'municipalityId summary |summary', '++L+LL F O F F F'],
  ['visit', 'update', 'municipalityId |', /*      */ '+ F LL+LLL F F F'],
  ['visit', 'delete', '', /*                      */ '+TTTTT F F F F F'],
  ['answer', 'create', newAnswer, /*              */ '++L+LL F O F F F'],
  ['answer', 'create', 'visitId itemId reviewComment', 'O F LL+LLL F F F'],
  ['answer', 'create', `${newAnswer} reviewComment |visitId itemId`, '++L+LL F O F F F'],
  ['answer', 'update', 'value comment', /*        */ '++L+LL F O F F F'],
  ['answer', 'update', 'reviewComment', /*        */ 'O O LL+LLL F F F'],
  ['answer', 'update', 'itemId', /*               */ 'I I I I I I'],
  ['answer', 'delete', '', /*                     */ '++L+LL F F F F F'],
  ['observation', 'create', newObservation, /*    */ '++L+LL F F F F F'],
  ['observation', 'update', 'text kind itemId', /**/ '++L+LL F O F F F'],
  ['observation', 'update', 'visitId', /*         */ 'I I I I I I'],
  ['observation', 'delete', '', /*                */ '++L+LL F F F F F'],
  ['attachment', 'create', newAttachment, /*     */ '++L+LL F F F F F'],
  ['attachment', 'create', 'visitId observationId sha256 mediaType bytes', '++L+LL F F F F F'],
  ['attachment', 'update', 'caption', /*          */ '++L+LL F O F F F'],
  ['attachment', 'update', 'observationId itemId', '++L+LL F O F F F'],
  ['attachment', 'update', 'sha256', /*           */ 'I I I I I I'],
  ['attachment', 'update', 'thumbSha256', /*      */ 'I I I I I I'],
  ['attachment', 'update', 'mediaType bytes', /*  */ 'I I I I I I'],
  ['attachment', 'update', 'visitId', /*          */ 'I I I I I I'],
  ['attachment', 'delete', '', /*                 */ '++L+LL F F F F F'],
  ['followUp', 'create', newFollowUp, /*          */ '++L+LL F F F F F'],
  ['followUp', 'update', 'status', /*             */ '+ + + F F F'],
  ['followUp', 'update', 'dueDate status', /*     */ '+ + + F F F'],
  ['followUp', 'update', 'text', /*               */ '++L+LL F O F F F'],
  ['followUp', 'update', 'status legalShortcoming', '++L+LL F O F F F'],
  ['followUp', 'update', 'text status |status', /**/ '+ + + F F F'],
  ['followUp', 'update', 'municipalityId', /*     */ 'I I I I I I'],
  ['followUp', 'delete', '', /*                   */ '++L+LL F F F F F'],
  ['contact', 'create', newContact, /*            */ '+ + + F F F'],
  ['contact', 'update', 'name notes active', /*   */ '+ + + F F F'],
  ['contact', 'update', 'municipalityId', /*      */ 'I I I I I I'],
  ['contact', 'delete', '', /*                    */ '+ + + F F F'],
  ['region', 'create', 'name', /*                 */ 'F F F F F +'],
  ['region', 'update', 'name', /*                 */ 'F F F F F +'],
  ['region', 'delete', '', /*                     */ 'F F F F F +'],
  ['municipality', 'update', 'name regionId', /*  */ 'F F F F F +'],
  ['template', 'create', 'key revision area title sections items', 'F F F F F +'],
  ['template', 'update', 'title', /*              */ 'F F F F F +'],
  ['template', 'update', 'items', /*              */ 'I I I I I I'],
  ['template', 'delete', '', /*                   */ 'F F F F F +'],
];

const visitRecords: readonly EntityName[] = ['visit', 'answer', 'observation', 'followUp', 'attachment'];

function request(entity: EntityName, op: Op, fieldSpec: string, actor: Actor, status: VisitStatus): WriteRequest {
  const [sent, changed] = fieldSpec.split('|').map((s) => s.trim().split(/\s+/).filter(Boolean));
  const regionId = entity === 'contact' || visitRecords.includes(entity) ? 'avi-1' : null;
  return {
    actor,
    entity,
    op,
    regionId,
    ...(visitRecords.includes(entity) ? { visit: { status, inspectorId: 'u-insp' } } : {}),
    fields: sent!,
    ...(changed ? { changed } : {}),
  };
}

describe('who writes what, in which status of the visit', () => {
  for (const [entity, op, fields, spec] of table) {
    it(`${entity} ${op} ${fields}`.trim(), () => expectRow(spec, (actor, status) => request(entity, op, fields, actor, status)));
  }
});

// Rows: the status a visit moves from; columns: the status it moves to (planned, in_progress,
// submitted, returned, approved, cancelled). Only the status is sent.
const moves: Record<Who, string> = {
  insp: /*    */ 'T+TTT+ TT+TT+ T+TFFT T+TTTT TTTTTT TTTTTT',
  other: /*   */ 'TFTTTF TTFTTF TFTFFT TFTTTT TTTTTT TTTTTT',
  coord: /*   */ 'TFTTTF TTFTTF TFT++T TFTTTT TTTTTT TTTTTT',
  far: /*     */ 'F F F F F F',
  farC: /*    */ 'F F F F F F',
  admin: /*   */ 'F F F F F F',
};

describe('the visit workflow', () => {
  for (const w of who) {
    it(`moves a visit for ${w}`, () => {
      const rows = moves[w].split(/\s+/);
      const got: Record<string, string> = {};
      const wanted: Record<string, string> = {};
      visitStatuses.forEach((from, i) => {
        const row = rows[i]!.length === 1 ? rows[i]!.repeat(6) : rows[i]!;
        visitStatuses.forEach((to, j) => {
          const d = authorize({ actor: actors[w], entity: 'visit', op: 'update', regionId: 'avi-1', visit: { status: from, inspectorId: 'u-insp' }, fields: ['status'], transition: { from, to } });
          got[`${from} → ${to}`] = code(d);
          wanted[`${from} → ${to}`] = codes[row[j]!]!;
        });
      });
      expect(got).toEqual(wanted);
    });
  }

  // The lock rule: fields ride on a transition, or stay locked.
  const carried: [Who, VisitStatus, VisitStatus, string, string][] = [
    ['insp', 'submitted', 'in_progress', 'summary', 'ok, only with the transition'],
    ['insp', 'in_progress', 'submitted', 'summary', 'ok'],
    ['insp', 'returned', 'in_progress', 'summary', 'ok'],
    ['insp', 'approved', 'in_progress', 'summary', 'VISIT_LOCKED status'],
    ['insp', 'submitted', 'approved', 'agenda', 'VISIT_LOCKED status'],
    ['insp', 'in_progress', 'approved', 'summary', 'BAD_TRANSITION status'],
    ['insp', 'submitted', 'in_progress', 'reviewNote', 'FIELD_NOT_OWNED reviewNote'],
    ['other', 'submitted', 'in_progress', 'summary', 'FORBIDDEN status'],
    ['coord', 'submitted', 'returned', 'returnReason', 'ok'],
    ['coord', 'submitted', 'approved', 'summary', 'FIELD_NOT_OWNED summary'],
    ['coord', 'in_progress', 'approved', 'reviewNote', 'BAD_TRANSITION status'],
  ];
  it('carries fields with a transition only when the transition opens the visit or it is open', () => {
    const got = carried.map(([w, from, to, field]) => {
      const d = authorize({ actor: actors[w], entity: 'visit', op: 'update', regionId: 'avi-1', visit: { status: from, inspectorId: 'u-insp' }, fields: ['status', field], transition: { from, to } });
      return d.ok ? (d.onlyWithTransition ? 'ok, only with the transition' : 'ok') : `${d.code} ${d.path?.join('.') ?? ''}`.trim();
    });
    expect(got).toEqual(carried.map((c) => c[4]));
  });

  it("takes review fields in the push that returns or approves the visit (its status at the push's start)", () => {
    const review = (status: VisitStatus, statusAtPushStart?: VisitStatus) =>
      code(authorize({ actor: actors.coord, entity: 'answer', op: 'update', regionId: 'avi-1', visit: { status, inspectorId: 'u-insp', statusAtPushStart }, fields: ['reviewComment'] }));
    expect([review('returned', 'submitted'), review('approved', 'submitted'), review('returned', 'returned'), review('returned')]).toEqual(['ok', 'ok', 'VISIT_LOCKED', 'VISIT_LOCKED']);
  });
});

describe('the kinds of field', () => {
  // SYNC.md's "Entities": who writes each field.
  const kinds: Record<EntityName, string> = {
    region: 'name:admin abbr:admin',
    municipality: 'name:admin regionId:admin province:admin',
    template: 'key:fixed revision:fixed area:fixed title:admin legalBasis:admin replaces:admin superseded:admin sections:fixed items:fixed',
    agency: 'name:admin logo:admin',
    contact: 'municipalityId:fixed name:region title:region organisation:region areas:region email:region phone:region notes:region active:region confirmedAt:region',
    visit:
      'municipalityId:fixed templateIds:fixed diaryNumber:inspector mode:inspector inspectorId:fixed plannedDate:inspector status:status attendees:inspector agenda:inspector summary:inspector ' +
      'returnReason:review reviewNote:review approvedAt:server approvedBy:server',
    answer: 'visitId:fixed itemId:fixed value:inspector details:inspector comment:inspector reviewComment:review',
    observation: 'visitId:fixed itemId:inspector kind:inspector text:inspector',
    followUp: 'visitId:fixed municipalityId:fixed text:inspector dueDate:region status:region legalShortcoming:inspector',
    meeting:
      'regionId:fixed title:region kind:region areas:region date:region startTime:region endTime:region place:region onlineLink:region agenda:region status:region ' +
      'invited:region attended:region guests:region minutes:region materials:region',
    guidance: 'municipalityId:fixed date:region channel:region areas:region topic:region contactIds:region notes:region followUpText:region followUpDue:region followUpStatus:region',
    plan:
      'municipalityId:fixed kind:region title:region adoptedOn:region adoptedBy:region validFrom:region validTo:region nextRevisionDue:region documentUrl:region ' +
      'reviewVisitId:region notes:region',
    assessment: 'municipalityId:fixed area:fixed issue:region scorerIds:region status:region notes:region finalisedAt:server finalisedBy:server',
    interview: 'assessmentId:fixed role:region sector:region date:region consensus:region notes:region',
    readinessScore: 'assessmentId:fixed interviewId:fixed scorerId:fixed scores:region done:region',
    attachment: 'visitId:fixed observationId:inspector itemId:inspector sha256:fixed thumbSha256:fixed mediaType:fixed bytes:fixed caption:inspector fileName:inspector',
  };
  it('are those of SYNC.md, for every field of every entity', () => {
    for (const entity of entityNames) {
      const got = Object.keys(entityFieldSchemas[entity].shape).map((f) => `${f}:${fieldKind(entity, f)}`);
      expect(got.join(' '), entity).toBe(kinds[entity]);
    }
  });
});

describe('what the pages offer', () => {
  const user = (w: Who) => ({ id: actors[w].userId, role: actors[w].role, regionIds: actors[w].regionIds });
  // `+` offered, `-` not; cells as in the table above.
  const offers: [UiAction, string][] = [
    ['planVisit', '+ + + - - -'],
    ['editVisit', '++-+-- - - - - -'],
    ['deleteVisit', '+----- - - - - -'],
    ['review', '- - --+--- - - -'],
    ['editContacts', '+ + + - - -'],
    ['closeFollowUp', '+ + + - - -'],
    ['logGuidance', '+ + + - - -'],
    [{ moveTo: 'submitted' }, '-+---- - - - - -'],
    [{ moveTo: 'in_progress' }, '+-++-- - - - - -'],
    [{ moveTo: 'approved' }, '- - --+--- - - -'],
  ];
  for (const [action, spec] of offers) {
    it(`offer ${JSON.stringify(action)}`, () => {
      const groups = spec.split(/\s+/);
      const got: Record<string, boolean> = {};
      const wanted: Record<string, boolean> = {};
      who.forEach((w, i) => {
        const row = groups[i]!.length === 1 ? groups[i]!.repeat(6) : groups[i]!;
        visitStatuses.forEach((status, j) => {
          got[`${w} ${status}`] = can(user(w), action, { regionId: 'avi-1', visit: { status, inspectorId: 'u-insp' } });
          wanted[`${w} ${status}`] = row[j] === '+';
        });
      });
      expect(got).toEqual(wanted);
    });
  }

  it('offer nothing of a visit without the visit, nor anything of a region not known', () => {
    expect(can(user('insp'), 'editVisit', { regionId: 'avi-1' })).toBe(false);
    expect(can(user('insp'), { moveTo: 'in_progress' }, { regionId: 'avi-1', visit: null })).toBe(false);
    expect(can(user('coord'), 'editContacts', { regionId: undefined })).toBe(false);
    expect(can(user('coord'), 'closeFollowUp', { regionId: 'avi-1' })).toBe(true);
  });
});
