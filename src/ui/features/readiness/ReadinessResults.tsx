// An assessment's results (scoreReadiness over the interviews with a complete consensus): the overall
// stage in words with what it means and the action that fits it (crm.json, in the UI language), the
// weakest dimensions, and the six dimensions as a bar chart (an SVG image with its summary in words) with
// a table of the same numbers, beside the municipality's earlier finalised assessments in the same area.
import type { AssessmentDetail } from '../../../db/assessments.ts';
import { readinessDimensions, type ReadinessResult } from '../../../shared/readiness.ts';
import { useI18n } from '../../i18n/index.ts';
import { formatShortDate } from '../../common/format.ts';
import { dimensionText, stageText } from './crm-model.ts';

/** The earlier assessments drawn beside this one. */
const EARLIER_SHOWN = 2;

export function ReadinessResults({ detail }: { detail: AssessmentDetail }) {
  const { t, lang, dateLocale } = useI18n();
  const { result } = detail;
  const fmt = (n: number) => n.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (!result) {
    return (
      <section class="report-section" aria-labelledby="assessment-results">
        <h2 id="assessment-results">{t('readiness.resultsTitle')}</h2>
        <p class="empty-state">{t('readiness.noResults')}</p>
      </section>
    );
  }
  const stage = stageText(result.overallStage, lang);
  const earlier = detail.earlier.slice(0, EARLIER_SHOWN);
  const series: { label: string; column: string; result: ReadinessResult }[] = [
    { label: t('readiness.chartThis'), column: t('readiness.thisColumn'), result },
    ...earlier.map((e) => {
      const date = formatShortDate(e.date, dateLocale);
      return { label: t('readiness.chartEarlier', { date }), column: t('readiness.earlierColumn', { date }), result: e.result };
    }),
  ];
  const name = (d: (typeof readinessDimensions)[number]) => `${d}. ${dimensionText(d, lang).name}`;
  return (
    <section class="report-section readiness-results" aria-labelledby="assessment-results">
      <h2 id="assessment-results">{t('readiness.resultsTitle')}</h2>
      <p class="muted">{t('readiness.counted', { count: detail.counted })}</p>
      <div class="card readiness-overall">
        <p class="readiness-overall-stage">{t('readiness.overall', { stage: result.overallStage, name: stage.name, score: fmt(result.overallScore) })}</p>
        <dl class="readiness-stage-texts">
          <dt>{t('readiness.stageDescription')}</dt>
          <dd>{stage.description}</dd>
          <dt>{t('readiness.action')}</dt>
          <dd>{stage.action}</dd>
        </dl>
        <p>{t('readiness.weakest', { names: result.weakestDimensions.map(name).join(', ') })}</p>
      </div>
      {earlier.length > 0 && <p class="muted">{t('readiness.comparison')}</p>}
      <div class="readiness-chart-and-table">
        <Chart series={series} fmt={fmt} />
        <table class="readiness-table">
          <caption>{t('readiness.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('readiness.dimension')}</th>
              <th scope="col">{series[0]!.column}</th>
              <th scope="col">{t('readiness.stage')}</th>
              {series.slice(1).map((s) => (
                <th key={s.column} scope="col">
                  {s.column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {readinessDimensions.map((d) => (
              <tr key={d}>
                <th scope="row">{name(d)}</th>
                <td class="number">{fmt(result.dimensionScores[d])}</td>
                <td>{t('readiness.stageName', { stage: result.dimensionStages[d], name: stageText(result.dimensionStages[d], lang).name })}</td>
                {series.slice(1).map((s) => (
                  <td key={s.column} class="number">
                    {fmt(s.result.dimensionScores[d])}
                  </td>
                ))}
              </tr>
            ))}
            <tr class="readiness-total">
              <th scope="row">{t('readiness.overallRow')}</th>
              <td class="number">{fmt(result.overallScore)}</td>
              <td>{t('readiness.stageName', { stage: result.overallStage, name: stage.name })}</td>
              {series.slice(1).map((s) => (
                <td key={s.column} class="number">
                  {fmt(s.result.overallScore)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

const W = 560;
const H = 260;
const LEFT = 28;
const TOP = 12;
const BOTTOM = 56;
const PLOT_H = H - TOP - BOTTOM;
const y = (score: number) => TOP + PLOT_H - (score / 9) * PLOT_H;

/** Bars per dimension, one per series (this assessment first), on the 0–9 scale; the summary says the same in words. */
function Chart({ series, fmt }: { series: { label: string; result: ReadinessResult }[]; fmt: (n: number) => string }) {
  const { t } = useI18n();
  const groupW = (W - LEFT) / readinessDimensions.length;
  const barW = Math.min(28, (groupW - 12) / series.length);
  const summary = series
    .map((s) => `${s.label}: ${readinessDimensions.map((d) => `${d} ${fmt(s.result.dimensionScores[d])}`).join(', ')}`)
    .join('. ');
  return (
    <svg class="readiness-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('readiness.chartLabel', { summary })}>
      {[1, 3, 5, 7, 9].map((g) => (
        <g key={g}>
          <line class="readiness-grid" x1={LEFT} x2={W} y1={y(g)} y2={y(g)} />
          <text class="readiness-axis" x={LEFT - 6} y={y(g) + 4} text-anchor="end">
            {g}
          </text>
        </g>
      ))}
      {readinessDimensions.map((d, i) => {
        const x0 = LEFT + i * groupW + (groupW - barW * series.length) / 2;
        return (
          <g key={d}>
            {series.map((s, k) => {
              const v = s.result.dimensionScores[d];
              return <rect key={k} class={`readiness-bar readiness-bar-${k}`} x={x0 + k * barW} y={y(v)} width={barW - 2} height={y(0) - y(v)} />;
            })}
            <text class="readiness-axis" x={LEFT + i * groupW + groupW / 2} y={y(0) + 16} text-anchor="middle">
              {d}
            </text>
          </g>
        );
      })}
      {series.map((s, k) => (
        <g key={k}>
          <rect class={`readiness-bar readiness-bar-${k}`} x={LEFT + k * 180} y={H - 22} width={12} height={12} />
          <text class="readiness-axis" x={LEFT + k * 180 + 18} y={H - 12}>
            {s.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
