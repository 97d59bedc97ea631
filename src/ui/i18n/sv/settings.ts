// Swedish messages of the settings page.
import type { PartMessages } from '../messages.ts';

export const messages: PartMessages<'settings'> = {
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
  'settings.syncTitle': 'Synkronisering och osända ändringar',
  'settings.syncText': 'Se vad som väntar på att skickas, rätta avvisade ändringar och spara osända ändringar i en fil eller importera dem.',
  'settings.syncLink': 'Öppna synkroniseringssidan',
};
