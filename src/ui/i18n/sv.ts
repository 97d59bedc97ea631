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

  'app.pageTitle': '{page} – Tillsyn',

  'common.loading': 'Laddar…',
  'common.dbError': 'Uppgifterna som sparats på den här enheten kunde inte läsas. Försök ladda om sidan.',

  'language.label': 'Språk',
  'language.fi': 'Suomi',
  'language.sv': 'Svenska',
  'language.en': 'English',

  'role.inspector': 'Inspektör',
  'role.coordinator': 'Koordinator',
  'role.admin': 'Huvudanvändare',

  'signIn.title': 'Logga in',
  'signIn.username': 'Användarnamn',
  'signIn.password': 'Lösenord',
  'signIn.submit': 'Logga in',
  'signIn.busy': 'Loggar in…',
  'signIn.reauthTitle': 'Logga in på nytt',
  'signIn.reauthText': 'Din session har gått ut. Ange ditt lösenord för att fortsätta. Uppgifterna som sparats på enheten finns kvar.',
  'signIn.reauthSignOutText': 'Om du i stället loggar ut raderas dina uppgifter från den här enheten.',
  'signIn.error.usernameMissing': 'Ange ditt användarnamn.',
  'signIn.error.passwordMissing': 'Ange ditt lösenord.',
  'signIn.error.badCredentials': 'Fel användarnamn eller lösenord.',
  'signIn.error.rateLimited': 'För många misslyckade inloggningsförsök. Försök igen om {minutes} minuter.',
  'signIn.error.rateLimitedOne': 'För många misslyckade inloggningsförsök. Försök igen om en minut.',
  'signIn.error.offline': 'Du har ingen nätverksanslutning: den första inloggningen kräver anslutning.',
  'signIn.error.offlineReauth':
    'Du har ingen nätverksanslutning: för att logga in på nytt behövs anslutning. Dina uppgifter på enheten finns kvar.',
  'signIn.error.usernameInvalid':
    'Kontrollera användarnamnet: det består av 2–64 tecken, bokstäverna a–z, siffror, punkter, bindestreck eller understreck.',
  'signIn.error.passwordInvalid': 'Lösenordet godkändes inte. Kontrollera det och försök igen.',
  'signIn.error.invalid': 'Inloggningsuppgifterna godkändes inte. Kontrollera dem och försök igen.',
  'signIn.error.server': 'Servern kunde inte logga in dig just nu. Försök igen om en stund.',
  'signOut.busy': 'Loggar ut…',

  'status.pending': 'Osända ändringar: {count}',

  'visits.empty': 'Det finns ännu inga besök på den här enheten. Besöken visas här när de har planerats eller synkroniserats.',
  'visits.unknownMunicipality': 'Kommun {code}',
  'visitStatus.planned': 'Planerat',
  'visitStatus.in_progress': 'Pågår',
  'visitStatus.submitted': 'Inlämnat',
  'visitStatus.returned': 'Returnerat',
  'visitStatus.approved': 'Godkänt',
  'visitStatus.cancelled': 'Inställt',

  'municipalities.search': 'Sök kommuner',
  'municipalities.includeAland': 'Visa även Åland',
  'municipalities.count': '{count} kommuner',
  'municipalities.countOne': '1 kommun',
  'municipalities.noMatch': 'Inga kommuner motsvarar ”{query}”.',
  'municipalities.noneInRegions': 'Det finns inga kommuner i dina regioner på den här enheten.',
  'municipalities.noReferenceData':
    'Det finns ännu inga kommuner på den här enheten. Grunddata (regioner, kommuner, checklistor) kommer med den första synkroniseringen.',

  'review.intro': 'Besök som inspektörerna har lämnat in för granskning.',
  'review.empty': 'Det finns inga inlämnade besök på den här enheten. Inlämnade besök visas här när de har synkroniserats.',
  'review.listLabel': 'Inlämnade besök',

  'notFound.title': 'Sidan hittades inte',
  'notFound.text': 'Det finns ingen sida på den här adressen.',
  'notFound.home': 'Gå till besöken',
  'notAvailable.text': 'Den här sidan är inte tillgänglig för din roll ({role}).',

  'settings.languageHint': 'Valet sparas på den här enheten för ditt konto.',
  'settings.storageTitle': 'Lagring på den här enheten',
  'settings.storageUsed': 'Används',
  'settings.storageAvailable': 'Ledigt',
  'settings.storageBar': '{percent} av utrymmet som webbläsaren tillåter används ({used} av {quota}).',
  'settings.storageUnknown': 'Den här webbläsaren anger inte hur mycket lagringsutrymme som används.',
  'settings.persistTitle': 'Beständig lagring',
  'settings.persistGranted': 'Beviljad: webbläsaren raderar inte Tillsyns uppgifter på egen hand.',
  'settings.persistNotGranted':
    'Inte beviljad: webbläsaren kan radera Tillsyns uppgifter om det blir ont om utrymme på enheten. Att installera appen brukar hjälpa.',
  'settings.persistUnknown': 'Den här webbläsaren anger inte om uppgifterna lagras beständigt.',
  'settings.accountTitle': 'Konto',
  'settings.signedInAs': 'Inloggad som',
  'settings.role': 'Roll',
  'settings.lastSignIn': 'Senaste inloggning på den här enheten',
  'settings.unknown': 'Okänt',
  'settings.aboutTitle': 'Om Tillsyn',
  'settings.version': 'Version',
};
