// The UI's languages: catalogues, the current language as context, and `t` to look messages up.
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { Locale } from 'date-fns';
import type { Language } from '../../shared/reference.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { fi } from './fi.ts';
import { sv } from './sv.ts';

export type { MessageKey } from './en.ts';

const catalogues: Record<Language, Messages> = { fi, sv, en };

// Each date-fns locale is a few kB: load only the one in use (the service worker precaches them all).
const dateLocaleLoaders: Record<Language, () => Promise<Locale>> = {
  fi: () => import('date-fns/locale/fi').then((m) => m.fi),
  sv: () => import('date-fns/locale/sv').then((m) => m.sv),
  en: () => import('date-fns/locale/en-GB').then((m) => m.enGB),
};
const loadedDateLocales = new Map<Language, Locale>();

export async function loadDateLocale(lang: Language): Promise<Locale> {
  const loaded = loadedDateLocales.get(lang);
  if (loaded) return loaded;
  const locale = await dateLocaleLoaders[lang]();
  loadedDateLocales.set(lang, locale);
  return locale;
}

/**
 * The date-fns locale of the language; `null` only before the first one has loaded. On a switch, the
 * previous locale stays until the new one is there, so the page is never swapped for a splash. Should
 * loading fail, dates fall back to date-fns's built-in English rather than keeping the app from starting.
 */
export function useDateLocale(lang: Language): Locale | undefined | null {
  const [loaded, setLoaded] = useState<{ locale: Locale | undefined } | null>(() =>
    loadedDateLocales.has(lang) ? { locale: loadedDateLocales.get(lang) } : null,
  );
  useEffect(() => {
    let cancelled = false;
    loadDateLocale(lang).then(
      (locale) => !cancelled && setLoaded({ locale }),
      (error: unknown) => {
        console.warn(`Tillsyn: the ${lang} date locale did not load`, error);
        if (!cancelled) setLoaded({ locale: undefined });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [lang]);
  return loaded === null ? null : loaded.locale;
}

export type Params = Record<string, string | number>;

/** Looks a message up and fills its `{name}` placeholders. */
export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const text = catalogues[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** The browser's preferred language among ours; Finnish when none matches. */
export function browserLanguage(preferred: readonly string[] = navigator.languages): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fi' || base === 'sv' || base === 'en') return base;
  }
  return 'fi';
}

export type I18n = {
  lang: Language;
  setLang: (lang: Language) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** undefined: date-fns's built-in English. */
  dateLocale: Locale | undefined;
};

export function makeI18n(lang: Language, setLang: (lang: Language) => void, dateLocale?: Locale): I18n {
  return { lang, setLang, t: (key, params) => translate(lang, key, params), dateLocale };
}

export const I18nContext = createContext<I18n>(makeI18n('en', () => {}));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
