// Pull (SYNC.md, `GET /api/sync/pull`): pages of changes after the stored cursor until the server has
// no more. The next page is fetched while the last is stored, and pages that arrived while a store was
// under way are stored together, with the cursor after them, in one transaction. A 410 starts again
// from the beginning: every change is then taken whatever its version (a restored server's versions
// may be lower than the device's), and what the full pull did not show is dropped, unless the device
// has unsent or rejected changes to it.
import { PULL_MAX_LIMIT } from '../shared/protocol.ts';
import type { SyncStore } from '../db/sync-store.ts';
import { ApiError } from './http.ts';
import { timed } from './timing.ts';
import { parsePullPage, type PullPage } from './wire.ts';
import type { DeviceFigures } from '../shared/device-report.ts';
import { figuresFor, noProgress, requestHeaders, signalOf, storeOf, type Progress, type SyncDeps } from './deps.ts';

const PULL_LIMIT = PULL_MAX_LIMIT;
/** The first page of a pull is smaller: it comes sooner, and the device starts storing while the next comes. */
const FIRST_PAGE_LIMIT = 250;
/** Resets in a row before giving up for this pass (a server answering 410 to a fresh pull is broken). */
const MAX_RESETS = 2;
/** Pages fetched ahead of the store: bounds what is held in memory when storing is slower than the network. */
const MAX_WAITING_PAGES = 4;

/** Pulls until the server has no more; returns how many changes came. */
export async function pullAll(deps: SyncDeps, onProgress: (p: Progress) => void = noProgress): Promise<number> {
  const store = storeOf(deps);
  // The device's report goes with every page as counted here, after the push.
  const figures = await figuresFor(deps, store);
  for (let resets = 0; ; resets++) {
    try {
      return await pullPages(store, deps, figures, onProgress);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 410) || resets >= MAX_RESETS) throw e;
      await store.beginReset();
    }
  }
}

async function pullPages(store: SyncStore, deps: SyncDeps, figures: DeviceFigures | null, onProgress: (p: Progress) => void): Promise<number> {
  const pages = pageFetcher(deps, figures, await store.pullCursor());
  let done = 0;
  try {
    for (;;) {
      const ready = await pages.take();
      const last = ready[ready.length - 1]!;
      const changes = ready.flatMap((p) => p.changes);
      await timed('tillsyn:pull:store', () => store.storePulled(changes, last.cursor, !last.hasMore));
      done += changes.length;
      onProgress({ phase: 'pull', done, total: last.hasMore ? done + PULL_LIMIT : done });
      if (!last.hasMore) return done;
    }
  } finally {
    pages.close();
  }
}

/**
 * Fetches pages in order, one request at a time, ahead of the store. A failed request ends the
 * fetching; its error is thrown once the pages before it have been taken (and so stored).
 */
function pageFetcher(deps: SyncDeps, figures: DeviceFigures | null, start: string | undefined) {
  const ready: PullPage[] = [];
  let cursor = start;
  let limit = FIRST_PAGE_LIMIT;
  let ended = false;
  let closed = false;
  let failure: { error: unknown } | null = null;
  let fetching: Promise<void> | null = null;

  async function fetchPage(): Promise<void> {
    try {
      const query = new URLSearchParams({ limit: String(limit) });
      limit = PULL_LIMIT;
      if (cursor !== undefined) query.set('cursor', cursor);
      const answer = await timed('tillsyn:pull:request', () =>
        deps.api(`/api/sync/pull?${query.toString()}`, { token: deps.token(), headers: requestHeaders(deps, figures), ...signalOf(deps) }),
      );
      const page = await timed('tillsyn:pull:parse', async () => parsePullPage(answer));
      ready.push(page);
      cursor = page.cursor;
      ended = !page.hasMore;
    } catch (error) {
      failure = { error };
    } finally {
      fetching = null;
    }
    fetchMore();
  }

  function fetchMore(): void {
    if (fetching || closed || ended || failure || ready.length >= MAX_WAITING_PAGES) return;
    fetching = fetchPage();
  }

  return {
    /** Every page fetched and not yet taken, in order: at least one. */
    async take(): Promise<PullPage[]> {
      fetchMore();
      while (ready.length === 0) {
        if (failure) throw failure.error;
        if (!fetching) throw new Error('The pull has ended: no page is left to take');
        await fetching;
      }
      const pages = ready.splice(0);
      fetchMore();
      return pages;
    },
    /** No more requests: the pass is over (done, failed, or stopped). */
    close(): void {
      closed = true;
    },
  };
}
