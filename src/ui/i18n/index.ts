// The UI's languages: each language's messages, loaded in parts with what shows them (messages.ts), and
// its date-fns locale; the current language as context, and `t` to look messages up.
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { Locale } from 'date-fns';
import type { Language } from '../../shared/vocabulary.ts';
import type { Message, MessageKey, Messages, Part, Plural, PluralKey } from './messages.ts';

export type { Message, MessageKey, Messages, Part, Plural } from './messages.ts';

/** A language's messages (as loaded: the parts asked for so far). */
export type Catalogue = { lang: Language; messages: Messages };

/** What the UI needs of one language. `dateLocale` undefined: date-fns's built-in English. */
export type LanguagePack = Catalogue & { dateLocale: Locale | undefined };

// Only the language in use is loaded, and of it only the parts shown so far: each part of each
// language is a chunk of its own (the service worker precaches them all, so everything works offline).
const partFiles = import.meta.glob<{ messages: Record<string, Message> }>('./*/*.ts');
const dateLocales: Record<Language, () => Promise<Locale | undefined>> = {
  fi: () => import('date-fns/locale/fi').then((m) => m.fi),
  sv: () => import('date-fns/locale/sv').then((m) => m.sv),
  en: () => import('date-fns/locale/en-GB').then((m) => m.enGB),
};

/** A language as loaded so far; its pack's messages grow as parts arrive. */
type Loading = { pack: LanguagePack; locale: Promise<void> | null; parts: Map<Part, Promise<void>>; loaded: Set<Part | 'locale'> };
const loading = new Map<Language, Loading>();
/** The parts shown so far (the shell's, and each lazily loaded page's): a language switch loads them all. */
const wanted = new Set<Part>(['shell']);

function loadingOf(lang: Language): Loading {
  let entry = loading.get(lang);
  if (!entry) {
    entry = { pack: { lang, messages: {} as Messages, dateLocale: undefined }, locale: null, parts: new Map(), loaded: new Set() };
    loading.set(lang, entry);
  }
  return entry;
}

/** Loads once; a load that fails is tried again on the next call. */
function once(entry: Loading, what: Part | 'locale', load: () => Promise<void>): Promise<void> {
  const started = what === 'locale' ? entry.locale : entry.parts.get(what);
  if (started) return started;
  const promise = load().then(
    () => void entry.loaded.add(what),
    (error: unknown) => {
      if (what === 'locale') entry.locale = null;
      else entry.parts.delete(what);
      throw error;
    },
  );
  if (what === 'locale') entry.locale = promise;
  else entry.parts.set(what, promise);
  return promise;
}

/** Loads the language's date locale and these parts of its messages, which a language switch then loads too. */
async function loadMessages(lang: Language, parts: readonly Part[]): Promise<LanguagePack> {
  for (const part of parts) wanted.add(part);
  const entry = loadingOf(lang);
  await Promise.all([
    once(entry, 'locale', async () => {
      entry.pack.dateLocale = await dateLocales[lang]();
    }),
    ...parts.map((part) =>
      once(entry, part, async () => {
        const file = partFiles[`./${lang}/${part}.ts`];
        if (!file) throw new Error(`No ${part} messages in ${lang}`);
        Object.assign(entry.pack.messages, (await file()).messages);
      }),
    ),
  ]);
  return entry.pack;
}

/** Whether the language's date locale and these parts are loaded. */
function hasMessages(lang: Language, parts: Iterable<Part>): boolean {
  const entry = loading.get(lang);
  return !!entry && entry.loaded.has('locale') && [...parts].every((part) => entry.loaded.has(part));
}

/** The language with every part shown so far, including any a page asks for while they load. */
async function loadLanguagePack(lang: Language): Promise<LanguagePack> {
  let pack: LanguagePack;
  do pack = await loadMessages(lang, [...wanted]);
  while (!hasMessages(lang, wanted));
  return pack;
}

/**
 * The language's pack; `null` only before the first one has loaded. On a switch the previous pack
 * stays until the new one is there, so the page is never swapped for a splash under a form. A pack
 * that fails to load is tried again on the next switch; the previous one stays meanwhile.
 */
export function useLanguagePack(lang: Language): { lang: Language; pack: LanguagePack } | null {
  const [current, setCurrent] = useState<{ lang: Language; pack: LanguagePack } | null>(() =>
    hasMessages(lang, wanted) ? { lang, pack: loadingOf(lang).pack } : null,
  );
  useEffect(() => {
    let cancelled = false;
    loadLanguagePack(lang).then(
      (pack) => !cancelled && setCurrent((c) => (c?.pack === pack ? c : { lang, pack })),
      (error: unknown) => console.warn(`Tillsyn: the ${lang} language pack did not load`, error),
    );
    return () => {
      cancelled = true;
    };
  }, [lang]);
  return current;
}

/**
 * Whether the current language's `parts` are there, loading them if not: a lazily loaded page's
 * messages load with it. A language chosen later brings them along (loadLanguagePack).
 */
export function useMessages(parts: readonly Part[]): 'ready' | 'loading' | 'failed' {
  const { lang } = useI18n();
  const [state, setState] = useState<'ready' | 'loading' | 'failed'>(() => (hasMessages(lang, parts) ? 'ready' : 'loading'));
  useEffect(() => {
    if (hasMessages(lang, parts)) {
      setState('ready');
      return;
    }
    let cancelled = false;
    loadMessages(lang, parts).then(
      () => !cancelled && setState('ready'),
      (error: unknown) => {
        console.error(`Tillsyn: the ${lang} messages (${parts.join(', ')}) did not load`, error);
        if (!cancelled) setState((s) => (s === 'ready' ? s : 'failed'));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [lang]);
  return state;
}

export type Params = Record<string, string | number>;

/** `t`: a plural message needs its `count`. */
export type Translate = <K extends MessageKey>(key: K, ...params: K extends PluralKey ? [params: Params & { count: number }] : [params?: Params]) => string;

const pluralRules = new Map<Language, Intl.PluralRules>();

/** The text of a plural message for `count` (without one, the `other` text, its {count} left as it is). */
function pluralText(lang: Language, plural: Plural, count: unknown): string {
  if (typeof count !== 'number') return plural.other;
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return plural[rules.select(count)] ?? plural.other;
}

/**
 * Looks a message up, picks its plural form by the `count` param, and fills its `{name}` placeholders.
 * A key whose part is not loaded reads as the key itself, so the gap shows.
 */
export function translate({ lang, messages }: Catalogue, key: MessageKey, params?: Params): string {
  const message: Message | undefined = messages[key];
  if (message === undefined) return key;
  const text = typeof message === 'string' ? message : pluralText(lang, message, params?.['count']);
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
  t: Translate;
  /** undefined: date-fns's built-in English. */
  dateLocale: Locale | undefined;
};

export function makeI18n(lang: Language, setLang: (lang: Language) => void, pack: LanguagePack): I18n {
  return { lang, setLang, t: (key, ...[params]) => translate(pack, key, params), dateLocale: pack.dateLocale };
}

/** Outside the app's provider (before the first pack has loaded) every message is empty. */
export const I18nContext = createContext<I18n>(makeI18n('en', () => {}, { lang: 'en', messages: new Proxy({} as Messages, { get: () => '' }), dateLocale: undefined }));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
