// The region pages' choices (area, period, Åland) as a link's query, so the answers page and the printed
// summary open on what the page before showed, and a summary's address names what it covers.
import { areas, isOneOf, languages, type Area, type Language } from '../../../shared/vocabulary.ts';

type RegionChoices = { area: Area | ''; from: string; to: string; includeAland: boolean; lang: Language | null };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The choices in a query; what is missing or not valid is the default: every area, this calendar year. */
export function readChoices(search: string, today: string): RegionChoices {
  const q = new URLSearchParams(search);
  const year = today.slice(0, 4);
  const area = q.get('area');
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  const lang = q.get('lang');
  const valid = ISO_DATE.test(from) && ISO_DATE.test(to) && from <= to;
  return {
    area: isOneOf(areas, area) ? area : '',
    from: valid ? from : `${year}-01-01`,
    to: valid ? to : `${year}-12-31`,
    includeAland: q.get('aland') === '1',
    lang: isOneOf(languages, lang) ? lang : null,
  };
}

/** The choices as a query's fields (the defaults left out). */
export function choicesQuery(c: Omit<RegionChoices, 'lang'> & { lang?: Language | null }): Record<string, string> {
  return {
    ...(c.area ? { area: c.area } : {}),
    from: c.from,
    to: c.to,
    ...(c.includeAland ? { aland: '1' } : {}),
    ...(c.lang ? { lang: c.lang } : {}),
  };
}
