// Finnish messages of the region's picture.
import type { PartMessages } from '../messages.ts';

export const messages: PartMessages<'region'> = {
  'regionMap.loading': 'Karttaa ladataan…',
  'regionMap.loadFailed': 'Karttaa ei voitu ladata. Taulukossa ovat samat tiedot.',
  'regionMap.noShapes': 'Näitä kuntia ei ole kartalla. Ne ovat taulukossa.',
  'regionMap.legend': 'Selite',
  'regionMap.attribution': 'Sisältää Maanmittauslaitoksen Hallinnolliset aluejaot 1:4,5 milj. -aineistoa, 2023 (CC BY 4.0)',
  'regionMap.municipality': 'Kunta',
  'regionMap.value': 'Arvo',
};
