// The map coloured by the answer to one checklist item: each municipality by its answer in its latest
// approved visit of the period (yes the darkest, partly, no the lightest), grey where there is no answer
// to show (not assessed, not answered, not asked, or no approved visit in the period).
import type { Locale } from 'date-fns';
import type { ItemAnswers } from '../../../db/region-answers.ts';
import type { CoverageRow } from '../../../db/region-queries.ts';
import { municipalityName } from '../../../db/queries.ts';
import type { Language } from '../../../shared/vocabulary.ts';
import type { MessageKey, Params } from '../../i18n/index.ts';
import { municipalityPaths } from '../../app/routes.ts';
import { answerRows } from './answer-rows.ts';

type Translate = (key: MessageKey, params?: Params) => string;
export type MapItem = { id: string; name: string; colour: string; valueText: string; href: string };
export type MapView = { items: MapItem[]; legend: { colour: string; label: string }[]; title: string };

/** A colour of the map's sequential palette (region.css), or the grey of "nothing to show". */
export const palette = (step: 0 | 1 | 2 | 3 | 'none') => (step === 'none' ? 'var(--map-none)' : `var(--map-${step})`);

const answerColour: Record<string, 0 | 2 | 3> = { yes: 3, partly: 2, no: 0 };

/** The items a map can be coloured by: those answered yes, partly or no. */
export function mappableItems(items: readonly ItemAnswers[]): ItemAnswers[] {
  return items.filter((a) => a.item.answerType === 'yes_partly_no_na');
}

export function answerMapView(rows: readonly CoverageRow[], answers: ItemAnswers, t: Translate, lang: Language, locale: Locale | undefined): MapView {
  const valueOf = new Map<string, { colour: string; text: string }>();
  for (const r of answerRows(answers, t, lang, locale)) {
    const step = answerColour[r.key];
    for (const place of r.places) valueOf.set(place.municipalityId, { colour: palette(step ?? 'none'), text: r.label });
  }
  const none = { colour: palette('none'), text: t('region.map.answerNoVisit') };
  return {
    title: t('region.map.answerTitle', { item: answers.item.question[lang] }),
    legend: [
      { colour: palette(3), label: t('answer.yes') },
      { colour: palette(2), label: t('answer.partly') },
      { colour: palette(0), label: t('answer.no') },
      { colour: palette('none'), label: t('region.map.answerNone') },
    ],
    items: rows.map((r) => {
      const v = valueOf.get(r.id) ?? none;
      return { id: r.id, name: municipalityName(r.name, lang), colour: v.colour, valueText: v.text, href: municipalityPaths.municipality(r.id) };
    }),
  };
}
