// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/server/config.ts';

describe('the database settings', () => {
  it('keeps SQLite under DATA_DIR when DATABASE_URL is unset', () => {
    expect(readConfig({}).database).toBeUndefined();
    expect(readConfig({ DATABASE_URL: '  ' }).database).toBeUndefined();
  });

  it('chooses PostgreSQL by DATABASE_URL, with sane defaults for the pool', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://tillsyn@db:5432/tillsyn' }).database).toEqual({
      url: 'postgres://tillsyn@db:5432/tillsyn',
      settings: { poolMax: 10, statementTimeoutMs: 15_000, connectTimeoutMs: 5_000 },
    });
    const env = { DATABASE_URL: 'postgresql://db/t', PG_POOL_MAX: '25', PG_STATEMENT_TIMEOUT_MS: '30000', PG_CONNECT_TIMEOUT_MS: '2000' };
    expect(readConfig(env).database?.settings).toEqual({ poolMax: 25, statementTimeoutMs: 30_000, connectTimeoutMs: 2_000 });
  });

  it('refuses what it cannot use, saying what it needs', () => {
    expect(() => readConfig({ DATABASE_URL: 'mysql://db/t' })).toThrow('DATABASE_URL must be a PostgreSQL URL');
    expect(() => readConfig({ DATABASE_URL: 'postgres://db/t', PG_POOL_MAX: '0' })).toThrow('PG_POOL_MAX must be a whole number of connections from 1 to 1000, not "0"');
    expect(() => readConfig({ DATABASE_URL: 'postgres://db/t', PG_STATEMENT_TIMEOUT_MS: '15s' })).toThrow('PG_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds');
    // A typo in a setting is found even before DATABASE_URL is set.
    expect(() => readConfig({ PG_CONNECT_TIMEOUT_MS: '-1' })).toThrow('PG_CONNECT_TIMEOUT_MS');
  });
});

describe('the attachment settings', () => {
  it('take 15 MiB files and keep unnamed files 7 days by default', () => {
    expect(readConfig({})).toMatchObject({ blobMaxBytes: 15 * 1024 * 1024, blobGcGraceHours: 168 });
    expect(readConfig({ BLOB_MAX_BYTES: '1048576', BLOB_GC_GRACE_HOURS: '48' })).toMatchObject({ blobMaxBytes: 1_048_576, blobGcGraceHours: 48 });
  });

  it('refuse what is no size or no grace, saying what they need', () => {
    expect(() => readConfig({ BLOB_MAX_BYTES: '15MB' })).toThrow('BLOB_MAX_BYTES must be a whole number of bytes from 1024 to 1073741824, not "15MB"');
    expect(() => readConfig({ BLOB_MAX_BYTES: '2000000000' })).toThrow('BLOB_MAX_BYTES');
    expect(() => readConfig({ BLOB_GC_GRACE_HOURS: '0' })).toThrow('BLOB_GC_GRACE_HOURS must be a whole number of hours from 1');
    expect(() => readConfig({ BLOB_GC_GRACE_HOURS: '-5' })).toThrow('BLOB_GC_GRACE_HOURS');
  });
});
