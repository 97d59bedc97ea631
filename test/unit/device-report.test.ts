// The device report's pure parts: the header's round trip, the age of the oldest change by the device's
// clock, app versions in order, the warning's rule, and the User-Agent's summary the server keeps.
import { describe, expect, it } from 'vitest';
import { summarizeUserAgent } from '../../src/server/http/user-agent.ts';
import { compareVersions, deviceReportOf, encodeDeviceReport, isStale, parseDeviceReport } from '../../src/shared/device-report.ts';

const client = '0193a0c4-1111-7000-8000-000000000001';

describe('the device report', () => {
  it('goes through the header and back, the oldest change’s age in whole seconds (never below 0)', () => {
    const now = new Date('2026-03-02T10:30:00.000Z');
    const report = deviceReportOf(client, '0.1.0', { pending: 2, oldestQueuedAt: '2026-03-02T10:00:00.900Z', rejected: 1 }, now);
    expect(report).toEqual({ client, app: '0.1.0', pending: 2, oldest: 1799, rejected: 1 });
    expect(encodeDeviceReport(report)).toBe(`v=1;client=${client};app=0.1.0;pending=2;oldest=1799;rejected=1`);
    expect(parseDeviceReport(encodeDeviceReport(report))).toEqual({ ok: true, report });
    // A change made "in the future" by a clock set back: age 0, not negative.
    expect(deviceReportOf(client, '0.1.0', { pending: 1, oldestQueuedAt: '2026-03-03T00:00:00.000Z', rejected: 0 }, now).oldest).toBe(0);
    expect(deviceReportOf(client, '0.1.0', { pending: 0, oldestQueuedAt: null, rejected: 0 }, now)).toEqual({ client, app: '0.1.0', pending: 0, rejected: 0 });
    expect(parseDeviceReport(` v = 1 ; client=${client}; app=0.1.0 ;pending=0;rejected=0; `)).toMatchObject({ ok: true, report: { pending: 0 } });
  });

  it('orders app versions by their numbers, a pre-release before its release', () => {
    expect(compareVersions('0.9.1', '0.10.0')).toBe(-1);
    expect(compareVersions('1.0.0', '1.0')).toBe(0);
    expect(compareVersions('1.2.0-rc.1', '1.2.0')).toBe(-1);
    expect(compareVersions('1.2.0', '1.1.9')).toBe(1);
    expect(compareVersions('0.1.0+build.7', '0.1.0')).toBe(0);
  });

  it('warns of a device with changes waiting and no sync for 3 days or more, only', () => {
    const now = '2026-03-10T12:00:00.000Z';
    const device = (pending: number, lastPullAt: string | null, lastPushAt: string | null = null) => ({ pending, lastPullAt, lastPushAt });
    expect(isStale(device(1, '2026-03-07T12:00:00.000Z'), now)).toBe(true);
    expect(isStale(device(1, '2026-03-07T12:00:01.000Z'), now)).toBe(false);
    expect(isStale(device(0, '2026-01-01T00:00:00.000Z'), now)).toBe(false);
    // The later of the two times counts.
    expect(isStale(device(3, '2026-03-01T00:00:00.000Z', '2026-03-09T00:00:00.000Z'), now)).toBe(false);
  });
});

describe('the User-Agent’s summary', () => {
  it('names the browser and the system, and nothing it does not recognise', () => {
    const cases: [string, string | null, string | null][] = [
      ['Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome', 'Android'],
      ['Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Safari/537.36', 'Samsung Internet', 'Android'],
      ['Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari', 'iPadOS'],
      ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1', 'Chrome', 'iOS'],
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge', 'Windows'],
      ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox', 'macOS'],
      ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/150.0.0.0 Safari/537.36', 'Chrome', 'Linux'],
      ['curl/8.5.0', null, null],
    ];
    for (const [ua, browser, os] of cases) expect(summarizeUserAgent(ua), ua).toEqual({ browser, os });
    expect(summarizeUserAgent(undefined)).toEqual({ browser: null, os: null });
  });
});
