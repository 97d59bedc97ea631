// The installed app's name and description in the deployment's main language, read at build time by
// vite.config.ts for the web app manifest and index.html. APP_LANGUAGE (fi, sv or en; default fi)
// chooses; the UI's own language is the user's choice and does not depend on it.

type AppLanguage = 'fi' | 'sv' | 'en';

type ManifestTexts = { name: string; short_name: string; description: string };

export const manifestTexts: Record<AppLanguage, ManifestTexts> = {
  fi: {
    name: 'Tillsyn – ohjaus- ja valvontakäynnit',
    short_name: 'Tillsyn',
    description: 'Kuntien ohjaus- ja valvontakäynnit: tarkistuslistat, havainnot ja toimenpidesuositukset, myös ilman verkkoyhteyttä.',
  },
  sv: {
    name: 'Tillsyn – styrnings- och tillsynsbesök',
    short_name: 'Tillsyn',
    description: 'Styrnings- och tillsynsbesök i kommuner: checklistor, observationer och åtgärdsrekommendationer, också utan anslutning.',
  },
  en: {
    name: 'Tillsyn – guidance and supervision visits',
    short_name: 'Tillsyn',
    description: 'Guidance and supervision visits to municipalities: checklists, observations and recommendations, offline too.',
  },
};

/** The language APP_LANGUAGE names; fi when unset. Anything else stops the build, rather than ship the wrong name. */
export function appLanguage(value: string | undefined): AppLanguage {
  const lang = value?.trim() || 'fi';
  if (lang === 'fi' || lang === 'sv' || lang === 'en') return lang;
  throw new Error(`APP_LANGUAGE must be fi, sv or en, not "${lang}"`);
}
