// @vitest-environment node
// The sync loop's scheduler as a table: a state, the events that reach it, and what it then does.
// No timers and no clock: events carry the time, the token and the jitter, so no case waits.
import { describe, expect, it } from 'vitest';
import {
  initialSchedulerState,
  step,
  type Effect,
  type SchedulerEvent,
  type SchedulerState,
  type SyncTiming,
} from '../../src/sync/scheduler.ts';

const timing: SyncTiming = { debounceMs: 1500, debounceMaxMs: 10_000, periodMs: 180_000, backoffBaseMs: 2000, backoffCapMs: 300_000 };
const T = 'token-1';
const leading: SchedulerState = { ...initialSchedulerState, leader: true };

/** Runs the events in order; returns the last state and every effect, publishes reduced to their type. */
function run(state: SchedulerState, events: SchedulerEvent[]): { state: SchedulerState; effects: Effect['type'][]; timers: Effect[] } {
  const effects: Effect['type'][] = [];
  const timers: Effect[] = [];
  for (const event of events) {
    const result = step(state, event, timing);
    state = result.state;
    for (const e of result.effects) {
      effects.push(e.type);
      if (e.type === 'startTimer' || e.type === 'clearTimer') timers.push(e);
    }
  }
  return { state, effects, timers };
}

// (A token of undefined is written out in full: a default parameter would take its place.)
const trigger = (kind: Extract<SchedulerEvent, { type: 'trigger' }>['trigger'], clock = 0, token = T): SchedulerEvent => ({
  type: 'trigger',
  trigger: kind,
  clock,
  token,
});
const fired = (online = true): SchedulerEvent => ({ type: 'timerFired', online, token: T });
const done = (at = '2026-11-23T08:00:00.000Z'): SchedulerEvent => ({
  type: 'passDone',
  outcome: { kind: 'done', at },
  passToken: T,
  token: T,
  now: 0,
  jitter: 0.5,
});
const failed = (problem: Extract<SchedulerEvent, { type: 'passDone' }>['outcome'] & { kind: 'failed' }): SchedulerEvent => ({
  type: 'passDone',
  outcome: problem,
  passToken: T,
  token: T,
  now: Date.parse('2026-11-23T08:00:00.000Z'),
  jitter: 0.5,
});
const serverDown = { kind: 'failed' as const, problem: { kind: 'server' as const, status: 503, code: 'INTERNAL', message: 'down' } };

describe('triggers', () => {
  type Case = { name: string; state: SchedulerState; events: SchedulerEvent[]; timers: Effect[]; effects?: Effect['type'][] };
  const cases: Case[] = [
    {
      name: 'start, sync now, online and focus start a pass at once',
      state: leading,
      events: [trigger('focus')],
      timers: [{ type: 'startTimer', timer: 'soon', ms: 0 }],
    },
    { name: 'an edit waits for quiet', state: leading, events: [trigger('edit', 1000)], timers: [{ type: 'startTimer', timer: 'debounce', ms: 1500 }] },
    {
      name: 'steady typing postpones the pass, but never past the cap',
      state: leading,
      events: [trigger('edit', 0), trigger('edit', 1000), trigger('edit', 9000), trigger('edit', 9900)],
      timers: [
        { type: 'startTimer', timer: 'debounce', ms: 1500 },
        { type: 'startTimer', timer: 'debounce', ms: 1500 },
        { type: 'startTimer', timer: 'debounce', ms: 1000 },
        { type: 'startTimer', timer: 'debounce', ms: 100 },
      ],
    },
    {
      name: 'an edit rides along with a pass about to start',
      state: leading,
      events: [trigger('now'), trigger('edit')],
      timers: [{ type: 'startTimer', timer: 'soon', ms: 0 }],
    },
    { name: 'a tab that does not lead nudges the leader', state: initialSchedulerState, events: [trigger('edit')], timers: [], effects: ['nudgeLeader'] },
    { name: 'nothing after stop', state: { ...leading, stopped: true }, events: [trigger('now'), fired()], timers: [], effects: [] },
    {
      name: 'backoff holds off edits, focus and the timer, not sync now',
      state: { ...leading, timer: 'backoff' },
      events: [trigger('edit'), trigger('focus'), trigger('periodic'), trigger('now')],
      timers: [{ type: 'startTimer', timer: 'soon', ms: 0 }],
    },
  ];
  it.each(cases)('$name', ({ state, events, timers, effects }) => {
    const result = run(state, events);
    expect(result.timers).toEqual(timers);
    if (effects) expect(result.effects).toEqual(effects);
  });

  it('leads: the periodic timer, then a pass at once', () => {
    const result = run(initialSchedulerState, [{ type: 'lead', clock: 0, token: T }]);
    expect(result.effects).toEqual(['startPeriodic', 'startTimer']);
    expect(result.state.leader).toBe(true);
  });
});

describe('passes', () => {
  it('runs a pass when the timer fires, shows it running, and records the success', () => {
    const started = run(leading, [trigger('now'), fired()]);
    expect(started.effects).toEqual(['startTimer', 'publish', 'runPass']);
    expect(started.state.view.status).toBe('running');
    const ended = run(started.state, [done('2026-11-23T08:00:00.000Z')]);
    expect(ended.state.view).toMatchObject({ status: 'idle', lastSuccessAt: '2026-11-23T08:00:00.000Z', problem: null, failures: 0 });
    expect(ended.state.running).toBe(false);
  });

  it('shows offline without running a pass when the browser is offline', () => {
    const result = run(leading, [trigger('now'), fired(false)]);
    expect(result.effects).not.toContain('runPass');
    expect(result.state.view.problem).toEqual({ kind: 'offline' });
    expect(result.state.view.failures).toBe(0);
  });

  it('runs once more after a pass when something asked during it', () => {
    const during = run(leading, [trigger('now'), fired(), trigger('edit'), done()]);
    expect(during.timers.at(-1)).toEqual({ type: 'startTimer', timer: 'soon', ms: 0 });
    expect(during.state.again).toBeNull();
  });

  it('backs off with full jitter after failures, growing to the cap, and Retry-After waits longer', () => {
    let state: SchedulerState = { ...leading, running: true };
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      const result = step(state, failed(serverDown), timing);
      state = { ...result.state, running: true };
      const timer = result.effects.find((e) => e.type === 'startTimer');
      waits.push(timer && timer.type === 'startTimer' ? timer.ms : -1);
    }
    // Half of min(cap, 2 s · 2^(n−1)).
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 150_000]);
    expect(state.view.failures).toBe(9);
    const slow = step({ ...leading, running: true }, failed({ ...serverDown, retryAfterMs: 30_000 }), timing);
    expect(slow.effects).toContainEqual({ type: 'startTimer', timer: 'backoff', ms: 30_000 });
    expect(slow.state.view.nextAttemptAt).toBe('2026-11-23T08:00:30.000Z');
  });

  it('counts a failure while offline without backing off: `online` wakes the loop', () => {
    const result = run({ ...leading, running: true }, [failed({ kind: 'failed', problem: { kind: 'offline' } })]);
    expect(result.timers).toEqual([]);
    expect(result.state.view).toMatchObject({ problem: { kind: 'offline' }, failures: 1, nextAttemptAt: null });
    expect(run(result.state, [trigger('online')]).timers).toEqual([{ type: 'startTimer', timer: 'soon', ms: 0 }]);
  });
});

describe('blocked states', () => {
  it('stops on 401 until the app holds another token, then resumes', () => {
    const blocked = run({ ...leading, running: true }, [failed({ kind: 'failed', problem: { kind: 'unauthorized' } })]);
    expect(blocked.effects).toEqual(['clearTimer', 'publish', 'unauthorized']);
    expect(run(blocked.state, [trigger('now'), trigger('online'), trigger('edit')]).effects).toEqual([]);
    expect(run(blocked.state, [{ type: 'trigger', trigger: 'now', clock: 0, token: undefined }]).effects).toEqual([]);
    const resumed = run(blocked.state, [trigger('now', 0, 'token-2')]);
    expect(resumed.state.blocked).toBeNull();
    expect(resumed.state.view).toMatchObject({ problem: null, failures: 0 });
    expect(resumed.timers).toEqual([{ type: 'startTimer', timer: 'soon', ms: 0 }]);
  });

  it('blocks at once when there is no token to send', () => {
    const result = run(leading, [trigger('now'), { type: 'timerFired', online: true, token: undefined }]);
    expect(result.effects).toContain('unauthorized');
    expect(result.state.blocked).toEqual({ kind: 'unauthorized', token: undefined });
  });

  it('stops for good on 426', () => {
    const blocked = run({ ...leading, running: true }, [failed({ kind: 'failed', problem: { kind: 'schemaTooOld' } })]);
    expect(blocked.state.view.problem).toEqual({ kind: 'schemaTooOld' });
    expect(run(blocked.state, [trigger('now', 0, 'token-2'), trigger('online'), fired()]).effects).toEqual([]);
  });
});

describe('what the tab shows', () => {
  it('shows the leading tab’s state while it does not lead, and only then', () => {
    const theirs = { ...leading.view, status: 'running' as const };
    expect(run(initialSchedulerState, [{ type: 'leaderState', state: theirs }]).state.view).toEqual(theirs);
    expect(run(leading, [{ type: 'leaderState', state: theirs }]).state.view).toEqual(leading.view);
  });

  it('takes the stored time of the last success unless a pass already set one', () => {
    expect(run(leading, [{ type: 'lastSyncLoaded', at: '2026-11-22T10:00:00.000Z' }]).state.view.lastSuccessAt).toBe('2026-11-22T10:00:00.000Z');
    const after = run(leading, [done('2026-11-23T08:00:00.000Z'), { type: 'lastSyncLoaded', at: '2026-11-22T10:00:00.000Z' }]);
    expect(after.state.view.lastSuccessAt).toBe('2026-11-23T08:00:00.000Z');
  });

  it('publishes to the other tabs only while leading', () => {
    const mine = step(leading, { type: 'progress', progress: { phase: 'push', done: 1, total: 2 } }, timing);
    expect(mine.effects).toEqual([{ type: 'publish', view: mine.state.view, toTabs: true }]);
    const shown = step(initialSchedulerState, { type: 'leaderState', state: leading.view }, timing);
    expect(shown.effects).toEqual([{ type: 'publish', view: leading.view, toTabs: false }]);
  });
});
