// The language packs loaded at once, for tests that render components outside the app (which loads them on demand).
import { enGB, fi as fiLocale, sv as svLocale } from 'date-fns/locale';
import type { Language } from '../src/shared/reference.ts';
import { en } from '../src/ui/i18n/en.ts';
import { fi } from '../src/ui/i18n/fi.ts';
import { makeI18n, type I18n, type LanguagePack } from '../src/ui/i18n/index.ts';
import { sv } from '../src/ui/i18n/sv.ts';

export const packs: Record<Language, LanguagePack> = {
  en: { messages: en, dateLocale: enGB },
  fi: { messages: fi, dateLocale: fiLocale },
  sv: { messages: sv, dateLocale: svLocale },
};

export function testI18n(lang: Language = 'en', setLang: (lang: Language) => void = () => {}): I18n {
  return makeI18n(lang, setLang, packs[lang]);
}
