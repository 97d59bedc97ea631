// The regional summary, ready to print (or save as PDF) in Finnish, Swedish or English, whatever the UI's
// language: the region, area and period; the coverage (its totals and table); the answers in each
// municipality's latest approved visit; the statutory duties still unmet. Its choices are in the address
// (/region/summary?area=…&from=…&to=…&lang=…). Made on the device from what it holds, so it works offline.
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { format, type Locale } from 'date-fns';
import { loadAgency } from '../../../db/agency.ts';
import { ALAND_REGION_ID, municipalityName } from '../../../db/queries.ts';
import { loadRegionAnswers, type RegionAnswers } from '../../../db/region-answers.ts';
import { loadCoverage, loadRegions, type CoverageArea } from '../../../db/region-queries.ts';
import { areas, type Language } from '../../../shared/vocabulary.ts';
import { AreaSelect } from '../../common/AreaSelect.tsx';
import { LanguageSwitch } from '../../common/LanguageSwitch.tsx';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { formatDate, formatShortDate } from '../../common/format.ts';
import { inspectorLabel, useDirectory } from '../../common/people.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { translate, useI18n, useLanguagePack, type MessageKey, type Params } from '../../i18n/index.ts';
import { regionPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { answerRows, detailRows, rowsLine } from './answer-rows.ts';
import { choicesQuery, readChoices } from './region-choices.ts';
import { UnmetDutiesTable } from './UnmetDutiesTable.tsx';
import { PrintMargins } from '../../common/PrintMargins.tsx';
import './region.css';
import './region-answers.css';
import './region-summary.css';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
type T = (key: MessageKey, params?: Params) => string;

export function RegionSummaryPage() {
  const { t, lang: uiLang } = useI18n();
  const { db, session } = useSignedIn();
  const me = session.user;
  const { regionIds } = me;
  const directory = useDirectory();
  const today = format(new Date(), 'yyyy-MM-dd');
  const [initial] = useState(() => readChoices(window.location.search, today));
  const [area, setArea] = useState<CoverageArea>(initial.area);
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [includeAland, setIncludeAland] = useState(initial.includeAland);
  const [lang, setLang] = useState<Language>(initial.lang ?? uiLang);
  const ids = { from: useId(), to: useId(), aland: useId(), area: useId(), period: useId() };

  const periodValid = ISO_DATE.test(from) && ISO_DATE.test(to) && from <= to;
  const lastValid = useRef({ from, to });
  if (periodValid && (lastValid.current.from !== from || lastValid.current.to !== to)) lastValid.current = { from, to };
  const period = lastValid.current;

  // The address keeps the choices, so a summary can be bookmarked or opened again as it was.
  useEffect(() => {
    window.history.replaceState(window.history.state, '', regionPaths.summary(choicesQuery({ area, from: period.from, to: period.to, includeAland, lang })));
  }, [area, period.from, period.to, includeAland, lang]);

  // The document's own language: its pack (null only until it first loads).
  const language = useLanguagePack(lang);
  const rt = useMemo<T>(() => (key, p) => (language ? translate(language.pack, key, p) : ''), [language]);
  const dateLocale = language === null ? null : language.pack.dateLocale;

  const data = useLiveQuery(async () => {
    const shownAreas = area === '' ? [...areas] : [area];
    const [coverage, regions, answers, agency] = await Promise.all([
      loadCoverage(db, { regionIds, area, from: period.from, to: period.to, today, includeAland }),
      loadRegions(db, regionIds),
      Promise.all(shownAreas.map((a) => loadRegionAnswers(db, { regionIds, area: a, from: period.from, to: period.to, includeAland, lang }))),
      loadAgency(db),
    ]);
    return { coverage, regions, answers: shownAreas.map((a, i) => ({ area: a, answers: answers[i]! })), agency };
  }, [db, regionIds.join(','), area, period.from, period.to, includeAland, lang, today]);

  const controls = (
    <div class="summary-controls" lang={uiLang}>
      <p class="back-link">
        <a href={`${regionPaths.answers}?${new URLSearchParams(choicesQuery({ area, from: period.from, to: period.to, includeAland })).toString()}`}>{t('region.sum.back')}</a>
      </p>
      <form class="region-controls" aria-label={t('region.sum.controlsLabel')} onSubmit={(e) => e.preventDefault()}>
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
      <div class="summary-actions">
        <LanguageSwitch label={t('region.sum.language')} value={lang} onChange={setLang} />
        <button type="button" class="button button-primary" onClick={() => window.print()}>
          {t('region.sum.print')}
        </button>
      </div>
    </div>
  );

  if (data.state !== 'ready' || dateLocale === null) {
    return (
      <Page title={t('region.sum.title')} className="region-page region-summary-page">
        {controls}
        <LiveState state={data.state === 'error' ? 'error' : 'loading'} />
      </Page>
    );
  }

  const { coverage, regions, answers, agency } = data.value;
  const { totals } = coverage;
  const shownRegions = regions.filter((r) => includeAland || r.id !== ALAND_REGION_ID);
  const regionText = shownRegions.map((r) => r.name[lang]).join(', ');
  const areaText = area === '' ? rt('region.allAreas') : rt(`area.${area}`);
  const periodText = `${formatDate(period.from, dateLocale)}–${formatDate(period.to, dateLocale)}`;
  const agencyName = agency?.name[lang] ?? regionText;
  // "62 municipalities": the figure, then the plural words that follow it.
  const stat = (value: number, key: Parameters<typeof rt>[0]) => (
    <li>
      <span class="summary-stat-value">{value}</span> {rt(key, { count: value })}
    </li>
  );

  return (
    <Page title={rt('region.sum.title')} lang={lang} className="region-page region-summary-page">
      {controls}
      <article class="summary-document">
        <PrintMargins header={`${agencyName} · ${rt('region.sum.title')}`} pageLabel={rt('region.sum.page')} />
        <header class="summary-letterhead">
          {agency?.logo && <img class="summary-logo" src={agency.logo} alt={agencyName} />}
          <div>
            <p class="summary-agency">{agencyName}</p>
            <p class="summary-kind">{rt('region.sum.documentKind')}</p>
          </div>
        </header>
        <dl class="summary-facts">
          <div>
            <dt>{rt('region.sum.region')}</dt>
            <dd>{regionText}</dd>
          </div>
          <div>
            <dt>{rt('region.sum.area')}</dt>
            <dd>{areaText}</dd>
          </div>
          <div>
            <dt>{rt('region.sum.period')}</dt>
            <dd>{periodText}</dd>
          </div>
          <div>
            <dt>{rt('region.sum.compiled')}</dt>
            <dd>{rt('region.sum.compiledNote', { date: formatDate(today, dateLocale) })}</dd>
          </div>
        </dl>

        <h2>{rt('region.sum.coverageTitle')}</h2>
        <ul class="summary-stats">
          {stat(totals.municipalities, 'region.stat.municipalities')}
          {stat(totals.visitedInPeriod, 'region.stat.visited')}
          {stat(totals.neverVisitedInPeriod, 'region.stat.notVisited')}
          {stat(totals.visitsInPeriod, 'region.stat.visits')}
          {stat(totals.guidanceInPeriod, 'guidance.coverage.stat')}
          {stat(totals.openFollowUps, 'region.stat.open')}
          {stat(totals.overdueFollowUps, 'region.stat.overdue')}
          {stat(totals.withoutContact, 'region.stat.noContact')}
        </ul>
        {coverage.rows.length > 0 && (
          // On a phone the table scrolls sideways in its box, which the keyboard can reach and scroll.
          <div class="summary-scroll" tabIndex={0} role="region" aria-label={rt('region.sum.coverageCaption', { area: areaText, period: periodText })}>
            <table class="summary-table summary-coverage">
              <caption>{rt('region.sum.coverageCaption', { area: areaText, period: periodText })}</caption>
              <thead>
                <tr>
                  <th scope="col">{rt('region.col.municipality')}</th>
                  <th scope="col">{rt('region.col.lastVisit')}</th>
                  <th scope="col" class="region-num">{rt('region.col.visits')}</th>
                  <th scope="col" class="region-num">{rt('region.col.open')}</th>
                  <th scope="col" class="region-num">{rt('region.col.overdue')}</th>
                  <th scope="col">{rt('region.col.contact')}</th>
                </tr>
              </thead>
              <tbody>
                {[...coverage.rows]
                  .sort((a, b) => municipalityName(a.name, lang).localeCompare(municipalityName(b.name, lang), lang))
                  .map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{municipalityName(r.name, lang)}</th>
                      <td>
                        {r.lastVisit
                          ? `${formatShortDate(r.lastVisit.date, dateLocale)}, ${rt(`visitStatus.${r.lastVisit.status}`)}, ${inspectorLabel(r.lastVisit.inspectorId, me, rt, directory)}`
                          : rt('region.noVisit')}
                      </td>
                      <td class="region-num">{r.visitsInPeriod}</td>
                      <td class="region-num">{r.openFollowUps}</td>
                      <td class="region-num">{r.overdueFollowUps}</td>
                      <td>{r.hasContact ? rt('region.yes') : rt('region.no')}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}

        <h2>{rt('region.sum.answersTitle')}</h2>
        {answers.map(({ area: a, answers: result }) => (
          <AreaAnswers key={a} answers={result} areaText={rt(`area.${a}`)} t={rt} lang={lang} dateLocale={dateLocale} />
        ))}
      </article>
    </Page>
  );
}

/** One area's answers and its unmet duties, as tables for paper. */
function AreaAnswers({ answers, areaText, t, lang, dateLocale }: { answers: RegionAnswers; areaText: string; t: T; lang: Language; dateLocale: Locale | undefined }) {
  const { template } = answers;
  return (
    <section class="summary-area">
      <h3>{t('region.sum.answersOf', { area: areaText })}</h3>
      {!template ? (
        <p>{t('region.ans.noTemplate')}</p>
      ) : (
        <>
          <p>
            {t('region.ans.counted', { count: answers.counted.length, total: answers.municipalities })}{' '}
            {t('region.ans.checklist', { title: template.title[lang], revision: template.revision })}
          </p>
          {answers.counted.length > 0 && (
            <table class="summary-table summary-answers">
              <caption>{t('region.sum.answersOf', { area: areaText })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('region.ans.col.item')}</th>
                  <th scope="col">{t('region.sum.col.answers')}</th>
                </tr>
              </thead>
              <tbody>
                {answers.items.map((a) => (
                  <tr key={a.item.id}>
                    <th scope="row">
                      <span class="answers-ref">{a.item.id}</span> {a.item.question[lang]}
                    </th>
                    <td>
                      <p>{rowsLine(answerRows(a, t, lang, dateLocale))}</p>
                      {detailRows(a, t, lang, dateLocale).map((d) => (
                        <p key={d.id} class="summary-detail">
                          <span class="summary-label">{d.label}:</span> {rowsLine(d.rows)}
                        </p>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <h4>{t('region.sum.dutiesOf', { area: areaText })}</h4>
      <UnmetDutiesTable duties={answers.unmetDuties} caption={t('region.sum.dutiesOf', { area: areaText })} hideCaption t={t} lang={lang} dateLocale={dateLocale} />
    </section>
  );
}
