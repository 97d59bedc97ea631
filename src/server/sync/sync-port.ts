// The narrow port between the sync service (sync-service.ts: all of SYNC.md's push and pull) and a
// database. A store implements it with plain reads and writes; every decision is the service's.
// Each operation may answer plainly (SQLite, synchronous) or with a promise (PostgreSQL): see steps.ts.
import type { EntityName } from '../../shared/entities.ts';
import type { MutationError } from '../../shared/protocol.ts';
import type { Role } from '../../shared/workflow.ts';
import type { DeviceReportWrite, StoredRecord } from '../store/store.ts';
import type { StoredBlob } from './rules.ts';
import type { MaybePromise } from './steps.ts';

/** A stored record with who may read it: `privateTo`, a readiness sheet not yet shown (its scorer). */
export type PortRecord = StoredRecord & { privateTo: string | null };

export type UserAccess = { role: Role; regionIds: string[]; disabled: boolean };

export type SyncClient = { userId: string; lastSeq: number };

/** A history row of a push (the audit trail): the changed fields before and after, as JSON text. */
export type HistoryWrite = {
  version: number;
  entity: EntityName;
  recordId: string;
  op: 'create' | 'update' | 'delete';
  userId: string;
  clientId: string;
  at: string;
  before: string | null;
  after: string | null;
  seq: number;
};

/** A value that lost a conflict (SYNC.md, push step 3), kept in the conflict log. */
export type ConflictWrite = {
  version: number;
  entity: EntityName;
  recordId: string;
  field: string;
  yours: unknown;
  kept: unknown;
  clientId: string;
  userId: string;
  at: string;
  seq: number;
};

/** Where a pull page starts: after this (version, entity, id). */
export type Position = { version: number; entity: string; id: string };

/** Which records a user pulls: reference records, those of the regions (`all`: every region), and no one else's private sheet. */
export type PullScope = { regionIds: readonly string[] | 'all'; userId: string };

/** Reads a push and a pull both make. */
interface ReadTx {
  getRecord(entity: EntityName, id: string): MaybePromise<PortRecord | undefined>;
  /** The version of the latest committed write (0 before any). */
  currentVersion(): MaybePromise<number>;
}

/** A record's key. */
export type RecordKey = { entity: EntityName; id: string };

/** One push's (or a group's) write transaction. */
export interface PushTx extends ReadTx {
  /**
   * The records of these keys that exist (written in this transaction or committed), in any order:
   * a port whose every read is a round trip (PostgreSQL) answers a push's likely reads in one, before
   * its mutations are decided (push-reads.ts). Optional: a port that answers at once (SQLite) has no
   * need of it, and the reads are then made one by one as the rules ask.
   */
  getRecords?(keys: readonly RecordKey[]): MaybePromise<PortRecord[]>;
  /** `client` and `getRecords` in one read: a push's first. Optional, offered with getRecords. */
  clientAndRecords?(clientId: string, keys: readonly RecordKey[]): MaybePromise<{ client: SyncClient | undefined; records: PortRecord[] }>;
  /** Live records of the entity whose `visitId` is the visit's. */
  childrenOf(entity: EntityName, visitId: string): MaybePromise<PortRecord[]>;
  /** Live interviews of an assessment. */
  interviewsOf(assessmentId: string): MaybePromise<PortRecord[]>;
  /** Live score sheets of an interview. */
  sheetsOf(interviewId: string): MaybePromise<PortRecord[]>;
  userAccess(userId: string): MaybePromise<UserAccess | undefined>;
  /** The blob held under this SHA-256: its size and type (the bytes are the blob store's). */
  blob(sha256: string): MaybePromise<StoredBlob | undefined>;
  client(clientId: string): MaybePromise<SyncClient | undefined>;
  addClient(clientId: string, userId: string, at: string): MaybePromise<void>;
  setLastSeq(clientId: string, lastSeq: number): MaybePromise<void>;
  rejection(clientId: string, seq: number): MaybePromise<MutationError | undefined>;
  /** Replaces a stored rejection of the same seq. */
  addRejection(clientId: string, seq: number, error: MutationError): MaybePromise<void>;
  /**
   * The next global version, taken inside this transaction so that commit order is version order
   * (SQLite: the one writer; PostgreSQL: a row lock on the counter row held to the commit).
   */
  takeNextVersion(): MaybePromise<number>;
  /** Inserts or replaces the record. */
  upsertRecord(record: PortRecord): MaybePromise<void>;
  addHistory(row: HistoryWrite): MaybePromise<void>;
  addConflict(row: ConflictWrite): MaybePromise<void>;
  /**
   * Stores a push's device report; false (nothing written) when the client id is another user's. The
   * push's last write: a port that buffers writes may make them all with it.
   */
  writePushReport(userId: string, report: DeviceReportWrite, now: Date): MaybePromise<boolean>;
  /**
   * Runs `work` in a savepoint: when it throws, what it wrote is undone and the error rethrown, the
   * rest of the transaction kept (group commit: one refused push rolls back alone).
   */
  savepoint<T>(work: () => MaybePromise<T>): MaybePromise<T>;
}

/** What a pull reads of the meta table, in one read. */
export type PullMeta = {
  /** The version of the latest committed write. */
  version: number;
  /** Kept tombstones start here: a cursor below it cannot continue. */
  tombstoneFloor: number;
  /** The database's identity, renewed by a restore from backup. */
  databaseId: string;
};

/** A record as a pull hands it over (its field meta and placement are not needed). */
export type PulledRecord = Pick<StoredRecord, 'entity' | 'id' | 'version' | 'deleted' | 'data' | 'updatedAt' | 'updatedBy'>;

export interface PullTx extends ReadTx {
  pullMeta(): MaybePromise<PullMeta>;
  /** The stored version of a record (deleted or not); undefined when there is none. */
  recordVersion(entity: string, id: string): MaybePromise<number | undefined>;
  /**
   * Up to `limit` records after the position, in (version, entity, id) order, that the scope may read.
   * `through`: the meta's version in this read (pullMeta): no record above it is committed, and a store
   * may bound its query with it (on PostgreSQL, a range its planner reads in the version index whatever
   * its statistics say).
   */
  pullPage(after: Position, scope: PullScope, limit: number, through: number): MaybePromise<PulledRecord[]>;
}

export interface SyncPort {
  /**
   * Runs `work` in one write transaction, committed when it returns (or its promise resolves), rolled
   * back when it throws. Writers are serialised: a second push waits for the first's commit.
   */
  pushTransaction<T>(work: (tx: PushTx) => MaybePromise<T>): MaybePromise<T>;
  /** Runs `work` over reads that see committed data only. */
  read<T>(work: (tx: PullTx) => MaybePromise<T>): MaybePromise<T>;
}
