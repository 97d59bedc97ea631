// @vitest-environment node
// The push rules on their own: rights, ownership, workflow and conflicts, over an in-memory lookup.
import { describe, expect, it } from 'vitest';
import type { EntityName } from '../../src/shared/entities.ts';
import type { Mutation } from '../../src/shared/protocol.ts';
import type { VisitStatus } from '../../src/shared/workflow.ts';
import { uuidv7 } from '../../src/db/uuidv7.ts';
import { decide, type Actor, type Fields, type Lookup, type StoredBlob, type StoredRecord } from '../../src/server/sync/rules.ts';

const text3 = { fi: 'x', sv: 'x', en: 'x' };
const visitId = '0193a3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b';
const inspector: Actor = { userId: 'u-insp', role: 'inspector', regionIds: ['avi-1'], clientId: 'c-tablet' };
const otherInspector: Actor = { userId: 'u-insp2', role: 'inspector', regionIds: ['avi-1'], clientId: 'c-other' };
const coordinator: Actor = { userId: 'u-coord', role: 'coordinator', regionIds: ['avi-1'], clientId: 'c-coord' };
const farInspector: Actor = { userId: 'u-far', role: 'inspector', regionIds: ['avi-2'], clientId: 'c-far' };
const now = new Date('2026-11-22T10:00:00Z');

function world(visitStatus: VisitStatus = 'in_progress') {
  const records = new Map<string, StoredRecord>();
  const blobs = new Map<string, StoredBlob>();
  const put = (entity: EntityName, id: string, data: Fields, regionId: string | null = null, fieldMeta = {}) =>
    records.set(`${entity}/${id}`, { entity, id, version: 10, deleted: false, regionId, data, fieldMeta });
  put('municipality', '091', { name: { fi: 'Helsinki', sv: 'Helsingfors' }, regionId: 'avi-1', province: { code: '01', fi: 'Uusimaa', sv: 'Nyland' } });
  const template = (revision: number, items: Fields[], extra: Fields = {}) => ({ key: 'ept', revision, area: 'substance', title: text3, sections: [{ id: 's', title: text3 }], items, ...extra });
  put('template', 'ept-v1', template(1, [{ id: 'A', sectionId: 's', question: text3, answerType: 'yes_partly_no_na', basis: 'b' }], { superseded: true }));
  put(
    'template',
    'ept-v2',
    template(2, [
      { id: 'A', sectionId: 's', question: text3, answerType: 'yes_partly_no_na', required: true, statutory: true, commentRequiredWhen: ['partly', 'no', 'not_assessed'], basis: text3,
        details: [{ id: 'body', answerType: 'text', label: text3, showWhen: ['yes'] }, { id: 'fte', answerType: 'number', label: text3, unit: text3, min: 0, max: 20, showWhen: ['yes'] }] },
      { id: 'B', sectionId: 's', question: text3, answerType: 'scale', min: 1, max: 5, anchors: [{ value: 1, label: text3 }, { value: 5, label: text3 }], required: true, basis: text3 },
      { id: 'C', sectionId: 's', question: text3, answerType: 'text', required: false, basis: text3 },
      { id: 'D', sectionId: 's', question: text3, answerType: 'choices', options: [{ id: 'police', label: text3 }, { id: 'youth', label: text3 }], required: false, basis: text3 },
      { id: 'E', sectionId: 's', question: text3, answerType: 'number', unit: text3, min: 0, max: 100, integer: true, required: false, basis: text3 },
    ]),
  );
  put('template', 'hyte-v2', { ...template(2, [{ id: 'H', sectionId: 's', question: text3, answerType: 'date', basis: text3 }]), key: 'hyte', area: 'welfare' });
  put(
    'visit',
    visitId,
    { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: 'u-insp', plannedDate: '2026-12-01', status: visitStatus, attendees: [] },
    'avi-1',
    { summary: [12, 'c-coord-old'] },
  );
  const lookup: Lookup = {
    get: (entity, id) => records.get(`${entity}/${id}`),
    answersOf: (v) => [...records.values()].filter((r) => r.entity === 'answer' && r.data.visitId === v && !r.deleted),
    interviewsOf: (a) => [...records.values()].filter((r) => r.entity === 'interview' && r.data.assessmentId === a && !r.deleted),
    isInspectorIn: (userId, regionId) => ['u-insp', 'u-insp2'].includes(userId) && regionId === 'avi-1',
    isColleagueIn: (userId, regionId) => ['u-insp', 'u-insp2', 'u-coord'].includes(userId) && regionId === 'avi-1',
    statusAtPushStart: (id) => records.get(`visit/${id}`)?.data.status as VisitStatus,
    blob: (sha256) => blobs.get(sha256),
  };
  return { lookup, put, records, blobs };
}

let seq = 0;
let ids = 0;
/** A fresh device-made id, as the app makes them: a UUID in canonical lowercase form. */
function newId(): string {
  return `0193a3c4-5d6e-7f80-9a1b-${String(++ids).padStart(12, '0')}`;
}
function upsert(entity: EntityName, id: string, fields: Fields, baseVersion: number | null = 10): Mutation {
  return { seq: ++seq, entity, id, op: 'upsert', baseVersion, fields };
}

function code(d: ReturnType<typeof decide>): string {
  return d.ok ? d.op : d.error.code;
}

describe('creating records', () => {
  it('lets an inspector plan their own visit in their region, and no one else', () => {
    const { lookup } = world();
    const fields = { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: 'u-insp', plannedDate: '2026-12-02', status: 'planned' };
    const id = '0193a3c4-5d6e-7f80-9a1b-000000000001';
    expect(code(decide(upsert('visit', id, fields, null), inspector, lookup, now))).toBe('create');
    expect(code(decide(upsert('visit', id, fields, null), otherInspector, lookup, now))).toBe('FORBIDDEN');
    expect(code(decide(upsert('visit', id, fields, null), farInspector, lookup, now))).toBe('FORBIDDEN');
    expect(code(decide(upsert('visit', id, fields, null), coordinator, lookup, now))).toBe('create');
    expect(code(decide(upsert('visit', id, { ...fields, inspectorId: 'u-coord' }, null), coordinator, lookup, now))).toBe('INVALID');
    expect(code(decide(upsert('visit', id, { ...fields, status: 'submitted' }, null), inspector, lookup, now))).toBe('BAD_TRANSITION');
    expect(code(decide(upsert('visit', id, { ...fields, approvedAt: now.toISOString() }, null), inspector, lookup, now))).toBe('FIELD_NOT_OWNED');
    expect(code(decide(upsert('visit', id, fields, 3), inspector, lookup, now))).toBe('NOT_FOUND');
  });

  it('checks an answer against its item: id, item and value type', () => {
    const { lookup } = world();
    const ok = decide(upsert('answer', `${visitId}:A`, { visitId, itemId: 'A', value: 'partly' }, null), inspector, lookup, now);
    expect(ok.ok && ok.regionId).toBe('avi-1');
    const wrongType = decide(upsert('answer', `${visitId}:B`, { visitId, itemId: 'B', value: 'yes' }, null), inspector, lookup, now);
    expect(wrongType.ok ? null : wrongType.error).toMatchObject({ code: 'INVALID', path: ['value'] });
    expect(code(decide(upsert('answer', `${visitId}:Z`, { visitId, itemId: 'Z', value: null }, null), inspector, lookup, now))).toBe('INVALID');
    expect(code(decide(upsert('answer', 'other-id', { visitId, itemId: 'A', value: 'yes' }, null), inspector, lookup, now))).toBe('INVALID');
    expect(code(decide(upsert('answer', `${visitId}:A`, { visitId, itemId: 'A', value: 'yes' }, null), otherInspector, lookup, now))).toBe('FORBIDDEN');
  });

  it('plans a visit on one template of each of its areas, a superseded one too (planned offline before the update)', () => {
    const { lookup } = world();
    const fields = { municipalityId: '091', inspectorId: 'u-insp', plannedDate: '2026-12-02', status: 'planned' };
    const plan = (templateIds: unknown) => decide(upsert('visit', newId(), { ...fields, templateIds }, null), inspector, lookup, now);
    expect(code(plan(['ept-v2', 'hyte-v2']))).toBe('create');
    expect(code(plan(['ept-v1']))).toBe('create');
    const twoOfOneArea = plan(['ept-v2', 'ept-v1']);
    expect(twoOfOneArea.ok ? null : twoOfOneArea.error).toMatchObject({ code: 'INVALID', path: ['templateIds', 1] });
    expect(code(plan(['ept-v2', 'nope-v1']))).toBe('INVALID');
    expect(code(plan([]))).toBe('INVALID');
    expect(code(plan(['ept-v2', 'ept-v2']))).toBe('INVALID');
    expect(code(decide(upsert('visit', newId(), { ...fields, templateId: 'ept-v2' }, null), inspector, lookup, now))).toBe('INVALID');
  });

  it('checks a format-2 answer against its item: bounds, options, details, in whichever template of the visit holds it', () => {
    const { lookup, put } = world();
    put('visit', visitId, { municipalityId: '091', templateIds: ['ept-v2', 'hyte-v2'], inspectorId: 'u-insp', plannedDate: '2026-12-01', status: 'in_progress', attendees: [] }, 'avi-1');
    const answer = (itemId: string, fields: Fields) => code(decide(upsert('answer', `${visitId}:${itemId}`, { visitId, itemId, value: null, ...fields }, null), inspector, lookup, now));
    expect(answer('H', { value: '2026-02-20' })).toBe('create');
    expect(answer('B', { value: 5 })).toBe('create');
    expect(answer('B', { value: 6 })).toBe('INVALID');
    expect(answer('D', { value: ['police', 'youth'] })).toBe('create');
    expect(answer('D', { value: ['tv'] })).toBe('INVALID');
    expect(answer('E', { value: 101 })).toBe('INVALID');
    expect(answer('E', { value: 2.5 })).toBe('INVALID');
    expect(answer('A', { value: 'yes', details: { body: 'Hyvinvointilautakunta', fte: 0.5 } })).toBe('create');
    const badDetail = decide(upsert('answer', `${visitId}:A`, { visitId, itemId: 'A', value: 'yes', details: { fte: 25 } }, null), inspector, lookup, now);
    expect(badDetail.ok ? null : badDetail.error).toMatchObject({ code: 'INVALID', path: ['details', 'fte'] });
    expect(answer('A', { value: 'yes', details: { colour: 'red' } })).toBe('INVALID');
  });

  it('locks a submitted visit against the inspector but not follow-up state', () => {
    const { lookup, put } = world('submitted');
    const obs = decide(upsert('observation', newId(), { visitId, kind: 'note', text: 'late' }, null), inspector, lookup, now);
    expect(code(obs)).toBe('VISIT_LOCKED');
    const f1 = newId();
    put('followUp', f1, { visitId, municipalityId: '091', text: 'Appoint a group', status: 'open', legalShortcoming: true }, 'avi-1');
    expect(code(decide(upsert('followUp', f1, { status: 'done' }), inspector, lookup, now))).toBe('update');
    expect(code(decide(upsert('followUp', f1, { dueDate: '2027-01-31' }), coordinator, lookup, now))).toBe('update');
    expect(code(decide(upsert('followUp', f1, { text: 'Changed' }), inspector, lookup, now))).toBe('VISIT_LOCKED');
    expect(code(decide(upsert('followUp', f1, { text: 'Changed' }), coordinator, lookup, now))).toBe('FIELD_NOT_OWNED');
  });
});

describe('attachments', () => {
  const photo = 'a'.repeat(64);
  const thumb = 'b'.repeat(64);
  const attachment = (extra: Fields = {}): Fields => ({ visitId, sha256: photo, thumbSha256: thumb, mediaType: 'image/jpeg', bytes: 300_000, caption: 'The decision', ...extra });
  const held = () => {
    const w = world();
    w.blobs.set(photo, { bytes: 300_000, mediaType: 'image/jpeg' });
    w.blobs.set(thumb, { bytes: 12_000, mediaType: 'image/jpeg' });
    return w;
  };
  const error = (d: ReturnType<typeof decide>) => (d.ok ? d.op : { code: d.error.code, path: d.error.path });

  it('takes an attachment whose files the server holds, of the size and type it says', () => {
    const { lookup } = held();
    expect(code(decide(upsert('attachment', newId(), attachment(), null), inspector, lookup, now))).toBe('create');
    expect(code(decide(upsert('attachment', newId(), attachment({ thumbSha256: null }), null), inspector, lookup, now))).toBe('create');
    expect(code(decide(upsert('attachment', newId(), attachment({ itemId: 'A' }), null), inspector, lookup, now))).toBe('create');
  });

  it('rejects an attachment whose file or small copy the server lacks, retryably, naming which', () => {
    const { lookup, blobs } = world();
    expect(error(decide(upsert('attachment', newId(), attachment(), null), inspector, lookup, now))).toEqual({ code: 'MISSING_BLOB', path: ['sha256'] });
    blobs.set(photo, { bytes: 300_000, mediaType: 'image/jpeg' });
    expect(error(decide(upsert('attachment', newId(), attachment(), null), inspector, lookup, now))).toEqual({ code: 'MISSING_BLOB', path: ['thumbSha256'] });
  });

  it('rejects an attachment whose size or type differ from the file held, or whose small copy is no image', () => {
    const { lookup, blobs } = held();
    expect(error(decide(upsert('attachment', newId(), attachment({ bytes: 300_001 }), null), inspector, lookup, now))).toEqual({ code: 'INVALID', path: ['bytes'] });
    expect(error(decide(upsert('attachment', newId(), attachment({ mediaType: 'image/png' }), null), inspector, lookup, now))).toEqual({ code: 'INVALID', path: ['mediaType'] });
    blobs.set(thumb, { bytes: 12_000, mediaType: 'application/pdf' });
    expect(error(decide(upsert('attachment', newId(), attachment(), null), inspector, lookup, now))).toEqual({ code: 'INVALID', path: ['thumbSha256'] });
    expect(error(decide(upsert('attachment', newId(), attachment({ mediaType: 'text/plain' }), null), inspector, lookup, now))).toMatchObject({ code: 'INVALID', path: ['mediaType'] });
    expect(error(decide(upsert('attachment', newId(), attachment({ sha256: 'A'.repeat(64) }), null), inspector, lookup, now))).toMatchObject({ code: 'INVALID', path: ['sha256'] });
  });

  it("puts an attachment only on one of its visit's observations or items", () => {
    const { lookup, put } = held();
    const mine = newId();
    const elsewhere = newId();
    put('observation', mine, { visitId, kind: 'note', text: 'Seen' }, 'avi-1');
    put('observation', elsewhere, { visitId: '0193a3c4-5d6e-7f80-9a1b-ffffffffffff', kind: 'note', text: 'Seen' }, 'avi-1');
    expect(code(decide(upsert('attachment', newId(), attachment({ observationId: mine }), null), inspector, lookup, now))).toBe('create');
    expect(error(decide(upsert('attachment', newId(), attachment({ observationId: elsewhere }), null), inspector, lookup, now))).toEqual({ code: 'INVALID', path: ['observationId'] });
    expect(error(decide(upsert('attachment', newId(), attachment({ observationId: newId() }), null), inspector, lookup, now))).toEqual({ code: 'INVALID', path: ['observationId'] });
    expect(error(decide(upsert('attachment', newId(), attachment({ itemId: 'Z' }), null), inspector, lookup, now))).toEqual({ code: 'INVALID', path: ['itemId'] });
  });

  it("is written by the visit's inspector while the visit is open, its file fixed; the caption stays editable", () => {
    const { lookup, put } = held();
    const id = newId();
    put('attachment', id, attachment(), 'avi-1');
    expect(code(decide(upsert('attachment', newId(), attachment(), null), otherInspector, lookup, now))).toBe('FORBIDDEN');
    expect(code(decide(upsert('attachment', newId(), attachment(), null), coordinator, lookup, now))).toBe('FORBIDDEN');
    expect(code(decide(upsert('attachment', newId(), attachment(), null), farInspector, lookup, now))).toBe('FORBIDDEN');
    expect(code(decide(upsert('attachment', id, { caption: 'Page 2' }), inspector, lookup, now))).toBe('update');
    expect(code(decide(upsert('attachment', id, { sha256: 'c'.repeat(64) }), inspector, lookup, now))).toBe('IMMUTABLE');
    expect(code(decide(upsert('attachment', id, { bytes: 1 }), inspector, lookup, now))).toBe('IMMUTABLE');
    expect(code(decide({ seq: ++seq, entity: 'attachment', id, op: 'delete', baseVersion: 10 }, inspector, lookup, now))).toBe('delete');
    const locked = world('submitted');
    locked.put('attachment', id, attachment(), 'avi-1');
    expect(code(decide(upsert('attachment', newId(), attachment(), null), inspector, locked.lookup, now))).toBe('VISIT_LOCKED');
    expect(code(decide(upsert('attachment', id, { caption: 'Page 2' }), inspector, locked.lookup, now))).toBe('VISIT_LOCKED');
    expect(code(decide({ seq: ++seq, entity: 'attachment', id, op: 'delete', baseVersion: 10 }, inspector, locked.lookup, now))).toBe('VISIT_LOCKED');
  });
});

describe('the visit workflow', () => {
  it('refuses a submission with required items unanswered, naming them', () => {
    const { lookup, put } = world();
    put('answer', `${visitId}:A`, { visitId, itemId: 'A', value: 'yes' }, 'avi-1');
    const d = decide(upsert('visit', visitId, { status: 'submitted' }), inspector, lookup, now);
    expect(d.ok ? null : d.error).toMatchObject({ code: 'INCOMPLETE', details: { missing: ['B'] } });
    put('answer', `${visitId}:B`, { visitId, itemId: 'B', value: 4 }, 'avi-1');
    expect(code(decide(upsert('visit', visitId, { status: 'submitted' }), inspector, lookup, now))).toBe('update');
  });

  it('refuses a submission where an answer needs a comment it lacks, naming `item:comment`', () => {
    const { lookup, put } = world();
    put('answer', `${visitId}:A`, { visitId, itemId: 'A', value: 'no', comment: '  ' }, 'avi-1');
    put('answer', `${visitId}:B`, { visitId, itemId: 'B', value: 4 }, 'avi-1');
    const d = decide(upsert('visit', visitId, { status: 'submitted' }), inspector, lookup, now);
    expect(d.ok ? null : d.error).toMatchObject({ code: 'INCOMPLETE', details: { missing: ['A:comment'] } });
    put('answer', `${visitId}:A`, { visitId, itemId: 'A', value: 'no', comment: 'No decision yet; the board will decide in March.' }, 'avi-1');
    expect(code(decide(upsert('visit', visitId, { status: 'submitted' }), inspector, lookup, now))).toBe('update');
  });

  it('gives transitions to the right role', () => {
    const { lookup } = world('submitted');
    expect(code(decide(upsert('visit', visitId, { status: 'approved' }), inspector, lookup, now))).toBe('FORBIDDEN');
    expect(code(decide(upsert('visit', visitId, { status: 'planned' }), inspector, lookup, now))).toBe('BAD_TRANSITION');
    expect(code(decide(upsert('visit', visitId, { status: 'in_progress' }), inspector, lookup, now))).toBe('update');
    const approved = decide(upsert('visit', visitId, { status: 'approved', reviewNote: 'Good work' }), coordinator, lookup, now);
    expect(approved.ok && approved.data).toMatchObject({ status: 'approved', approvedBy: 'u-coord', approvedAt: now.toISOString() });
  });

  it('keeps review fields for coordinators, and visit fields for the inspector', () => {
    const { lookup } = world('submitted');
    expect(code(decide(upsert('visit', visitId, { returnReason: 'x' }), inspector, lookup, now))).toBe('FIELD_NOT_OWNED');
    expect(code(decide(upsert('visit', visitId, { summary: 'x' }), coordinator, lookup, now))).toBe('FIELD_NOT_OWNED');
    expect(code(decide(upsert('visit', visitId, { status: 'returned', returnReason: 'Add the summary' }), coordinator, lookup, now))).toBe('update');
    const locked = world('in_progress');
    expect(code(decide(upsert('visit', visitId, { reviewNote: 'early' }), coordinator, locked.lookup, now))).toBe('VISIT_LOCKED');
  });

  it("takes a coordinator's comment on an answer the device had not seen, keeping the inspector's value", () => {
    const { lookup, put } = world('submitted');
    put('answer', `${visitId}:A`, { visitId, itemId: 'A', value: 'partly', comment: 'by the inspector' }, 'avi-1');
    // Made on a device without the answer: a create's fields, with value null.
    const stub = upsert('answer', `${visitId}:A`, { visitId, itemId: 'A', value: null, reviewComment: 'Name the decision' }, null);
    const d = decide(stub, coordinator, lookup, now);
    expect(d.ok && d.data).toMatchObject({ value: 'partly', comment: 'by the inspector', reviewComment: 'Name the decision' });
    expect(d.ok && d.changed).toEqual(['reviewComment']);
    // A coordinator still cannot set or clear a value, nor move an answer to another item.
    expect(code(decide(upsert('answer', `${visitId}:A`, { value: 'no' }), coordinator, lookup, now))).toBe('FIELD_NOT_OWNED');
    expect(code(decide(upsert('answer', `${visitId}:A`, { itemId: 'B', reviewComment: 'x' }), coordinator, lookup, now))).toBe('IMMUTABLE');
  });

  it('deletes only a planned visit, and only by its inspector', () => {
    const del = (actor: Actor, status: VisitStatus) =>
      code(decide({ seq: ++seq, entity: 'visit', id: visitId, op: 'delete', baseVersion: 10 }, actor, world(status).lookup, now));
    expect(del(inspector, 'planned')).toBe('delete');
    expect(del(inspector, 'in_progress')).toBe('BAD_TRANSITION');
    expect(del(coordinator, 'planned')).toBe('FORBIDDEN');
  });

  it('refuses changes to fixed fields and to deleted records', () => {
    const { lookup, records } = world();
    expect(code(decide(upsert('visit', visitId, { municipalityId: '092' }), inspector, lookup, now))).toBe('IMMUTABLE');
    expect(code(decide(upsert('visit', visitId, { municipalityId: '091', agenda: 'Same municipality is fine' }), inspector, lookup, now))).toBe('update');
    expect(code(decide(upsert('visit', visitId, { colour: 'red' }), inspector, lookup, now))).toBe('INVALID');
    records.get(`visit/${visitId}`)!.deleted = true;
    expect(code(decide(upsert('visit', visitId, { agenda: 'x' }), inspector, lookup, now))).toBe('DELETED');
  });
});

describe('conflicts', () => {
  it('keeps a field another client changed after the base version, and applies the rest', () => {
    const { lookup } = world();
    const d = decide(upsert('visit', visitId, { summary: 'Mine', agenda: 'Also mine' }, 11), inspector, lookup, now);
    expect(d.ok && d.conflicts).toEqual([{ field: 'summary', yours: 'Mine', kept: undefined }]);
    expect(d.ok && d.changed).toEqual(['agenda']);
  });

  it('never conflicts with the same client, or when the base version saw the change', () => {
    const { lookup } = world();
    const sameClient = decide(upsert('visit', visitId, { summary: 'x' }, 1), { ...inspector, clientId: 'c-coord-old' }, lookup, now);
    expect(sameClient.ok && sameClient.conflicts).toEqual([]);
    const seen = decide(upsert('visit', visitId, { summary: 'x' }, 12), inspector, lookup, now);
    expect(seen.ok && seen.conflicts).toEqual([]);
  });
});

describe('the lock rule: a transition and the fields it carries', () => {
  it('rejects the whole mutation when its transition loses a conflict: nothing is edited without a recall', () => {
    const { lookup, records } = world('submitted');
    // Another device of the same inspector submitted the visit at version 12.
    records.get(`visit/${visitId}`)!.fieldMeta.status = [12, 'c-phone'];
    const d = decide(upsert('visit', visitId, { status: 'in_progress', summary: 'Rewritten after submission' }, 10), inspector, lookup, now);
    expect(d.ok ? d : d.error).toMatchObject({ code: 'VISIT_LOCKED' });
  });

  it('applies a recall and the fields it carries together when the recall applies', () => {
    const { lookup, records } = world('submitted');
    records.get(`visit/${visitId}`)!.fieldMeta.status = [12, 'c-phone'];
    const d = decide(upsert('visit', visitId, { status: 'in_progress', summary: 'Recalled to add this' }, 12), inspector, lookup, now);
    expect(d.ok && d.data).toMatchObject({ status: 'in_progress', summary: 'Recalled to add this' });
    expect(d.ok && [...d.changed].sort()).toEqual(['status', 'summary']);
  });

  it('rejects fields on a locked visit VISIT_LOCKED when the transition they ride with is refused', () => {
    const approved = world('approved');
    expect(code(decide(upsert('visit', visitId, { status: 'in_progress', summary: 'x' }), inspector, approved.lookup, now))).toBe('VISIT_LOCKED');
    // The transition alone keeps its own code.
    expect(code(decide(upsert('visit', visitId, { status: 'in_progress' }), inspector, approved.lookup, now))).toBe('BAD_TRANSITION');
    const submitted = world('submitted');
    expect(code(decide(upsert('visit', visitId, { status: 'approved', agenda: 'x' }), inspector, submitted.lookup, now))).toBe('VISIT_LOCKED');
  });

  it('still lets an editable visit carry fields with a transition that applies', () => {
    const { lookup, put } = world('in_progress');
    put('answer', `${visitId}:A`, { visitId, itemId: 'A', value: 'yes' }, 'avi-1');
    put('answer', `${visitId}:B`, { visitId, itemId: 'B', value: 3 }, 'avi-1');
    const d = decide(upsert('visit', visitId, { status: 'submitted', summary: 'Done' }, 12), inspector, lookup, now);
    expect(d.ok && d.data).toMatchObject({ status: 'submitted', summary: 'Done' });
  });
});

/** An array nested `depth` deep, built without recursion. */
function nested(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

describe('hostile values', () => {
  it('rejects a value nested 5,000 deep INVALID, whatever the field, instead of throwing', () => {
    const deep = nested(5000);
    const { lookup } = world();
    for (const f of ['summary', 'agenda', 'attendees', 'status', 'municipalityId', 'templateId', 'returnReason']) {
      const d = decide(upsert('visit', visitId, { [f]: deep }), inspector, lookup, now);
      expect(d.ok ? d : d.error, f).toMatchObject({ code: 'INVALID', path: [f] });
    }
    const admin: Actor = { userId: 'u-admin', role: 'admin', regionIds: [], clientId: 'c-admin' };
    for (const f of ['items', 'sections', 'title', 'key']) {
      const d = decide(upsert('template', 'ept-v1', { [f]: deep }), admin, lookup, now);
      expect(d.ok ? d : d.error, f).toMatchObject({ code: 'INVALID', path: [f] });
    }
    const create = decide(upsert('contact', newId(), { ...contact, notes: deep }, null), inspector, lookup, now);
    expect(create.ok ? create : create.error).toMatchObject({ code: 'INVALID', path: ['notes'] });
  });

  it('rejects text with a lone surrogate, which no storage gives back as it was sent', () => {
    const { lookup } = world();
    const d = decide(upsert('observation', newId(), { visitId, kind: 'note', text: 'broken \ud800 text' }, null), inspector, lookup, now);
    expect(d.ok ? d : d.error).toMatchObject({ code: 'INVALID', path: ['text'] });
    expect(code(decide(upsert('visit', visitId, { summary: 'pair 😀 is fine' }), inspector, lookup, now))).toBe('update');
  });
});

const contact = { municipalityId: '091', name: 'Aino Laine', areas: ['substance'], active: true };

describe('ids', () => {
  it('takes only canonical lowercase UUIDs for records made on a device', () => {
    const { lookup } = world();
    const bad = ["' OR '1'='1' --", '../../etc/passwd', '\ud800', 'x', '0193A3C4-5D6E-7F80-9A1B-2C3D4E5F6A7B', '{0193a3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b}', '0193a3c45d6e7f809a1b2c3d4e5f6a7b'];
    for (const id of bad) {
      const d = decide(upsert('contact', id, contact, null), inspector, lookup, now);
      expect(d.ok ? d : d.error, id).toMatchObject({ code: 'INVALID', path: ['id'] });
      const del = decide({ seq: ++seq, entity: 'observation', id, op: 'delete', baseVersion: 3 }, inspector, lookup, now);
      expect(code(del), id).toBe('INVALID');
    }
    expect(code(decide(upsert('contact', newId(), contact, null), inspector, lookup, now))).toBe('create');
    // The app's own ids (src/db/uuidv7.ts) pass.
    expect(code(decide(upsert('contact', uuidv7(), contact, null), inspector, lookup, now))).toBe('create');
  });

  it("takes an answer's id only as `${visitId}:${itemId}`", () => {
    const { lookup } = world();
    const answer = (id: string) => code(decide(upsert('answer', id, { visitId, itemId: 'A', value: 'yes' }, null), inspector, lookup, now));
    expect(answer(`${visitId}:A`)).toBe('create');
    expect(answer(`${visitId.toUpperCase()}:A`)).toBe('INVALID');
    expect(answer(`${visitId}:A/../B`)).toBe('INVALID');
    expect(answer(visitId)).toBe('INVALID');
  });

  it('keeps natural ids for reference data, without control or path characters', () => {
    const { lookup } = world();
    const admin: Actor = { userId: 'u-admin', role: 'admin', regionIds: [], clientId: 'c-admin' };
    const region = (id: string) => code(decide(upsert('region', id, { name: text3 }, null), admin, lookup, now));
    expect(region('avi-9')).toBe('create');
    for (const id of ['../avi-1', 'avi\u0000', 'avi\n1', '\ud800', 'avi 1', "' OR '1'='1' --"]) expect(region(id), id).toBe('INVALID');
    const municipality = { name: { fi: 'Uusi', sv: 'Ny' }, regionId: 'avi-1', province: { code: '01', fi: 'Uusimaa', sv: 'Nyland' } };
    expect(code(decide(upsert('municipality', '999', municipality, null), admin, lookup, now))).toBe('create');
    expect(code(decide(upsert('municipality', '9/9', municipality, null), admin, lookup, now))).toBe('INVALID');
    expect(code(decide(upsert('template', 'ept-v1', { title: { ...text3, en: 'Renamed' } }), admin, lookup, now))).toBe('update');
    expect(code(decide(upsert('template', 'ept/v1', { title: text3 }), admin, lookup, now))).toBe('INVALID');
  });
});

describe('field names', () => {
  // JSON.parse makes `__proto__` an own key, as it arrives on the wire.
  const names = ['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__'];
  const withField = (fields: Fields, name: string): Fields => ({ ...fields, ...(JSON.parse(`{"${name}": "x"}`) as Fields) });

  it('are only the entity’s own fields, when editing', () => {
    const { lookup } = world();
    for (const name of names) {
      const d = decide(upsert('visit', visitId, withField({ agenda: 'x' }, name)), inspector, lookup, now);
      expect(d.ok ? d : d.error, name).toMatchObject({ code: 'INVALID', path: [name] });
    }
  });

  it('are only the entity’s own fields, when creating', () => {
    const { lookup } = world();
    for (const name of names) {
      const d = decide(upsert('contact', newId(), withField(contact, name), null), inspector, lookup, now);
      expect(d.ok ? d : d.error, name).toMatchObject({ code: 'INVALID', path: [name] });
      const obs = decide(upsert('observation', newId(), withField({ visitId, kind: 'note', text: 'x' }, name), null), inspector, lookup, now);
      expect(code(obs), name).toBe('INVALID');
    }
    expect(code(decide(upsert('contact', newId(), { ...contact, colour: 'red' }, null), inspector, lookup, now))).toBe('INVALID');
  });
});
