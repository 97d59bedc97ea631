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

/**
 * Finnish and Swedish in Finland write dates as 20.2.2026 and times as 8.15 (klo / kl.); date-fns's
 * Swedish locale is Sweden's (20 februari 2026, 08:15), so both take Finland's pattern here.
 */
const finnishPatterns: Record<string, { date: string; dateTime: string }> = {
  fi: { date: 'd.M.yyyy', dateTime: "d.M.yyyy 'klo' H.mm" },
  sv: { date: 'd.M.yyyy', dateTime: "d.M.yyyy 'kl.' H.mm" },
};

/** A calendar date (YYYY-MM-DD) such as 4.3.2025 (Finnish and Swedish) or 4 March 2025. */
export function formatDate(isoDate: string, locale: Locale | undefined): string {
  return format(parseISO(isoDate), finnishPatterns[locale?.code ?? '']?.date ?? 'PPP', { locale });
}

/** A date short enough for a line of text: 4.3.2025 (Finnish and Swedish) or 4 Mar 2025. */
export function formatShortDate(isoDate: string, locale: Locale | undefined): string {
  return format(parseISO(isoDate), finnishPatterns[locale?.code ?? '']?.date ?? 'PP', { locale });
}

/** 4.3.2025 klo 8.15 / 4.3.2025 kl. 8.15 / 4 March 2025 at 08:15. */
export function formatDateTime(isoDateTime: string, locale: Locale | undefined): string {
  return format(parseISO(isoDateTime), finnishPatterns[locale?.code ?? '']?.dateTime ?? 'PPPp', { locale });
}
