// Browser benchmarks: the built app in Debian's Chromium against the built server. First pull of
// 10,000 records, pushing 10,000 queued mutations, one local save with 10,000 records stored, and an
// offline cold start to a visits list holding 1,000 visits, and the region's pages (coverage, answers,
// map) on a device holding 3,000 visits of 144 municipalities. The app marks its saves and sync passes
// with the User Timing API (`tillsyn:save`, `tillsyn:push`, `tillsyn:pull` and their phases,
// `tillsyn:pull:store` …) and the region's pages (`tillsyn:region:coverage`, `:answers`, `:map`); this reads them.
//
// The floor: one raw IndexedDB transaction (no Dexie) writing 10,000 records of ~1 kB, shaped as the
// pull stores them, into a fresh database in the same browser, measured in the same run. The machine's
// speed wobbles (two cores shared), so the sync figures are also given as ratios to that floor.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { kilobyteText, percentile, startBuiltServer, uuid7, visitFields } from './server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const PASSWORD = 'bench-password-1234';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ms = (n) => `${Math.round(n)} ms`;
const dist = (path) => pathToFileURL(join(root, 'dist/server', path)).href;
// The protocol version the built server speaks, so a new protocol version never breaks the benchmark.
const { SCHEMA_VERSION } = await import(dist('shared/protocol.js'));

/** Fills the database through the store's own push, before the server starts. */
async function seed(dataDir) {
  const { openDataDir } = await import(dist('server/bootstrap.js'));
  const { ensureDemoAccounts } = await import(dist('server/demo-accounts.js'));
  const store = await openDataDir(dataDir);
  await ensureDemoAccounts(store, { demoPassword: PASSWORD, print: () => {} });
  const municipalities = JSON.parse(await readFile(join(root, 'src/server/reference-data/municipalities.json'), 'utf8'));
  const inRegion = (regionId) => municipalities.filter((m) => m.regionId === regionId).map((m) => m.id);

  async function pushAll(username, mutations) {
    const user = await store.userByUsername(username);
    const actor = { userId: user.id, role: user.role, regionIds: user.regionIds };
    const clientId = randomUUID();
    for (let i = 0; i < mutations.length; i += 500) {
      const batch = mutations.slice(i, i + 500).map((m, j) => ({ ...m, seq: i + j + 1 }));
      const answer = await store.push(actor, { clientId, schemaVersion: SCHEMA_VERSION, mutations: batch });
      const rejected = answer.results.find((r) => r.status === 'rejected');
      if (rejected) throw new Error(`seed: ${JSON.stringify(rejected.error)}`);
    }
    return user;
  }
  const create = (entity, id, fields) => ({ entity, id, op: 'upsert', baseVersion: null, fields });

  // The inspector: 10 visits holding 9,990 observations of ~1 kB, so 10,000 records to pull, and an 11th visit to edit.
  const inspector = await store.userByUsername('inspector');
  const mine = inRegion('avi-1');
  const visits = Array.from({ length: 10 }, (_, i) => create('visit', uuid7(), { ...visitFields(inspector.id), municipalityId: mine[i] }));
  const observations = Array.from({ length: 9990 }, (_, i) =>
    create('observation', uuid7(), { visitId: visits[i % 10].id, kind: 'note', text: kilobyteText(i) }),
  );
  const editable = create('visit', uuid7(), { ...visitFields(inspector.id), municipalityId: mine[20], status: 'in_progress' });
  await pushAll('inspector', [...visits, ...observations, editable]);

  // inspector2: 1,000 visits across the region, for the cold start.
  const other = await store.userByUsername('inspector2');
  const theirs = inRegion('avi-2');
  await pushAll(
    'inspector2',
    Array.from({ length: 1000 }, (_, i) =>
      create('visit', uuid7(), {
        ...visitFields(other.id),
        municipalityId: theirs[i % theirs.length],
        plannedDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        status: i % 2 ? 'planned' : 'in_progress',
      }),
    ),
  );
  await seedRegion(store, create, municipalities);
  await store.close();
  return { editableVisitId: editable.id };
}

/** The region benchmark's users: an inspector and a coordinator of three regions, 144 municipalities (none of
 * the other benchmarks' users' regions, so their figures stay as they were). */
const REGION_IDS = ['avi-4', 'avi-5', 'avi-6'];
const REGION_VISITS = 3000;

/**
 * The region's picture: 3,000 visits over the 144 municipalities of three regions and three years, every
 * other one also of health and welfare promotion, answered in full (about 64,000 answers), four in five
 * submitted by the inspector and approved by the coordinator, the rest still in progress.
 */
async function seedRegion(store, create, municipalities) {
  const { addUser } = await import(pathToFileURL(join(root, 'dist/server/server/auth/users.js')).href);
  for (const [username, role] of [['regioninspector', 'inspector'], ['regioncoordinator', 'coordinator']]) {
    await addUser(store, { username, name: `Bench ${role}`, role, regionIds: REGION_IDS, password: PASSWORD }, { skipPasswordRule: true });
  }
  const templates = JSON.parse(await readFile(join(root, 'src/server/reference-data/templates.json'), 'utf8')).templates;
  const itemsOf = (id) => templates.find((t) => t.id === id).items;
  const ids = municipalities.filter((m) => REGION_IDS.includes(m.regionId)).map((m) => m.id);
  const inspector = await store.userByUsername('regioninspector');
  const yesNo = ['yes', 'yes', 'yes', 'partly', 'no', 'not_assessed'];
  const value = (item, i) => {
    if (item.answerType === 'scale') return 1 + (i % 5);
    if (item.answerType === 'number') return i % 100;
    return yesNo[i % yesNo.length];
  };
  const visits = [];
  const answers = [];
  for (let i = 0; i < REGION_VISITS; i++) {
    const templateIds = i % 2 ? ['ept-v2', 'hyte-v2'] : ['ept-v2'];
    const fields = {
      ...visitFields(inspector.id),
      municipalityId: ids[i % ids.length],
      templateIds,
      plannedDate: `${2024 + (i % 3)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    };
    const visit = create('visit', uuid7(), fields);
    visits.push(visit);
    for (const templateId of templateIds) {
      for (const [n, item] of itemsOf(templateId).entries()) {
        const v = value(item, i + n);
        const details = item.id === 'EPT-03' && (v === 'yes' || v === 'partly') ? { fte: (i % 8) / 4 } : null;
        answers.push(create('answer', `${visit.id}:${item.id}`, { visitId: visit.id, itemId: item.id, value: v, details, comment: 'Todettu käynnillä.' }));
      }
    }
  }
  // Each change's base version is the one the server gave the record when it last applied a change.
  const versions = new Map();
  async function push(username, mutations) {
    const user = await store.userByUsername(username);
    const actor = { userId: user.id, role: user.role, regionIds: user.regionIds };
    const clientId = randomUUID();
    for (let i = 0; i < mutations.length; i += 500) {
      const batch = mutations.slice(i, i + 500).map((m, j) => ({ ...m, seq: i + j + 1 }));
      const answer = await store.push(actor, { clientId, schemaVersion: SCHEMA_VERSION, mutations: batch });
      answer.results.forEach((r, j) => {
        if (r.status !== 'applied') throw new Error(`seed: ${JSON.stringify(r.error ?? r)}`);
        versions.set(batch[j].id, r.version);
      });
    }
  }
  const change = (v, status) => ({ entity: 'visit', id: v.id, op: 'upsert', baseVersion: versions.get(v.id), fields: { status } });
  await push('regioninspector', [...visits, ...answers]);
  const done = visits.filter((_, i) => i % 5 !== 4);
  await push('regioninspector', done.map((v) => change(v, 'submitted')));
  await push('regioncoordinator', done.map((v) => change(v, 'approved')));
  return { answers: answers.length };
}

export async function openProfile() {
  const dir = await mkdtemp(join(tmpdir(), 'tillsyn-bench-chromium-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', args: FLAGS, headless: true, locale: 'en-US' });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close: async () => (await context.close(), await rm(dir, { recursive: true, force: true })) };
}

async function signIn(page, url, username) {
  await page.goto(url);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Resolves when the app has finished a sync pass since `after` (its User Timing `tillsyn:pull` entry). */
async function measures(page, name) {
  return page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
}

async function waitForMeasure(page, name, count) {
  await page.waitForFunction(([n, c]) => performance.getEntriesByName(n).length >= c, [name, count], { timeout: 120_000, polling: 50 });
  return (await measures(page, name)).at(-1);
}

async function outboxCount(page, userId) {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('outbox').objectStore('outbox').count();
          count.onsuccess = () => (db.close(), resolve(count.result));
          count.onerror = () => reject(count.error);
        };
        open.onerror = () => reject(open.error);
      }),
    `tillsyn-${userId}`,
  );
}

/** Queues mutations as the app's own writes would: the record and its outbox row, in one transaction. */
async function queueObservations(page, userId, visitId, n) {
  await page.evaluate(
    ({ name, visitId, n, text }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['observation', 'outbox'], 'readwrite');
          const at = new Date().toISOString();
          for (let i = 0; i < n; i++) {
            const id = crypto.randomUUID().replace(/^(.{14})./, '$17');
            const fields = { visitId, kind: 'concern', text: `${i} ${text}` };
            tx.objectStore('observation').put({ id, ...fields });
            tx.objectStore('outbox').add({ entity: 'observation', id, op: 'upsert', baseVersion: null, fields, queuedAt: at });
          }
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    { name: `tillsyn-${userId}`, visitId, n, text: kilobyteText(0).slice(0, 990) },
  );
}

/**
 * One raw IndexedDB transaction writing `n` records of ~1 kB into a fresh database: the least any way
 * of storing them can cost here. The object store has the app's key path and index for observations.
 */
async function floorMs(page, n = 10_000) {
  return page.evaluate(
    async ({ n, text }) => {
      const name = `bench-floor-${crypto.randomUUID()}`;
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open(name, 1);
        open.onupgradeneeded = () => open.result.createObjectStore('observation', { keyPath: 'id' }).createIndex('visitId', 'visitId');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const visitId = crypto.randomUUID();
      const at = new Date().toISOString();
      const records = Array.from({ length: n }, (_, i) => ({
        visitId,
        kind: 'note',
        text: `${i} ${text}`,
        id: crypto.randomUUID(),
        version: i + 1,
        deleted: false,
        updatedAt: at,
        updatedBy: visitId,
      }));
      const started = performance.now();
      await new Promise((resolve, reject) => {
        const tx = db.transaction('observation', 'readwrite');
        const store = tx.objectStore('observation');
        for (const r of records) store.put(r);
        tx.oncomplete = () => resolve();
        tx.onerror = tx.onabort = () => reject(tx.error);
      });
      const took = performance.now() - started;
      db.close();
      await new Promise((resolve) => {
        const del = indexedDB.deleteDatabase(name);
        del.onsuccess = del.onerror = del.onblocked = () => resolve();
      });
      return took;
    },
    { n, text: kilobyteText(0).slice(0, 990) },
  );
}

async function floorRuns(page, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await floorMs(page));
  return times;
}

/** The sums of each phase's measures that started within the longest entry named `pass` (`tillsyn:pull`, `tillsyn:push`). */
async function phases(page, pass) {
  return page.evaluate((pass) => {
    // The longest pass of that name: the one measured (a later pass may have found nothing to do).
    const outer = performance.getEntriesByName(pass).reduce((a, b) => (!a || b.duration > a.duration ? b : a), null);
    if (!outer) return {};
    const sums = {};
    for (const e of performance.getEntriesByType('measure')) {
      if (!e.name.startsWith(`${pass}:`) || e.startTime < outer.startTime || e.startTime > outer.startTime + outer.duration) continue;
      const key = e.name.slice(pass.length + 1);
      sums[key] = sums[key] ?? { ms: 0, n: 0 };
      sums[key].ms += e.duration;
      sums[key].n += 1;
    }
    return sums;
  }, pass);
}

const phaseText = (sums) =>
  Object.entries(sums)
    .map(([k, v]) => `${k} ${Math.round(v.ms)} ms/${v.n}`)
    .join(', ');
const ratio = (value, floor) => `${(value / floor).toFixed(2)}× the floor`;

/**
 * The push requests as the browser's Resource Timing saw them: on average, from sending to the first
 * byte of the answer (the upload and the server's work), and in all. What the engine adds is the rest.
 */
async function pushRequests(page) {
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/sync/push'))
      .map((e) => ({ ttfb: e.responseStart - e.requestStart, total: e.duration })),
  );
  const avg = (key) => Math.round(entries.reduce((sum, e) => sum + e[key], 0) / Math.max(1, entries.length));
  return `${entries.length} requests: to the first byte ${avg('ttfb')} ms, in all ${avg('total')} ms, on average`;
}

async function inspectorFigures(url, editableVisitId) {
  const { page, close } = await openProfile();
  try {
    await page.goto(url);
    await page.getByLabel('Username', { exact: true }).waitFor();
    const floors = await floorRuns(page, 3);
    const started = performance.now();
    await signIn(page, url, 'inspector');
    const pullMs = await waitForMeasure(page, 'tillsyn:pull', 1);
    const firstSyncMs = performance.now() - started;
    const pullPhases = await phases(page, 'tillsyn:pull');
    const userId = await page.evaluate(() => indexedDB.databases().then((d) => d.find((x) => x.name.startsWith('tillsyn-'))?.name.slice(8)));

    // Local saves: answer checklist items on a visit, with 10,000 records stored.
    await page.goto(`${url}/visits/${editableVisitId}`);
    const buttons = page.locator('.choice-buttons .choice-button');
    await buttons.first().waitFor();
    const count = Math.min(await buttons.count(), 120);
    for (let i = 0; i < count; i++) await buttons.nth(i).click();
    await page.waitForFunction((c) => performance.getEntriesByName('tillsyn:save').length >= c, count, { timeout: 60_000 });
    const saves = (await measures(page, 'tillsyn:save')).sort((a, b) => a - b);

    // Push: 10,000 queued mutations of ~1 kB, until the server has acknowledged them all.
    await page.waitForFunction(() => document.body.innerText.includes('Synced'), null, { timeout: 60_000 }).catch(() => {});
    // From the visits list: the page that lists a visit's 10,000 new observations is another measure.
    await page.goto(`${url}/visits`);
    await page.waitForFunction(() => performance.getEntriesByName('tillsyn:pull').length >= 1, null, { timeout: 60_000 });
    floors.push(...(await floorRuns(page, 3)));
    const pushesBefore = (await measures(page, 'tillsyn:push')).length;
    await queueObservations(page, userId, editableVisitId, 10_000);
    const pushStarted = performance.now();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    for (;;) {
      if ((await outboxCount(page, userId)) === 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const pushWall = performance.now() - pushStarted;
    const pushMs = (await measures(page, 'tillsyn:push')).slice(pushesBefore).reduce((a, b) => Math.max(a, b), 0);
    const pushPhases = await phases(page, 'tillsyn:push');
    const requests = await pushRequests(page);
    const sorted = [...floors].sort((a, b) => a - b);
    const floor = percentile(sorted, 50);
    return [
      [`floor: one raw IndexedDB transaction writing 10,000 records of ~1 kB: median of ${floors.length}`, ms(floor), `runs: ${sorted.map(Math.round).join(', ')} ms`],
      ['first pull of 10,000 records of ~1 kB into IndexedDB (the engine)', ms(pullMs), '≤ 2 s'],
      ['  to the floor', ratio(pullMs, floor), '≤ 1.5×'],
      ['  its phases, summed (ms / how many)', '', phaseText(pullPhases)],
      ['  sign-in to synced, as the user waits', ms(firstSyncMs), ''],
      [`push 10,000 queued mutations of ~1 kB until acknowledged (the engine)`, ms(pushMs), '≤ 2 s'],
      ['  to the floor', ratio(pushMs, floor), '≤ 1.5×'],
      ['  its phases, summed, overlapping (ms / how many)', '', phaseText(pushPhases)],
      ['  its requests', '', requests],
      ['  from the nudge to an empty outbox, polled', ms(pushWall), ''],
      [`one local save (record + outbox row), 10,000 stored: p50 / p95 of ${saves.length}`, `${percentile(saves, 50).toFixed(1)} / ${percentile(saves, 95).toFixed(1)} ms`, 'p95 ≤ 15 ms'],
    ];
  } finally {
    await close();
  }
}

async function coldStart(url) {
  const { context, page, close } = await openProfile();
  try {
    await signIn(page, url, 'inspector2');
    await waitForMeasure(page, 'tillsyn:pull', 1);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await context.setOffline(true);
    const times = [];
    for (let i = 0; i < 5; i++) {
      const fresh = await context.newPage();
      await page.close().catch(() => {});
      await fresh.goto(`${url}/visits`);
      await fresh.waitForFunction(() => document.querySelectorAll('.visit-card').length >= 1000, null, { timeout: 60_000, polling: 'raf' });
      // Interactive: the list is there and the main thread answers a frame.
      times.push(await fresh.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now())))));
      await fresh.close();
    }
    times.sort((a, b) => a - b);
    return [['offline cold start to an interactive list of 1,000 visits: median of 5', ms(percentile(times, 50)), '≤ 1 s']];
  } finally {
    await close();
  }
}

/** The first entry of a User Timing measure in the page, waiting for it. */
async function firstMeasure(page, name) {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length >= 1, name, { timeout: 60_000, polling: 20 });
  return (await measures(page, name))[0];
}

/**
 * The floor of the region's reads: the same records read with raw IndexedDB (no Dexie, no compilation),
 * in the same page, so the figures can be read against what the machine gives at the moment: the
 * coverage's tables whole, and the answers page's (municipalities, visits, templates, then the answers of
 * each municipality's latest approved visit by their id range).
 */
async function regionFloor(page) {
  return page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith('tillsyn-'));
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const read = (tx, store, range) =>
      new Promise((resolve, reject) => {
        const request = tx.objectStore(store).getAll(range);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    let started = performance.now();
    let tx = db.transaction(['municipality', 'visit', 'template', 'followUp', 'contact']);
    await Promise.all(['municipality', 'visit', 'template', 'followUp', 'contact'].map((s) => read(tx, s)));
    const coverage = performance.now() - started;
    started = performance.now();
    tx = db.transaction(['municipality', 'visit', 'template', 'answer']);
    const [, visits] = await Promise.all(['municipality', 'visit', 'template'].map((s) => read(tx, s)));
    const latest = new Map();
    for (const v of visits) if (v.status === 'approved' && (!latest.has(v.municipalityId) || latest.get(v.municipalityId).plannedDate < v.plannedDate)) latest.set(v.municipalityId, v);
    await Promise.all([...latest.values()].map((v) => read(tx, 'answer', IDBKeyRange.bound(`${v.id}:`, `${v.id};`, false, true))));
    const answers = performance.now() - started;
    db.close();
    return { coverage, answers };
  });
}

/**
 * The region's pages on the coordinator's device holding 3,000 visits and about 64,000 answers: the
 * coverage (all areas, this year) and the answers (one area, three years) read and compiled, and the map
 * drawn and answering a frame, from the page's first render. Five loads of each; medians.
 */
async function regionFigures(url) {
  const { page, close } = await openProfile();
  try {
    await signIn(page, url, 'regioncoordinator');
    const pullMs = await waitForMeasure(page, 'tillsyn:pull', 1);
    const runs = { coverage: [], map: [], answers: [] };
    for (let i = 0; i < 5; i++) {
      await page.goto(`${url}/region`);
      runs.coverage.push(await firstMeasure(page, 'tillsyn:region:coverage'));
      runs.map.push(await firstMeasure(page, 'tillsyn:region:map'));
      await page.goto(`${url}/region/answers?area=substance&from=2024-01-01&to=2026-12-31`);
      runs.answers.push(await firstMeasure(page, 'tillsyn:region:answers'));
    }
    const floors = { coverage: [], answers: [] };
    for (let i = 0; i < 5; i++) {
      const floor = await regionFloor(page);
      floors.coverage.push(floor.coverage);
      floors.answers.push(floor.answers);
    }
    const median = (list) => percentile([...list].sort((a, b) => a - b), 50);
    const all = (list) => `runs: ${list.map(Math.round).join(', ')} ms`;
    return [
      [`region of 144 municipalities, ${REGION_VISITS} visits, ~64,000 answers: first pull to the device`, ms(pullMs), ''],
      ['  coverage read and compiled on the device: median of 5', ms(median(runs.coverage)), `≤ 150 ms with the answers; ${all(runs.coverage)}`],
      ['    its floor: the same tables read with raw IndexedDB', ms(median(floors.coverage)), all(floors.coverage)],
      ['  answer distributions read and compiled (one area): median of 5', ms(median(runs.answers)), `≤ 150 ms with the coverage; ${all(runs.answers)}`],
      ['    its floor: the same records read with raw IndexedDB', ms(median(floors.answers)), all(floors.answers)],
      ['  the map drawn and interactive from the page’s first render: median of 5', ms(median(runs.map)), `≤ 300 ms; ${all(runs.map)}`],
    ];
  } finally {
    await close();
  }
}

/**
 * The contact import's preview of a 5,000-row spreadsheet (semicolons, Windows-1252 as Excel in Finnish
 * saves it, quoted separators and line breaks): from the file chosen to every row decoded, parsed, checked
 * and the first rows on screen. Five files; median.
 */
async function importFigures(url) {
  const municipalities = JSON.parse(await readFile(join(root, 'src/server/reference-data/municipalities.json'), 'utf8')).filter((m) => REGION_IDS.includes(m.regionId));
  const rows = ['Kunta;Etunimi;Sukunimi;Tehtävänimike;Sähköposti;Puhelin;Osa-alue;Lisätiedot'];
  for (let i = 0; i < 5000; i++) {
    const m = municipalities[i % municipalities.length];
    rows.push(`${m.name.fi};Henkilö${i};Äyräpää;"Yhdyshenkilö; hyvinvointi";h${i}@kunta.fi;040 123 ${String(i).padStart(4, '0')};EPT ja HYTE;"Rivi 1\r\nrivi 2"`);
  }
  const cp1252 = Buffer.from([...rows.join('\r\n')].map((ch) => ({ ä: 0xe4, ö: 0xf6, å: 0xe5, Ä: 0xc4 })[ch] ?? ch.charCodeAt(0)));
  const { page, close } = await openProfile();
  try {
    await signIn(page, url, 'regioncoordinator');
    await waitForMeasure(page, 'tillsyn:pull', 1);
    const times = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(`${url}/network/import`);
      await page.getByLabel('CSV file').setInputFiles({ name: `contacts-${i}.csv`, mimeType: 'text/csv', buffer: cp1252 });
      times.push(await firstMeasure(page, 'tillsyn:import:preview'));
    }
    const median = percentile([...times].sort((a, b) => a - b), 50);
    return [['contact import: a 5,000-row spreadsheet decoded, parsed, checked and previewed: median of 5', ms(median), `≤ 1 s; runs: ${times.map(Math.round).join(', ')} ms`]];
  } finally {
    await close();
  }
}

export async function browserBenchmarks() {
  const dir = await mkdtemp(join(tmpdir(), 'tillsyn-bench-'));
  const dataDir = join(dir, 'data');
  const { editableVisitId } = await seed(dataDir);
  const server = await startBuiltServer(dataDir);
  try {
    return [...(await inspectorFigures(server.url, editableVisitId)), ...(await coldStart(server.url)), ...(await regionFigures(server.url)), ...(await importFigures(server.url))];
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
