// Who may write which field of which entity, in which status of its visit: SYNC.md's "Entities", "The
// visit's workflow" and "Who sees what", written once as a table and `authorize`. The server's push
// rules, the device's guards and the pages all ask it. Pure: the caller looks up the record's region
// and its visit. The field lists are entities.ts's and the statuses and transitions workflow.ts's; this
// module says who writes them.
import type { User } from './auth.ts';
import { coordinatorFollowUpFields, fixedFields, referenceEntities, reviewFields, serverFields, type EntityName } from './entities.ts';
import type { RejectionCode } from './errors.ts';
import { createStatuses, findTransition, inspectorEditable, reviewable, type Role, type VisitStatus } from './workflow.ts';

export type Actor = { userId: string; role: Role; regionIds: readonly string[] };
export type Op = 'create' | 'update' | 'delete';
/** A visit as the rules read it; `statusAtPushStart`: its status before the push being decided changed it. */
export type VisitState = { status: VisitStatus; inspectorId: string; statusAtPushStart?: VisitStatus | undefined };

export type WriteRequest = {
  actor: Actor;
  entity: EntityName;
  op: Op;
  /** The record's region (a visit's records: their visit's); null for reference data. */
  regionId: string | null;
  /** The visit the record is, or belongs to; on a visit's create, the visit as it would be created. */
  visit?: VisitState | undefined;
  /** The fields the write sends. */
  fields?: readonly string[];
  /**
   * Of those, the ones it changes: on an edit, those whose value differs from the stored one; on a
   * create, those it sets to a value (a null sets nothing). All of `fields` when not given.
   */
  changed?: readonly string[];
  /** A visit's move from its stored status to another. */
  transition?: { from: VisitStatus; to: VisitStatus } | undefined;
};

export type PolicyCode = Extract<RejectionCode, 'FORBIDDEN' | 'FIELD_NOT_OWNED' | 'VISIT_LOCKED' | 'BAD_TRANSITION' | 'IMMUTABLE'>;
export type Refusal = { ok: false; code: PolicyCode; message: string; path?: string[] };
/**
 * `onlyWithTransition`: the visit is locked, and the write's other fields are allowed only because its
 * transition opens the visit (a recall); if that transition does not apply, they are `VISIT_LOCKED` too.
 */
export type Decision = { ok: true; onlyWithTransition?: true } | Refusal;

// ---- The table -------------------------------------------------------------------------------------

/**
 * Who writes each entity. `admin`: reference data, the admin alone. `region`: any inspector or
 * coordinator of the record's region. `visit`: a visit and its records, field by field, by the
 * visit's inspector and the region's coordinators, in the visit's statuses below.
 */
type EntityRule =
  | { writers: 'admin' }
  | { writers: 'region' }
  | {
      writers: 'visit';
      /** Who creates it: the visit's inspector (for a visit: the inspector it names), and maybe coordinators of the region. */
      createdBy: readonly ('inspector' | 'coordinator')[];
      /** The statuses a visit is created in; `BAD_TRANSITION` otherwise. */
      createdIn?: readonly VisitStatus[];
      /** The visit's statuses in which its inspector deletes it, and the code otherwise. */
      deletedIn: readonly VisitStatus[];
      deleteRefusal: 'BAD_TRANSITION' | 'VISIT_LOCKED';
      /** Fields coordinators of the region write, while the visit is in review. */
      review?: readonly string[];
      /** Fields anyone of the region writes, in every status of the visit (follow-ups outlive their visit). */
      anyoneOfRegion?: readonly string[];
    };

const admin = { writers: 'admin' } as const;
const entityRules: Record<EntityName, EntityRule> = {
  ...(Object.fromEntries(referenceEntities.map((e) => [e, admin])) as Record<(typeof referenceEntities)[number], typeof admin>),
  contact: { writers: 'region' },
  meeting: { writers: 'region' },
  guidance: { writers: 'region' },
  plan: { writers: 'region' },
  // Who scores, consensus before finalising, and the lock: rules.ts (assessment rules), beyond who writes at all.
  assessment: { writers: 'region' },
  interview: { writers: 'region' },
  readinessScore: { writers: 'region' },
  visit: {
    writers: 'visit',
    createdBy: ['inspector', 'coordinator'],
    createdIn: createStatuses,
    deletedIn: ['planned'],
    deleteRefusal: 'BAD_TRANSITION',
    review: reviewFields.visit ?? [],
  },
  answer: { writers: 'visit', createdBy: ['inspector', 'coordinator'], deletedIn: inspectorEditable, deleteRefusal: 'VISIT_LOCKED', review: reviewFields.answer ?? [] },
  observation: { writers: 'visit', createdBy: ['inspector'], deletedIn: inspectorEditable, deleteRefusal: 'VISIT_LOCKED' },
  followUp: { writers: 'visit', createdBy: ['inspector'], deletedIn: inspectorEditable, deleteRefusal: 'VISIT_LOCKED', anyoneOfRegion: coordinatorFollowUpFields },
  attachment: { writers: 'visit', createdBy: ['inspector'], deletedIn: inspectorEditable, deleteRefusal: 'VISIT_LOCKED' },
};

/** The statuses of a visit in which each side writes its fields: the inspector theirs, coordinators the review fields. */
const writableIn: Record<'inspector' | 'coordinator', readonly VisitStatus[]> = {
  inspector: inspectorEditable,
  coordinator: [reviewable],
};

/** The kinds of field, by who writes them (see `fieldKind`). */
type FieldKind = 'server' | 'fixed' | 'admin' | 'region' | 'status' | 'review' | 'inspector';

/**
 * `server`: set by the server alone. `fixed`: set on create, `IMMUTABLE` after. `admin`: reference
 * data. `region`: anyone of the region, in every status. `status`: a visit's, moved along
 * visitTransitions by the role each names. `review`: coordinators, while the visit is in review.
 * `inspector`: the visit's inspector, while the visit is open to them.
 */
export function fieldKind(entity: EntityName, field: string): FieldKind {
  const rule = entityRules[entity];
  if (serverFields[entity]?.includes(field)) return 'server';
  if (fixedFields[entity].includes(field)) return 'fixed';
  if (rule.writers !== 'visit') return rule.writers;
  if (entity === 'visit' && field === 'status') return 'status';
  if (rule.review?.includes(field)) return 'review';
  if (rule.anyoneOfRegion?.includes(field)) return 'region';
  return 'inspector';
}

// ---- Who sees what, and who writes ------------------------------------------------------------------

/**
 * Who sees what: an admin everything; inspectors and coordinators the records of their regions, and
 * all reference data (`regionId` null). The server's pull and push results filter by it.
 */
export function maySee(user: Pick<Actor, 'role' | 'regionIds'>, regionId: string | null): boolean {
  return user.role === 'admin' || regionId === null || user.regionIds.includes(regionId);
}

const allowed: Decision = { ok: true };

/**
 * The first part of `authorize`, which needs neither the record's region nor its visit: fields the
 * server alone sets, fixed fields, and who writes the entity at all. The server asks it before it
 * validates a new record and looks up where the record belongs.
 */
export function authorizeEntity({ actor, entity, op, fields = [], changed = fields }: Omit<WriteRequest, 'regionId' | 'visit' | 'transition'>): Decision {
  if (op !== 'delete') {
    const f = serverFields[entity]?.find((x) => fields.includes(x));
    if (f) return refuse('FIELD_NOT_OWNED', `${f} is set by the server`, [f]);
  }
  if (op === 'update') {
    const f = fixedFields[entity].find((x) => changed.includes(x));
    if (f) return refuse('IMMUTABLE', `${f} cannot change once the ${entity} exists`, [f]);
  }
  if (entityRules[entity].writers === 'admin') return actor.role === 'admin' ? allowed : refuse('FORBIDDEN', 'Only an admin writes reference data');
  if (actor.role === 'admin') return refuse('FORBIDDEN', 'Admins do not write visits or contacts');
  return allowed;
}

function refuse(code: PolicyCode, message: string, path?: string[]): Refusal {
  return path ? { ok: false, code, message, path } : { ok: false, code, message };
}

/** Whether the actor may make this write; the first rule it breaks, in the order below, when not. */
export function authorize(req: WriteRequest): Decision {
  const { actor, entity, op } = req;
  const rule = entityRules[entity];
  const first = authorizeEntity(req);
  if (!first.ok || rule.writers === 'admin') return first;
  if (req.regionId === null || !actor.regionIds.includes(req.regionId)) return refuse('FORBIDDEN', 'This record belongs to a region you do not work in');
  if (rule.writers === 'region') return allowed;

  const sent = req.fields ?? [];
  const changed = req.changed ?? sent;
  // A visit and its records.
  if (op === 'update' && rule.anyoneOfRegion) {
    const beyond = changed.filter((f) => !rule.anyoneOfRegion!.includes(f));
    if (beyond.length === 0) return allowed;
    if (actor.role === 'coordinator') return refuse('FIELD_NOT_OWNED', `${beyond[0]} is written by the visit's inspector`, [beyond[0]!]);
  }
  const visit = req.visit;
  if (!visit) return refuse('VISIT_LOCKED', `This ${entity} has no visit to be written in`);
  const w: Write = { ...req, rule, visit, sent, changed };
  if (op === 'delete') return mayDelete(w);
  if (op === 'create') return mayCreate(w);
  return mayUpdate(w);
}

type Write = WriteRequest & { rule: Extract<EntityRule, { writers: 'visit' }>; visit: VisitState; sent: readonly string[]; changed: readonly string[] };

function isVisitInspector(actor: Actor, visit: VisitState): boolean {
  return actor.role === 'inspector' && visit.inspectorId === actor.userId;
}

const notTheInspector = () => refuse('FORBIDDEN', "Only the visit's inspector writes this");
const locked = (visit: VisitState, path?: string[]) => refuse('VISIT_LOCKED', `The visit is ${visit.status}: it cannot be changed now`, path);
const statusList = (statuses: readonly VisitStatus[]) => statuses.map((s) => s.replace('_', ' ')).join(' or ');

function mayDelete({ actor, visit, rule }: Write): Decision {
  if (!isVisitInspector(actor, visit)) return notTheInspector();
  if (rule.deletedIn.includes(visit.status)) return allowed;
  return rule.deleteRefusal === 'BAD_TRANSITION'
    ? refuse('BAD_TRANSITION', `Only a ${statusList(rule.deletedIn)} visit can be deleted: cancel it instead`)
    : locked(visit);
}

function mayCreate(w: Write): Decision {
  const { actor, entity, visit, rule, changed } = w;
  const creator = isVisitInspector(actor, visit) || (actor.role === 'coordinator' && rule.createdBy.includes('coordinator'));
  if (entity !== 'visit') return creator ? mayWriteFields(w) : notTheInspector();
  // The inspector it names, or a coordinator of the region for any inspector of it; not reviewed yet.
  if (rule.createdIn && !rule.createdIn.includes(visit.status)) {
    return refuse('BAD_TRANSITION', `A visit is created ${statusList(rule.createdIn)}, not ${visit.status}`, ['status']);
  }
  const reviewed = rule.review?.find((f) => changed.includes(f));
  if (reviewed) return refuse('FIELD_NOT_OWNED', `${reviewed} is written by coordinators`, [reviewed]);
  return creator ? allowed : refuse('FORBIDDEN', 'An inspector plans visits for themselves', ['inspectorId']);
}

function mayUpdate(w: Write): Decision {
  const { actor, visit, transition } = w;
  if (w.entity === 'visit' && transition) {
    const refusal = transitionRefusal(actor, visit, transition.to);
    if (refusal) {
      // The lock rule: a refused transition leaves the fields it carries locked too.
      const carriesFields = !onlyStatus(w);
      return carriesFields && !writableIn.inspector.includes(visit.status) && isVisitInspector(actor, visit) ? locked(visit, ['status']) : refusal;
    }
  }
  return mayWriteFields(w);
}

function onlyStatus(w: Write): boolean {
  return w.entity === 'visit' && w.changed.every((f) => f === 'status');
}

/** Why the actor may not move the visit to `to`, or undefined when they may. */
function transitionRefusal(actor: Actor, visit: VisitState, to: VisitStatus): Refusal | undefined {
  const t = findTransition(visit.status, to);
  if (!t) return refuse('BAD_TRANSITION', `A visit cannot go from ${visit.status} to ${to}`, ['status']);
  if (t.by !== actor.role) return refuse('FORBIDDEN', `Moving a visit to ${to} is for the ${t.by}`, ['status']);
  if (t.by === 'inspector' && visit.inspectorId !== actor.userId) return refuse('FORBIDDEN', "Only the visit's inspector moves it on", ['status']);
  return undefined;
}

/** A create of a visit's record, or an edit: whose fields it writes, and whether the visit's status lets them. */
function mayWriteFields(w: Write): Decision {
  const { actor, entity, op, visit, rule, sent, changed, transition } = w;
  const review = rule.review ?? [];
  if (actor.role === 'coordinator') {
    // Fixed fields sent unchanged write nothing (a changed one is IMMUTABLE); a visit's status was checked as a transition.
    const kinds: readonly FieldKind[] = ['review', 'fixed', 'status'];
    const foreign = sent.find((f) => !kinds.includes(fieldKind(entity, f)));
    if (foreign) return refuse('FIELD_NOT_OWNED', `${foreign} is written by the visit's inspector`, [foreign]);
    const inReview = writableIn.coordinator.includes(visit.status) || (visit.statusAtPushStart !== undefined && writableIn.coordinator.includes(visit.statusAtPushStart));
    if (!inReview) return refuse('VISIT_LOCKED', `The visit is ${visit.status}: review comments are written while it is ${statusList(writableIn.coordinator)}`);
    return allowed;
  }
  // On a create a null sets nothing; on an edit, sending a field writes it, even unchanged.
  const reviewed = (op === 'create' ? changed : sent).find((f) => review.includes(f));
  if (reviewed) return refuse('FIELD_NOT_OWNED', `${reviewed} is written by coordinators`, [reviewed]);
  if (!isVisitInspector(actor, visit)) return notTheInspector();
  if (onlyStatus(w)) return allowed;
  const open = writableIn.inspector.includes(visit.status);
  if (!open && !(transition && writableIn.inspector.includes(transition.to))) return locked(visit);
  return open ? allowed : { ok: true, onlyWithTransition: true };
}

// ---- For the pages ------------------------------------------------------------------------------------

/** The signed-in user as the pages have it (`session.user`). */
export type PolicyUser = Pick<User, 'id' | 'role' | 'regionIds'>;

export function actorOf(user: PolicyUser): Actor {
  return { userId: user.id, role: user.role, regionIds: user.regionIds };
}

/** What a page offers. */
export type UiAction =
  /** Plan a visit of one's own in the region. */
  | 'planVisit'
  /** Write the visit's own fields, its answers, observations and follow-ups (the inspector's side). */
  | 'editVisit'
  | 'deleteVisit'
  /** Write review fields: item comments, the note, the return reason (a coordinator's side). */
  | 'review'
  /** Create, edit, (de)activate and delete the region's contact persons. */
  | 'editContacts'
  /** Mark a follow-up done or dropped, or move its due date. */
  | 'closeFollowUp'
  /** Log guidance given to a municipality between visits, edit or delete it, move its follow-up. */
  | 'logGuidance'
  /** Record a municipality's plans (welfare report and plan, and the others), edit or delete them. */
  | 'editPlans'
  /** Plan the region's network meetings and trainings, invite to them, record who came, mark them held. */
  | 'editMeetings'
  /** Set the agency's name and logo for the reports. */
  | 'editAgency'
  /** Move the visit to another status. */
  | { moveTo: VisitStatus };

/** What a page knows: the region (of the municipality) and, for a visit's pages, the visit. */
export type UiContext = { regionId: string | null | undefined; visit?: Pick<VisitState, 'status' | 'inspectorId'> | null | undefined };

const uiWrites: Record<Exclude<UiAction, object>, Pick<WriteRequest, 'entity' | 'op' | 'fields'>> = {
  planVisit: { entity: 'visit', op: 'create', fields: ['municipalityId', 'templateIds', 'inspectorId', 'plannedDate', 'status', 'attendees'] },
  editVisit: { entity: 'visit', op: 'update', fields: ['summary'] },
  deleteVisit: { entity: 'visit', op: 'delete' },
  review: { entity: 'visit', op: 'update', fields: ['reviewNote'] },
  editContacts: { entity: 'contact', op: 'update', fields: ['name'] },
  closeFollowUp: { entity: 'followUp', op: 'update', fields: ['status'] },
  logGuidance: { entity: 'guidance', op: 'create', fields: ['municipalityId', 'date', 'channel', 'areas', 'topic', 'contactIds'] },
  editPlans: { entity: 'plan', op: 'update', fields: ['notes'] },
  editMeetings: { entity: 'meeting', op: 'update', fields: ['attended'] },
  editAgency: { entity: 'agency', op: 'update', fields: ['name'] },
};

/** Whether to offer the user an action: the same answer the server would give the write. */
export function can(user: PolicyUser, action: UiAction, context: UiContext): boolean {
  const base = { actor: actorOf(user), regionId: context.regionId ?? null, visit: context.visit ?? undefined };
  if (typeof action === 'object') {
    if (!context.visit) return false;
    return authorize({ ...base, entity: 'visit', op: 'update', fields: ['status'], transition: { from: context.visit.status, to: action.moveTo } }).ok;
  }
  const visit = action === 'planVisit' ? { status: 'planned' as const, inspectorId: user.id } : base.visit;
  return authorize({ ...base, ...uiWrites[action], visit }).ok;
}
