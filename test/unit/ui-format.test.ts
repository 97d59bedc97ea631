import { enGB, fi, sv } from 'date-fns/locale';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, formatShortDate } from '../../src/ui/common/format.ts';

// Intl puts narrow no-break spaces in some languages; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting in the user’s language', () => {
  it('sizes in kB, MB and GB', () => {
    expect(plain(formatBytes(74_000, 'en'))).toBe('74 kB');
    expect(plain(formatBytes(1_250_000, 'en'))).toBe('1.3 MB');
    expect(plain(formatBytes(1_250_000, 'sv'))).toBe('1,3 MB');
    expect(plain(formatBytes(11_000_000_000, 'fi'))).toBe('11 Gt');
    expect(plain(formatBytes(200, 'en'))).toBe('0.2 kB');
  });

  it('dates as Finland writes them in Finnish and Swedish (20.2.2026), and with the date-fns locale in English', () => {
    expect(formatDate('2026-02-20', fi)).toBe('20.2.2026');
    expect(formatDate('2026-02-20', sv)).toBe('20.2.2026');
    expect(formatDate('2025-03-04', enGB)).toBe('4 March 2025');
    expect(formatShortDate('2026-02-20', fi)).toBe('20.2.2026');
    expect(formatShortDate('2026-02-20', sv)).toBe('20.2.2026');
    expect(formatShortDate('2025-03-04', enGB)).toBe('4 Mar 2025');
    expect(formatDateTime('2025-03-04T08:15:00', fi)).toBe('4.3.2025 klo 8.15');
    expect(formatDateTime('2025-03-04T08:15:00', sv)).toBe('4.3.2025 kl. 8.15');
    expect(formatDateTime('2025-03-04T08:15:00', enGB)).toBe('4 March 2025 at 08:15');
  });
});
