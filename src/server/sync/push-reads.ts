// What the rules read during one push (rules.ts `Lookup`, which is synchronous), through the port.
// Records and users are kept for the whole push (a push reads the same visit, template and municipality
// for every mutation), lists for one mutation only (the push's own writes change them). When the port
// answers a read with a promise, the read throws PendingRead and the push decides again once it is in.
import type { EntityName } from '../../shared/entities.ts';
import type { Mutation } from '../../shared/protocol.ts';
import type { VisitStatus } from '../../shared/workflow.ts';
import type { Lookup, StoredBlob } from './rules.ts';
import { readThrough, wait, type Step } from './steps.ts';
import type { PortRecord, PushTx, RecordKey, UserAccess } from './sync-port.ts';

/** Fields that name another record the rules read: a mutation's parent, municipality, region or templates. */
const references: Readonly<Record<string, EntityName>> = {
  visitId: 'visit',
  assessmentId: 'assessment',
  observationId: 'observation',
  interviewId: 'interview',
  municipalityId: 'municipality',
  reviewVisitId: 'visit',
  templateIds: 'template',
};

/** The keys of the records a record's (or a mutation's) fields name. */
function referenced(fields: Record<string, unknown>, into: RecordKey[], only?: ReadonlySet<string>): void {
  for (const [field, entity] of Object.entries(references)) {
    if (only && !only.has(field)) continue;
    const value = fields[field];
    for (const id of Array.isArray(value) ? value : [value]) if (typeof id === 'string') into.push({ entity, id });
  }
}

/** The records deciding the mutations will most likely read first: theirs, and those their fields name. */
export function likelyReads(mutations: readonly Mutation[]): RecordKey[] {
  const keys: RecordKey[] = [];
  for (const m of mutations) {
    keys.push({ entity: m.entity, id: m.id });
    if (m.op === 'upsert') referenced(m.fields, keys);
  }
  // Each once: a push's answers all name the same visit.
  return [...new Map(keys.map((k) => [`${k.entity}/${k.id}`, k])).values()];
}

/** What a stored record names that the rules read of it in turn: its parents (an edit sends only the fields it changes). */
const parents: ReadonlySet<string> = new Set(['visitId', 'assessmentId', 'interviewId']);
const templateIds: ReadonlySet<string> = new Set(['templateIds']);

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

  /**
   * Reads at once, where the port can (PushTx.getRecords), what deciding the mutations will most likely
   * read: their records and the records their fields name, then the parents of those found and, when a
   * mutation checks answers against templates, their visits' templates. A guess only: whatever it misses
   * is read when the rules ask for it, and what it read more costs nothing but its row.
   */
  *prefetch(mutations: readonly Mutation[], read?: { keys: readonly RecordKey[]; records: readonly PortRecord[] }): Step<void> {
    if (!this.#tx.getRecords || mutations.length === 0) return;
    // Answers, items and a visit's status change (its completeness) are checked against the visit's templates.
    const templates = mutations.some((m) => m.entity === 'answer' || m.entity === 'visit' || m.entity === 'plan' || (m.op === 'upsert' && m.fields.itemId != null));
    const found = read ? this.#known(read.keys, read.records) : yield* this.#read(likelyReads(mutations));
    const second: RecordKey[] = [];
    for (const r of found) {
      referenced(r.data, second, parents);
      if (templates && r.entity === 'visit') referenced(r.data, second, templateIds);
    }
    yield* this.#read(second);
  }

  /** Keeps what was read of the keys (clientAndRecords): a key not found is known to be missing. */
  #known(keys: readonly RecordKey[], records: readonly PortRecord[]): readonly PortRecord[] {
    for (const k of keys) this.#records.set(`${k.entity}/${k.id}`, undefined);
    for (const r of records) this.#records.set(`${r.entity}/${r.id}`, r);
    return records;
  }

  /** Reads the keys not yet known into the cache (a key not found: known to be missing). */
  *#read(keys: readonly RecordKey[]): Step<PortRecord[]> {
    const wanted = new Map<string, RecordKey>();
    for (const k of keys) {
      const key = `${k.entity}/${k.id}`;
      if (!this.#records.has(key)) wanted.set(key, k);
    }
    if (wanted.size === 0) return [];
    const found = yield* wait(this.#tx.getRecords!([...wanted.values()]));
    for (const key of wanted.keys()) this.#records.set(key, undefined);
    for (const r of found) this.#records.set(`${r.entity}/${r.id}`, r);
    return found;
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
