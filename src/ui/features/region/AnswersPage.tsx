// The answers across the region: for one area and period, each item of the area's current checklist and
// how the municipalities answered it in their latest approved visit; every count opens the list of its
// municipalities (each a link to its page and to the visit). Then the statutory duties still unmet, and
// the period's answers as CSV. Read from the device, so it works offline from what was last synced.
import { useId, useMemo, useRef, useState } from 'preact/hooks';
import { format } from 'date-fns';
import { ALAND_REGION_ID, municipalityName } from '../../../db/queries.ts';
import { loadPeriodAnswers, loadRegionAnswers, type AnswerPlace, type RegionAnswers } from '../../../db/region-answers.ts';
import { loadRegions } from '../../../db/region-queries.ts';
import { areas, isOneOf, type Area } from '../../../shared/vocabulary.ts';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { downloadText } from '../../common/download.ts';
import { formatShortDate } from '../../common/format.ts';
import { inspectorLabel, useDirectory } from '../../common/people.ts';
import { useAction } from '../../common/use-action.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n } from '../../i18n/index.ts';
import { municipalityPaths, regionPaths, visitPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { answerRows, detailRows, type AnswerRow } from './answer-rows.ts';
import { answersCsv } from './answers-csv.ts';
import { CsvExport } from '../../common/CsvExport.tsx';
import type { CsvSeparator } from '../../common/csv.ts';
import { choicesQuery, readChoices } from './region-choices.ts';
import { UnmetDutiesTable } from './UnmetDutiesTable.tsx';
import './region.css';
import './region-answers.css';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A file name's piece: letters, digits and dashes. */
const slug = (text: string) =>
  text
    .toLocaleLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function AnswersPage() {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const me = session.user;
  const { regionIds } = me;
  const directory = useDirectory();
  const today = format(new Date(), 'yyyy-MM-dd');
  const [initial] = useState(() => readChoices(window.location.search, today));
  const [area, setArea] = useState<Area>(initial.area || 'substance');
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [includeAland, setIncludeAland] = useState(initial.includeAland);
  // One list of municipalities open per item ("item:row"), so a count's list opens right under its counts.
  const [open, setOpen] = useState<Record<string, string>>({});
  // What the last export said: nothing to export, or a failure.
  const [csvNote, setCsvNote] = useState<'none' | 'failed' | null>(null);
  const ids = { area: useId(), from: useId(), to: useId(), aland: useId(), period: useId() };

  const periodValid = ISO_DATE.test(from) && ISO_DATE.test(to) && from <= to;
  const lastValid = useRef({ from, to });
  if (periodValid && (lastValid.current.from !== from || lastValid.current.to !== to)) lastValid.current = { from, to };
  const period = lastValid.current;

  const data = useLiveQuery(async () => {
    const started = performance.now();
    const answers = await loadRegionAnswers(db, { regionIds, area, from: period.from, to: period.to, includeAland, lang });
    // A User Timing measure, for DevTools and the benchmarks (`npm run bench -- browser`).
    performance.measure?.('tillsyn:region:answers', { start: started });
    return answers;
  }, [db, regionIds.join(','), area, period.from, period.to, includeAland, lang]);

  const exportCsv = useAction(
    async (separator: CsvSeparator) => {
      setCsvNote(null);
      const [answers, regions] = await Promise.all([loadPeriodAnswers(db, { regionIds, area, from: period.from, to: period.to, includeAland }), loadRegions(db, regionIds)]);
      if (answers.visits.length === 0) {
        setCsvNote('none');
        return;
      }
      const regionPart = regions.filter((r) => includeAland || r.id !== ALAND_REGION_ID).map((r) => slug(r.abbr ?? r.id)).join('-') || 'region';
      const text = answersCsv(answers, { area, separator, t, lang, inspector: (id) => inspectorLabel(id, me, t, directory) });
      downloadText(`${t('region.ans.csv.fileWord')}-${regionPart}-${area}-${period.from}-${period.to}.csv`, text, 'text/csv;charset=utf-8');
    },
    { log: 'The answers’ CSV could not be made', onFailure: () => setCsvNote('failed') },
  );

  const toggle = (group: string, key: string) => setOpen((o) => ({ ...o, [group]: o[group] === key ? '' : key }));
  const summaryHref = regionPaths.summary(choicesQuery({ area, from: period.from, to: period.to, includeAland, lang }));

  return (
    <Page title={t('region.ans.title')} className="region-page answers-page">
      <p class="back-link">
        <a href={regionPaths.coverage}>{t('region.ans.back')}</a>
      </p>
      <form class="region-controls" aria-label={t('region.ans.controlsLabel')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for={ids.area}>{t('region.area')}</label>
          <select id={ids.area} value={area} onChange={(e) => setArea(isOneOf(areas, e.currentTarget.value) ? e.currentTarget.value : 'substance')}>
            {areas.map((a) => (
              <option key={a} value={a}>
                {t(`area.${a}`)}
              </option>
            ))}
          </select>
        </div>
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
      <p class="region-links">
        <a href={summaryHref}>{t('region.ans.summaryLink')}</a>
      </p>

      {data.state !== 'ready' ? (
        <LiveState state={data.state} />
      ) : (
        <AnswersBody data={data.value} open={open} toggle={toggle} />
      )}

      <section class="region-section" aria-labelledby="answers-csv-title">
        <h2 id="answers-csv-title">{t('region.ans.csvTitle')}</h2>
        <p class="muted">{t('region.ans.csvIntro')}</p>
        <CsvExport label={t('region.ans.csvExport')} disabled={exportCsv.busy} onExport={(separator) => void exportCsv.run(separator)} />
        <p class={csvNote === 'failed' ? 'notice notice-error' : 'muted'} role="status">
          {csvNote === 'failed' ? t('region.ans.csvFailed') : csvNote === 'none' ? t('region.ans.csvNone') : ''}
        </p>
      </section>
    </Page>
  );
}

function AnswersBody({ data, open, toggle }: { data: RegionAnswers; open: Record<string, string>; toggle: (group: string, key: string) => void }) {
  const { t, lang, dateLocale } = useI18n();
  const { template } = data;
  const sections = useMemo(() => {
    if (!template) return [];
    return template.sections
      .map((s) => ({ section: s, items: data.items.filter((i) => i.item.sectionId === s.id) }))
      .filter((s) => s.items.length > 0);
  }, [data, template]);
  if (!template) return <p class="empty-state">{t('region.ans.noTemplate')}</p>;
  const without: AnswerRow = { key: 'without', label: t('region.ans.withoutVisit'), places: data.withoutVisit.map((m) => ({ municipalityId: m.id, name: m.name, visitId: '', date: '', templateId: '' })) };

  return (
    <>
      <p class="answers-intro">{t('region.ans.counted', { count: data.counted.length, total: data.municipalities })}</p>
      {data.withoutVisit.length > 0 && (
        <Counts group="without" rows={[without]} label={t('region.ans.withoutVisit')} open={open} toggle={toggle} currentTemplate={template.id} />
      )}
      {data.counted.length === 0 ? (
        <p class="empty-state">{t('region.ans.noneCounted')}</p>
      ) : (
        <section class="region-section" aria-labelledby="answers-items-title">
          <h2 id="answers-items-title">{t('region.ans.itemsTitle')}</h2>
          <p class="muted">{t('region.ans.checklist', { title: template.title[lang], revision: template.revision })}</p>
          {sections.map(({ section, items }) => (
            <section key={section.id} class="answers-section" aria-labelledby={`answers-section-${section.id}`}>
              <h3 id={`answers-section-${section.id}`}>{section.title[lang]}</h3>
              {items.map((a) => {
                const questionId = `answers-q-${a.item.id}`;
                const details = detailRows(a, t, lang, dateLocale);
                return (
                  <article key={a.item.id} class="answers-item" aria-labelledby={questionId}>
                    <h4 id={questionId} class="answers-question">
                      <span class="answers-ref">{a.item.id}</span> {a.item.question[lang]}
                    </h4>
                    <Counts group={a.item.id} rows={answerRows(a, t, lang, dateLocale)} label={t('region.ans.countsLabel', { item: a.item.id })} open={open} toggle={toggle} currentTemplate={template.id} />
                    {details.length > 0 && (
                      <div class="answers-details">
                        <h5>{t('region.ans.details')}</h5>
                        {details.map((d) => (
                          <div key={d.id} class="answers-detail">
                            <p class="answers-detail-label" id={`answers-d-${a.item.id}-${d.id}`}>
                              {d.label}
                            </p>
                            <Counts group={`${a.item.id}/${d.id}`} rows={d.rows} label={d.label} open={open} toggle={toggle} currentTemplate={template.id} />
                          </div>
                        ))}
                      </div>
                    )}
                  </article>
                );
              })}
            </section>
          ))}
        </section>
      )}

      <section class="region-section" aria-labelledby="answers-duties-title">
        <h2 id="answers-duties-title">{t('region.ans.dutiesTitle')}</h2>
        <p class="muted">{t('region.ans.dutiesIntro')}</p>
        <UnmetDutiesTable duties={data.unmetDuties} t={t} lang={lang} dateLocale={dateLocale} />
      </section>
    </>
  );
}

/** A group's counts, each a button that opens the list of its municipalities under them. */
function Counts({
  group,
  rows,
  label,
  open,
  toggle,
  currentTemplate,
}: {
  group: string;
  rows: AnswerRow[];
  label: string;
  open: Record<string, string>;
  toggle: (group: string, key: string) => void;
  currentTemplate: string;
}) {
  const { t } = useI18n();
  const openRow = rows.find((r) => r.key === open[group]);
  const panelId = `answers-places-${group.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <>
      <ul class="answers-counts" aria-label={label}>
        {rows.map((r) => {
          const n = r.places.length;
          const expanded = openRow === r;
          return (
            <li key={r.key} class={r.quiet ? 'answers-count answers-count-quiet' : 'answers-count'}>
              {n === 0 ? (
                <span class="answers-count-static">
                  <span class="answers-count-label">{r.label}</span> <span class="answers-count-n">0</span>
                </span>
              ) : (
                <button type="button" class="answers-count-button" aria-expanded={expanded} aria-controls={expanded ? panelId : undefined} onClick={() => toggle(group, r.key)}>
                  <span class="answers-count-label">{r.label}</span> <span class="answers-count-n">{n}</span>
                  <span class="visually-hidden"> ({t('region.ans.municipalities', { count: n })})</span>
                </button>
              )}
              {r.figures && <span class="answers-figures">{r.figures}</span>}
            </li>
          );
        })}
      </ul>
      {openRow && <Places id={panelId} row={openRow} currentTemplate={currentTemplate} />}
    </>
  );
}

function Places({ id, row, currentTemplate }: { id: string; row: AnswerRow; currentTemplate: string }) {
  const { t, lang, dateLocale } = useI18n();
  const title = t('region.ans.placesTitle', { label: row.label, count: t('region.ans.municipalities', { count: row.places.length }) });
  return (
    <div id={id} class="answers-places" role="region" aria-label={title}>
      <p class="answers-places-title">{title}</p>
      <ul class="answers-places-list">
        {row.places.map((p: AnswerPlace) => (
          <li key={p.municipalityId}>
            <a href={municipalityPaths.municipality(p.municipalityId)}>{municipalityName(p.name, lang)}</a>
            {p.visitId && (
              <>
                {' · '}
                <a href={visitPaths.visit(p.visitId)}>{t('region.ans.visitOn', { date: formatShortDate(p.date, dateLocale) })}</a>
                {p.templateId !== currentTemplate && <span class="muted"> ({t('region.ans.earlierRevision', { template: p.templateId })})</span>}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
