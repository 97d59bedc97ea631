// The PostgreSQL benchmarks: two instances of the built server on one PostgreSQL database (DATABASE_URL),
// as behind a load balancer. 50 clients pushing through both at once (throughput, p99 latency, each
// instance's peak RSS), then an empty pull on 100,000 records. The database is a throw-away cluster
// started here (test/pg-cluster.mjs, PostgreSQL's default settings: fsync and synchronous commit on, as
// the SQLite store's synchronous=FULL), or a fresh database on BENCH_DATABASE_URL's server when set.
// Skipped, with the reason printed in the table, when there is no PostgreSQL.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, findPgBin, startPgCluster } from '../pg-cluster.mjs';
import { kilobyteText, login, percentile, push, startBuiltServer, uuid7, visitFields } from './server.mjs';

const ms = (n) => `${n.toFixed(1)} ms`;
const LABEL = 'PostgreSQL, two instances';

async function concurrentPush(instances) {
  const CLIENTS = 50;
  const ROUNDS = 20;
  const BATCH = 20;
  // Each client keeps to one instance (as a load balancer's connection reuse does); half on each.
  const sessions = await Promise.all(instances.map((s) => login(s.url, 'inspector')));
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const server = instances[i % instances.length];
      const { token, user } = sessions[i % instances.length];
      const clientId = randomUUID();
      const visitId = uuid7();
      await push(server.url, token, clientId, [{ seq: 1, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: visitFields(user.id) }]);
      return { url: server.url, token, clientId, visitId, seq: 1 };
    }),
  );
  const pushRound = (c, round) =>
    push(
      c.url,
      c.token,
      c.clientId,
      Array.from({ length: BATCH }, (_, i) => ({
        seq: ++c.seq,
        entity: 'observation',
        id: uuid7(),
        op: 'upsert',
        baseVersion: null,
        fields: { visitId: c.visitId, kind: 'note', text: kilobyteText(round * BATCH + i) },
      })),
    );
  // One round first, not counted, as in the SQLite benchmark: a cold process is not the steady state.
  await Promise.all(clients.map((c) => pushRound(c, -1)));
  const latencies = [];
  const started = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      for (let round = 0; round < ROUNDS; round++) {
        const t = performance.now();
        await pushRound(c, round);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const total = CLIENTS * ROUNDS * BATCH;
  return {
    records: CLIENTS * (1 + (ROUNDS + 1) * BATCH),
    rows: [
      [`${LABEL}: push, ${CLIENTS} clients at once through both (${total} mutations of ~1 kB, ${BATCH} a request)`, `${Math.round(total / seconds)} mutations/s`, '≥ 3,000/s'],
      ['  request latency p50 / p99', `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`, 'p99 ≤ 250 ms'],
    ],
  };
}

/** Brings the database to `target` records with small observations, 500 a push, through both instances. */
async function fill(instances, from, target) {
  const { token, user } = await login(instances[0].url, 'inspector');
  const visitId = uuid7();
  const clientId = randomUUID();
  let seq = 1;
  await push(instances[0].url, token, clientId, [{ seq, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: visitFields(user.id) }]);
  let count = from + 1;
  // Four writers, each its own client id (a client's seqs are one sequence), half on each instance.
  const writers = Array.from({ length: 4 }, (_, i) => ({ url: instances[i % instances.length].url, clientId: randomUUID(), seq: 0 }));
  await Promise.all(
    writers.map(async (w) => {
      while (count < target) {
        const n = Math.min(500, target - count);
        count += n;
        const mutations = Array.from({ length: n }, () => ({
          seq: ++w.seq,
          entity: 'observation',
          id: uuid7(),
          op: 'upsert',
          baseVersion: null,
          fields: { visitId, kind: 'note', text: `Observation ${w.seq}` },
        }));
        await push(w.url, token, w.clientId, mutations);
      }
    }),
  );
}

async function emptyPull(instance) {
  const { token } = await login(instance.url, 'inspector');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const { SCHEMA_VERSION } = await import('../../dist/server/shared/protocol.js');
  headers['x-schema-version'] = String(SCHEMA_VERSION);
  let cursor = '';
  let pulled = 0;
  const fullStarted = performance.now();
  for (;;) {
    const res = await fetch(`${instance.url}/api/sync/pull?limit=1000${cursor && `&cursor=${cursor}`}`, { headers });
    const page = await res.json();
    if (!res.ok) throw new Error(`pull: ${res.status} ${JSON.stringify(page)}`);
    pulled += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const fullMs = performance.now() - fullStarted;
  const times = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    const res = await fetch(`${instance.url}/api/sync/pull?cursor=${cursor}`, { headers });
    const page = await res.json();
    times.push(performance.now() - t);
    if (page.changes.length !== 0) throw new Error('the pull after the last cursor was not empty');
  }
  times.sort((a, b) => a - b);
  return [
    [`${LABEL}: pull of everything, ${pulled} records, 1,000 a page (HTTP only)`, ms(fullMs), ''],
    [`${LABEL}: empty pull, the database holding ${pulled} records: median / p95`, `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`, '≤ 5 ms'],
  ];
}

export async function pgBenchmarks() {
  const given = process.env.BENCH_DATABASE_URL;
  const bin = given ? null : findPgBin();
  if (!given && !bin) {
    console.error('bench: pg skipped: no PostgreSQL binaries (initdb and pg_ctl on PATH, in PG_BIN or /usr/lib/postgresql/*/bin) and BENCH_DATABASE_URL is not set');
    return [[`${LABEL}`, 'skipped', 'no PostgreSQL: install it, or set BENCH_DATABASE_URL']];
  }
  const cluster = given ? null : await startPgCluster({ bin });
  const dir = await mkdtemp(join(tmpdir(), 'tillsyn-bench-pg-'));
  const running = [];
  let database;
  try {
    database = await createDatabase(given ?? cluster.url, 'tillsyn_bench');
    // One after the other: the first migrates and creates the demo accounts.
    for (const name of ['a', 'b']) {
      const dataDir = join(dir, name);
      running.push(await startBuiltServer(dataDir, { DATABASE_URL: database.url }));
      if (existsSync(join(dataDir, 'tillsyn.db'))) {
        console.error('bench: pg skipped: the built server opened SQLite, not DATABASE_URL');
        return [[`${LABEL}`, 'skipped', 'the built server does not read DATABASE_URL']];
      }
    }
    const where = given ? 'BENCH_DATABASE_URL' : `a throw-away PostgreSQL ${cluster.version} cluster`;
    console.error(`bench: pg on ${where}`);
    const pushed = await concurrentPush(running);
    const rss = running.map((s) => s.peakRssMb().toFixed(0));
    await fill(running, pushed.records, 100_000);
    return [
      ...pushed.rows,
      ['  each instance\'s peak RSS (a / b)', `${rss[0]} MB / ${rss[1]} MB`, '≤ 200 MB each'],
      ...(await emptyPull(running[1])),
    ];
  } finally {
    for (const s of running) await s.stop();
    await database?.drop().catch(() => {});
    await cluster?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
