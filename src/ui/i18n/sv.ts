import type { Messages } from './en.ts';

export const sv: Messages = {
  'app.name': 'Tillsyn',
  'app.tagline': 'Tillsynsbesök i kommuner',
  'app.skipToContent': 'Hoppa till innehållet',

  'nav.label': 'Huvudmeny',
  'nav.visits': 'Besök',
  'nav.municipalities': 'Kommuner',
  'nav.review': 'Granskning',
  'nav.settings': 'Inställningar',
  'nav.signOut': 'Logga ut',

  'status.online': 'Ansluten',
  'status.offline': 'Ingen anslutning',
  'status.neverSynced': 'Inte synkroniserad än',

  'pwa.updateAvailable': 'En ny version av Tillsyn finns.',
  'pwa.updateNow': 'Uppdatera nu',
  'pwa.updateLater': 'Senare',
  'pwa.offlineReady': 'Tillsyn fungerar nu också utan anslutning.',
  'pwa.dismiss': 'OK',
  'pwa.install': 'Installera appen',
};
