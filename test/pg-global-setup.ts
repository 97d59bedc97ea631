// Vitest global setup for the projects with PostgreSQL tests (vite.config.ts): TEST_DATABASE_URL as
// given; else, when the PostgreSQL binaries are on this machine, a throw-away cluster for this run
// (test/pg-cluster.mjs) whose URL becomes TEST_DATABASE_URL, stopped and removed at the end; else the
// PostgreSQL tests skip, and this says so. TEST_PG=0 skips them even with binaries found.
import type { TestProject } from 'vitest/node';
import { findPgBin, startPgCluster, type PgCluster } from './pg-cluster.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    TEST_DATABASE_URL: string;
  }
}

let cluster: PgCluster | undefined;

export default async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    console.info(`PostgreSQL tests: on TEST_DATABASE_URL (${given.replace(/\/\/[^@/]*@/, '//…@')})`);
  } else if (process.env.TEST_PG === '0') {
    console.info('PostgreSQL tests: skipped (TEST_PG=0)');
  } else {
    const bin = findPgBin();
    if (!bin) {
      console.info(
        'PostgreSQL tests: skipped, TEST_DATABASE_URL is not set and no PostgreSQL binaries were found (initdb and pg_ctl on PATH, in PG_BIN or /usr/lib/postgresql/*/bin)',
      );
    } else {
      const started = Date.now();
      // Durability is not under test: fsync off makes the cluster's commits cheap on a slow disk.
      cluster = await startPgCluster({ bin, settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
      process.env.TEST_DATABASE_URL = cluster.url;
      console.info(`PostgreSQL tests: a throw-away PostgreSQL ${cluster.version} cluster (${bin}) on ${cluster.url}, in ${cluster.dir}, started in ${Date.now() - started} ms`);
    }
  }
  project.provide('TEST_DATABASE_URL', process.env.TEST_DATABASE_URL ?? '');
  return async () => {
    if (!cluster) return;
    await cluster.stop();
    console.info('PostgreSQL tests: the throw-away cluster stopped and removed');
    cluster = undefined;
  };
}
