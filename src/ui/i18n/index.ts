// The UI's languages: each language's pack (its catalogue and date-fns locale) loaded on demand, the
// current language as context, and `t` to look messages up.
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { Locale } from 'date-fns';
import type { Language } from '../../shared/reference.ts';
import type { MessageKey, Messages } from './en.ts';

export type { MessageKey, Messages } from './en.ts';

/** What the UI needs of one language. `dateLocale` undefined: date-fns's built-in English. */
export type LanguagePack = { messages: Messages; dateLocale: Locale | undefined };

// A catalogue is about 10 kB of gzipped JS and a date locale 2: only the language in use is loaded
// (the service worker precaches them all, so switching works offline).
const packLoaders: Record<Language, () => Promise<LanguagePack>> = {
  fi: async () => ({ messages: (await import('./fi.ts')).fi, dateLocale: (await import('date-fns/locale/fi')).fi }),
  sv: async () => ({ messages: (await import('./sv.ts')).sv, dateLocale: (await import('date-fns/locale/sv')).sv }),
  en: async () => ({ messages: (await import('./en.ts')).en, dateLocale: (await import('date-fns/locale/en-GB')).enGB }),
};
const loadedPacks = new Map<Language, LanguagePack>();

export async function loadLanguagePack(lang: Language): Promise<LanguagePack> {
  const loaded = loadedPacks.get(lang);
  if (loaded) return loaded;
  const pack = await packLoaders[lang]();
  loadedPacks.set(lang, pack);
  return pack;
}

/**
 * The language's pack; `null` only before the first one has loaded. On a switch the previous pack
 * stays until the new one is there, so the page is never swapped for a splash under a form. A pack
 * that fails to load is tried again on the next switch; the previous one stays meanwhile.
 */
export function useLanguagePack(lang: Language): { lang: Language; pack: LanguagePack } | null {
  const [current, setCurrent] = useState<{ lang: Language; pack: LanguagePack } | null>(() => {
    const pack = loadedPacks.get(lang);
    return pack ? { lang, pack } : null;
  });
  useEffect(() => {
    let cancelled = false;
    loadLanguagePack(lang).then(
      (pack) => !cancelled && setCurrent({ lang, pack }),
      (error: unknown) => console.warn(`Tillsyn: the ${lang} language pack did not load`, error),
    );
    return () => {
      cancelled = true;
    };
  }, [lang]);
  return current;
}

export type Params = Record<string, string | number>;

/** Looks a message up and fills its `{name}` placeholders. */
export function translate(messages: Messages, key: MessageKey, params?: Params): string {
  const text = messages[key];
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

export function makeI18n(lang: Language, setLang: (lang: Language) => void, pack: LanguagePack): I18n {
  return { lang, setLang, t: (key, params) => translate(pack.messages, key, params), dateLocale: pack.dateLocale };
}

/** Outside the app's provider (before the first pack has loaded) every message is empty. */
export const I18nContext = createContext<I18n>(makeI18n('en', () => {}, { messages: new Proxy({} as Messages, { get: () => '' }), dateLocale: undefined }));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
