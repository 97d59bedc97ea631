// What the device's report (X-Device-Report, SYNC.md) costs the server, measured in one process through
// the built store so that a loaded machine slows both sides alike: the same pushes with and without a
// report, interleaved; and an empty pull without a report, with one that says what is stored already
// (read, not written) and with one whose figures change (written).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kilobyteText, percentile, uuid7, visitFields } from './server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = (path) => pathToFileURL(join(root, 'dist/server', path)).href;
const ms = (n) => `${n.toFixed(2)} ms`;
const figures = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 95))}`;
};

export async function deviceReportBenchmarks() {
  const PUSHES = 1500;
  const PULLS = 2000;
  const { openDataDir } = await import(dist('server/bootstrap.js'));
  const { ensureDemoAccounts } = await import(dist('server/demo-accounts.js'));
  const dir = await mkdtemp(join(tmpdir(), 'tillsyn-bench-'));
  const store = await openDataDir(join(dir, 'data'));
  try {
    await ensureDemoAccounts(store, { demoPassword: 'bench-password-1234', print: () => {} });
    const user = await store.userByUsername('inspector');
    const actor = { userId: user.id, role: user.role, regionIds: user.regionIds };
    const report = (clientId, pending) => ({ clientId, appVersion: '0.1.0', browser: 'Chrome', os: 'Android', pending, oldestAgeSeconds: pending ? 120 : null, rejected: 0 });

    const clients = { with: { id: randomUUID(), seq: 0 }, without: { id: randomUUID(), seq: 0 } };
    const visitId = uuid7();
    await store.push(actor, { clientId: clients.with.id, schemaVersion: 2, mutations: [{ seq: ++clients.with.seq, entity: 'visit', id: visitId, op: 'upsert', baseVersion: null, fields: visitFields(user.id) }] });
    const pushes = { with: [], without: [] };
    for (let r = 0; r < PUSHES; r++) {
      for (const kind of r % 2 ? ['with', 'without'] : ['without', 'with']) {
        const c = clients[kind];
        const mutations = Array.from({ length: 20 }, (_, i) => ({ seq: ++c.seq, entity: 'observation', id: uuid7(), op: 'upsert', baseVersion: null, fields: { visitId, kind: 'note', text: kilobyteText(r * 20 + i) } }));
        const t = performance.now();
        await store.push(actor, { clientId: c.id, schemaVersion: 2, mutations }, kind === 'with' ? report(c.id, 20) : undefined);
        pushes[kind].push(performance.now() - t);
      }
    }

    let cursor;
    for (;;) {
      const page = await store.pull(actor, cursor, 1000);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const same = randomUUID();
    const changing = randomUUID();
    const pulls = { none: [], same: [], changing: [] };
    for (let r = 0; r < PULLS; r++) {
      for (const kind of ['none', 'same', 'changing']) {
        const t = performance.now();
        await store.pull(actor, cursor, 500);
        if (kind === 'same') await store.recordPullReport(actor, report(same, 0));
        if (kind === 'changing') await store.recordPullReport(actor, report(changing, (r % 2) + 1));
        pulls[kind].push(performance.now() - t);
      }
    }
    return [
      [`store push of 20 × ~1 kB, no report (${PUSHES}, interleaved): median / p95`, figures(pushes.without), ''],
      ['  the same with a report (one upsert in its transaction)', figures(pushes.with), 'no slower'],
      [`store empty pull, no report (${PULLS}): median / p95`, figures(pulls.none), ''],
      ['  with a report saying what is stored (read only)', figures(pulls.same), 'no slower'],
      ['  with a report that changed (written, one fsync)', figures(pulls.changing), '≤ 5 ms'],
    ];
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
