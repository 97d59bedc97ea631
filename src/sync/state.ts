// What the sync loop tells the UI: what it is doing now and what went wrong last. Pending changes,
// rejections and conflicts are not here: the UI reads them from the local database (live queries).

/** Why the last attempt did not finish; the outbox is kept in every case. */
export type SyncProblem =
  /** The browser is offline; sync resumes on its own when it is back. */
  | { kind: 'offline' }
  /** The server turned the token down (401): the user must sign in again. */
  | { kind: 'unauthorized' }
  /** The server no longer accepts this app's data schema (426): the app must be updated. */
  | { kind: 'schemaTooOld' }
  /**
   * The server answered with an error for the whole request (5xx, 403, 429, …). `status` 0: no HTTP
   * error but the pass failed all the same: `BAD_RESPONSE` (an answer that does not parse) or
   * `LOCAL_ERROR` (the local database failed, e.g. storage full).
   */
  | { kind: 'server'; status: number; code: string; message: string }
  /** No answer: the connection failed or was cut mid-request. */
  | { kind: 'network'; message: string };

export type SyncProgress = { phase: 'push' | 'pull'; done: number; total: number };

export type SyncState = {
  /** `running`: a pass is under way in this tab or another tab of the same user. */
  status: 'idle' | 'running';
  progress: SyncProgress | null;
  /** ISO time the last pass finished with the outbox empty and the pull complete; also kept in the database. */
  lastSuccessAt: string | null;
  problem: SyncProblem | null;
  /** Failed attempts in a row; 0 after a success. */
  failures: number;
  /** ISO time of the next automatic attempt after a failure. */
  nextAttemptAt: string | null;
};

export const initialSyncState: SyncState = {
  status: 'idle',
  progress: null,
  lastSuccessAt: null,
  problem: null,
  failures: 0,
  nextAttemptAt: null,
};

export type SyncListener = (state: SyncState) => void;

/** The running sync loop of one signed-in user on this device, as the UI uses it. */
export type SyncRunner = {
  getState(): SyncState;
  subscribe(listener: SyncListener): () => void;
  /** Asks for a pass now (a button, a fixed rejection); ignored while one runs, which then runs again. */
  syncNow(): void;
  /** Stops the loop in this tab (sign-out, expired session); the outbox stays. */
  stop(): void;
};
