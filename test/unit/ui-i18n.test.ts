import { describe, expect, it } from 'vitest';
import { browserLanguage, translate } from '../../src/ui/i18n/index.ts';
import { en } from '../../src/ui/i18n/en.ts';
import { fi } from '../../src/ui/i18n/fi.ts';
import { sv } from '../../src/ui/i18n/sv.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translate', () => {
  it('fills placeholders in every language', () => {
    expect(translate(en, 'signIn.error.rateLimited', { minutes: 5 })).toBe('Too many failed sign-in attempts. Try again in 5 minutes.');
    expect(translate(fi, 'status.pending', { count: 3 })).toBe('Lähettämättömiä muutoksia: 3');
    expect(translate(sv, 'app.pageTitle', { page: 'Besök' })).toBe('Besök – Tillsyn');
  });

  it('leaves a placeholder it was not given, so the gap is visible', () => {
    expect(translate(en, 'status.pending')).toBe('Unsent changes: {count}');
    expect(translate(en, 'status.pending', { other: 1 })).toBe('Unsent changes: {count}');
  });
});

describe('the catalogues', () => {
  it.each([
    ['fi', fi],
    ['sv', sv],
  ])('%s has a non-empty text for every key, with the same placeholders as English', (_lang, catalogue) => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(catalogue[key]?.trim(), key).toBeTruthy();
      expect(placeholders(catalogue[key]), key).toEqual(placeholders(en[key]));
    }
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
  });
});

describe('browserLanguage', () => {
  it('picks the first of our languages among the browser’s, else Finnish', () => {
    expect(browserLanguage(['sv-FI', 'en'])).toBe('sv');
    expect(browserLanguage(['de-DE', 'en-US'])).toBe('en');
    expect(browserLanguage(['de-DE'])).toBe('fi');
  });
});
