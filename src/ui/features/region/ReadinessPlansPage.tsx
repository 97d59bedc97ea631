// The region's readiness and plans: for one area (or any) each municipality's latest finalised community
// readiness assessment, its overall stage named in words and each dimension's stage, the counts per
// overall stage each filtering the table to its municipalities; then each kind of plan's state today in
// words, the counts missing and overdue per kind, a filter of the municipalities with a plan missing or
// overdue; both tables as CSV. Read from the device (db/region-readiness.ts), so it works offline.
import { useId, useMemo, useState } from 'preact/hooks';
import { format } from 'date-fns';
import { ALAND_REGION_ID, municipalityName } from '../../../db/queries.ts';
import { loadRegionReadiness, type ReadinessArea, type ReadinessRow, type RegionReadiness } from '../../../db/region-readiness.ts';
import crm from '../../../shared/crm.json';
import type { ReadinessModel } from '../../../shared/readiness.ts';
import { isOneOf, planKinds, readinessDimensions, supervisionAreas, type Language } from '../../../shared/vocabulary.ts';
import { CsvExport } from '../../common/CsvExport.tsx';
import { toCsv, type CsvSeparator, type CsvValue } from '../../common/csv.ts';
import { downloadText } from '../../common/download.ts';
import { formatShortDate } from '../../common/format.ts';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { assessmentPaths, municipalityPaths, regionPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import './region.css';
import './readiness-plans.css';

const model = crm as ReadinessModel;

/** The readiness table's filter: one overall stage, the municipalities not assessed, or none. */
type StageFilter = number | 'none' | null;
type PlanFilter = 'all' | 'attention';
type Row = ReadinessRow;

const stageName = (stage: number, lang: Language) => model.stages.find((s) => s.number === stage)?.name[lang] ?? '';
const dimensionName = (id: string, lang: Language) => model.dimensions.find((d) => d.id === id)?.name[lang] ?? id;

function byName(rows: readonly Row[], lang: Language): Row[] {
  const collator = new Intl.Collator(lang);
  return [...rows].sort((a, b) => collator.compare(municipalityName(a.name, lang), municipalityName(b.name, lang)));
}

/** A plan's state in words: the expected kinds are missing, the others merely have none recorded. */
function planText(p: Row['plans'][number], { t, dateLocale }: I18n): string {
  if (p.state === 'overdue') return p.dueOn ? t('region.rp.plan.overdueSince', { date: formatShortDate(p.dueOn, dateLocale) }) : t('plans.state.overdue');
  if (p.state === 'notExpected') return t('region.rp.plan.notExpected');
  return t(p.state === 'missing' ? 'plans.state.missing' : 'plans.state.current');
}

/** The readiness table as CSV, the rows as shown; dates as ISO dates, names in both languages. */
function readinessCsv(rows: readonly Row[], separator: CsvSeparator, { t, lang }: I18n): string {
  const header = [
    t('region.csv.code'),
    t('region.csv.nameFi'),
    t('region.csv.nameSv'),
    t('region.rp.csv.area'),
    t('region.rp.csv.finalised'),
    t('region.rp.csv.issue'),
    t('region.rp.csv.score'),
    t('region.rp.csv.stage'),
    t('region.rp.csv.stageName'),
    ...readinessDimensions.map((id) => t('region.rp.csv.dimension', { id, name: dimensionName(id, lang) })),
    t('region.rp.csv.assessment'),
  ];
  const body = rows.map((r): CsvValue[] => {
    const a = r.assessment;
    return [
      r.id,
      r.name.fi,
      r.name.sv,
      a ? t(`area.${a.area}`) : null,
      a?.finalisedOn ?? null,
      a?.issue ?? null,
      a?.overallScore ?? null,
      a?.overallStage ?? null,
      a ? stageName(a.overallStage, lang) : t('region.rp.notAssessed'),
      ...readinessDimensions.map((d) => a?.dimensionStages[d] ?? null),
      a?.id ?? null,
    ];
  });
  return toCsv(header, body, { separator });
}

/** The plans' table as CSV: per kind its state in words and, when overdue, the last day it was on time. */
function plansCsv(rows: readonly Row[], separator: CsvSeparator, i18n: I18n): string {
  const { t } = i18n;
  const header = [
    t('region.csv.code'),
    t('region.csv.nameFi'),
    t('region.csv.nameSv'),
    ...planKinds.flatMap((k) => [t('region.rp.csv.planState', { kind: t(`plans.kind.${k}`) }), t('region.rp.csv.planDue', { kind: t(`plans.kind.${k}`) })]),
  ];
  const word = (p: Row['plans'][number]) => (p.state === 'overdue' ? t('plans.state.overdue') : planText(p, i18n));
  const body = rows.map((r): CsvValue[] => [r.id, r.name.fi, r.name.sv, ...r.plans.flatMap((p) => [word(p), p.dueOn])]);
  return toCsv(header, body, { separator });
}

export function ReadinessPlansPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { db, session } = useSignedIn();
  const { regionIds } = session.user;
  const today = format(new Date(), 'yyyy-MM-dd');
  const [area, setArea] = useState<ReadinessArea>('');
  const [includeAland, setIncludeAland] = useState(false);
  const ids = { area: useId(), aland: useId() };

  // The area comes back with its view, so the captions name what the tables show while the next one loads.
  const data = useLiveQuery(
    async () => ({ view: await loadRegionReadiness(db, { regionIds, area, today, includeAland }), area }),
    [db, regionIds.join(','), area, today, includeAland],
  );
  const download = (word: string, text: string) => downloadText(`${word}-${area || 'all'}-${today}.csv`, text, 'text/csv;charset=utf-8');

  return (
    <Page title={t('region.rp.title')} className="region-page readiness-plans-page">
      <p class="back-link">
        <a href={regionPaths.coverage}>{t('region.ans.back')}</a>
      </p>
      <form class="region-controls readiness-controls" aria-label={t('region.rp.controlsLabel')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for={ids.area}>{t('region.area')}</label>
          <select id={ids.area} value={area} onChange={(e) => setArea(isOneOf(supervisionAreas, e.currentTarget.value) ? e.currentTarget.value : '')}>
            <option value="">{t('region.allAreas')}</option>
            {supervisionAreas.map((a) => (
              <option key={a} value={a}>
                {t(`area.${a}`)}
              </option>
            ))}
          </select>
        </div>
        {regionIds.includes(ALAND_REGION_ID) && (
          <div class="check region-aland">
            <input id={ids.aland} type="checkbox" checked={includeAland} onChange={(e) => setIncludeAland(e.currentTarget.checked)} />
            <label for={ids.aland}>{t('region.includeAland')}</label>
          </div>
        )}
      </form>
      <p class="muted">{t('region.rp.intro')}</p>

      {data.state !== 'ready' ? (
        <LiveState state={data.state} />
      ) : data.value.view.rows.length === 0 ? (
        <p class="empty-state">{t('region.noMunicipalities')}</p>
      ) : (
        <>
          <ReadinessSection
            view={data.value.view}
            areaText={data.value.area === '' ? t('region.allAreas') : t(`area.${data.value.area}`)}
            showArea={data.value.area === ''}
            onExport={(s) => download(t('region.rp.csv.readinessFile'), readinessCsv(s.rows, s.separator, i18n))}
          />
          <PlansSection view={data.value.view} onExport={(s) => download(t('region.rp.csv.plansFile'), plansCsv(s.rows, s.separator, i18n))} />
        </>
      )}
    </Page>
  );
}

type Export = (shown: { rows: readonly Row[]; separator: CsvSeparator }) => void;

function ReadinessSection({ view, areaText, showArea, onExport }: { view: RegionReadiness; areaText: string; showArea: boolean; onExport: Export }) {
  const { t, lang, dateLocale } = useI18n();
  const [filter, setFilter] = useState<StageFilter>(null);
  const shown = useMemo(
    () => byName(view.rows.filter((r) => filter === null || (filter === 'none' ? !r.assessment : r.assessment?.overallStage === filter)), lang),
    [view, filter, lang],
  );
  const filterText = filter === null ? t('region.rp.everyStage') : filter === 'none' ? t('region.rp.notAssessed') : t('region.rp.stageName', { stage: filter, name: stageName(filter, lang) });
  const counts: { key: number | 'none'; label: string; count: number }[] = [
    ...view.stageCounts.map((count, i) => ({ key: i + 1, label: t('region.rp.stageName', { stage: i + 1, name: stageName(i + 1, lang) }), count })),
    { key: 'none', label: t('region.rp.notAssessed'), count: view.notAssessed },
  ];
  const emptyCells = 3 + readinessDimensions.length + (showArea ? 1 : 0);

  return (
    <section class="region-section" aria-labelledby="rp-readiness-title">
      <h2 id="rp-readiness-title">{t('region.rp.readinessTitle')}</h2>
      <h3 class="rp-subtitle" id="rp-stage-counts">
        {t('region.rp.stageCounts')}
      </h3>
      <p class="hint">{t('region.rp.stageCountsHint')}</p>
      <ul class="rp-counts" aria-labelledby="rp-stage-counts">
        {counts.map((c) => (
          <li key={c.key}>
            <button type="button" class={filter === c.key ? 'rp-count current' : 'rp-count'} aria-pressed={filter === c.key} onClick={() => setFilter((f) => (f === c.key ? null : c.key))}>
              <span class="rp-count-label">{c.label}</span>
              <span class="rp-count-value">{c.count}</span>
            </button>
          </li>
        ))}
      </ul>
      {filter !== null && (
        <p class="rp-filtered">
          <span>{t('region.rp.filteredBy', { filter: filterText })}</span>{' '}
          <button type="button" class="button button-secondary" onClick={() => setFilter(null)}>
            {t('region.rp.showAll')}
          </button>
        </p>
      )}

      <CsvExport label={t('region.rp.csv.readiness')} disabled={shown.length === 0} onExport={(separator) => onExport({ rows: shown, separator })} />
      <p class="muted region-shown" aria-live="polite">
        {t('region.shown', { count: shown.length, total: view.rows.length })}
      </p>

      {shown.length === 0 ? (
        <p class="empty-state">{t('region.noneMatch')}</p>
      ) : (
        <div class="region-table-box" tabIndex={0} role="region" aria-labelledby="rp-readiness-caption">
          <table class="region-table rp-readiness-table">
            <caption id="rp-readiness-caption">{t('region.rp.readinessCaption', { area: areaText, filter: filterText })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('region.col.municipality')}</th>
                {showArea && <th scope="col">{t('region.rp.col.area')}</th>}
                <th scope="col">{t('region.rp.col.finalised')}</th>
                <th scope="col">{t('region.rp.col.issue')}</th>
                <th scope="col">{t('region.rp.col.overall')}</th>
                {readinessDimensions.map((d) => (
                  <th key={d} scope="col" class="rp-dim">
                    <span class="rp-dim-id">{d}</span> <span class="rp-dim-name">{dimensionName(d, lang)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => {
                const a = r.assessment;
                return (
                  <tr key={r.id}>
                    <th scope="row">
                      <a href={municipalityPaths.municipality(r.id)}>{municipalityName(r.name, lang)}</a>
                    </th>
                    {a ? (
                      <>
                        {showArea && <td>{t(`area.${a.area}`)}</td>}
                        <td class="rp-date">
                          <a href={assessmentPaths.assessment(a.id)}>{a.finalisedOn ? formatShortDate(a.finalisedOn, dateLocale) : t('region.rp.notSynced')}</a>
                        </td>
                        <td class="rp-issue">{a.issue}</td>
                        <td class="rp-overall">{t('region.rp.stageValue', { stage: a.overallStage, name: stageName(a.overallStage, lang) })}</td>
                        {readinessDimensions.map((d) => (
                          <td key={d} class="region-num">
                            {a.dimensionStages[d]}
                          </td>
                        ))}
                      </>
                    ) : (
                      <td colSpan={emptyCells} class="region-none">
                        {t('region.rp.notAssessed')}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p class="hint rp-note">{t('region.rp.dimensionsNote')}</p>
    </section>
  );
}

function PlansSection({ view, onExport }: { view: RegionReadiness; onExport: Export }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [filter, setFilter] = useState<PlanFilter>('all');
  const shown = useMemo(() => byName(view.rows.filter((r) => filter === 'all' || r.plansNeedingAttention > 0), lang), [view, filter, lang]);
  const filterCount: Record<PlanFilter, number> = { all: view.rows.length, attention: view.withPlansNeedingAttention };

  return (
    <section class="region-section" aria-labelledby="rp-plans-title">
      <h2 id="rp-plans-title">{t('region.rp.plansTitle')}</h2>
      <p class="muted">{t('region.rp.plansIntro')}</p>

      <div class="region-table-box rp-kind-box" tabIndex={0} role="region" aria-labelledby="rp-kind-caption">
        <table class="region-table rp-kind-table">
          <caption id="rp-kind-caption">{t('region.rp.planCountsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('region.rp.col.kind')}</th>
              <th scope="col" class="region-num">
                {t('region.rp.col.missing')}
              </th>
              <th scope="col" class="region-num">
                {t('region.rp.col.overdue')}
              </th>
            </tr>
          </thead>
          <tbody>
            {planKinds.map((k) => {
              const c = view.planCounts[k];
              return (
                <tr key={k}>
                  <th scope="row">{t(`plans.kind.${k}`)}</th>
                  <td class={c.missing > 0 ? 'region-num region-overdue' : 'region-num'}>{c.missing}</td>
                  <td class={c.overdue > 0 ? 'region-num region-overdue' : 'region-num'}>{c.overdue}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <fieldset class="region-filters rp-plan-filters">
        <legend>{t('region.rp.filter')}</legend>
        <div class="region-filter-options">
          {(['all', 'attention'] as const).map((f) => (
            <label key={f} class={filter === f ? 'region-filter current' : 'region-filter'}>
              <input type="radio" name="rp-plan-filter" value={f} checked={filter === f} onChange={() => setFilter(f)} />
              <span>{t(`region.rp.filter.${f}`)}</span>
              <span class="region-filter-count">{filterCount[f]}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <CsvExport label={t('region.rp.csv.plans')} disabled={shown.length === 0} onExport={(separator) => onExport({ rows: shown, separator })} />
      <p class="muted region-shown" aria-live="polite">
        {t('region.shown', { count: shown.length, total: view.rows.length })}
      </p>

      {shown.length === 0 ? (
        <p class="empty-state">{t('region.noneMatch')}</p>
      ) : (
        <div class="region-table-box" tabIndex={0} role="region" aria-labelledby="rp-plans-caption">
          <table class="region-table rp-plans-table">
            <caption id="rp-plans-caption">{t('region.rp.plansCaption', { filter: t(`region.rp.filter.${filter}`) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('region.col.municipality')}</th>
                {planKinds.map((k) => (
                  <th key={k} scope="col">
                    {t(`plans.kind.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={municipalityPaths.municipality(r.id)}>{municipalityName(r.name, lang)}</a>
                  </th>
                  {r.plans.map((p) => (
                    <td key={p.kind} class={`rp-plan rp-plan-${p.state}`}>
                      {planText(p, i18n)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
