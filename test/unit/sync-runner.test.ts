// @vitest-environment node
// The sync runner: triggers, backoff, the problems it shows, and one loop per database across tabs,
// against the real server in-process. Tabs are runners over separate connections to one database,
// with a fake Web Locks manager (a closed tab loses its lock, as in a browser) and a broadcast hub.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveRecord } from '../../src/db/write.ts';
import type { UserDb } from '../../src/db/database.ts';
import type { Api } from '../../src/sync/engine.ts';
import { createApiFetch, type FetchLike } from '../../src/sync/http.ts';
import { LAST_SYNC_KEY, startSync, type ChannelLike, type LockManagerLike, type StartSyncOptions, type SyncRunnerHandle } from '../../src/sync/runner.ts';
import type { SyncState } from '../../src/sync/state.ts';
import {
  device,
  expectAppliedOnce,
  expectConverged,
  historyOf,
  openDeviceDb,
  serverView,
  startServer,
  uuid,
  visitFields,
  type Device,
  type Server,
} from './sync-harness.ts';

const timing = { debounceMs: 10, debounceMaxMs: 100, periodMs: 60_000, backoffBaseMs: 5, backoffCapMs: 40 };
const until = (check: () => void | Promise<void>) => vi.waitFor(check, { timeout: 10_000, interval: 5 });

// Some scenarios queue a thousand edits; on a loaded machine that outlasts the default 5 s.
vi.setConfig({ testTimeout: 60_000 });

let server: Server;
const runners: SyncRunnerHandle[] = [];
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  await server.close();
});

/** The server's api, counting the requests that reached it; `gate` may fail or hold a request instead. */
function serverApi(gate?: (path: string, init: RequestInit) => Promise<Response | undefined> | Response | undefined) {
  const calls: string[] = [];
  const fetchImpl: FetchLike = async (path, init) => {
    const answer = await gate?.(path, init);
    if (answer) return answer;
    calls.push(path);
    return server.app.request(path, init);
  };
  return { api: createApiFetch(fetchImpl) as Api, calls, pushes: () => calls.filter((c) => c.startsWith('/api/sync/push')).length };
}

/**
 * Runs `act` with setTimeout faked, then checks it left no timer behind. The runner makes every attempt
 * from a timer, so none pending proves none will be made, with no wait that a slow machine could
 * outlast. IndexedDB keeps working (fake-indexeddb schedules with setImmediate).
 */
async function expectNoAttempt(act: () => void | Promise<void>): Promise<void> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    await act();
    expect(vi.getTimerCount(), 'a sync attempt was scheduled').toBe(0);
  } finally {
    vi.useRealTimers();
  }
}

type Tab = { runner: SyncRunnerHandle; window: EventTarget; states: SyncState[]; unauthorized: { count: number } };

function run(d: Device, options: Partial<StartSyncOptions> & { db?: UserDb; online?: () => boolean } = {}): Tab {
  const window = new EventTarget();
  const states: SyncState[] = [];
  const unauthorized = { count: 0 };
  const runner = startSync({
    db: d.db,
    token: () => d.token.current,
    onUnauthorized: () => unauthorized.count++,
    api: serverApi().api,
    random: () => 0.5,
    timing,
    locks: null,
    channel: null,
    events: { window, document: null, isOnline: options.online ?? (() => true) },
    ...options,
  });
  runner.subscribe((s) => states.push(s));
  runners.push(runner);
  return { runner, window, states, unauthorized };
}

describe('one runner', () => {
  it('syncs at start, after a local edit, and keeps the time of the last success across reloads', async () => {
    const d = await device(server, 'ilona');
    const visitId = uuid();
    await saveRecord(d.db, 'visit', visitId, visitFields(d.user.id));
    const tab = run(d);
    await until(() => expect(tab.runner.getState().lastSuccessAt).not.toBeNull());
    expect(serverView(server, d.user).has(`visit/${visitId}`)).toBe(true);
    const first = tab.runner.getState().lastSuccessAt;
    expect((await d.db.meta.get(LAST_SYNC_KEY))?.value).toBe(first);

    await saveRecord(d.db, 'visit', visitId, { agenda: 'Typed after the first pass' });
    await until(async () => expect(await d.db.outbox.count()).toBe(0));
    expect(serverView(server, d.user).get(`visit/${visitId}`)?.['agenda']).toBe('Typed after the first pass');
    await tab.runner.stop();

    // A reload, offline: the last success shows before any pass could run.
    const reloaded = run(d, { online: () => false });
    await until(() => expect(reloaded.runner.getState().lastSuccessAt).not.toBeNull());
    expect(reloaded.runner.getState().problem).toEqual({ kind: 'offline' });
    await expectConverged(server, d);
  });

  it('does not let steady typing postpone sync for ever', async () => {
    const d = await device(server, 'ilona');
    const visitId = uuid();
    await saveRecord(d.db, 'visit', visitId, visitFields(d.user.id));
    const api = serverApi();
    const tab = run(d, { api: api.api, timing: { ...timing, debounceMs: 40, debounceMaxMs: 120 } });
    await until(() => expect(tab.runner.getState().lastSuccessAt).not.toBeNull());
    const before = api.pushes();
    // An edit every 10 ms, each well inside the 40 ms quiet time, for longer than the 120 ms cap.
    let typing = true;
    const typist = (async () => {
      for (let i = 0; typing; i++) {
        await saveRecord(d.db, 'visit', visitId, { summary: `draft ${i}` });
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await until(() => expect(api.pushes()).toBeGreaterThan(before));
    typing = false;
    await typist;
    await until(async () => expect(await d.db.outbox.count()).toBe(0));
  });

  it('shows a 500 on one mutation, keeps the outbox, backs off, and drains once the server is fixed', async () => {
    const d = await device(server, 'ilona');
    const visitId = uuid();
    const poison = uuid();
    await saveRecord(d.db, 'visit', visitId, visitFields(d.user.id));
    await saveRecord(d.db, 'observation', poison, { visitId, kind: 'note', text: 'The server chokes on this one' });
    let broken = true;
    const api = serverApi((path, init) =>
      broken && path.startsWith('/api/sync/push') && String(init.body).includes(poison)
        ? Response.json({ error: { code: 'INTERNAL', message: 'Something went wrong on the server' } }, { status: 500 })
        : undefined,
    );
    const tab = run(d, { api: api.api });
    await until(() => expect(tab.runner.getState().failures).toBeGreaterThanOrEqual(3));
    const state = tab.runner.getState();
    expect(state.problem).toEqual({ kind: 'server', status: 500, code: 'INTERNAL', message: 'Something went wrong on the server' });
    expect(state.nextAttemptAt).not.toBeNull();
    expect(await d.db.outbox.count()).toBe(2);
    expect(serverView(server, d.user).has(`visit/${visitId}`)).toBe(false);

    broken = false;
    await until(() => expect(tab.runner.getState()).toMatchObject({ problem: null, failures: 0, nextAttemptAt: null }));
    await expectConverged(server, d);
    expectAppliedOnce(server);
  });

  it('waits full-jitter backoff times that grow with each failure, up to the cap', async () => {
    const d = await device(server, 'ilona');
    await saveRecord(d.db, 'visit', uuid(), visitFields(d.user.id));
    const now = new Date('2026-11-23T08:00:00.000Z');
    const api = serverApi(() => Response.json({ error: { code: 'INTERNAL', message: 'down' } }, { status: 503 }));
    const waits: number[] = [];
    const tab = run(d, { api: api.api, now: () => now, random: () => 0.5, timing: { ...timing, backoffBaseMs: 8, backoffCapMs: 40 } });
    tab.runner.subscribe((s) => {
      if (s.nextAttemptAt && s.failures > waits.length) waits.push(Date.parse(s.nextAttemptAt) - now.getTime());
    });
    await until(() => expect(waits.length).toBeGreaterThanOrEqual(5));
    // Half of min(cap, base · 2^(n−1)): 4, 8, 16, 20, 20 ms.
    expect(waits.slice(0, 5)).toEqual([4, 8, 16, 20, 20]);
  });

  it('stays quiet while offline and syncs when the browser is back online', async () => {
    const d = await device(server, 'ilona');
    await saveRecord(d.db, 'visit', uuid(), visitFields(d.user.id));
    let online = false;
    const api = serverApi();
    const tab = run(d, { api: api.api, online: () => online });
    await until(() => expect(tab.runner.getState().problem).toEqual({ kind: 'offline' }));
    // "Sync now" runs a pass, which finds no network: the state it reports proves the pass has run.
    const states = tab.states.length;
    tab.runner.syncNow();
    await until(() => expect(tab.states.length).toBeGreaterThan(states));
    expect(tab.runner.getState().problem).toEqual({ kind: 'offline' });
    expect(api.calls).toEqual([]);
    online = true;
    tab.window.dispatchEvent(new Event('online'));
    await until(async () => expect(await d.db.outbox.count()).toBe(0));
    await until(() => expect(tab.runner.getState().problem).toBeNull());
  });

  it('shows a dropped connection as a network problem and retries on its own', async () => {
    const d = await device(server, 'ilona');
    await saveRecord(d.db, 'visit', uuid(), visitFields(d.user.id));
    let drops = 2;
    const api = serverApi(() => {
      if (drops-- > 0) throw new TypeError('fetch failed');
      return undefined;
    });
    const tab = run(d, { api: api.api });
    await until(() => expect(tab.states.some((s) => s.problem?.kind === 'network')).toBe(true));
    await until(async () => expect(await d.db.outbox.count()).toBe(0));
    await until(() => expect(tab.runner.getState()).toMatchObject({ problem: null, failures: 0 }));
  });

  it('stops on 401 until the user signs in again, then resumes with the same outbox', async () => {
    const d = await device(server, 'ilona');
    const visitId = uuid();
    await saveRecord(d.db, 'visit', visitId, visitFields(d.user.id));
    server.store.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(d.user.id);
    const api = serverApi();
    const tab = run(d, { api: api.api });
    await until(() => expect(tab.runner.getState().problem).toEqual({ kind: 'unauthorized' }));
    expect(tab.unauthorized.count).toBe(1);
    const tried = api.calls.length;
    await expectNoAttempt(async () => {
      tab.runner.syncNow();
      tab.window.dispatchEvent(new Event('focus'));
      await saveRecord(d.db, 'visit', visitId, { agenda: 'Typed while signed out' });
    });
    expect(api.calls.length, 'no request with a token the server turned down').toBe(tried);
    // The first row was sent once, so the new edit waits in a row of its own.
    expect(await d.db.outbox.count()).toBe(2);

    const login = await server.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ilona', password: 'correct horse battery' }),
    });
    d.token.current = ((await login.json()) as { token: string }).token;
    tab.runner.syncNow();
    await until(() => expect(tab.runner.getState()).toMatchObject({ status: 'idle', problem: null, lastSuccessAt: expect.any(String) }));
    expect(serverView(server, d.user).get(`visit/${visitId}`)?.['agenda']).toBe('Typed while signed out');
    await expectConverged(server, d);
  });

  it('stops for good on 426, keeping the outbox, until the app is updated', async () => {
    const d = await device(server, 'ilona');
    await saveRecord(d.db, 'visit', uuid(), visitFields(d.user.id));
    const api = serverApi((path, init) =>
      server.app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), 'X-Schema-Version': '0' } }),
    );
    const tab = run(d, { api: api.api });
    await until(() => expect(tab.runner.getState().problem).toEqual({ kind: 'schemaTooOld' }));
    const states = tab.states.length;
    await expectNoAttempt(() => {
      tab.runner.syncNow();
      tab.window.dispatchEvent(new Event('online'));
    });
    expect(tab.states.length, 'no further attempt').toBe(states);
    expect(await d.db.outbox.count()).toBe(1);
    expect(tab.runner.getState().nextAttemptAt).toBeNull();
  });

  it('drains the queue over a network that drops and returns, once it holds', async () => {
    const d = await device(server, 'ilona');
    const visitId = uuid();
    await saveRecord(d.db, 'visit', visitId, visitFields(d.user.id));
    for (let i = 0; i < 1200; i++) await saveRecord(d.db, 'observation', uuid(), { visitId, kind: 'note', text: `Note ${i}` });
    // Up for 15 ms, down for 15 ms; answers lost when the network drops mid-request.
    const started = Date.now();
    const up = () => Math.floor((Date.now() - started) / 15) % 2 === 0;
    let stableAfter = Infinity;
    const flaky: FetchLike = async (path, init) => {
      if (!up() && Date.now() < stableAfter) throw new TypeError('fetch failed');
      const res = await server.app.request(path, init);
      if (!up() && Date.now() < stableAfter) throw new TypeError('the connection dropped before the answer');
      return res;
    };
    const tab = run(d, { api: createApiFetch(flaky) as Api });
    await until(() => expect(tab.runner.getState().failures).toBeGreaterThan(2));
    stableAfter = Date.now();
    await until(async () => expect(await d.db.outbox.count()).toBe(0));
    await until(() => expect(tab.runner.getState().problem).toBeNull());
    await expectConverged(server, d);
    expectAppliedOnce(server);
  });
});

// ---------------------------------------------------------------------------------------------------
// Tabs

/** Web Locks as a browser keeps them: one holder per name, a queue, and a tab's locks gone when it closes. */
function fakeLocks() {
  type Waiter = { tab: string; grant: () => void; signal: AbortSignal | undefined };
  const holders = new Map<string, { tab: string; release: () => void }>();
  const queues = new Map<string, Waiter[]>();
  const next = (name: string) => {
    if (holders.has(name)) return;
    const queue = queues.get(name) ?? [];
    const w = queue.shift();
    if (w) w.grant();
  };
  return {
    holder: (name: string) => holders.get(name)?.tab,
    forTab(tab: string): LockManagerLike {
      return {
        request(name, options, callback) {
          return new Promise((resolve, reject) => {
            const waiter: Waiter = {
              tab,
              signal: options.signal,
              grant: () => {
                let released = false;
                const release = () => {
                  if (released) return;
                  released = true;
                  holders.delete(name);
                  next(name);
                };
                holders.set(name, { tab, release });
                callback({ name }).then(
                  (v) => {
                    release();
                    resolve(v);
                  },
                  (e: unknown) => {
                    release();
                    reject(e);
                  },
                );
              },
            };
            options.signal?.addEventListener('abort', () => {
              const queue = queues.get(name) ?? [];
              const i = queue.indexOf(waiter);
              if (i >= 0) {
                queue.splice(i, 1);
                reject(new DOMException('aborted', 'AbortError'));
              }
            });
            queues.set(name, [...(queues.get(name) ?? []), waiter]);
            queueMicrotask(() => next(name));
          });
        },
      };
    },
    /** The browser closes the tab: its lock goes to the next in line, its queued requests vanish. */
    closeTab(tab: string) {
      for (const [name, q] of queues) queues.set(name, q.filter((w) => w.tab !== tab));
      for (const [, h] of [...holders]) if (h.tab === tab) h.release();
    },
  };
}

/** BroadcastChannel within one process: a message reaches every other open channel of the name. */
function broadcastHub() {
  const open = new Set<{ name: string; channel: ChannelLike; tab: string }>();
  return {
    forTab(tab: string) {
      return (name: string): ChannelLike => {
        const entry = {
          name,
          tab,
          channel: {
            onmessage: null,
            postMessage(message: unknown) {
              const data = structuredClone(message);
              for (const other of open) {
                if (other !== entry && other.name === name) setTimeout(() => other.channel.onmessage?.({ data }), 0);
              }
            },
            close() {
              open.delete(entry);
            },
          } as ChannelLike,
        };
        open.add(entry);
        return entry.channel;
      };
    },
    closeTab(tab: string) {
      for (const e of [...open]) if (e.tab === tab) open.delete(e);
    },
  };
}

describe('tabs', () => {
  it('runs one loop for two tabs, shows it in both, and hands over when the leading tab closes mid-push', async () => {
    const d = await device(server, 'ilona');
    const visitId = uuid();
    await saveRecord(d.db, 'visit', visitId, visitFields(d.user.id));
    const locks = fakeLocks();
    const hub = broadcastHub();

    // Tab A leads; its pushes hang (the request is on its way when the tab closes).
    let holdA = false;
    // (It still honours its abort signal, so the test can stop the closed tab's runner at the end.)
    const apiA = serverApi((path, init) =>
      holdA && path.startsWith('/api/sync/push')
        ? new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
        : undefined,
    );
    const a = run(d, { api: apiA.api, locks: locks.forTab('A'), channel: hub.forTab('A') });
    await until(() => expect(a.runner.getState().lastSuccessAt).not.toBeNull());
    expect(a.runner.isLeader()).toBe(true);

    const tabB = { ...d, db: openDeviceDb(d.db.name) };
    const apiB = serverApi();
    const b = run(tabB, { api: apiB.api, locks: locks.forTab('B'), channel: hub.forTab('B') });
    await until(() => expect(b.runner.getState().lastSuccessAt).toBe(a.runner.getState().lastSuccessAt));
    expect(b.runner.isLeader()).toBe(false);

    // B asks for a pass: A runs it, B makes no request of its own and shows A's progress.
    const before = apiA.calls.length;
    const lastSuccess = a.runner.getState().lastSuccessAt;
    b.runner.syncNow();
    await until(() => expect(apiA.calls.length).toBeGreaterThan(before));
    await until(() => expect(b.states.some((s) => s.status === 'running')).toBe(true));
    await until(() => expect(a.runner.getState()).toMatchObject({ status: 'idle', lastSuccessAt: expect.not.stringMatching(`^${lastSuccess}$`) }));
    expect(apiB.calls).toEqual([]);

    // An edit, A starts pushing it, and the tab closes with the request under way.
    holdA = true;
    await saveRecord(tabB.db, 'visit', visitId, { agenda: 'Sent by A, which then closed' });
    a.runner.syncNow();
    await until(async () => expect((await d.db.outbox.toArray()).some((r) => r.inFlight)).toBe(true));
    locks.closeTab('A');
    hub.closeTab('A');
    expect(await d.db.outbox.count(), 'the outbox is intact').toBe(1);

    await until(() => expect(b.runner.isLeader()).toBe(true));
    await until(async () => expect(await d.db.outbox.count()).toBe(0));
    expect(serverView(server, d.user).get(`visit/${visitId}`)?.['agenda']).toBe('Sent by A, which then closed');
    expect(historyOf(server, 'visit', visitId)).toHaveLength(2);
    await expectConverged(server, d);
    tabB.db.close();
  });

  it('hands the loop to a waiting tab when the leading one stops, and the stopped one makes no more requests', async () => {
    const d = await device(server, 'ilona');
    const locks = fakeLocks();
    const hub = broadcastHub();
    const apiA = serverApi();
    const a = run(d, { api: apiA.api, locks: locks.forTab('A'), channel: hub.forTab('A') });
    await until(() => expect(a.runner.isLeader()).toBe(true));
    const tabB = { ...d, db: openDeviceDb(d.db.name) };
    const b = run(tabB, { api: serverApi().api, locks: locks.forTab('B'), channel: hub.forTab('B') });
    await a.runner.stop();
    await until(() => expect(b.runner.isLeader()).toBe(true));
    await until(() => expect(b.runner.getState().lastSuccessAt).not.toBeNull());
    const calls = apiA.calls.length;
    await expectNoAttempt(() => {
      a.runner.syncNow();
      a.window.dispatchEvent(new Event('online'));
    });
    expect(apiA.calls.length).toBe(calls);
    expect(locks.holder('tillsyn-sync-' + d.db.name)).toBe('B');
    tabB.db.close();
  });

  it('falls back to a loop in each tab without Web Locks, and they still apply everything once', async () => {
    const d = await device(server, 'ilona');
    const visitId = uuid();
    await saveRecord(d.db, 'visit', visitId, visitFields(d.user.id));
    for (let i = 0; i < 50; i++) await saveRecord(d.db, 'observation', uuid(), { visitId, kind: 'note', text: `Note ${i}` });
    const tabB = { ...d, db: openDeviceDb(d.db.name) };
    const a = run(d);
    const b = run(tabB);
    expect(a.runner.isLeader() && b.runner.isLeader()).toBe(true);
    for (const tab of [a, b]) await until(() => expect(tab.runner.getState()).toMatchObject({ status: 'idle', lastSuccessAt: expect.any(String) }));
    expect(await d.db.outbox.count()).toBe(0);
    await expectConverged(server, d);
    expectAppliedOnce(server);
    tabB.db.close();
  });
});
