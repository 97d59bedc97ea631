// Server benchmarks against the built server process over real HTTP on loopback:
// 50 clients pushing at once (throughput, p99 latency, peak RSS), and an empty pull on 100,000 records.
// Every push and pull carries the device's report (X-Device-Report), as the app's do.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = (path) => pathToFileURL(join(root, 'dist/server', path)).href;
const PASSWORD = 'bench-password-1234';
// The protocol version the built server speaks, so a new protocol version never breaks the benchmark.
const { SCHEMA_VERSION } = await import(dist('shared/protocol.js'));
const HEADERS = { 'content-type': 'application/json', 'x-schema-version': String(SCHEMA_VERSION) };

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n) => `${n.toFixed(1)} ms`;

/** A UUIDv7-shaped id: time-ordered, as the app makes them. */
export function uuid7() {
  const hex = Date.now().toString(16).padStart(12, '0') + randomUUID().replace(/-/g, '').slice(12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** About 1 kB of Finnish-looking text, different each time. */
export function kilobyteText(i) {
  const base = `Havainto ${i}: kunnan ehkäisevän päihdetyön yhdyshenkilö on nimetty, mutta työryhmä ei ole kokoontunut. `;
  return base.repeat(Math.ceil(1000 / base.length)).slice(0, 1000);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the built server on the given data folder (`env` adds to its environment: DATABASE_URL); resolves when /api/health answers. */
export async function startBuiltServer(dataDir, env = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'dist/server/server/main.js')], {
    env: { ...process.env, ...env, PORT: String(port), DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not yet listening
    }
    if (i > 300) throw new Error('The built server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const peakRssMb = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
  };
  const stop = () =>
    new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  return { url, child, peakRssMb, stop };
}

export async function login(url, username) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: HEADERS, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The device's report as the app sends it with each push and pull (src/shared/device-report.ts). */
export function deviceReport(clientId, pending) {
  return { 'x-device-report': `v=1;client=${clientId};app=0.1.0;pending=${pending}${pending > 0 ? ';oldest=120' : ''};rejected=0` };
}

export async function push(url, token, clientId, mutations) {
  const res = await fetch(`${url}/api/sync/push`, {
    method: 'POST',
    headers: { ...HEADERS, authorization: `Bearer ${token}`, ...deviceReport(clientId, mutations.length) },
    body: JSON.stringify({ clientId, schemaVersion: SCHEMA_VERSION, mutations }),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`push: ${res.status} ${JSON.stringify(body)}`);
  const rejected = body.results.filter((r) => r.status === 'rejected');
  if (rejected.length) throw new Error(`push: ${rejected.length} rejected, e.g. ${JSON.stringify(rejected[0].error)}`);
  return body;
}

export function visitFields(inspectorId) {
  return { municipalityId: '091', templateIds: ['ept-v2'], inspectorId, plannedDate: '2026-12-01', status: 'in_progress', attendees: [] };
}

async function concurrentPush() {
  const CLIENTS = 50;
  const ROUNDS = 20;
  const BATCH = 20;
  const dir = await mkdtemp(join(tmpdir(), 'tillsyn-bench-'));
  const server = await startBuiltServer(join(dir, 'data'));
  try {
    const { token, user } = await login(server.url, 'inspector');
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const clientId = randomUUID();
        const visitId = uuid7();
        await push(server.url, token, clientId, [{ seq: 1, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: visitFields(user.id) }]);
        return { clientId, visitId, seq: 1 };
      }),
    );
    const pushRound = (c, round) =>
      push(
        server.url,
        token,
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
    // One round first, not counted: a server runs for weeks, and the first burst of 50 large pushes
    // at a cold process (code not yet optimised) is its slowest second, not its steady state.
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
    return [
      [`push, ${CLIENTS} clients at once (${total} mutations of ~1 kB, ${BATCH} a request)`, `${Math.round(total / seconds)} mutations/s`, '≥ 3,000/s'],
      ['  request latency p50 / p99', `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`, 'p99 ≤ 250 ms'],
      ['  server peak RSS', `${server.peakRssMb().toFixed(0)} MB`, '≤ 200 MB'],
    ];
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function emptyPull() {
  const RECORDS = 100_000;
  const dir = await mkdtemp(join(tmpdir(), 'tillsyn-bench-'));
  const dataDir = join(dir, 'data');
  // Fill the database through the store's own push (the same code the endpoint runs), without HTTP.
  const { openDataDir } = await import(dist('server/bootstrap.js'));
  const { ensureDemoAccounts } = await import(dist('server/demo-accounts.js'));
  const store = await openDataDir(dataDir);
  await ensureDemoAccounts(store, { demoPassword: PASSWORD, print: () => {} });
  const inspector = await store.userByUsername('inspector');
  const actor = { userId: inspector.id, role: inspector.role, regionIds: inspector.regionIds };
  const clientId = randomUUID();
  const visitId = uuid7();
  let seq = 0;
  await store.push(actor, { clientId, schemaVersion: SCHEMA_VERSION, mutations: [{ seq: ++seq, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: visitFields(inspector.id) }] });
  while (seq < RECORDS) {
    const mutations = Array.from({ length: 500 }, () => ({
      seq: ++seq,
      entity: 'observation',
      id: uuid7(),
      op: 'upsert',
      baseVersion: null,
      fields: { visitId, kind: 'note', text: `Observation ${seq}` },
    }));
    await store.push(actor, { clientId, schemaVersion: SCHEMA_VERSION, mutations });
  }
  await store.close();

  const server = await startBuiltServer(dataDir);
  try {
    const { token } = await login(server.url, 'inspector');
    const headers = { ...HEADERS, authorization: `Bearer ${token}`, ...deviceReport(randomUUID(), 0) };
    let cursor = '';
    let pulled = 0;
    const fullStarted = performance.now();
    for (;;) {
      const res = await fetch(`${server.url}/api/sync/pull?limit=1000${cursor && `&cursor=${cursor}`}`, { headers });
      const page = await res.json();
      pulled += page.changes.length;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const fullMs = performance.now() - fullStarted;
    const times = [];
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      const res = await fetch(`${server.url}/api/sync/pull?cursor=${cursor}`, { headers });
      const page = await res.json();
      times.push(performance.now() - t);
      if (page.changes.length !== 0) throw new Error('the pull after the last cursor was not empty');
    }
    times.sort((a, b) => a - b);
    // The same with a report whose figures change at every pull, so each pull writes it.
    const writes = [];
    const reporter = randomUUID();
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      const res = await fetch(`${server.url}/api/sync/pull?cursor=${cursor}`, { headers: { ...headers, ...deviceReport(reporter, (i % 2) + 1) } });
      await res.json();
      writes.push(performance.now() - t);
    }
    writes.sort((a, b) => a - b);
    return [
      [`pull of everything, ${pulled} records, 1,000 a page (HTTP only)`, ms(fullMs), ''],
      [`empty pull, server holding ${pulled} records: median / p95`, `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`, '≤ 5 ms'],
      ['  the same, its report changing each time (written)', `${ms(percentile(writes, 50))} / ${ms(percentile(writes, 95))}`, '≤ 5 ms'],
    ];
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function serverBenchmarks() {
  return [...(await concurrentPush()), ...(await emptyPull())];
}
