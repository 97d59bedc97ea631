// One sync loop per user database, whatever the number of tabs (SYNC.md, "The client's side"): the tab
// holding a Web Lock runs it; the others wait in the lock's queue, nudge it and show its state over a
// BroadcastChannel. The browser hands the lock to the next tab when the leading one closes, so a loop
// always runs while any tab of the user is open.
import type { SyncState } from './state.ts';
import type { Trigger } from './scheduler.ts';

/** The part of `navigator.locks` the loop uses. */
export type LockManagerLike = {
  request(name: string, options: { mode: 'exclusive'; signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<unknown>;
};

/** The part of `BroadcastChannel` the loop uses. */
export type ChannelLike = {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
};

/** What tabs tell each other: a nudge to the leader, the leader's state, a new tab asking for it. */
export type TabMessage = { type: 'nudge'; trigger: Trigger } | { type: 'state'; state: SyncState } | { type: 'hello' };

export type Election = {
  /** Sends to the other tabs; nothing when this tab runs alone or has resigned. */
  post(message: TabMessage): void;
  /** Leaves the lock's queue, or lets the lock go, and closes the channel. */
  resign(): void;
};

type ElectionOptions = {
  /** The lock's and the channel's name. */
  name: string;
  /** null: no Web Locks here, so this tab runs its own loop. */
  locks: LockManagerLike | null;
  /** null: no BroadcastChannel here, so this tab runs its own loop. */
  channel: ((name: string) => ChannelLike) | null;
  /** This tab now leads (called once). */
  onLead(): void;
  onMessage(message: TabMessage): void;
};

export function defaultLocks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike | null } }).navigator;
  return nav?.locks ?? null;
}

export function defaultChannel(): ((name: string) => ChannelLike) | null {
  const BC = (globalThis as { BroadcastChannel?: new (name: string) => ChannelLike }).BroadcastChannel;
  return BC ? (name) => new BC(name) : null;
}

function isTabMessage(data: unknown): data is TabMessage {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}

/** Joins the election; `onLead` is called when this tab gets the lock (at once when it runs alone). */
export function elect(options: ElectionOptions): Election {
  if (!options.locks || !options.channel) {
    options.onLead();
    return { post: () => {}, resign: () => {} };
  }
  const channel = options.channel(options.name);
  let open = true;
  channel.onmessage = (event) => {
    if (isTabMessage(event.data)) options.onMessage(event.data);
  };
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const request = new AbortController();
  // Held for the tab's life: the other tabs wait in the lock's queue.
  options.locks
    .request(options.name, { mode: 'exclusive', signal: request.signal }, async () => {
      options.onLead();
      await held;
    })
    .catch(() => {}); // aborted by resign() before it was granted
  channel.postMessage({ type: 'hello' } satisfies TabMessage);
  return {
    post(message) {
      if (open) channel.postMessage(message);
    },
    resign() {
      open = false;
      request.abort();
      release();
      channel.close();
    },
  };
}
