// Finnish messages of planning a visit.
import type { PartMessages } from '../messages.ts';

export const messages: PartMessages<'visits'> = {
  'plan.intro': 'Käynti tallentuu tälle laitteelle ja lähetetään palvelimelle seuraavassa synkronoinnissa.',
  'plan.municipality': 'Kunta',
  'plan.municipalitySearch': 'Hae kuntaa',
  'plan.municipalitySearchHint': 'Kirjoita osa kunnan suomen- tai ruotsinkielisestä nimestä.',
  'plan.municipalityList': 'Kunnat',
  'plan.noMunicipalities': 'Tällä laitteella ei vielä ole alueidesi kuntia. Ne tulevat ensimmäisessä synkronoinnissa.',
  'plan.aland': 'Ahvenanmaa',
  'plan.areas': 'Osa-alueet',
  'plan.areasHint': 'Valitse yksi tai useampi: käynnille tulee tarkistuslistan osa kustakin.',
  'plan.optional': 'vapaaehtoinen',
  'plan.checklist': 'Tarkistuslista: {title}, versio {revision}',
  'plan.noChecklist': 'Tälle osa-alueelle ei ole vielä tarkistuslistaa tällä laitteella.',
  'plan.submit': 'Tallenna käynti',
  'plan.errors': {
    one: 'Korjaa tämä, niin käynti voidaan tallentaa:',
    other: 'Korjaa nämä {count} kohtaa, niin käynti voidaan tallentaa:',
  },
  'plan.error.municipality': 'Valitse kunta.',
  'plan.error.area': 'Valitse vähintään yksi osa-alue.',
  'plan.inspector': 'Ylitarkastaja',
  'plan.chooseInspector': 'Valitse ylitarkastaja',
  'plan.error.inspector': 'Valitse ylitarkastaja, jonka käynti on kyseessä.',
  'plan.error.inspectorRegion': 'Ylitarkastaja ei työskentele kunnan alueella.',
  'plan.error.noTemplate': 'Tälle osa-alueelle ei ole vielä tarkistuslistaa tällä laitteella. Se tulee synkronoinnissa.',
  'plan.error.attendeeName': 'Anna osallistujan {n} nimi tai poista rivi.',
  'plan.error.save': 'Käyntiä ei voitu tallentaa tälle laitteelle. Yritä uudelleen.',
};
