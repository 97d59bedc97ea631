// English messages of planning a visit.
// The source of this part's keys: fi/visits.ts and sv/visits.ts have every one.

export const messages = {
  'plan.intro': 'The visit is saved on this device and sent to the server at the next sync.',
  'plan.municipality': 'Municipality',
  'plan.municipalitySearch': 'Search for the municipality',
  'plan.municipalitySearchHint': 'Type part of its Finnish or Swedish name.',
  'plan.municipalityList': 'Municipalities',
  'plan.noMunicipalities': 'No municipalities of your regions on this device yet. They arrive with the first sync.',
  'plan.aland': 'Åland',
  'plan.areas': 'Areas',
  'plan.areasHint': 'Choose one or more: the visit gets a checklist part for each.',
  'plan.optional': 'optional',
  'plan.checklist': 'Checklist: {title}, version {revision}',
  'plan.noChecklist': 'No checklist for this area on this device yet.',
  'plan.submit': 'Save the visit',
  'plan.errors': { one: 'Fix this to save the visit:', other: 'Fix these {count} things to save the visit:' },
  'plan.error.municipality': 'Choose the municipality.',
  'plan.error.area': 'Choose at least one area.',
  'plan.inspector': 'Senior inspector',
  'plan.chooseInspector': 'Choose the senior inspector',
  'plan.error.inspector': 'Choose the senior inspector whose visit it is.',
  'plan.error.inspectorRegion': 'The senior inspector does not work in the municipality’s region.',
  'plan.error.noTemplate': 'There is no checklist for this area on this device yet. It arrives with the sync.',
  'plan.error.attendeeName': 'Enter the name of attendee {n}, or remove the row.',
  'plan.error.save': 'The visit could not be saved on this device. Try again.',
} as const;
