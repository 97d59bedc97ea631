// Numbers, sizes and dates in the user's language (Finland's conventions for Finnish and Swedish).
import { format, parseISO, type Locale } from 'date-fns';
import type { Language } from '../../shared/reference.ts';

export const intlLocales: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

const byteUnits = [
  ['gigabyte', 1e9],
  ['megabyte', 1e6],
  ['kilobyte', 1e3],
] as const;

/** A size in kB, MB or GB (decimal units, as the browsers report quotas). */
export function formatBytes(bytes: number, lang: Language): string {
  const [unit, size] = byteUnits.find(([, s]) => bytes >= s) ?? byteUnits[2];
  const value = bytes / size;
  return new Intl.NumberFormat(intlLocales[lang], {
    style: 'unit',
    unit,
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}

export function formatPercent(fraction: number, lang: Language): string {
  return new Intl.NumberFormat(intlLocales[lang], {
    style: 'percent',
    maximumFractionDigits: fraction < 0.01 ? 2 : fraction < 0.1 ? 1 : 0,
  }).format(fraction);
}

/** A calendar date (YYYY-MM-DD) such as 4. maaliskuuta 2025 / 4 mars 2025 / 4 March 2025. */
export function formatDate(isoDate: string, locale: Locale | undefined): string {
  return format(parseISO(isoDate), 'PPP', { locale });
}

export function formatDateTime(isoDateTime: string, locale: Locale | undefined): string {
  return format(parseISO(isoDateTime), 'PPPp', { locale });
}
