// What the rules read during one push (rules.ts `Lookup`, which is synchronous), through the port.
// Records and users are kept for the whole push (a push reads the same visit, template and municipality
// for every mutation), lists for one mutation only (the push's own writes change them). When the port
// answers a read with a promise, the read throws PendingRead and the push decides again once it is in.
import type { EntityName } from '../../shared/entities.ts';
import type { VisitStatus } from '../../shared/workflow.ts';
import type { Lookup, StoredBlob } from './rules.ts';
import { readThrough } from './steps.ts';
import type { PortRecord, PushTx, UserAccess } from './sync-port.ts';

export class PushReads {
  readonly #tx: PushTx;
  readonly #records = new Map<string, PortRecord | undefined>();
  readonly #lists = new Map<string, PortRecord[]>();
  readonly #users = new Map<string, UserAccess | undefined>();
  readonly #startStatus = new Map<string, VisitStatus | undefined>();
  readonly #blobs = new Map<string, StoredBlob | undefined>();

  constructor(tx: PushTx) {
    this.#tx = tx;
  }

  record(entity: EntityName, id: string): PortRecord | undefined {
    return readThrough(this.#records, `${entity}/${id}`, () => this.#tx.getRecord(entity, id));
  }

  /** A write of the record: the next read answers what was written, without asking the store again. */
  remember(record: PortRecord): void {
    this.#records.set(`${record.entity}/${record.id}`, record);
  }

  /** A new mutation: lists are read again, as the mutations before it may have changed them. */
  nextMutation(): void {
    this.#lists.clear();
  }

  #memberOf(userId: string, regionId: string, roles: readonly string[]): boolean {
    const u = readThrough(this.#users, userId, () => this.#tx.userAccess(userId));
    return !!u && !u.disabled && roles.includes(u.role) && u.regionIds.includes(regionId);
  }

  readonly lookup: Lookup = {
    get: (entity, id) => this.record(entity, id),
    answersOf: (visitId) => readThrough(this.#lists, `answer/${visitId}`, () => this.#tx.childrenOf('answer', visitId)),
    interviewsOf: (assessmentId) => readThrough(this.#lists, `interview/${assessmentId}`, () => this.#tx.interviewsOf(assessmentId)),
    isInspectorIn: (userId, regionId) => this.#memberOf(userId, regionId, ['inspector']),
    isColleagueIn: (userId, regionId) => this.#memberOf(userId, regionId, ['inspector', 'coordinator']),
    blob: (sha256) => readThrough(this.#blobs, sha256, () => this.#tx.blob(sha256)),
    statusAtPushStart: (visitId) => readThrough(this.#startStatus, visitId, () => this.record('visit', visitId)?.data.status as VisitStatus | undefined),
  };
}
