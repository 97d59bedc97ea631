// English messages of the region's picture.
// The source of this part's keys: fi/region.ts and sv/region.ts have every one.

export const messages = {
  'regionMap.loading': 'Loading the map…',
  'regionMap.loadFailed': 'The map could not be loaded. The table has the same figures.',
  'regionMap.noShapes': 'None of these municipalities is on the map. The table lists them.',
  'regionMap.legend': 'Legend',
  'regionMap.attribution': 'Contains data from the National Land Survey of Finland, administrative areas 1:4.5 million, 2023 (CC BY 4.0)',
  'regionMap.municipality': 'Municipality',
  'regionMap.value': 'Value',
} as const;
