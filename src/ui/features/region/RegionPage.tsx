// The region's coverage: every municipality of the user's regions with its last visit in an area, the
// visits of a period, the guidance given it between visits in the period, its open and overdue
// recommendations, its contact person and whether a network meeting of the period reached it; filtered,
// sorted, on a map and exported to CSV. Read from the device, so it works offline from what was last synced.
import { useId, useMemo, useRef, useState } from 'preact/hooks';
import { differenceInCalendarDays, format, parseISO } from 'date-fns';
import { ALAND_REGION_ID, municipalityName } from '../../../db/queries.ts';
import { loadRegionAnswers } from '../../../db/region-answers.ts';
import { loadCoverage, loadRegions, type Coverage, type CoverageArea, type CoverageRow } from '../../../db/region-queries.ts';
import { isOneOf, type Language } from '../../../shared/vocabulary.ts';
import { AreaSelect } from '../../common/AreaSelect.tsx';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { CsvExport } from '../../common/CsvExport.tsx';
import { downloadText } from '../../common/download.ts';
import { formatShortDate } from '../../common/format.ts';
import { inspectorLabel, useDirectory, type Directory } from '../../common/people.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { municipalityPaths, regionPaths, visitPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { RegionMap } from './RegionMap.tsx';
import { answerMapView, mappableItems, palette, type MapView } from './answer-map.ts';
import { toCsv, type CsvSeparator, type CsvValue } from '../../common/csv.ts';
import { choicesQuery } from './region-choices.ts';
import './region.css';

const filters = ['all', 'notVisited', 'overdue', 'noContact', 'notReached', 'plans'] as const;
type Filter = (typeof filters)[number];
const sortKeys = ['name', 'lastVisit', 'visits', 'guidance', 'open', 'overdue', 'contact', 'meeting', 'plans'] as const;
type SortKey = (typeof sortKeys)[number];
type Sort = { key: SortKey; dir: 'ascending' | 'descending' };
const measures = ['visited', 'age', 'overdue', 'plans', 'answer'] as const;
type Measure = (typeof measures)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const keep: Record<Filter, (r: CoverageRow) => boolean> = {
  all: () => true,
  notVisited: (r) => r.neverVisitedInPeriod,
  overdue: (r) => r.overdueFollowUps > 0,
  noContact: (r) => !r.hasContact,
  notReached: (r) => !r.reachedByMeeting,
  plans: (r) => r.plansMissingOrOverdue > 0,
};

function filterCounts(coverage: Coverage): Record<Filter, number> {
  const { totals } = coverage;
  return { all: totals.municipalities, notVisited: totals.neverVisitedInPeriod, overdue: totals.withOverdue, noContact: totals.withoutContact, notReached: totals.notReachedByMeeting, plans: totals.withPlanMissingOrOverdue };
}

function sortRows(rows: readonly CoverageRow[], sort: Sort, lang: Language): CoverageRow[] {
  const collator = new Intl.Collator(lang);
  const byName = (a: CoverageRow, b: CoverageRow) => collator.compare(municipalityName(a.name, lang), municipalityName(b.name, lang));
  const value: Record<Exclude<SortKey, 'name'>, (r: CoverageRow) => string | number> = {
    lastVisit: (r) => r.lastVisit?.date ?? '',
    visits: (r) => r.visitsInPeriod,
    guidance: (r) => r.guidanceInPeriod,
    open: (r) => r.openFollowUps,
    overdue: (r) => r.overdueFollowUps,
    contact: (r) => Number(r.hasContact),
    meeting: (r) => Number(r.reachedByMeeting),
    plans: (r) => r.plansMissingOrOverdue,
  };
  const sign = sort.dir === 'ascending' ? 1 : -1;
  const key = sort.key;
  const compare =
    key === 'name'
      ? byName
      : (a: CoverageRow, b: CoverageRow) => {
          const x = value[key](a);
          const y = value[key](b);
          return x < y ? -1 : x > y ? 1 : 0;
        };
  // Ties keep the names in order whichever way the column goes.
  return [...rows].sort((a, b) => sign * compare(a, b) || byName(a, b));
}

function mapView(rows: readonly CoverageRow[], measure: Exclude<Measure, 'answer'>, today: string, i18n: I18n, period: string): MapView {
  const { t, lang, dateLocale } = i18n;
  const item = (r: CoverageRow, colour: string, valueText: string) => ({
    id: r.id,
    name: municipalityName(r.name, lang),
    colour,
    valueText,
    href: municipalityPaths.municipality(r.id),
  });
  if (measure === 'visited') {
    return {
      title: t('region.map.visitedTitle', { period }),
      legend: [
        { colour: palette(0), label: t('region.map.visits0') },
        { colour: palette(1), label: t('region.map.visits1') },
        { colour: palette(2), label: t('region.map.visits2') },
        { colour: palette(3), label: t('region.map.visits3') },
      ],
      items: rows.map((r) => item(r, palette(Math.min(3, r.visitsInPeriod) as 0 | 1 | 2 | 3), t('region.visitsInPeriodValue', { count: r.visitsInPeriod }))),
    };
  }
  if (measure === 'overdue') {
    const step = (n: number) => (n === 0 ? 0 : n === 1 ? 1 : n <= 3 ? 2 : 3);
    return {
      title: t('region.map.overdueTitle'),
      legend: [
        { colour: palette(0), label: t('region.map.overdue0') },
        { colour: palette(1), label: t('region.map.overdue1') },
        { colour: palette(2), label: t('region.map.overdue2') },
        { colour: palette(3), label: t('region.map.overdue3') },
      ],
      items: rows.map((r) => item(r, palette(step(r.overdueFollowUps)), t('region.overdueValue', { count: r.overdueFollowUps }))),
    };
  }
  if (measure === 'plans') {
    // Plans missing or overdue today: none, one, two or more (the lightest the most).
    const step = (n: number) => (n === 0 ? 3 : n === 1 ? 1 : 0);
    return {
      title: t('region.map.plansTitle'),
      legend: [
        { colour: palette(3), label: t('region.map.plans0') },
        { colour: palette(1), label: t('region.map.plans1') },
        { colour: palette(0), label: t('region.map.plans2') },
      ],
      items: rows.map((r) => item(r, palette(step(r.plansMissingOrOverdue)), t('region.plansValue', { count: r.plansMissingOrOverdue }))),
    };
  }
  // The last visit's age: the most recent the darkest; a planned visit still ahead counts as recent.
  const todayDate = parseISO(today);
  const step = (date: string) => {
    const days = differenceInCalendarDays(todayDate, parseISO(date));
    return days <= 365 ? 3 : days <= 730 ? 2 : days <= 1461 ? 1 : 0;
  };
  return {
    title: t('region.map.ageTitle'),
    legend: [
      { colour: palette(3), label: t('region.map.age3') },
      { colour: palette(2), label: t('region.map.age2') },
      { colour: palette(1), label: t('region.map.age1') },
      { colour: palette(0), label: t('region.map.age0') },
      { colour: palette('none'), label: t('region.map.ageNone') },
    ],
    items: rows.map((r) =>
      r.lastVisit
        ? item(
            r,
            palette(step(r.lastVisit.date)),
            t('region.lastVisitValue', { date: formatShortDate(r.lastVisit.date, dateLocale), status: t(`visitStatus.${r.lastVisit.status}`) }),
          )
        : item(r, palette('none'), t('region.noVisit')),
    ),
  };
}

/** The table as CSV, the rows as shown; dates as ISO dates, names in both languages. */
function coverageCsv(rows: readonly CoverageRow[], separator: CsvSeparator, i18n: I18n, me: { id: string; name: string }, directory: Directory): string {
  const { t } = i18n;
  const header = [
    t('region.csv.code'),
    t('region.csv.nameFi'),
    t('region.csv.nameSv'),
    t('region.csv.lastVisitDate'),
    t('region.csv.status'),
    t('region.csv.inspector'),
    t('region.csv.visitsInPeriod'),
    t('guidance.coverage.csv'),
    t('region.csv.open'),
    t('region.csv.overdue'),
    t('region.csv.contact'),
    t('region.csv.meeting'),
    t('region.csv.plans'),
  ];
  const body = rows.map((r): CsvValue[] => [
    r.id,
    r.name.fi,
    r.name.sv,
    r.lastVisit?.date ?? null,
    r.lastVisit ? t(`visitStatus.${r.lastVisit.status}`) : null,
    r.lastVisit ? inspectorLabel(r.lastVisit.inspectorId, me, t, directory) : null,
    r.visitsInPeriod,
    r.guidanceInPeriod,
    r.openFollowUps,
    r.overdueFollowUps,
    r.hasContact ? t('region.yes') : t('region.no'),
    r.reachedByMeeting ? t('region.yes') : t('region.no'),
    r.plansMissingOrOverdue,
  ]);
  return toCsv(header, body, { separator });
}

/** A file name's piece: letters, digits and dashes. */
const slug = (text: string) =>
  text
    .toLocaleLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function RegionPage() {
  const i18n = useI18n();
  const { t, lang, dateLocale } = i18n;
  const { db, session } = useSignedIn();
  const { regionIds } = session.user;
  const directory = useDirectory();
  const today = format(new Date(), 'yyyy-MM-dd');
  const year = today.slice(0, 4);

  const [area, setArea] = useState<CoverageArea>('');
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [includeAland, setIncludeAland] = useState(false);
  const [filter, setFilter] = useState<Filter>('all');
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 'ascending' });
  const [chosenMeasure, setMeasure] = useState<Measure>('visited');
  const [chosenItem, setItem] = useState('');
  // An answer colours the map only within one area: with every area chosen, the visits' measure stands.
  const measure: Measure = chosenMeasure === 'answer' && area === '' ? 'visited' : chosenMeasure;
  const ids = { area: useId(), from: useId(), to: useId(), aland: useId(), measure: useId(), item: useId(), period: useId() };

  const periodValid = ISO_DATE.test(from) && ISO_DATE.test(to) && from <= to;
  // While a date is being corrected, the last valid period stays on screen.
  const lastValid = useRef({ from, to });
  if (periodValid && (lastValid.current.from !== from || lastValid.current.to !== to)) lastValid.current = { from, to };
  const period = lastValid.current;

  // Where the map's measure starts (`tillsyn:region:map`, in RegionMap): the page's first render.
  useState(() => performance.mark?.('tillsyn:region:start'));
  const data = useLiveQuery(
    async () => {
      const started = performance.now();
      const [coverage, regions] = await Promise.all([
        loadCoverage(db, { regionIds, area, from: period.from, to: period.to, today, includeAland }),
        loadRegions(db, regionIds),
      ]);
      // A User Timing measure, for DevTools and the benchmarks (`npm run bench -- browser`).
      performance.measure?.('tillsyn:region:coverage', { start: started });
      return { coverage, regions };
    },
    [db, regionIds.join(','), area, period.from, period.to, today, includeAland],
  );

  const shown = useMemo(
    () => (data.state === 'ready' ? sortRows(data.value.coverage.rows.filter(keep[filter]), sort, lang) : []),
    [data, filter, sort, lang],
  );
  const periodText = `${formatShortDate(period.from, dateLocale)}–${formatShortDate(period.to, dateLocale)}`;
  // The answers are read only when the map is to show one.
  const answers = useLiveQuery(
    async () => (measure === 'answer' && area !== '' ? loadRegionAnswers(db, { regionIds, area, from: period.from, to: period.to, includeAland, lang }) : null),
    [db, regionIds.join(','), measure, area, period.from, period.to, includeAland, lang],
  );
  const items = answers.state === 'ready' && answers.value ? mappableItems(answers.value.items) : [];
  const item = items.find((a) => a.item.id === chosenItem) ?? items[0];
  const map = useMemo(() => {
    if (data.state !== 'ready') return null;
    if (measure !== 'answer') return mapView(data.value.coverage.rows, measure, today, i18n, periodText);
    return item ? answerMapView(data.value.coverage.rows, item, t, lang, dateLocale) : null;
  }, [data, measure, today, i18n, periodText, item]);

  const title = t('region.title');
  if (data.state !== 'ready') {
    return (
      <Page title={title} className="region-page">
        <LiveState state={data.state} />
      </Page>
    );
  }
  const { coverage, regions } = data.value;
  const counts = filterCounts(coverage);
  const { totals } = coverage;
  const areaText = area === '' ? t('region.allAreas') : t(`area.${area}`);
  const me = session.user;

  const exportCsv = (separator: CsvSeparator) => {
    const shownRegions = regions.filter((r) => includeAland || r.id !== ALAND_REGION_ID);
    const regionPart = shownRegions.map((r) => slug(r.abbr ?? r.id)).join('-') || 'region';
    const filename = `${t('region.csv.fileWord')}-${regionPart}-${period.from}-${period.to}.csv`;
    downloadText(filename, coverageCsv(shown, separator, i18n, me, directory), 'text/csv;charset=utf-8');
  };

  const sortBy = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'ascending' ? 'descending' : 'ascending' } : { key, dir: 'ascending' }));
  const header = (key: SortKey, label: string, numeric = false) => {
    const sorted = sort.key === key ? sort.dir : undefined;
    return (
      <th scope="col" aria-sort={sorted} class={numeric ? 'region-num' : undefined}>
        <button type="button" class="region-sort" onClick={() => sortBy(key)}>
          <span>{label}</span>
          <svg class="region-sort-icon" viewBox="0 0 12 16" width="12" height="16" aria-hidden="true" focusable="false">
            <path d="M6 1 L11 6 H1 Z" class={sorted === 'ascending' ? 'on' : undefined} />
            <path d="M6 15 L11 10 H1 Z" class={sorted === 'descending' ? 'on' : undefined} />
          </svg>
        </button>
      </th>
    );
  };

  return (
    <Page title={title} className="region-page">
      <p class="region-links">
        <a href={regionPaths.followUps}>{t('region.followUpsLink')}</a>{' '}
        <a href={`${regionPaths.answers}?${new URLSearchParams(choicesQuery({ area, from: period.from, to: period.to, includeAland })).toString()}`}>{t('region.answersLink')}</a>{' '}
        <a href={regionPaths.readiness}>{t('region.rp.link')}</a>
        {session.user.role !== 'inspector' && (
          <>
            {' '}
            <a href={regionPaths.audit}>{t('history.export.link')}</a>{' '}
            <a href={regionPaths.devices}>{t('common.devicesLink')}</a>
          </>
        )}
      </p>
      <form class="region-controls" aria-label={t('region.controlsLabel')} onSubmit={(e) => e.preventDefault()}>
        <AreaSelect id={ids.area} label={t('region.area')} allLabel={t('region.allAreas')} value={area} onChange={setArea} />
        <div class="field">
          <label for={ids.from}>{t('region.from')}</label>
          <input id={ids.from} type="date" value={from} max={to || undefined} required aria-invalid={periodValid ? undefined : 'true'} aria-describedby={periodValid ? undefined : ids.period} onInput={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.to}>{t('region.to')}</label>
          <input id={ids.to} type="date" value={to} min={from || undefined} required aria-invalid={periodValid ? undefined : 'true'} aria-describedby={periodValid ? undefined : ids.period} onInput={(e) => setTo(e.currentTarget.value)} />
        </div>
        {regionIds.includes(ALAND_REGION_ID) && (
          <div class="check region-aland">
            <input id={ids.aland} type="checkbox" checked={includeAland} onChange={(e) => setIncludeAland(e.currentTarget.checked)} />
            <label for={ids.aland}>{t('region.includeAland')}</label>
          </div>
        )}
        {!periodValid && (
          <p id={ids.period} class="field-error region-period-error" role="alert">
            {t('region.periodInvalid')}
          </p>
        )}
      </form>

      {totals.municipalities === 0 ? (
        <p class="empty-state">{t('region.noMunicipalities')}</p>
      ) : (
        <>
          <section aria-labelledby="region-summary-title">
            <h2 id="region-summary-title" class="visually-hidden">
              {t('region.summaryTitle')}
            </h2>
            <p class="region-summary-line">{t('region.summaryLine', { area: areaText, period: periodText })}</p>
            <ul class="region-stats">
              <Stat value={totals.municipalities} label={t('region.stat.municipalities', { count: totals.municipalities })} />
              <Stat value={totals.visitedInPeriod} label={t('region.stat.visited', { count: totals.visitedInPeriod })} />
              <Stat value={totals.neverVisitedInPeriod} label={t('region.stat.notVisited', { count: totals.neverVisitedInPeriod })} />
              <Stat value={totals.visitsInPeriod} label={t('region.stat.visits', { count: totals.visitsInPeriod })} />
              <Stat value={totals.guidanceInPeriod} label={t('guidance.coverage.stat', { count: totals.guidanceInPeriod })} />
              <Stat value={totals.openFollowUps} label={t('region.stat.open', { count: totals.openFollowUps })} />
              <Stat value={totals.overdueFollowUps} label={t('region.stat.overdue', { count: totals.overdueFollowUps })} attention={totals.overdueFollowUps > 0} />
              <Stat value={totals.withoutContact} label={t('region.stat.noContact', { count: totals.withoutContact })} />
            </ul>
          </section>

          <section class="region-section" aria-labelledby="region-map-title">
            <h2 id="region-map-title">{t('region.mapTitle')}</h2>
            <div class="field region-measure">
              <label for={ids.measure}>{t('region.measure')}</label>
              <select id={ids.measure} value={measure} onChange={(e) => setMeasure(isOneOf(measures, e.currentTarget.value) ? e.currentTarget.value : 'visited')}>
                {measures
                  .filter((m) => m !== 'answer' || area !== '')
                  .map((m) => (
                    <option key={m} value={m}>
                      {t(`region.measure.${m}`)}
                    </option>
                  ))}
              </select>
              {area === '' && <p class="hint">{t('region.measure.answerHint')}</p>}
            </div>
            {measure === 'answer' && items.length > 0 && (
              <div class="field region-measure">
                <label for={ids.item}>{t('region.measure.item')}</label>
                <select id={ids.item} value={item?.item.id ?? ''} onChange={(e) => setItem(e.currentTarget.value)}>
                  {items.map((a) => (
                    <option key={a.item.id} value={a.item.id}>
                      {a.item.id} {a.item.question[lang]}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {measure === 'answer' && answers.state === 'ready' && items.length === 0 && <p class="empty-state">{t('region.measure.noItems')}</p>}
            {map && <RegionMap items={map.items} legend={map.legend} title={map.title} />}
          </section>

          <section class="region-section" aria-labelledby="region-table-title">
            <h2 id="region-table-title">{t('region.tableTitle')}</h2>
            <fieldset class="region-filters">
              <legend>{t('region.filter')}</legend>
              <div class="region-filter-options">
                {filters.map((f) => (
                  <label key={f} class={filter === f ? 'region-filter current' : 'region-filter'}>
                    <input type="radio" name="region-filter" value={f} checked={filter === f} onChange={() => setFilter(f)} />
                    <span>{t(`region.filter.${f}`)}</span>
                    <span class="region-filter-count">{counts[f]}</span>
                  </label>
                ))}
              </div>
            </fieldset>

            <CsvExport label={t('region.csv.export')} disabled={shown.length === 0} onExport={exportCsv} />

            <p class="muted region-shown" aria-live="polite">
              {t('region.shown', { count: shown.length, total: totals.municipalities })}
            </p>

            {shown.length === 0 ? (
              <p class="empty-state">{t('region.noneMatch')}</p>
            ) : (
              <div class="region-table-box" tabIndex={0} role="region" aria-labelledby="region-table-caption">
                <table class="region-table">
                  <caption id="region-table-caption">{t('region.caption', { area: areaText, period: periodText, filter: t(`region.filter.${filter}`) })}</caption>
                  <thead>
                    <tr>
                      {header('name', t('region.col.municipality'))}
                      {header('lastVisit', t('region.col.lastVisit'))}
                      {header('visits', t('region.col.visits'), true)}
                      {header('guidance', t('guidance.coverage.col'), true)}
                      {header('open', t('region.col.open'), true)}
                      {header('overdue', t('region.col.overdue'), true)}
                      {header('contact', t('region.col.contact'))}
                      {header('meeting', t('region.col.meeting'))}
                      {header('plans', t('region.col.plans'), true)}
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">
                          <a href={municipalityPaths.municipality(r.id)}>{municipalityName(r.name, lang)}</a>
                        </th>
                        <td class="region-last">
                          {r.lastVisit ? (
                            <>
                              <a href={visitPaths.visit(r.lastVisit.id)}>{formatShortDate(r.lastVisit.date, dateLocale)}</a>
                              <span class="region-visit-meta">
                                {t(`visitStatus.${r.lastVisit.status}`)} · {inspectorLabel(r.lastVisit.inspectorId, me, t, directory)}
                              </span>
                            </>
                          ) : (
                            <span class="muted">{t('region.noVisit')}</span>
                          )}
                        </td>
                        <td class={r.neverVisitedInPeriod ? 'region-num region-none' : 'region-num'}>
                          {r.visitsInPeriod}
                          {r.neverVisitedInPeriod && <span class="visually-hidden"> ({t('region.notVisitedShort')})</span>}
                        </td>
                        <td class="region-num">{r.guidanceInPeriod}</td>
                        <td class="region-num">{r.openFollowUps}</td>
                        <td class={r.overdueFollowUps > 0 ? 'region-num region-overdue' : 'region-num'}>{r.overdueFollowUps}</td>
                        <td class={r.hasContact ? undefined : 'region-no-contact'}>{r.hasContact ? t('region.yes') : t('region.no')}</td>
                        <td>{r.reachedByMeeting ? t('region.yes') : t('region.no')}</td>
                        <td class={r.plansMissingOrOverdue > 0 ? 'region-num region-overdue' : 'region-num'}>{r.plansMissingOrOverdue}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </Page>
  );
}

/** A figure of the summary; its label is the plural word that follows the number ("12" "municipalities"). */
function Stat({ value, label, attention = false }: { value: number; label: string; attention?: boolean }) {
  return (
    <li class={attention ? 'region-stat region-stat-attention' : 'region-stat'}>
      <span class="region-stat-value">{value}</span> <span class="region-stat-label">{label}</span>
    </li>
  );
}
