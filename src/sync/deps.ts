// What one sync pass needs: where to store (the user's database, seen only through its SyncStore), how
// to reach the server, and who is asking.
import type { UserDb } from '../db/database.ts';
import { syncStore, type SyncStore } from '../db/sync-store.ts';
import { SCHEMA_HEADER, SCHEMA_VERSION } from '../shared/protocol.ts';
import { DEVICE_REPORT_HEADER, deviceReportOf, encodeDeviceReport, parseDeviceReport, type DeviceFigures } from '../shared/device-report.ts';
import type { ApiRequest } from './http.ts';

export type Api = (path: string, request: ApiRequest) => Promise<unknown>;

export type SyncDeps = (
  | { store: SyncStore }
  /** The user's database: the pass sees it only through `syncStore(db)`. */
  | { db: UserDb }
) & {
  api: Api;
  clientId: string;
  token: () => string | undefined;
  now?: () => Date;
  /**
   * The app's version: given, every push and pull carries the device's report (SYNC.md, "The device's
   * report"); the app gives it, a test may leave it out.
   */
  appVersion?: string;
  /** Aborts a request under way (the runner stopping); its answer is then never stored, as if lost. */
  signal?: AbortSignal;
};

export type Progress = { phase: 'push' | 'pull'; done: number; total: number };

export const noProgress = (): void => {};

export function storeOf(deps: SyncDeps): SyncStore {
  return 'store' in deps ? deps.store : syncStore(deps.db);
}

/**
 * The headers of a push or pull: the schema version, and with `figures` (counted once per push or pull,
 * see SyncStore.deviceFigures) the device's report, its oldest change's age taken now.
 */
export function requestHeaders(deps?: Pick<SyncDeps, 'appVersion' | 'clientId' | 'now'>, figures?: DeviceFigures | null): Record<string, string> {
  const headers: Record<string, string> = { [SCHEMA_HEADER]: String(SCHEMA_VERSION) };
  if (deps?.appVersion !== undefined && figures) {
    const report = encodeDeviceReport(deviceReportOf(deps.clientId, deps.appVersion, figures, deps.now?.() ?? new Date()));
    // The server answers a malformed report 400: one this app cannot make well (an app version out of
    // the protocol's form) is left out, so the report never stops the sync.
    if (parseDeviceReport(report).ok) headers[DEVICE_REPORT_HEADER] = report;
  }
  return headers;
}

/** The device's figures for its report, or null when it sends none (no app version given). */
export function figuresFor(deps: SyncDeps, store: SyncStore): Promise<DeviceFigures | null> {
  return deps.appVersion === undefined ? Promise.resolve(null) : store.deviceFigures();
}

export function signalOf(deps: { signal?: AbortSignal | undefined }): { signal?: AbortSignal } {
  return deps.signal ? { signal: deps.signal } : {};
}
