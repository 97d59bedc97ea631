// The UI's languages: catalogues, the current language as context, and `t` to look messages up.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from 'date-fns';
import { enGB, fi as fiLocale, sv as svLocale } from 'date-fns/locale';
import type { Language } from '../../shared/reference.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { fi } from './fi.ts';
import { sv } from './sv.ts';

export type { MessageKey } from './en.ts';

const catalogues: Record<Language, Messages> = { fi, sv, en };
export const dateLocales: Record<Language, Locale> = { fi: fiLocale, sv: svLocale, en: enGB };

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
  dateLocale: Locale;
};

export function makeI18n(lang: Language, setLang: (lang: Language) => void): I18n {
  return { lang, setLang, t: (key, params) => translate(lang, key, params), dateLocale: dateLocales[lang] };
}

export const I18nContext = createContext<I18n>(makeI18n('en', () => {}));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
