// The sync loop's state in plain words, for the status bar and the sync page (a rejection's reason is
// features/sync/rejection-text.ts: the status bar, on every page, needs none of it).
import { format, formatDistance, parseISO, type Locale } from 'date-fns';
import type { SyncProblem, SyncState } from '../../sync/state.ts';
import type { MessageKey, Params } from '../i18n/index.ts';

type Translate = (key: MessageKey, params?: Params) => string;

/** "5 minutes ago", in the user's language; a time ahead of this device's clock still reads as "now"-ish. */
export function ago(iso: string, now: Date, locale: Locale | undefined): string {
  const then = parseISO(iso);
  return formatDistance(then > now ? now : then, now, { locale, addSuffix: true });
}

/** 14:05 (fi: 14.05), for the next automatic attempt. */
function clockTime(iso: string, locale: Locale | undefined): string {
  return format(parseISO(iso), 'p', { locale });
}

/** What the loop is doing now, or null when it is idle. */
export function progressText(state: SyncState, t: Translate): string | null {
  if (state.status !== 'running') return null;
  const p = state.progress;
  if (p?.phase === 'push' && p.total > 0) return t('sync.sending', { done: p.done, total: p.total });
  if (p?.phase === 'pull') return t('sync.receiving');
  return t('sync.syncing');
}

/**
 * What the user can tell of the connection. `unreachable`: the browser says online, but the server does
 * not answer (a dead Wi-Fi, a captive portal, the server down; a gateway's 502–504 says the last).
 */
export type Connection = 'online' | 'offline' | 'unreachable';

export function connectionOf(online: boolean, problem: SyncProblem | null): Connection {
  if (!online || problem?.kind === 'offline') return 'offline';
  if (problem?.kind === 'network' || (problem?.kind === 'server' && [502, 503, 504].includes(problem.status))) return 'unreachable';
  return 'online';
}

/** The connection in a few words, with the reassurance that nothing is lost while it is down. */
export function connectionText(connection: Connection, t: Translate): string {
  if (connection === 'offline') return t('sync.offlineKept');
  if (connection === 'unreachable') return t('sync.unreachableKept');
  return t('status.online');
}

/** The problem in plain words; a connection problem is said by the connection item, so here it says what comes next. */
export function problemText(problem: SyncProblem, nextAttemptAt: string | null, t: Translate, locale: Locale | undefined): string {
  switch (problem.kind) {
    case 'offline':
      return t('sync.offlineKept');
    case 'unauthorized':
      return t('sync.signInAgain');
    case 'schemaTooOld':
      return t('sync.updateApp');
    case 'server':
    case 'network': {
      const time = nextAttemptAt ? clockTime(nextAttemptAt, locale) : null;
      if (connectionOf(true, problem) === 'unreachable') return time ? t('sync.retryAt', { time }) : t('sync.unreachableKept');
      return time ? t('sync.failedRetryAt', { time }) : t('sync.failed');
    }
  }
}

export function failedProblem(problem: SyncProblem | null): boolean {
  return problem?.kind === 'server' || problem?.kind === 'network';
}
