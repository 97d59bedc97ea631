// Swedish messages of the region's picture.
import type { PartMessages } from '../messages.ts';

export const messages: PartMessages<'region'> = {
  'regionMap.loading': 'Kartan laddas…',
  'regionMap.loadFailed': 'Kartan kunde inte laddas. Tabellen har samma uppgifter.',
  'regionMap.noShapes': 'De här kommunerna finns inte på kartan. Tabellen visar dem.',
  'regionMap.legend': 'Teckenförklaring',
  'regionMap.attribution': 'Innehåller data från Lantmäteriverket, administrativa områden 1:4,5 miljoner, 2023 (CC BY 4.0)',
  'regionMap.municipality': 'Kommun',
  'regionMap.value': 'Värde',
};
