// Swedish messages of planning a visit.
import type { PartMessages } from '../messages.ts';

export const messages: PartMessages<'visits'> = {
  'plan.intro': 'Besöket sparas på den här enheten och skickas till servern vid nästa synkronisering.',
  'plan.municipality': 'Kommun',
  'plan.municipalitySearch': 'Sök kommun',
  'plan.municipalitySearchHint': 'Skriv en del av kommunens finska eller svenska namn.',
  'plan.municipalityList': 'Kommuner',
  'plan.noMunicipalities': 'Det finns ännu inga kommuner från dina regioner på den här enheten. De kommer vid den första synkroniseringen.',
  'plan.aland': 'Åland',
  'plan.areas': 'Områden',
  'plan.areasHint': 'Välj ett eller flera: besöket får en del av checklistan för vart och ett.',
  'plan.optional': 'frivilligt',
  'plan.checklist': 'Checklista: {title}, version {revision}',
  'plan.noChecklist': 'Det finns ännu ingen checklista för området på den här enheten.',
  'plan.submit': 'Spara besöket',
  'plan.errors': { one: 'Rätta detta för att spara besöket:', other: 'Rätta dessa {count} saker för att spara besöket:' },
  'plan.error.municipality': 'Välj kommun.',
  'plan.error.area': 'Välj minst ett område.',
  'plan.inspector': 'Överinspektör',
  'plan.chooseInspector': 'Välj överinspektör',
  'plan.error.inspector': 'Välj den överinspektör vars besök det är.',
  'plan.error.inspectorRegion': 'Överinspektören arbetar inte i kommunens region.',
  'plan.error.noTemplate': 'Det finns ännu ingen checklista för området på den här enheten. Den kommer vid synkroniseringen.',
  'plan.error.attendeeName': 'Ange namnet på deltagare {n} eller ta bort raden.',
  'plan.error.save': 'Besöket kunde inte sparas på den här enheten. Försök igen.',
};
