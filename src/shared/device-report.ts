// The device's report of its sync health (SYNC.md, "The device's report"): sent with every push and pull
// as one request header, kept by the server per client id, and listed for coordinators and admins by
// `GET /api/devices`. The header is optional: an app that does not send it syncs as before.
import { z } from 'zod/mini';
import { roleSchema } from './workflow.ts';
import { regionIdSchema } from './reference.ts';

export const DEVICE_REPORT_HEADER = 'X-Device-Report';
/** The report's own version, its `v` key. A server ignores a report of a version it does not know. */
const DEVICE_REPORT_VERSION = 1;
/** A header longer than this is refused: a report of version 1 is well under 200 characters. */
const DEVICE_REPORT_MAX_LENGTH = 400;
/** A device that has not synced for this many days with changes waiting is shown with a warning. */
export const STALE_DAYS = 3;

const count = z.pipe(
  z.string().check(z.regex(/^\d{1,7}$/, 'a whole number from 0 to 9,999,999')),
  z.transform((s) => Number(s)),
);
const MAX_AGE_SECONDS = 999_999_999;
/** Seconds; at most about 31 years, so a broken clock cannot overflow anything. */
const seconds = z.pipe(
  z.string().check(z.regex(/^\d{1,9}$/, 'whole seconds from 0 to 999,999,999')),
  z.transform((s) => Number(s)),
);

/** The app's version as package.json gives it: `0.1.0`, `1.2.0-rc.1`. */
const appVersionSchema = z.string().check(z.regex(/^[0-9A-Za-z][0-9A-Za-z.+-]{0,31}$/, 'an app version such as 0.1.0 (at most 32 letters, digits, dots, + or -)'));

/** A report of version 1, its values as sent (strings), parsed into numbers. */
export const deviceReportSchema = z
  .object({
    /** The device's client id for this user (SYNC.md, "Identities"). */
    client: z.uuid('the client id, a UUID'),
    app: appVersionSchema,
    /** Changes waiting in the outbox. */
    pending: count,
    /** How long ago, in seconds by the device's own clock, the oldest waiting change was made; only with pending > 0. */
    oldest: z.optional(seconds),
    /** Changes the server rejected that wait for the user's decision. */
    rejected: count,
  })
  .check(
    z.superRefine((r, ctx) => {
      if (r.pending > 0 && r.oldest === undefined) ctx.addIssue({ code: 'custom', path: ['oldest'], message: 'the oldest waiting change’s age is required when pending > 0' });
      if (r.pending === 0 && r.oldest !== undefined) ctx.addIssue({ code: 'custom', path: ['oldest'], message: 'no oldest waiting change when pending is 0' });
    }),
  );
export type DeviceReport = z.infer<typeof deviceReportSchema>;

/** What the device counts for its report: one read of its outbox and rejections. */
export type DeviceFigures = { pending: number; oldestQueuedAt: string | null; rejected: number };

/** The header's value: `v=1;client=…;app=0.1.0;pending=3;oldest=5400;rejected=0`. */
export function encodeDeviceReport(report: DeviceReport): string {
  const parts = [`v=${DEVICE_REPORT_VERSION}`, `client=${report.client}`, `app=${report.app}`, `pending=${report.pending}`];
  if (report.oldest !== undefined) parts.push(`oldest=${report.oldest}`);
  parts.push(`rejected=${report.rejected}`);
  return parts.join(';');
}

/** The device's report from its figures, the age of the oldest change by its own clock (never below 0). */
export function deviceReportOf(clientId: string, appVersion: string, figures: DeviceFigures, now: Date): DeviceReport {
  const base = { client: clientId, app: appVersion, pending: figures.pending, rejected: figures.rejected };
  if (figures.pending === 0) return base;
  const queued = figures.oldestQueuedAt === null ? Number.NaN : Date.parse(figures.oldestQueuedAt);
  const age = Number.isFinite(queued) ? Math.floor((now.getTime() - queued) / 1000) : 0;
  return { ...base, oldest: Math.min(MAX_AGE_SECONDS, Math.max(0, age)) };
}

type ParsedDeviceReport =
  /** `report` null: no header, or a report of a version this server does not know (ignored). */
  | { ok: true; report: DeviceReport | null }
  | { ok: false; message: string; issues: { path: (string | number)[]; message: string }[] };

const KEY = /^[a-z]{1,16}$/;

/**
 * Reads the header. Keys this version does not define are ignored (a later app may add some); a key
 * given twice, a pair that is not `key=value`, or a value the schema refuses makes the report malformed.
 */
export function parseDeviceReport(header: string | undefined): ParsedDeviceReport {
  if (header === undefined) return { ok: true, report: null };
  const bad = (message: string, path: (string | number)[] = []): ParsedDeviceReport => ({ ok: false, message, issues: [{ path, message }] });
  if (header.length > DEVICE_REPORT_MAX_LENGTH) return bad(`${DEVICE_REPORT_HEADER} is longer than ${DEVICE_REPORT_MAX_LENGTH} characters`);
  const values: Record<string, string> = {};
  for (const pair of header.split(';')) {
    const text = pair.trim();
    if (text === '') continue;
    const at = text.indexOf('=');
    const key = at < 0 ? '' : text.slice(0, at).trim();
    if (!KEY.test(key)) return bad(`${DEVICE_REPORT_HEADER}: “${text.slice(0, 40)}” is not a key=value pair`);
    if (Object.hasOwn(values, key)) return bad(`${DEVICE_REPORT_HEADER}: “${key}” is given twice`, [key]);
    values[key] = text.slice(at + 1).trim();
  }
  const version = values['v'];
  if (version === undefined) return bad(`${DEVICE_REPORT_HEADER} needs its version, v=${DEVICE_REPORT_VERSION}`, ['v']);
  if (!/^\d{1,4}$/.test(version)) return bad(`${DEVICE_REPORT_HEADER}: the version v must be a whole number`, ['v']);
  if (Number(version) !== DEVICE_REPORT_VERSION) return { ok: true, report: null };
  const { client, app, pending, oldest, rejected } = values;
  const parsed = deviceReportSchema.safeParse({ client, app, pending, oldest, rejected });
  if (parsed.success) return { ok: true, report: parsed.data };
  const issues = parsed.error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.code === 'invalid_type' && i.path.length > 0 && values[String(i.path[0])] === undefined ? 'missing' : i.message,
  }));
  const named = issues.map((i) => `${i.path.join('.') || 'report'}: ${i.message}`).join('; ');
  return { ok: false, message: `${DEVICE_REPORT_HEADER} is malformed (${named})`, issues };
}

/** Orders app versions: numeric parts as numbers (`0.10.0` after `0.9.1`), a pre-release before its release. */
export function compareVersions(a: string, b: string): number {
  const split = (v: string) => {
    const [core = '', pre] = v.split('+')[0]!.split(/-(.*)/s);
    return { core: core.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), pre };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.max(x.core.length, y.core.length); i++) {
    const p = x.core[i] ?? 0;
    const q = y.core[i] ?? 0;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p < q ? -1 : 1;
    return String(p) < String(q) ? -1 : 1;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

// ---------------------------------------------------------------------------------------------------
// GET /api/devices

const isoTime = z.iso.datetime();

/** One device as the server last heard from it; times are the server's. */
const deviceSchema = z.object({
  clientId: z.string(),
  appVersion: z.string(),
  /** From the request's User-Agent: a browser's and a system's name, null when not recognised. */
  browser: z.nullable(z.string()),
  os: z.nullable(z.string()),
  pending: z.int().check(z.gte(0)),
  /** When the oldest waiting change was made (the report's age taken from the server's time); null with none. */
  oldestPendingAt: z.nullable(isoTime),
  rejected: z.int().check(z.gte(0)),
  lastPushAt: z.nullable(isoTime),
  lastPullAt: z.nullable(isoTime),
  reportedAt: isoTime,
});
export type Device = z.infer<typeof deviceSchema>;

const deviceUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  regionIds: z.array(regionIdSchema),
  /** False for a disabled account (listed only when one of its devices has reported). */
  active: z.boolean(),
  devices: z.array(deviceSchema),
});
export type DeviceUser = z.infer<typeof deviceUserSchema>;

/** `GET /api/devices`: coordinators the users who share one of their regions, admins every user. */
export const devicesResponseSchema = z.object({
  /** The server's time: ages are counted from it, not from the reader's clock. */
  now: isoTime,
  /** The server's (and so the current app's) version: a device on an older one has not updated. */
  serverVersion: z.string(),
  users: z.array(deviceUserSchema),
});
export type DevicesResponse = z.infer<typeof devicesResponseSchema>;

/** The last time the device reached the server (push or pull). */
export function lastSyncOf(device: Pick<Device, 'lastPushAt' | 'lastPullAt'>): string | null {
  const { lastPushAt: push, lastPullAt: pull } = device;
  if (push === null) return pull;
  if (pull === null) return push;
  return push > pull ? push : pull;
}

/** Whether the device needs attention: changes waiting and no sync for STALE_DAYS days or more. */
export function isStale(device: Pick<Device, 'pending' | 'lastPushAt' | 'lastPullAt'>, now: string): boolean {
  if (device.pending === 0) return false;
  const last = lastSyncOf(device);
  return last === null || Date.parse(now) - Date.parse(last) >= STALE_DAYS * 24 * 3600 * 1000;
}
