// The sync loop of one signed-in user on this device (SYNC.md, "The client's side"): one runner per
// client id under a Web Lock, woken by start, `online`, focus, local edits and a timer, backing off
// with full jitter after failures. Other tabs nudge it and show its state over a BroadcastChannel.
import type { UserDb } from '../db/database.ts';
import type { MetaKey } from '../db/meta.ts';
import { syncStore } from '../db/sync-store.ts';
import { refreshDirectory } from './directory.ts';
import { pullAll, pushAll, type Api, type Progress } from './engine.ts';
import { ApiError, NetworkError, apiFetch } from './http.ts';
import { measure, timeNow } from './timing.ts';
import { initialSyncState, type SyncListener, type SyncProblem, type SyncRunner, type SyncState } from './state.ts';

/** Where the time of the last complete pass is kept, so it survives reloads. */
export const LAST_SYNC_KEY = 'lastSyncAt' satisfies MetaKey;

export type SyncTiming = {
  /** Quiet time after a local edit before a pass, so typing a paragraph is one push. */
  debounceMs: number;
  /** The longest steady editing postpones a pass. */
  debounceMaxMs: number;
  /** A pass this often even with nothing to wake it, to pull what others did. */
  periodMs: number;
  /** Backoff after failures: a random wait up to base · 2^(failures−1), at most cap. */
  backoffBaseMs: number;
  backoffCapMs: number;
};

export const DEFAULT_TIMING: SyncTiming = {
  debounceMs: 1500,
  debounceMaxMs: 10_000,
  periodMs: 3 * 60_000,
  backoffBaseMs: 2000,
  backoffCapMs: 5 * 60_000,
};

/** The part of `navigator.locks` the runner uses. */
export type LockManagerLike = {
  request(name: string, options: { mode: 'exclusive'; signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<unknown>;
};

/** The part of `BroadcastChannel` the runner uses. */
export type ChannelLike = {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
};

export type StartSyncOptions = {
  db: UserDb;
  /** Read at each request, so a renewed token needs no new runner. */
  token: () => string | undefined;
  /** The server turned the token down (401): the app asks the user to sign in again. */
  onUnauthorized: () => void;
  api?: Api;
  now?: () => Date;
  /** In [0, 1): the backoff's jitter. */
  random?: () => number;
  timing?: Partial<SyncTiming>;
  /** `navigator.locks`; null, or a browser without it, runs the loop in this tab alone. */
  locks?: LockManagerLike | null;
  /** Opens a channel to the other tabs; null, or a browser without BroadcastChannel, runs the loop in this tab alone. */
  channel?: ((name: string) => ChannelLike) | null;
  /** Where `online`, `focus` and `visibilitychange` come from, and whether the browser is online. */
  events?: { window?: EventTarget | null; document?: (EventTarget & { visibilityState?: string }) | null; isOnline?: () => boolean };
  makeClientId?: () => string;
};

export type SyncRunnerHandle = SyncRunner & {
  /** Stops the loop and resolves once a pass under way has stored what it got; the outbox stays. */
  stop(): Promise<void>;
  /** Whether this tab runs the loop (holds the lock), rather than showing another tab's. */
  isLeader(): boolean;
};

/** How long stop() waits for a pass to store the answer it holds before letting the lock go. */
const STOP_GRACE_MS = 2000;

type Trigger = 'start' | 'now' | 'online' | 'focus' | 'periodic' | 'edit';
type Message = { type: 'nudge'; trigger: Trigger } | { type: 'state'; state: SyncState } | { type: 'hello' };

/** The lock and channel name: one loop per user database, whatever the number of tabs. */
export function syncLockName(db: UserDb): string {
  return `tillsyn-sync-${db.name}`;
}

function defaultLocks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike | null } }).navigator;
  return nav?.locks ?? null;
}

function defaultChannel(): ((name: string) => ChannelLike) | null {
  const BC = (globalThis as { BroadcastChannel?: new (name: string) => ChannelLike }).BroadcastChannel;
  return BC ? (name) => new BC(name) : null;
}

function isMessage(data: unknown): data is Message {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}

/** The problem a failed pass shows; the outbox is kept in every case. */
export function problemOf(error: unknown, online: boolean): SyncProblem {
  if (error instanceof NetworkError) return online ? { kind: 'network', message: error.message } : { kind: 'offline' };
  if (error instanceof ApiError) {
    if (error.status === 401) return { kind: 'unauthorized' };
    if (error.status === 426) return { kind: 'schemaTooOld' };
    return { kind: 'server', status: error.status, code: error.code, message: error.message };
  }
  // Not an HTTP failure: an answer that did not parse, or the local database failing (status 0).
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'server', status: 0, code: /ZodError$/.test(name) ? 'BAD_RESPONSE' : 'LOCAL_ERROR', message };
}

export function startSync(options: StartSyncOptions): SyncRunnerHandle {
  const { db } = options;
  const store = syncStore(db);
  const api = options.api ?? apiFetch;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const timing: SyncTiming = { ...DEFAULT_TIMING, ...options.timing };
  const locks = options.locks === undefined ? defaultLocks() : options.locks;
  const makeChannel = options.channel === undefined ? defaultChannel() : options.channel;
  const win = options.events?.window !== undefined ? options.events.window : typeof window === 'undefined' ? null : window;
  const doc = options.events?.document !== undefined ? options.events.document : typeof document === 'undefined' ? null : document;
  const isOnline =
    options.events?.isOnline ?? (() => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false);

  let state: SyncState = initialSyncState;
  const listeners = new Set<SyncListener>();
  let stopped = false;
  let leader = false;
  let clientId: string | undefined;
  /** The pass under way, if any. */
  let pass: Promise<void> | null = null;
  /** A trigger arrived during a pass: run again after it (`urgent`: even in backoff). */
  let again: { urgent: boolean } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerKind: 'debounce' | 'backoff' | 'soon' | null = null;
  /** When the first of the edits now being debounced was made. */
  let debounceSince = 0;
  let periodic: ReturnType<typeof setInterval> | undefined;
  /** Set by 401 and 426: no more attempts until a new token, or ever (until the app reloads). */
  let blocked: { kind: 'unauthorized'; token: string | undefined } | { kind: 'schemaTooOld' } | null = null;
  let channel: ChannelLike | null = null;
  let releaseLock: () => void = () => {};
  const lockRequest = new AbortController();
  /** Aborts the request of a pass under way when the runner stops (sign-out must not wait for a slow network). */
  const requests = new AbortController();

  function setState(patch: Partial<SyncState>): void {
    state = { ...state, ...patch };
    for (const l of [...listeners]) l(state);
    if (leader && channel) channel.postMessage({ type: 'state', state } satisfies Message);
  }

  function clearTimer(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    timerKind = null;
  }

  function schedule(kind: 'debounce' | 'backoff' | 'soon', ms: number): void {
    clearTimer();
    timerKind = kind;
    timer = setTimeout(() => {
      timer = undefined;
      timerKind = null;
      void run();
    }, ms);
  }

  /** Whether the loop may try now; lifts a 401 block once the app holds another token. */
  function mayTry(): boolean {
    if (stopped || !leader) return false;
    if (blocked?.kind === 'schemaTooOld') return false;
    if (blocked?.kind === 'unauthorized') {
      const token = options.token();
      if (token === undefined || token === blocked.token) return false;
      blocked = null;
      setState({ problem: null, failures: 0, nextAttemptAt: null });
    }
    return true;
  }

  function trigger(kind: Trigger): void {
    if (stopped) return;
    if (!leader) {
      channel?.postMessage({ type: 'nudge', trigger: kind } satisfies Message);
      return;
    }
    if (!mayTry()) return;
    // A failing server is not hammered by edits, focus or the timer; the user's "sync now" and a
    // network that came back try at once.
    const urgent = kind === 'start' || kind === 'now' || kind === 'online';
    if (pass) {
      again = { urgent: urgent || (again?.urgent ?? false) };
      return;
    }
    if (timerKind === 'backoff' && !urgent) return;
    if (kind !== 'edit') {
      schedule('soon', 0);
      return;
    }
    // A pass about to start takes the edit along; steady typing postpones the pass, but not forever.
    if (timerKind === 'soon') return;
    const waited = timerKind === 'debounce' ? Date.now() - debounceSince : 0;
    if (timerKind !== 'debounce') debounceSince = Date.now();
    schedule('debounce', Math.max(0, Math.min(timing.debounceMs, timing.debounceMaxMs - waited)));
  }

  async function run(): Promise<void> {
    if (pass || !mayTry()) return;
    clearTimer();
    const current = runPass();
    pass = current;
    try {
      await current;
    } finally {
      pass = null;
    }
    const next = again;
    again = null;
    if (!next || stopped || !mayTry()) return;
    if (timerKind === 'backoff' && !next.urgent) return;
    schedule('soon', 0);
  }

  async function runPass(): Promise<void> {
    if (!isOnline()) {
      setState({ status: 'idle', progress: null, problem: { kind: 'offline' }, nextAttemptAt: null });
      return;
    }
    const token = options.token();
    if (token === undefined) {
      fail({ kind: 'unauthorized' }, token, undefined);
      return;
    }
    setState({ status: 'running', progress: null });
    try {
      clientId ??= await store.clientId(options.makeClientId);
      const deps = { store, api, clientId, token: options.token, now, signal: requests.signal };
      const onProgress = (p: Progress) => {
        if (!stopped) setState({ progress: p });
      };
      const pushStart = timeNow();
      await pushAll(deps, onProgress);
      measure('tillsyn:push', pushStart);
      const pullStart = timeNow();
      await pullAll(deps, onProgress);
      await refreshDirectory(store, deps);
      measure('tillsyn:pull', pullStart);
      const at = now().toISOString();
      await store.setLastSyncAt(at);
      if (stopped) return;
      setState({ status: 'idle', progress: null, lastSuccessAt: at, problem: null, failures: 0, nextAttemptAt: null });
    } catch (error) {
      if (stopped) return; // signed out under the pass: its database may be gone, nothing to report
      fail(problemOf(error, isOnline()), token, error);
    }
  }

  function fail(problem: SyncProblem, token: string | undefined, error: unknown): void {
    if (problem.kind === 'unauthorized') {
      blocked = { kind: 'unauthorized', token };
      clearTimer();
      setState({ status: 'idle', progress: null, problem, nextAttemptAt: null });
      options.onUnauthorized();
      return;
    }
    if (problem.kind === 'schemaTooOld') {
      blocked = { kind: 'schemaTooOld' };
      clearTimer();
      setState({ status: 'idle', progress: null, problem, nextAttemptAt: null });
      return;
    }
    const failures = state.failures + 1;
    if (problem.kind === 'offline') {
      // Nothing to back off from: `online` wakes the loop.
      setState({ status: 'idle', progress: null, problem, failures, nextAttemptAt: null });
      return;
    }
    const ceiling = Math.min(timing.backoffCapMs, timing.backoffBaseMs * 2 ** (failures - 1));
    let wait = Math.floor(random() * ceiling);
    if (error instanceof ApiError && error.retryAfter !== undefined) wait = Math.max(wait, error.retryAfter * 1000);
    schedule('backoff', wait);
    setState({ status: 'idle', progress: null, problem, failures, nextAttemptAt: new Date(now().getTime() + wait).toISOString() });
  }

  // --- leading: the tab that holds the lock runs the loop -----------------------------------------

  const onOnline = () => trigger('online');
  const onOffline = () => {
    if (leader && !pass) setState({ problem: { kind: 'offline' } });
  };
  const onFocus = () => trigger('focus');
  const onVisibility = () => {
    if (doc?.visibilityState === undefined || doc.visibilityState === 'visible') trigger('focus');
  };

  function lead(): void {
    if (stopped) return;
    leader = true;
    periodic = setInterval(() => trigger('periodic'), timing.periodMs);
    trigger('start');
  }

  function onMessage(event: { data: unknown }): void {
    if (stopped || !isMessage(event.data)) return;
    const message = event.data;
    if (message.type === 'nudge' && leader) trigger(message.trigger);
    else if (message.type === 'hello' && leader) channel?.postMessage({ type: 'state', state } satisfies Message);
    else if (message.type === 'state' && !leader) {
      state = message.state;
      for (const l of [...listeners]) l(state);
    }
  }

  // --- start ------------------------------------------------------------------------------------

  win?.addEventListener('online', onOnline);
  win?.addEventListener('offline', onOffline);
  win?.addEventListener('focus', onFocus);
  doc?.addEventListener('visibilitychange', onVisibility);
  store.onLocalWrite(() => trigger('edit'));

  void store.lastSyncAt().then(
    (at) => {
      if (!stopped && at !== undefined && state.lastSuccessAt === null) setState({ lastSuccessAt: at });
    },
    () => {},
  );

  if (locks && makeChannel) {
    channel = makeChannel(syncLockName(db));
    channel.onmessage = onMessage;
    const held = new Promise<void>((resolve) => {
      releaseLock = resolve;
    });
    // Held for the tab's life: the other tabs wait in the lock's queue, and the browser hands it to
    // the next one when this tab closes, so a loop always runs while any tab of the user is open.
    locks
      .request(syncLockName(db), { mode: 'exclusive', signal: lockRequest.signal }, async () => {
        lead();
        await held;
      })
      .catch(() => {}); // aborted by stop() before it was granted
    channel.postMessage({ type: 'hello' } satisfies Message);
  } else {
    lead();
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    syncNow: () => trigger('now'),
    isLeader: () => leader,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimer();
      if (periodic !== undefined) clearInterval(periodic);
      win?.removeEventListener('online', onOnline);
      win?.removeEventListener('offline', onOffline);
      win?.removeEventListener('focus', onFocus);
      doc?.removeEventListener('visibilitychange', onVisibility);
      store.onLocalWrite(() => {});
      // A request under way is cut off (its answer is then as good as lost, which the protocol
      // makes safe); a transaction storing an answer finishes. Then the lock passes on.
      requests.abort();
      if (pass) await Promise.race([pass.catch(() => {}), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
      leader = false;
      lockRequest.abort();
      releaseLock();
      channel?.close();
      channel = null;
      listeners.clear();
    },
  };
}
