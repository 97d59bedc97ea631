// Swedish messages of signing in, and what signing out asks when changes are unsent.
import type { PartMessages } from '../messages.ts';

export const messages: PartMessages<'session'> = {
  'app.tagline': 'Styrnings- och tillsynsbesök i kommuner',
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
  'signIn.error.rateLimited': {
    one: 'För många misslyckade inloggningsförsök. Försök igen om en minut.',
    other: 'För många misslyckade inloggningsförsök. Försök igen om {count} minuter.',
  },
  'signIn.error.offline': 'Du har ingen nätverksanslutning: den första inloggningen kräver anslutning.',
  'signIn.error.offlineReauth':
    'Du har ingen nätverksanslutning: för att logga in på nytt behövs anslutning. Dina uppgifter på enheten finns kvar.',
  'signIn.error.usernameInvalid':
    'Kontrollera användarnamnet: det består av 2–64 tecken, bokstäverna a–z, siffror, punkter, bindestreck eller understreck.',
  'signIn.error.passwordInvalid': 'Lösenordet godkändes inte. Kontrollera det och försök igen.',
  'signIn.error.invalid': 'Inloggningsuppgifterna godkändes inte. Kontrollera dem och försök igen.',
  'signIn.error.server': 'Servern kunde inte logga in dig just nu. Försök igen om en stund.',
  'unsentFile.exportAgain': 'Spara en ny fil',
  'signOut.unsentTitle': 'Osända ändringar',
  'signOut.unsentText': {
    one: '1 ändring som gjorts på den här enheten har inte nått servern. När du loggar ut tas dina uppgifter bort från enheten, så skicka den först eller spara den i en fil.',
    other: '{count} ändringar som gjorts på den här enheten har inte nått servern. När du loggar ut tas dina uppgifter bort från enheten, så skicka dem först eller spara dem i en fil.',
  },
  'signOut.sendTitle': 'Skicka dem nu',
  'signOut.sendOffline': 'Ingen anslutning: de kan skickas när anslutningen är tillbaka.',
  'signOut.sendNeedsSignIn': 'Logga in igen först, så skickas de.',
  'signOut.fileTitle': 'Eller spara dem i en fil',
  'signOut.fileStale': 'Ändringar har gjorts eller avvisats efter att filen sparades. Spara en ny fil.',
  'signOut.confirmFile': {
    one: 'Jag har filen {filename} med min 1 osända ändring. Jag kan importera den när jag har loggat in igen.',
    other: 'Jag har filen {filename} med mina {count} osända ändringar. Jag kan importera den när jag har loggat in igen.',
  },
  'signOut.confirmMissing': 'Bekräfta att du har filen innan du loggar ut.',
  'signOut.withFile': 'Logga ut och ta bort uppgifterna från enheten',
  'signOut.stay': 'Förbli inloggad',
  'signOut.allSentTitle': 'Alla ändringar har skickats',
  'signOut.allSentText': 'Alla ändringar har nått servern. Du kan logga ut nu.',
};
