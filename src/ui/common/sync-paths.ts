// Where the sync page lives, for the links that lead to it (status bar, settings, sign-out).
export const SYNC_PATH = '/sync';
