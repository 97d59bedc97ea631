// Finnish messages of the settings page.
import type { PartMessages } from '../messages.ts';

export const messages: PartMessages<'settings'> = {
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
  'settings.syncTitle': 'Synkronointi ja lähettämättömät muutokset',
  'settings.syncText': 'Näet, mitä odottaa lähetystä, voit korjata hylätyt muutokset ja tallentaa lähettämättömät muutokset tiedostoon tai tuoda ne.',
  'settings.syncLink': 'Avaa synkronointisivu',
};
