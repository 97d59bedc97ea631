// When the sync loop runs, as a pure state machine: `step(state, event, timing)` returns the next state
// and the effects to carry out (start a timer, run a pass, tell the listeners). No clock, timer or
// random number inside: events bring the time, the token and the jitter, so every rule is testable
// as a table of events (test/unit/sync-scheduler.test.ts). The runner (runner.ts) carries the effects out.
import { initialSyncState, type SyncProblem, type SyncProgress, type SyncState } from './state.ts';

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

export type Trigger = 'start' | 'now' | 'online' | 'focus' | 'periodic' | 'edit';
export type TimerKind = 'debounce' | 'backoff' | 'soon';

/** Set by 401 and 426: no more attempts until a new token, or ever (until the app reloads). */
export type Blocked = { kind: 'unauthorized'; token: string | undefined } | { kind: 'schemaTooOld' };

export type SchedulerState = {
  /** What the UI shows: this tab's own, or the leading tab's when another tab leads. */
  view: SyncState;
  /** This tab runs the loop. */
  leader: boolean;
  stopped: boolean;
  /** A pass is under way. */
  running: boolean;
  /** A trigger arrived during the pass: run again after it (`urgent`: even in backoff). */
  again: { urgent: boolean } | null;
  /** The timer that will start the next pass, if any. */
  timer: TimerKind | null;
  /** When the first of the edits now being debounced was made (ms). */
  debounceSince: number;
  blocked: Blocked | null;
};

export const initialSchedulerState: SchedulerState = {
  view: initialSyncState,
  leader: false,
  stopped: false,
  running: false,
  again: null,
  timer: null,
  debounceSince: 0,
  blocked: null,
};

/** How a pass ended. */
export type PassOutcome = { kind: 'done'; at: string } | { kind: 'failed'; problem: SyncProblem; retryAfterMs?: number | undefined };

export type SchedulerEvent =
  /** This tab now runs the loop (it got the lock, or runs alone). */
  | { type: 'lead'; clock: number; token: string | undefined }
  /** Something asks for a pass; `clock`: now, in ms (debounce); `token`: the app's token now. */
  | { type: 'trigger'; trigger: Trigger; clock: number; token: string | undefined }
  /** The timer went off: a pass may start. */
  | { type: 'timerFired'; online: boolean; token: string | undefined }
  | { type: 'progress'; progress: SyncProgress }
  /**
   * A pass ended. `passToken`: the token it used (a 401 blocks it); `token`: the app's token now;
   * `now`: ms, for the next attempt's time; `jitter`: in [0, 1), the backoff's random part.
   */
  | { type: 'passDone'; outcome: PassOutcome; passToken: string | undefined; token: string | undefined; now: number; jitter: number }
  /** The browser went offline. */
  | { type: 'offline' }
  /** The leading tab's state, shown by this one while it does not lead. */
  | { type: 'leaderState'; state: SyncState }
  /** The time of the last complete pass, as kept in the database. */
  | { type: 'lastSyncLoaded'; at: string }
  | { type: 'stop' }
  /** The stopped tab lets the lock go. */
  | { type: 'resign' };

export type Effect =
  | { type: 'startTimer'; timer: TimerKind; ms: number }
  | { type: 'clearTimer' }
  | { type: 'startPeriodic' }
  | { type: 'runPass' }
  /** The view changed to `view`: tell the listeners, and the other tabs when this one leads (`toTabs`). */
  | { type: 'publish'; view: SyncState; toTabs: boolean }
  /** The server turned the token down: the app asks the user to sign in again. */
  | { type: 'unauthorized' }
  /** Another tab leads: ask it for a pass. */
  | { type: 'nudgeLeader'; trigger: Trigger };

type Step = { state: SchedulerState; effects: Effect[] };

/** A transition under construction: the state so far and the effects in order. */
class Draft {
  effects: Effect[] = [];
  state: SchedulerState;
  constructor(state: SchedulerState) {
    this.state = state;
  }
  set(patch: Partial<SchedulerState>): void {
    this.state = { ...this.state, ...patch };
  }
  show(patch: Partial<SyncState>): void {
    const view = { ...this.state.view, ...patch };
    this.set({ view });
    this.effects.push({ type: 'publish', view, toTabs: this.state.leader });
  }
  timer(timer: TimerKind, ms: number): void {
    this.set({ timer });
    this.effects.push({ type: 'startTimer', timer, ms });
  }
  clearTimer(): void {
    this.set({ timer: null });
    this.effects.push({ type: 'clearTimer' });
  }
}

export function step(state: SchedulerState, event: SchedulerEvent, timing: SyncTiming): Step {
  const d = new Draft(state);
  switch (event.type) {
    case 'lead':
      if (state.stopped) break;
      d.set({ leader: true });
      d.effects.push({ type: 'startPeriodic' });
      trigger(d, 'start', event.clock, event.token, timing);
      break;
    case 'trigger':
      trigger(d, event.trigger, event.clock, event.token, timing);
      break;
    case 'timerFired':
      d.set({ timer: null });
      timerFired(d, event.online, event.token);
      break;
    case 'progress':
      if (!state.stopped) d.show({ progress: event.progress });
      break;
    case 'passDone':
      passDone(d, event, timing);
      break;
    case 'offline':
      if (state.leader && !state.running) d.show({ problem: { kind: 'offline' } });
      break;
    case 'leaderState':
      if (!state.stopped && !state.leader) d.show(event.state);
      break;
    case 'lastSyncLoaded':
      if (!state.stopped && state.view.lastSuccessAt === null) d.show({ lastSuccessAt: event.at });
      break;
    case 'stop':
      if (state.stopped) break;
      d.set({ stopped: true });
      d.clearTimer();
      break;
    case 'resign':
      d.set({ leader: false });
      break;
  }
  return { state: d.state, effects: d.effects };
}

/** Whether the loop may try now; lifts a 401 block once the app holds another token. */
function mayTry(d: Draft, token: string | undefined): boolean {
  const { stopped, leader, blocked } = d.state;
  if (stopped || !leader) return false;
  if (blocked?.kind === 'schemaTooOld') return false;
  if (blocked?.kind === 'unauthorized') {
    if (token === undefined || token === blocked.token) return false;
    d.set({ blocked: null });
    d.show({ problem: null, failures: 0, nextAttemptAt: null });
  }
  return true;
}

function trigger(d: Draft, kind: Trigger, clock: number, token: string | undefined, timing: SyncTiming): void {
  if (d.state.stopped) return;
  if (!d.state.leader) {
    d.effects.push({ type: 'nudgeLeader', trigger: kind });
    return;
  }
  if (!mayTry(d, token)) return;
  // A failing server is not hammered by edits, focus or the timer; the user's "sync now" and a
  // network that came back try at once.
  const urgent = kind === 'start' || kind === 'now' || kind === 'online';
  const { running, again, timer, debounceSince } = d.state;
  if (running) {
    d.set({ again: { urgent: urgent || (again?.urgent ?? false) } });
    return;
  }
  if (timer === 'backoff' && !urgent) return;
  if (kind !== 'edit') {
    d.timer('soon', 0);
    return;
  }
  // A pass about to start takes the edit along; steady typing postpones the pass, but not forever.
  if (timer === 'soon') return;
  const waited = timer === 'debounce' ? clock - debounceSince : 0;
  if (timer !== 'debounce') d.set({ debounceSince: clock });
  d.timer('debounce', Math.max(0, Math.min(timing.debounceMs, timing.debounceMaxMs - waited)));
}

function timerFired(d: Draft, online: boolean, token: string | undefined): void {
  if (d.state.running || !mayTry(d, token)) return;
  if (!online) {
    d.show({ status: 'idle', progress: null, problem: { kind: 'offline' }, nextAttemptAt: null });
    return;
  }
  if (token === undefined) {
    blockUnauthorized(d, token);
    return;
  }
  d.set({ running: true });
  d.show({ status: 'running', progress: null });
  d.effects.push({ type: 'runPass' });
}

function passDone(d: Draft, event: Extract<SchedulerEvent, { type: 'passDone' }>, timing: SyncTiming): void {
  d.set({ running: false });
  // Stopped under the pass (signed out): its database may be gone, nothing to report.
  if (d.state.stopped) return;
  const { outcome } = event;
  if (outcome.kind === 'done') {
    d.show({ status: 'idle', progress: null, lastSuccessAt: outcome.at, problem: null, failures: 0, nextAttemptAt: null });
  } else {
    fail(d, outcome.problem, event, timing, outcome.retryAfterMs);
  }
  const next = d.state.again;
  d.set({ again: null });
  if (!next || !mayTry(d, event.token)) return;
  if (d.state.timer === 'backoff' && !next.urgent) return;
  d.timer('soon', 0);
}

function blockUnauthorized(d: Draft, token: string | undefined): void {
  d.set({ blocked: { kind: 'unauthorized', token } });
  d.clearTimer();
  d.show({ status: 'idle', progress: null, problem: { kind: 'unauthorized' }, nextAttemptAt: null });
  d.effects.push({ type: 'unauthorized' });
}

function fail(
  d: Draft,
  problem: SyncProblem,
  event: { passToken: string | undefined; now: number; jitter: number },
  timing: SyncTiming,
  retryAfterMs?: number,
): void {
  if (problem.kind === 'unauthorized') {
    blockUnauthorized(d, event.passToken);
    return;
  }
  if (problem.kind === 'schemaTooOld') {
    d.set({ blocked: { kind: 'schemaTooOld' } });
    d.clearTimer();
    d.show({ status: 'idle', progress: null, problem, nextAttemptAt: null });
    return;
  }
  const failures = d.state.view.failures + 1;
  if (problem.kind === 'offline') {
    // Nothing to back off from: `online` wakes the loop.
    d.show({ status: 'idle', progress: null, problem, failures, nextAttemptAt: null });
    return;
  }
  const ceiling = Math.min(timing.backoffCapMs, timing.backoffBaseMs * 2 ** (failures - 1));
  let wait = Math.floor(event.jitter * ceiling);
  if (retryAfterMs !== undefined) wait = Math.max(wait, retryAfterMs);
  d.timer('backoff', wait);
  d.show({ status: 'idle', progress: null, problem, failures, nextAttemptAt: new Date(event.now + wait).toISOString() });
}
