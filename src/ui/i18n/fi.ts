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

  'app.pageTitle': '{page} – Tillsyn',

  'common.loading': 'Ladataan…',
  'common.dbError': 'Tälle laitteelle tallennettuja tietoja ei voitu lukea. Yritä ladata sivu uudelleen.',

  'language.label': 'Kieli',
  'language.fi': 'Suomi',
  'language.sv': 'Svenska',
  'language.en': 'English',

  'role.inspector': 'Tarkastaja',
  'role.coordinator': 'Koordinaattori',
  'role.admin': 'Pääkäyttäjä',

  'signIn.title': 'Kirjaudu sisään',
  'signIn.username': 'Käyttäjätunnus',
  'signIn.password': 'Salasana',
  'signIn.submit': 'Kirjaudu',
  'signIn.busy': 'Kirjaudutaan…',
  'signIn.reauthTitle': 'Kirjaudu uudelleen',
  'signIn.reauthText': 'Istuntosi on vanhentunut. Jatka antamalla salasanasi. Laitteelle tallennetut tiedot säilyvät.',
  'signIn.reauthSignOutText': 'Jos kirjaudut sen sijaan ulos, tietosi poistetaan tältä laitteelta.',
  'signIn.error.usernameMissing': 'Anna käyttäjätunnus.',
  'signIn.error.passwordMissing': 'Anna salasana.',
  'signIn.error.badCredentials': 'Väärä käyttäjätunnus tai salasana.',
  'signIn.error.rateLimited': 'Liian monta epäonnistunutta kirjautumisyritystä. Yritä uudelleen {minutes} minuutin kuluttua.',
  'signIn.error.rateLimitedOne': 'Liian monta epäonnistunutta kirjautumisyritystä. Yritä uudelleen minuutin kuluttua.',
  'signIn.error.offline': 'Ei verkkoyhteyttä: ensimmäinen kirjautuminen vaatii verkkoyhteyden.',
  'signIn.error.offlineReauth': 'Ei verkkoyhteyttä: uudelleenkirjautuminen vaatii verkkoyhteyden. Laitteella olevat tietosi ovat tallessa.',
  'signIn.error.usernameInvalid':
    'Tarkista käyttäjätunnus: siinä on 2–64 merkkiä, kirjaimia a–z, numeroita, pisteitä, yhdysmerkkejä tai alaviivoja.',
  'signIn.error.passwordInvalid': 'Salasanaa ei hyväksytty. Tarkista se ja yritä uudelleen.',
  'signIn.error.invalid': 'Kirjautumistietoja ei hyväksytty. Tarkista ne ja yritä uudelleen.',
  'signIn.error.server': 'Palvelin ei juuri nyt pystynyt kirjaamaan sinua sisään. Yritä hetken kuluttua uudelleen.',
  'signOut.busy': 'Kirjaudutaan ulos…',

  'status.pending': 'Lähettämättömiä muutoksia: {count}',

  'visits.empty': 'Tällä laitteella ei ole vielä käyntejä. Käynnit näkyvät tässä, kun ne on suunniteltu tai synkronoitu.',
  'visits.unknownMunicipality': 'Kunta {code}',
  'visitStatus.planned': 'Suunniteltu',
  'visitStatus.in_progress': 'Käynnissä',
  'visitStatus.submitted': 'Lähetetty',
  'visitStatus.returned': 'Palautettu',
  'visitStatus.approved': 'Hyväksytty',
  'visitStatus.cancelled': 'Peruttu',

  'municipalities.search': 'Hae kuntia',
  'municipalities.includeAland': 'Näytä myös Ahvenanmaa',
  'municipalities.count': '{count} kuntaa',
  'municipalities.countOne': '1 kunta',
  'municipalities.noMatch': 'Haulla ”{query}” ei löytynyt kuntia.',
  'municipalities.noneInRegions': 'Alueidesi kuntia ei ole tällä laitteella.',
  'municipalities.noReferenceData':
    'Tällä laitteella ei ole vielä kuntia. Perustiedot (alueet, kunnat, tarkistuslistat) tulevat ensimmäisen synkronoinnin mukana.',

  'review.intro': 'Tarkastajien tarkastettavaksi lähettämät käynnit.',
  'review.empty': 'Tällä laitteella ei ole lähetettyjä käyntejä. Lähetetyt käynnit näkyvät tässä, kun ne on synkronoitu.',
  'review.listLabel': 'Lähetetyt käynnit',

  'notFound.title': 'Sivua ei löydy',
  'notFound.text': 'Tässä osoitteessa ei ole sivua.',
  'notFound.home': 'Siirry käynteihin',
  'notAvailable.text': 'Tämä sivu ei ole käytettävissä roolillesi ({role}).',

  'settings.languageHint': 'Valinta muistetaan tällä laitteella käyttäjätunnuksellesi.',
  'settings.storageTitle': 'Tallennustila tällä laitteella',
  'settings.storageUsed': 'Käytössä',
  'settings.storageAvailable': 'Vapaana',
  'settings.storageBar': '{percent} selaimen sallimasta tilasta on käytössä ({used} / {quota}).',
  'settings.storageUnknown': 'Tämä selain ei kerro, paljonko tallennustilaa on käytössä.',
  'settings.persistTitle': 'Pysyvä tallennus',
  'settings.persistGranted': 'Myönnetty: selain ei poista Tillsynin tietoja omin päin.',
  'settings.persistNotGranted':
    'Ei myönnetty: selain voi poistaa Tillsynin tietoja, jos laitteen tallennustila käy vähiin. Sovelluksen asentaminen yleensä auttaa.',
  'settings.persistUnknown': 'Tämä selain ei kerro, säilytetäänkö tiedot pysyvästi.',
  'settings.accountTitle': 'Käyttäjätili',
  'settings.signedInAs': 'Kirjautunut käyttäjä',
  'settings.role': 'Rooli',
  'settings.lastSignIn': 'Viimeisin kirjautuminen tällä laitteella',
  'settings.unknown': 'Ei tiedossa',
  'settings.aboutTitle': 'Tietoja Tillsynista',
  'settings.version': 'Versio',
};
