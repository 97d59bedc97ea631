// What the sync service refuses for a whole request, in the protocol's words: no HTTP here. The routes
// (routes/sync.ts) turn each code into its answer (SYNC.md): a store or the service never speaks HTTP.
type SyncErrorCode =
  /** The pull cursor cannot be continued: the client pulls again from the beginning (410 RESET). */
  | 'RESET'
  /** The client id is bound to another user (403 FORBIDDEN). */
  | 'CLIENT_OF_ANOTHER_USER';

export class SyncError extends Error {
  override readonly name = 'SyncError';
  readonly code: SyncErrorCode;
  constructor(code: SyncErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export const resetError = () => new SyncError('RESET', 'The cursor is no longer valid here: pull again from the beginning');

export const anotherUsersClient = () =>
  new SyncError('CLIENT_OF_ANOTHER_USER', 'This client id belongs to another user: each user syncs from their own client');
