// The language packs loaded at once, every part of them, for tests that render components outside the
// app (which loads them on demand).
import { enGB, fi as fiLocale, sv as svLocale } from 'date-fns/locale';
import type { Language } from '../src/shared/reference.ts';
import { makeI18n, type I18n, type LanguagePack, type Message, type Messages } from '../src/ui/i18n/index.ts';

/** Each catalogue file, by its path: `../src/ui/i18n/<lang>/<part>.ts`. */
export const partFiles = import.meta.glob<{ messages: Record<string, Message> }>('../src/ui/i18n/*/*.ts', { eager: true });

/** Every part of a language's messages in one. */
export function allMessages(lang: Language): Messages {
  const parts = Object.entries(partFiles).filter(([path]) => path.includes(`/i18n/${lang}/`));
  return Object.assign({}, ...parts.map(([, file]) => file.messages)) as Messages;
}

export const packs: Record<Language, LanguagePack> = {
  en: { lang: 'en', messages: allMessages('en'), dateLocale: enGB },
  fi: { lang: 'fi', messages: allMessages('fi'), dateLocale: fiLocale },
  sv: { lang: 'sv', messages: allMessages('sv'), dateLocale: svLocale },
};

export function testI18n(lang: Language = 'en', setLang: (lang: Language) => void = () => {}): I18n {
  return makeI18n(lang, setLang, packs[lang]);
}
