// Finnish messages of signing in, and what signing out asks when changes are unsent.
import type { PartMessages } from '../messages.ts';

export const messages: PartMessages<'session'> = {
  'app.tagline': 'Kuntien ohjaus- ja valvontakäynnit',
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
  'signIn.error.rateLimited': {
    one: 'Liian monta epäonnistunutta kirjautumisyritystä. Yritä uudelleen minuutin kuluttua.',
    other: 'Liian monta epäonnistunutta kirjautumisyritystä. Yritä uudelleen {count} minuutin kuluttua.',
  },
  'signIn.error.offline': 'Ei verkkoyhteyttä: ensimmäinen kirjautuminen vaatii verkkoyhteyden.',
  'signIn.error.offlineReauth': 'Ei verkkoyhteyttä: uudelleenkirjautuminen vaatii verkkoyhteyden. Laitteella olevat tietosi ovat tallessa.',
  'signIn.error.usernameInvalid':
    'Tarkista käyttäjätunnus: siinä on 2–64 merkkiä, kirjaimia a–z, numeroita, pisteitä, yhdysmerkkejä tai alaviivoja.',
  'signIn.error.passwordInvalid': 'Salasanaa ei hyväksytty. Tarkista se ja yritä uudelleen.',
  'signIn.error.invalid': 'Kirjautumistietoja ei hyväksytty. Tarkista ne ja yritä uudelleen.',
  'signIn.error.server': 'Palvelin ei juuri nyt pystynyt kirjaamaan sinua sisään. Yritä hetken kuluttua uudelleen.',
  'unsentFile.exportAgain': 'Tallenna uusi tiedosto',
  'signOut.unsentTitle': 'Lähettämättömiä muutoksia',
  'signOut.unsentText': {
    one: '1 tällä laitteella tehty muutos ei ole vielä palvelimella. Uloskirjautuminen poistaa tietosi tältä laitteelta, joten lähetä muutos ensin tai tallenna se tiedostoon.',
    other: '{count} tällä laitteella tehtyä muutosta ei ole vielä palvelimella. Uloskirjautuminen poistaa tietosi tältä laitteelta, joten lähetä muutokset ensin tai tallenna ne tiedostoon.',
  },
  'signOut.sendTitle': 'Lähetä ne nyt',
  'signOut.sendOffline': 'Ei verkkoyhteyttä: muutokset voidaan lähettää, kun yhteys palaa.',
  'signOut.sendNeedsSignIn': 'Kirjaudu ensin uudelleen, niin muutokset lähetetään.',
  'signOut.fileTitle': 'Tai tallenna ne tiedostoon',
  'signOut.fileStale': 'Tiedoston tallentamisen jälkeen on tehty tai hylätty muutoksia. Tallenna uusi tiedosto.',
  'signOut.confirmFile': {
    one: 'Minulla on tiedosto {filename}, jossa on 1 lähettämätön muutokseni. Voin tuoda sen, kun kirjaudun uudelleen.',
    other: 'Minulla on tiedosto {filename}, jossa on {count} lähettämätöntä muutostani. Voin tuoda sen, kun kirjaudun uudelleen.',
  },
  'signOut.confirmMissing': 'Vahvista ennen uloskirjautumista, että tiedosto on tallessa.',
  'signOut.withFile': 'Kirjaudu ulos ja poista tiedot laitteelta',
  'signOut.stay': 'Pysy kirjautuneena',
  'signOut.allSentTitle': 'Kaikki muutokset lähetetty',
  'signOut.allSentText': 'Kaikki muutokset ovat palvelimella. Voit nyt kirjautua ulos.',
};
