// The sync loop of one signed-in user on this device (SYNC.md, "The client's side"): one runner per
// client id under a Web Lock (leader.ts), woken by start, `online`, focus, local edits and a timer,
// backing off with full jitter after failures (scheduler.ts, a pure state machine). This file is the
// wiring: it feeds the scheduler events from the browser, the tabs and the passes, and carries out
// the effects it returns.
import type { UserDb } from '../db/database.ts';
import { syncStore, type SyncStore } from '../db/sync-store.ts';
import type { MetaKey } from '../db/meta.ts';
import type { Api, Progress, SyncDeps } from './deps.ts';
import { refreshDirectory } from './directory.ts';
import { ApiError, NetworkError, apiFetch } from './http.ts';
import { defaultChannel, defaultLocks, elect, type ChannelLike, type Election, type LockManagerLike, type TabMessage } from './leader.ts';
import { pullAll } from './pull.ts';
import { pushAll } from './push.ts';
import { initialSchedulerState, step, type Effect, type PassOutcome, type SchedulerEvent, type SyncTiming, type Trigger } from './scheduler.ts';
import type { SyncListener, SyncProblem, SyncRunner } from './state.ts';
import { measure, timeNow } from './timing.ts';

export type { ChannelLike, LockManagerLike } from './leader.ts';
export type { SyncTiming } from './scheduler.ts';

/** Where the time of the last complete pass is kept, so it survives reloads (src/db/meta.ts). */
export const LAST_SYNC_KEY = 'lastSyncAt' satisfies MetaKey;

const DEFAULT_TIMING: SyncTiming = {
  debounceMs: 1500,
  debounceMaxMs: 10_000,
  periodMs: 3 * 60_000,
  backoffBaseMs: 2000,
  backoffCapMs: 5 * 60_000,
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
  /** The app's version, reported with every push and pull (SYNC.md, "The device's report"); none: no report. */
  appVersion?: string;
};

export type SyncRunnerHandle = SyncRunner & {
  /** Stops the loop and resolves once a pass under way has stored what it got; the outbox stays. */
  stop(): Promise<void>;
  /** Whether this tab runs the loop (holds the lock), rather than showing another tab's. */
  isLeader(): boolean;
};

/** How long stop() waits for a pass to store the answer it holds before letting the lock go. */
const STOP_GRACE_MS = 2000;

/** The lock and channel name: one loop per user database, whatever the number of tabs. */
function syncLockName(db: UserDb): string {
  return `tillsyn-sync-${db.name}`;
}

/** The problem a failed pass shows; the outbox is kept in every case. */
function problemOf(error: unknown, online: boolean): SyncProblem {
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

/** A failed pass's outcome; the jitter is drawn only for a failure that backs off. */
function failure(error: unknown, online: boolean): PassOutcome {
  const retryAfterMs = error instanceof ApiError && error.retryAfter !== undefined ? error.retryAfter * 1000 : undefined;
  return { kind: 'failed', problem: problemOf(error, online), retryAfterMs };
}

function backsOff(outcome: PassOutcome): boolean {
  return outcome.kind === 'failed' && !['unauthorized', 'schemaTooOld', 'offline'].includes(outcome.problem.kind);
}

/** The options with their defaults: the browser's globals where a test gives none. */
function settingsOf(options: StartSyncOptions) {
  const events = options.events ?? {};
  return {
    api: options.api ?? apiFetch,
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
    timing: { ...DEFAULT_TIMING, ...options.timing },
    win: events.window !== undefined ? events.window : typeof window === 'undefined' ? null : window,
    doc: events.document !== undefined ? events.document : typeof document === 'undefined' ? null : document,
    isOnline: events.isOnline ?? (() => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false),
    locks: options.locks === undefined ? defaultLocks() : options.locks,
    channel: options.channel === undefined ? defaultChannel() : options.channel,
  };
}

/** Listens for `online`, `offline`, focus and a page becoming visible; returns what stops listening. */
function listenToBrowser(
  win: EventTarget | null,
  doc: (EventTarget & { visibilityState?: string }) | null,
  on: { trigger: (kind: Trigger) => void; offline: () => void },
): () => void {
  const onOnline = () => on.trigger('online');
  const onFocus = () => on.trigger('focus');
  const onVisibility = () => {
    if (doc?.visibilityState === undefined || doc.visibilityState === 'visible') on.trigger('focus');
  };
  win?.addEventListener('online', onOnline);
  win?.addEventListener('offline', on.offline);
  win?.addEventListener('focus', onFocus);
  doc?.addEventListener('visibilitychange', onVisibility);
  return () => {
    win?.removeEventListener('online', onOnline);
    win?.removeEventListener('offline', on.offline);
    win?.removeEventListener('focus', onFocus);
    doc?.removeEventListener('visibilitychange', onVisibility);
  };
}

/** One pass: push, then pull with the directory alongside, then the time of this success, which it returns. */
async function syncPass(deps: SyncDeps & { store: SyncStore; now: () => Date }, onProgress: (p: Progress) => void): Promise<string> {
  const pushStart = timeNow();
  await pushAll(deps, onProgress);
  measure('tillsyn:push', pushStart);
  const pullStart = timeNow();
  // The directory is not part of the pull's order: it is asked for while the pull runs.
  const [pulled, directory] = await Promise.allSettled([pullAll(deps, onProgress), refreshDirectory(deps.store, deps)]);
  if (pulled.status === 'rejected') throw pulled.reason;
  if (directory.status === 'rejected') throw directory.reason;
  measure('tillsyn:pull', pullStart);
  const at = deps.now().toISOString();
  await deps.store.setLastSyncAt(at);
  return at;
}

export function startSync(options: StartSyncOptions): SyncRunnerHandle {
  const store = syncStore(options.db);
  const { api, now, random, timing, win, doc, isOnline, locks, channel } = settingsOf(options);
  let state = initialSchedulerState;
  const listeners = new Set<SyncListener>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let periodic: ReturnType<typeof setInterval> | undefined;
  /** The pass under way, if any. */
  let pass: Promise<void> | null = null;
  let clientId: string | undefined;
  let election: Election | null = null;
  /** Aborts the request of a pass under way when the runner stops (sign-out must not wait for a slow network). */
  const requests = new AbortController();

  // Events raised while effects are carried out (a listener asking for a pass) wait their turn.
  const queue: SchedulerEvent[] = [];
  let dispatching = false;
  function dispatch(event: SchedulerEvent): void {
    queue.push(event);
    if (dispatching) return;
    dispatching = true;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const result = step(state, next, timing);
        state = result.state;
        for (const effect of result.effects) perform(effect);
      }
    } finally {
      dispatching = false;
    }
  }

  const trigger = (kind: Trigger) => dispatch({ type: 'trigger', trigger: kind, clock: Date.now(), token: options.token() });

  function perform(effect: Effect): void {
    switch (effect.type) {
      case 'startTimer':
        clearTimeout(timer);
        timer = setTimeout(() => {
          timer = undefined;
          dispatch({ type: 'timerFired', online: isOnline(), token: options.token() });
        }, effect.ms);
        break;
      case 'clearTimer':
        clearTimeout(timer);
        timer = undefined;
        break;
      case 'startPeriodic':
        periodic = setInterval(() => trigger('periodic'), timing.periodMs);
        break;
      case 'runPass':
        pass = runPass();
        break;
      case 'publish':
        for (const l of [...listeners]) l(effect.view);
        if (effect.toTabs) election?.post({ type: 'state', state: effect.view });
        break;
      case 'unauthorized':
        options.onUnauthorized();
        break;
      case 'nudgeLeader':
        election?.post({ type: 'nudge', trigger: effect.trigger });
        break;
    }
  }

  async function runPass(): Promise<void> {
    const passToken = options.token();
    let outcome: PassOutcome;
    try {
      clientId ??= await store.clientId(options.makeClientId);
      const deps = { store, api, clientId, token: options.token, now, signal: requests.signal, ...(options.appVersion === undefined ? {} : { appVersion: options.appVersion }) };
      outcome = { kind: 'done', at: await syncPass(deps, (progress) => dispatch({ type: 'progress', progress })) };
    } catch (error) {
      outcome = failure(error, isOnline());
    }
    pass = null;
    const jitter = backsOff(outcome) ? random() : 0;
    dispatch({ type: 'passDone', outcome, passToken, token: options.token(), now: now().getTime(), jitter });
  }

  function onMessage(message: TabMessage): void {
    if (state.stopped) return;
    if (message.type === 'nudge') {
      if (state.leader) trigger(message.trigger);
    } else if (message.type === 'hello') {
      if (state.leader) election?.post({ type: 'state', state: state.view });
    } else {
      dispatch({ type: 'leaderState', state: message.state });
    }
  }

  const stopListening = listenToBrowser(win, doc, { trigger, offline: () => dispatch({ type: 'offline' }) });
  store.onLocalWrite(() => trigger('edit'));
  store.lastSyncAt().then(
    (at) => {
      if (at !== undefined) dispatch({ type: 'lastSyncLoaded', at });
    },
    () => {},
  );
  election = elect({
    name: syncLockName(options.db),
    locks,
    channel,
    onLead: () => dispatch({ type: 'lead', clock: Date.now(), token: options.token() }),
    onMessage,
  });

  return {
    getState: () => state.view,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    syncNow: () => trigger('now'),
    isLeader: () => state.leader,
    async stop() {
      if (state.stopped) return;
      dispatch({ type: 'stop' });
      if (periodic !== undefined) clearInterval(periodic);
      stopListening();
      store.onLocalWrite(() => {});
      // A request under way is cut off (its answer is then as good as lost, which the protocol
      // makes safe); a transaction storing an answer finishes. Then the lock passes on.
      requests.abort();
      if (pass) await Promise.race([pass.catch(() => {}), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
      dispatch({ type: 'resign' });
      election?.resign();
      election = null;
      listeners.clear();
    },
  };
}
