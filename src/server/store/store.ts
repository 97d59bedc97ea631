// The one boundary between the routes and the database. Routes see only this interface, so a
// PostgreSQL store can sit beside the SQLite one; every method is async for that reason.
import type { EntityName } from '../../shared/entities.ts';
import type { ExportRow, HistoryEntry, VisitHistoryResponse } from '../../shared/history.ts';
import type { PullResponse, PushRequest, PushResponse } from '../../shared/protocol.ts';
import type { Role } from '../../shared/workflow.ts';
import type { Device } from '../../shared/device-report.ts';

/** Who pushes or pulls: the signed-in user's id, role and regions. */
export type SyncUser = { userId: string; role: Role; regionIds: readonly string[] };

export type UserRecord = {
  id: string;
  username: string;
  name: string;
  role: Role;
  regionIds: string[];
  passwordHash: string;
  disabled: boolean;
  /** ISO 8601, UTC. */
  createdAt: string;
};

export type NewUser = Omit<UserRecord, 'disabled'>;

export type SessionRecord = {
  /** A random id an admin can name the session by: neither the token nor its hash. */
  id: string;
  /** sha256 of the token, hex: the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
};

/** The store gives a new session its id. */
export type NewSession = Omit<SessionRecord, 'id'>;

/** A session as the command line lists it: never the token hash. */
export type SessionInfo = Omit<SessionRecord, 'tokenHash'> & { username: string };

export type UserUpdate = Pick<UserRecord, 'name' | 'role' | 'regionIds'>;

/** Per field: the version that last wrote it and the client (or `seed`) that wrote it. */
export type FieldMeta = Record<string, [version: number, writer: string]>;

/** A row of the generic synced-record table. */
export type StoredRecord = {
  entity: EntityName;
  id: string;
  version: number;
  deleted: boolean;
  /** `null`: visible to every region (reference data). */
  regionId: string | null;
  data: Record<string, unknown>;
  fieldMeta: FieldMeta;
  updatedAt: string;
  updatedBy: string;
};

/** A record the server itself provides (reference data), already parsed with the shared schemas. */
export type SeedRecord = {
  entity: EntityName;
  id: string;
  regionId: string | null;
  data: Record<string, unknown>;
};

export type SeedResult = {
  /** The version the changed records were written under; `null` when nothing changed. */
  version: number | null;
  written: number;
};

/** Which history rows an export page reads: a period of `at` (from included, to not), and regions. */
export type HistoryExportFilter = {
  fromAt: string;
  toAt: string;
  /** `all`: every record, reference records (no region) included. */
  regionIds: readonly string[] | 'all';
  /** The id of the last row of the page before. */
  afterId?: number;
  limit: number;
};

export class UsernameTakenError extends Error {
  readonly username: string;
  constructor(username: string) {
    super(`A user named "${username}" already exists`);
    this.username = username;
    this.name = 'UsernameTakenError';
  }
}

export interface Store {
  countUsers(): Promise<number>;
  /** Throws `UsernameTakenError` when the username is in use. */
  createUser(user: NewUser): Promise<void>;
  userById(id: string): Promise<UserRecord | undefined>;
  userByUsername(username: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  /** Disabling also deletes the user's sessions, in the same transaction. */
  setUserDisabled(userId: string, disabled: boolean): Promise<void>;
  updateUser(userId: string, update: UserUpdate): Promise<void>;
  /** Also deletes the user's sessions, in the same transaction; answers how many. */
  setUserPassword(userId: string, passwordHash: string): Promise<number>;

  createSession(session: NewSession): Promise<void>;
  sessionWithUser(tokenHash: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined>;
  touchSession(tokenHash: string, lastUsedAt: string, expiresAt: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Deletes sessions whose `expiresAt` is at or before `now`; answers how many. */
  deleteExpiredSessions(now: string): Promise<number>;
  /** Every stored session (of one user, when given), by username, then oldest first. */
  listSessions(userId?: string): Promise<SessionInfo[]>;
  /** Answers whether there was such a session. */
  deleteSessionById(id: string): Promise<boolean>;
  /** Answers how many were deleted. */
  deleteUserSessions(userId: string): Promise<number>;

  /**
   * Writes the given records under one new version, in one transaction, but only those that are
   * missing or differ from what is stored and were last written by the seed (an admin's later edit
   * stands). Nothing changed: no new version.
   */
  seedRecords(records: SeedRecord[], at: string): Promise<SeedResult>;
  getRecord(entity: EntityName, id: string): Promise<StoredRecord | undefined>;
  /** Live (not deleted) records of an entity, ordered by id. */
  listRecords(entity: EntityName): Promise<StoredRecord[]>;
  /** The global version counter: the version of the latest write. */
  currentVersion(): Promise<number>;

  /**
   * Applies a push as SYNC.md fixes it, in one transaction, with the device's report if it sent one;
   * throws SyncError CLIENT_OF_ANOTHER_USER for another user's client (sync/sync-error.ts).
   */
  push(user: SyncUser, request: PushRequest, report?: DeviceReportWrite): Promise<PushResponse>;
  /** Keeps the report a pull carried as its device's latest; throws SyncError CLIENT_OF_ANOTHER_USER for another user's client. */
  recordPullReport(user: SyncUser, report: DeviceReportWrite): Promise<void>;
  /** Every device's latest report. */
  listDevices(): Promise<StoredDevice[]>;
  /** The changes after the cursor that the user may see; throws SyncError RESET for a cursor it cannot continue. */
  pull(user: SyncUser, cursor: string | undefined, limit: number): Promise<PullResponse>;

  /** The record's history rows, oldest first, naming who made each change. */
  recordHistory(entity: EntityName, id: string): Promise<HistoryEntry[]>;
  /** The visit's status transitions and its records' changes since its last return. */
  visitHistory(visitId: string): Promise<VisitHistoryResponse>;
  /** A page of the history of a period, and the `next` cursor (null on the last page). */
  historyExport(filter: HistoryExportFilter): Promise<{ rows: ExportRow[]; next: string | null }>;
  /** Whether a history row with this id exists. */
  hasHistoryRow(id: number): Promise<boolean>;

  /**
   * A sign-in attempt's bookkeeping (auth/rate-limit.ts), one at a time across every instance on the
   * database: reads each key's failures after `since` (ms), lets `decide` name the keys to count a
   * failure for at `at` (none: the attempt waits), records them, and answers their ids in that order.
   * Failures at or before `since` are deleted on the way: no limit looks further back.
   */
  loginAttempt(keys: readonly string[], since: number, at: number, decide: (failures: LoginFailures) => readonly string[]): Promise<number[]>;
  /** Takes back the failures of these ids and every failure of these keys (a right password). */
  forgetLoginFailures(ids: readonly number[], clearKeys: readonly string[]): Promise<void>;

  close(): Promise<void>;
}

/** Per key, the times (ms since the epoch) of its recent failed sign-ins, oldest first. */
export type LoginFailures = ReadonlyMap<string, readonly number[]>;

/** A device's report as the route parsed it (SYNC.md, "The device's report"), with what the request told of its browser. */
export type DeviceReportWrite = {
  clientId: string;
  appVersion: string;
  browser: string | null;
  os: string | null;
  pending: number;
  /** Seconds since the oldest waiting change was made, by the device's clock; null when none waits. */
  oldestAgeSeconds: number | null;
  rejected: number;
};

/** A device's latest report as stored, with its user. */
export type StoredDevice = Device & { userId: string };

/** Who `updatedBy` and the field meta name for records the server seeded. */
export const SEED_WRITER = 'seed';
