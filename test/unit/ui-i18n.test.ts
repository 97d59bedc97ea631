import { describe, expect, it } from 'vitest';
import { browserLanguage, translate, type Message, type Plural } from '../../src/ui/i18n/index.ts';
import { packs, partFiles } from '../i18n-packs.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const categories = (plural: Plural) => Object.keys(plural).sort();

/** The catalogue files of a language, by part. */
const partsOf = (lang: string) =>
  new Map(
    Object.entries(partFiles)
      .filter(([path]) => path.includes(`/i18n/${lang}/`))
      .map(([path, file]) => [path.replace(/^.*\/([\w-]+)\.ts$/, '$1'), file.messages] as const),
  );
const english = partsOf('en');

describe('translate', () => {
  it('fills placeholders in every language', () => {
    expect(translate(packs.en, 'signIn.error.rateLimited', { count: 5 })).toBe('Too many failed sign-in attempts. Try again in 5 minutes.');
    expect(translate(packs.fi, 'status.pending', { count: 3 })).toBe('Lähettämättömiä muutoksia: 3');
    expect(translate(packs.sv, 'app.pageTitle', { page: 'Besök' })).toBe('Besök – Tillsyn');
  });

  it('leaves a placeholder it was not given, so the gap is visible', () => {
    expect(translate(packs.en, 'status.pending')).toBe('Unsent changes: {count}');
    expect(translate(packs.en, 'status.pending', { other: 1 })).toBe('Unsent changes: {count}');
  });

  it('picks a plural message’s form by its count, with the language’s plural rules', () => {
    expect(translate(packs.en, 'visits.count', { count: 1 })).toBe('1 visit');
    expect(translate(packs.en, 'visits.count', { count: 0 })).toBe('0 visits');
    expect(translate(packs.en, 'visits.count', { count: 2 })).toBe('2 visits');
    expect(translate(packs.fi, 'sync.rejected', { count: 1 })).toBe('1 hylätty muutos');
    expect(translate(packs.fi, 'sync.rejected', { count: 21 })).toBe('21 hylättyä muutosta');
    expect(translate(packs.sv, 'sync.conflicts', { count: 1 })).toBe('1 konflikt');
    expect(translate(packs.sv, 'sync.conflicts', { count: 3 })).toBe('3 konflikter');
  });

  it('reads a key whose part is not loaded as the key itself', () => {
    expect(translate({ lang: 'en', messages: partsOf('en').get('shell') as never }, 'settings.storageTitle')).toBe('settings.storageTitle');
  });
});

describe('the catalogues', () => {
  it('have the same parts in every language, and each key in one part only', () => {
    for (const lang of ['fi', 'sv']) expect([...partsOf(lang).keys()].sort(), lang).toEqual([...english.keys()].sort());
    const keys = [...english.values()].flatMap((messages) => Object.keys(messages));
    expect(keys.length).toBe(new Set(keys).size);
  });

  it.each(['fi', 'sv'])('%s has a non-empty text for every key, with the same placeholders as English', (lang) => {
    for (const [part, source] of english) {
      const catalogue = partsOf(lang).get(part) ?? {};
      for (const [key, message] of Object.entries(source)) {
        const translated: Message | undefined = catalogue[key];
        if (typeof message === 'string') {
          expect(typeof translated, key).toBe('string');
          expect((translated as string).trim(), key).toBeTruthy();
          expect(placeholders(translated as string), key).toEqual(placeholders(message));
        } else {
          expect(typeof translated, key).toBe('object');
          const plural = translated as Plural;
          expect(categories(plural), key).toEqual(categories(message));
          for (const category of categories(message) as (keyof Plural)[]) {
            expect(plural[category]?.trim(), `${key}.${category}`).toBeTruthy();
            expect(placeholders(plural[category]!), `${key}.${category}`).toEqual(placeholders(message[category]!));
          }
        }
      }
      expect(Object.keys(catalogue).sort(), `${lang}/${part}`).toEqual(Object.keys(source).sort());
    }
  });

  it.each(Object.values(packs))('$lang has a form for each plural category of its language, and no other', ({ lang, messages }) => {
    const wanted = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.slice().sort();
    for (const [key, message] of Object.entries(messages as Record<string, Message>)) {
      if (typeof message !== 'string') expect(categories(message), key).toEqual(wanted);
    }
  });
});

describe('browserLanguage', () => {
  it('picks the first of our languages among the browser’s, else Finnish', () => {
    expect(browserLanguage(['sv-FI', 'en'])).toBe('sv');
    expect(browserLanguage(['de-DE', 'en-US'])).toBe('en');
    expect(browserLanguage(['de-DE'])).toBe('fi');
  });
});
