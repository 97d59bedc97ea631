// The sync half's old name, kept while code written against it moves to PgStore (pg-store.ts), which
// is the whole store now.
export { PgStore as PgSyncStore } from './pg-store.ts';
