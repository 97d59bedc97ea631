import type { Messages } from './en.ts';

export const fi: Messages = {
  'app.name': 'Tillsyn',
  'app.tagline': 'Kuntien valvontakäynnit',
  'app.skipToContent': 'Siirry sisältöön',

  'nav.label': 'Päävalikko',
  'nav.visits': 'Käynnit',
  'nav.municipalities': 'Kunnat',
  'nav.review': 'Tarkastus',
  'nav.settings': 'Asetukset',
  'nav.signOut': 'Kirjaudu ulos',

  'status.online': 'Verkossa',
  'status.offline': 'Ei verkkoyhteyttä',
  'status.neverSynced': 'Ei vielä synkronoitu',

  'pwa.updateAvailable': 'Tillsynista on uusi versio.',
  'pwa.updateNow': 'Päivitä nyt',
  'pwa.updateLater': 'Myöhemmin',
  'pwa.offlineReady': 'Tillsyn toimii nyt myös ilman verkkoyhteyttä.',
  'pwa.dismiss': 'Selvä',
  'pwa.install': 'Asenna sovellus',
};
