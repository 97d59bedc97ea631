// The sync health of devices, for coordinators and admins: each user's devices as they last reported with
// a push or pull (SYNC.md, "The device's report"), the counts at the top, a warning in words on a device
// with changes waiting that has not synced for days, those first. It reads the server (GET /api/devices),
// so offline it says that it needs a connection.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../../../shared/api.ts';
import type { DevicesResponse } from '../../../shared/device-report.ts';
import { ApiError, NetworkError, apiFetch } from '../../../sync/http.ts';
import { Page } from '../../common/Page.tsx';
import { formatDateTime } from '../../common/format.ts';
import { useOnline } from '../../common/use-online.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { devicesView, shortId, type DeviceView, type UserView } from './devices-view.ts';
import './devices.css';

type Problem = 'unreachable' | 'forbidden' | 'failed';
/** What was read last (kept while offline or reading again), whether a read is under way, and its problem. */
type Read = { data: DevicesResponse | null; busy: boolean; problem: Problem | null };

async function fetchDevices(token: string, signal: AbortSignal): Promise<DevicesResponse> {
  const { path, method, response } = api.devices;
  return response.parse(await apiFetch(path, { method, token, signal }));
}

function problemOf(error: unknown): Problem {
  if (error instanceof NetworkError) return 'unreachable';
  if (error instanceof ApiError && error.status === 403) return 'forbidden';
  return 'failed';
}

/** Reads the devices while online; again on `refresh` and when the connection comes back. */
function useDevices(token: string, online: boolean): { read: Read; refresh: () => void } {
  const [read, setRead] = useState<Read>({ data: null, busy: true, problem: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!online) return;
    const abort = new AbortController();
    setRead((r) => ({ ...r, busy: true }));
    fetchDevices(token, abort.signal).then(
      (data) => setRead({ data, busy: false, problem: null }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const problem = problemOf(error);
        if (problem === 'failed') console.warn('Tillsyn: the devices could not be read', error);
        setRead((r) => ({ data: problem === 'forbidden' ? null : r.data, busy: false, problem }));
      },
    );
    return () => abort.abort();
  }, [token, online, round]);
  return { read, refresh: useCallback(() => setRound((n) => n + 1), []) };
}

export function DevicesPage() {
  const i18n = useI18n();
  const { t, lang, dateLocale } = i18n;
  const { session } = useSignedIn();
  const online = useOnline();
  const { read, refresh } = useDevices(session.token, online);
  const { data } = read;
  const view = useMemo(() => (data ? devicesView(data, lang) : null), [data, lang]);
  const refreshButton = (
    <button type="button" class="button button-secondary" onClick={refresh} disabled={!online || read.busy}>
      {t('devices.refresh')}
    </button>
  );

  let notice = null;
  if (!online) {
    notice = (
      <p class="notice" role="status">
        {t('devices.offline')}
      </p>
    );
  } else if (read.busy) {
    notice = (
      <p class="muted" role="status">
        {t('devices.loading')}
      </p>
    );
  } else if (read.problem) {
    notice = (
      <div class="notice notice-error" role="alert">
        <p>{t(`devices.${read.problem}`)}</p>
        {read.problem !== 'forbidden' && !data && refreshButton}
      </div>
    );
  }

  let body = null;
  if (data && view) {
    const { counts, users, staleDays } = view;
    body = (
      <>
        <div class="devices-as-of">
          <p class="muted">{t('devices.asOf', { time: formatDateTime(data.now, dateLocale) })}</p>
          {refreshButton}
        </div>
        <section aria-labelledby="devices-summary-title">
          <h2 id="devices-summary-title" class="visually-hidden">
            {t('devices.summaryTitle')}
          </h2>
          <ul class="devices-stats">
            <Stat value={counts.stale} label={t('devices.count.stale', { count: counts.stale, days: staleDays })} attention={counts.stale > 0} />
            <Stat value={counts.users} label={t('devices.count.users', { count: counts.users })} />
            <Stat value={counts.devices} label={t('devices.count.devices', { count: counts.devices })} />
            <Stat value={counts.waiting} label={t('devices.count.waiting', { count: counts.waiting })} />
            <Stat value={counts.rejected} label={t('devices.count.rejected', { count: counts.rejected })} />
            <Stat value={counts.outdated} label={t('devices.count.outdated', { count: counts.outdated })} />
          </ul>
        </section>
        <section aria-labelledby="devices-users-title">
          <h2 id="devices-users-title">{t('devices.usersTitle')}</h2>
          {users.length === 0 ? (
            <p class="empty-state">{t('devices.noUsers')}</p>
          ) : (
            <ul class="devices-users">
              {users.map((u) => (
                <UserDevices key={u.id} user={u} serverVersion={data.serverVersion} i18n={i18n} />
              ))}
            </ul>
          )}
        </section>
      </>
    );
  }

  return (
    <Page title={t('devices.title')} className="devices-page">
      <p class="devices-intro">{t('devices.intro')}</p>
      {notice}
      {body}
    </Page>
  );
}

function UserDevices({ user, serverVersion, i18n }: { user: UserView; serverVersion: string; i18n: I18n }) {
  const { t } = i18n;
  const headingId = `devices-user-${user.id}`;
  return (
    <li class="card devices-user">
      <section aria-labelledby={headingId}>
        <h3 id={headingId} class="devices-user-name">
          {user.name}
        </h3>
        <p class="devices-user-meta">
          {t(`role.${user.role}`)} · {t('devices.userDevices', { count: user.devices.length })}
          {!user.active && <span class="badge badge-inactive devices-inactive">{t('devices.inactive')}</span>}
        </p>
        {user.devices.length === 0 ? (
          <p class="muted">{t('devices.noDevices')}</p>
        ) : (
          <ul class="devices-list">
            {user.devices.map((d) => (
              <DeviceItem key={d.clientId} device={d} serverVersion={serverVersion} i18n={i18n} />
            ))}
          </ul>
        )}
      </section>
    </li>
  );
}

function DeviceItem({ device: d, serverVersion, i18n }: { device: DeviceView; serverVersion: string; i18n: I18n }) {
  const { t, dateLocale } = i18n;
  const name = t('devices.name', { browser: d.browser ?? t('devices.unknownBrowser'), os: d.os ?? t('devices.unknownOs') });
  const ago = (days: number) => (days === 0 ? t('devices.lessThanDay') : t('devices.ago', { count: days }));
  return (
    <li class={d.stale ? 'devices-device devices-stale' : 'devices-device'}>
      <p class="devices-device-name">
        <strong>{name}</strong> <span class="muted devices-short-id">· {t('devices.shortId', { id: shortId(d.clientId) })}</span>
      </p>
      {d.stale && (
        <p class="devices-warning">
          <strong>{t('devices.warningWord')}</strong> {t('devices.warning', { count: d.daysSinceSync ?? 0 })}
        </p>
      )}
      <dl class="facts devices-facts">
        <div>
          <dt>{t('devices.lastSync')}</dt>
          <dd>{d.lastSync === null ? t('devices.neverSynced') : t('devices.when', { date: formatDateTime(d.lastSync, dateLocale), ago: ago(d.daysSinceSync ?? 0) })}</dd>
        </div>
        <div>
          <dt>{t('devices.waiting')}</dt>
          <dd>{d.pending === 0 ? t('devices.noneWaiting') : t('devices.waitingValue', { count: d.pending, ago: ago(d.oldestDays ?? 0) })}</dd>
        </div>
        <div>
          <dt>{t('devices.rejected')}</dt>
          <dd class={d.rejected > 0 ? 'devices-attention' : undefined}>{d.rejected === 0 ? t('devices.noneWaiting') : d.rejected}</dd>
        </div>
        <div>
          <dt>{t('devices.appVersion')}</dt>
          <dd class={d.outdated ? 'devices-attention' : undefined}>
            {d.outdated ? t('devices.outdated', { version: d.appVersion, server: serverVersion }) : d.appVersion}
          </dd>
        </div>
      </dl>
    </li>
  );
}

/** A figure of the summary; its label is the plural words that follow the number. */
function Stat({ value, label, attention = false }: { value: number; label: string; attention?: boolean }) {
  return (
    <li class={attention ? 'devices-stat devices-stat-attention' : 'devices-stat'}>
      <span class="devices-stat-value">{value}</span> <span class="devices-stat-label">{label}</span>
    </li>
  );
}
