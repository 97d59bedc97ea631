// The region's follow-up register: every recommendation of the user's regions with its municipality,
// visit, due date, status and who last moved it, and the follow-ups agreed in guidance between visits
// (named by the guidance's date and channel; done or dropped here too, never carried on); overdue first; filtered by area, municipality, the
// visit's inspector, status and due period; an open one marked done or dropped, or carried on to the
// inspector's open visit of the municipality, here (the history keeps who); the list as shown exported
// to CSV. Read from the device by a live query, so a change shows at once and syncs like any other.
import { useId, useMemo, useState } from 'preact/hooks';
import { format } from 'date-fns';
import { carryOnFollowUp, setFollowUpStatus } from '../../../db/follow-ups.ts';
import { setGuidanceFollowUpStatus } from '../../../db/guidance.ts';
import { filterFollowUpRegister, loadFollowUpRegister, type FollowUpRegisterFilter, type FollowUpRegisterRow } from '../../../db/follow-up-register.ts';
import { ALAND_REGION_ID, municipalityName } from '../../../db/queries.ts';
import { can } from '../../../shared/policy.ts';
import { isOneOf } from '../../../shared/vocabulary.ts';
import { AreaSelect } from '../../common/AreaSelect.tsx';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { downloadText } from '../../common/download.ts';
import { formatDateTime, formatShortDate } from '../../common/format.ts';
import { inspectorLabel, useDirectory, type Directory } from '../../common/people.ts';
import { useAction } from '../../common/use-action.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { municipalityPaths, regionPaths, visitPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { CsvExport } from '../../common/CsvExport.tsx';
import { toCsv, type CsvSeparator, type CsvValue } from '../../common/csv.ts';
import './region.css';

const statuses = ['open', 'done', 'dropped', 'all'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
type Change = 'done' | 'dropped' | 'carryOn';

/** Where a row's follow-up was agreed, in words: "Guidance on 3 Feb 2026 by phone". */
function guidanceSource(guidance: NonNullable<FollowUpRegisterRow['guidance']>, { t, dateLocale }: I18n): string {
  return t('guidance.fu.source', { date: formatShortDate(guidance.date, dateLocale), by: t(`guidance.by.${guidance.channel}`) });
}

/**
 * The register as shown, as CSV: a row per recommendation or guidance follow-up, dates as ISO dates,
 * names in both languages; a guidance row has its date and channel where a visit's has the visit's date.
 */
function registerCsv(rows: readonly FollowUpRegisterRow[], separator: CsvSeparator, i18n: I18n, me: { id: string; name: string }, directory: Directory): string {
  const { t } = i18n;
  const header = [
    t('region.csv.code'),
    t('region.csv.nameFi'),
    t('region.csv.nameSv'),
    t('guidance.fu.csv.source'),
    t('region.fu.col.text'),
    t('followUp.legalShortcoming'),
    t('region.fu.col.due'),
    t('region.fu.col.status'),
    t('region.fu.overdue'),
    t('region.fu.csv.visitDate'),
    t('guidance.fu.csv.date'),
    t('guidance.fu.csv.channel'),
    t('region.csv.inspector'),
    t('region.area'),
    t('region.fu.csv.changedBy'),
    t('region.fu.csv.changedAt'),
  ];
  const body = rows.map((r): CsvValue[] => [
    r.municipality.id,
    r.municipality.name.fi,
    r.municipality.name.sv,
    t(r.source === 'guidance' ? 'guidance.fu.csv.fromGuidance' : 'guidance.fu.csv.fromVisit'),
    r.text,
    r.legalShortcoming ? t('region.yes') : t('region.no'),
    r.dueDate,
    t(`followUp.status.${r.status}`),
    r.overdue ? t('region.yes') : t('region.no'),
    r.visit?.date ?? null,
    r.guidance?.date ?? null,
    r.guidance ? t(`guidance.channel.${r.guidance.channel}`) : null,
    r.visit ? inspectorLabel(r.visit.inspectorId, me, t, directory) : r.guidance?.by ? inspectorLabel(r.guidance.by, me, t, directory) : null,
    r.areas.map((a) => t(`area.${a}`)).join(', '),
    r.updatedBy ? inspectorLabel(r.updatedBy, me, t, directory) : null,
    r.updatedAt,
  ]);
  return toCsv(header, body, { separator });
}

export function FollowUpRegisterPage() {
  const i18n = useI18n();
  const { t, lang, dateLocale } = i18n;
  const { db, session } = useSignedIn();
  const me = session.user;
  const { regionIds } = me;
  const directory = useDirectory();
  // Only for showing "overdue"; nothing is decided by the device's clock.
  const today = format(new Date(), 'yyyy-MM-dd');
  const ids = { area: useId(), municipality: useId(), inspector: useId(), status: useId(), from: useId(), to: useId(), text: useId(), aland: useId() };
  const [includeAland, setIncludeAland] = useState(false);

  const [filter, setFilter] = useState<FollowUpRegisterFilter>({ area: '', municipalityId: '', inspectorId: '', status: 'open', dueFrom: '', dueTo: '' });
  const set = <K extends keyof FollowUpRegisterFilter>(key: K, value: FollowUpRegisterFilter[K]) => setFilter((f) => ({ ...f, [key]: value }));
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const data = useLiveQuery(
    () => loadFollowUpRegister(db, { regionIds, today, lang, includeAland, inspectorId: me.id }),
    [db, regionIds.join(','), today, lang, includeAland, me.id],
  );

  const change = useAction(
    async (row: FollowUpRegisterRow, how: Change) => {
      const short = row.text.length > 80 ? `${row.text.slice(0, 80)}…` : row.text;
      if (how === 'carryOn') {
        if (!row.carryOnTo) return;
        await carryOnFollowUp(db, row.id, row.carryOnTo.id, me);
        setMessage({ text: t('region.fu.carried', { text: short, date: formatShortDate(row.carryOnTo.date, dateLocale) }), error: false });
        return;
      }
      if (row.source === 'guidance') await setGuidanceFollowUpStatus(db, row.id, how, me);
      else await setFollowUpStatus(db, row.id, how, me);
      setMessage({ text: t(how === 'done' ? 'region.fu.markedDone' : 'region.fu.dropped', { text: short }), error: false });
    },
    { log: 'A follow-up’s status could not be changed', onFailure: () => setMessage({ text: t('region.fu.failed'), error: true }) },
  );

  const rows = data.state === 'ready' ? data.value : [];
  // A bound still being typed is not applied.
  const applied = { ...filter, dueFrom: ISO_DATE.test(filter.dueFrom) ? filter.dueFrom : '', dueTo: ISO_DATE.test(filter.dueTo) ? filter.dueTo : '' };
  const shown = useMemo(
    () => filterFollowUpRegister(rows, applied),
    [rows, applied.area, applied.municipalityId, applied.inspectorId, applied.status, applied.dueFrom, applied.dueTo],
  );

  const municipalities = useMemo(() => {
    const byId = new Map(rows.map((r) => [r.municipality.id, municipalityName(r.municipality.name, lang)]));
    const collator = new Intl.Collator(lang);
    return [...byId].sort((a, b) => collator.compare(a[1], b[1]));
  }, [rows, lang]);
  const inspectors = useMemo(() => {
    const list = new Set<string>([me.id]);
    for (const r of rows) {
      if (r.visit) list.add(r.visit.inspectorId);
      if (r.guidance?.by) list.add(r.guidance.by);
    }
    const collator = new Intl.Collator(lang);
    return [...list].map((id) => [id, inspectorLabel(id, me, t, directory)] as const).sort((a, b) => collator.compare(a[1], b[1]));
  }, [rows, directory, me, t, lang]);

  const title = t('region.fu.title');
  const back = (
    <p class="back-link">
      <a href={regionPaths.coverage}>{t('region.fu.back')}</a>
    </p>
  );
  if (data.state !== 'ready') {
    return (
      <Page title={title} className="region-page">
        {back}
        <LiveState state={data.state} />
      </Page>
    );
  }
  const overdue = shown.filter((r) => r.overdue).length;
  const exportCsv = (separator: CsvSeparator) =>
    downloadText(`${t('region.fu.csv.fileWord')}-${today}.csv`, registerCsv(shown, separator, i18n, me, directory), 'text/csv;charset=utf-8');

  return (
    <Page title={title} className="region-page follow-up-register">
      {back}
      <form class="region-controls" aria-label={t('region.fu.filtersLabel')} onSubmit={(e) => e.preventDefault()}>
        <AreaSelect id={ids.area} label={t('region.area')} allLabel={t('region.allAreas')} value={filter.area} onChange={(a) => set('area', a)} />
        <ChoiceOfAll
          id={ids.municipality}
          label={t('region.fu.municipality')}
          allLabel={t('region.fu.allMunicipalities')}
          value={filter.municipalityId}
          options={municipalities}
          onChange={(v) => set('municipalityId', v)}
        />
        <ChoiceOfAll
          id={ids.inspector}
          label={t('region.fu.inspector')}
          allLabel={t('region.fu.allInspectors')}
          value={filter.inspectorId}
          options={inspectors}
          onChange={(v) => set('inspectorId', v)}
        />
        <div class="field">
          <label for={ids.status}>{t('region.fu.status')}</label>
          <select id={ids.status} value={filter.status} onChange={(e) => set('status', isOneOf(statuses, e.currentTarget.value) ? e.currentTarget.value : 'open')}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s === 'all' ? t('region.fu.status.all') : t(`followUp.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={ids.from}>{t('region.fu.dueFrom')}</label>
          <input id={ids.from} type="date" value={filter.dueFrom} max={filter.dueTo || undefined} onInput={(e) => set('dueFrom', e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.to}>{t('region.fu.dueTo')}</label>
          <input id={ids.to} type="date" value={filter.dueTo} min={filter.dueFrom || undefined} onInput={(e) => set('dueTo', e.currentTarget.value)} />
        </div>
        {regionIds.includes(ALAND_REGION_ID) && (
          <div class="check region-aland">
            <input id={ids.aland} type="checkbox" checked={includeAland} onChange={(e) => setIncludeAland(e.currentTarget.checked)} />
            <label for={ids.aland}>{t('region.includeAland')}</label>
          </div>
        )}
      </form>
      <CsvExport label={t('region.fu.csv.export')} disabled={shown.length === 0} onExport={exportCsv} />

      <p class="muted region-shown" aria-live="polite">
        {t('region.fu.shown', { count: shown.length, total: rows.length })}
        {overdue > 0 && <>, {t('region.fu.overdueCount', { count: overdue })}</>}
      </p>
      <p class={message?.error ? 'notice notice-error' : 'save-state'} role="status">
        {message?.text}
      </p>

      {rows.length === 0 ? (
        <p class="empty-state">{t('region.fu.none')}</p>
      ) : shown.length === 0 ? (
        <p class="empty-state">{t('region.fu.noneMatch')}</p>
      ) : (
        <div class="region-table-box" tabIndex={0} role="region" aria-labelledby={`${ids.text}-caption`}>
          <table class="region-table">
            <caption id={`${ids.text}-caption`}>{t('region.fu.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('region.fu.col.text')}</th>
                <th scope="col">{t('region.fu.col.municipality')}</th>
                <th scope="col">{t('guidance.fu.col.source')}</th>
                <th scope="col">{t('region.fu.col.due')}</th>
                <th scope="col">{t('region.fu.col.status')}</th>
                <th scope="col">{t('region.fu.col.changed')}</th>
                <th scope="col">{t('region.fu.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(renderRow)}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );

  // A plain function, not a component: a component declared in here would be a new type at each render,
  // and its rows would be mounted afresh (losing the focus of the button just pressed).
  function renderRow(r: FollowUpRegisterRow) {
    const textId = `${ids.text}-${r.id}`;
    const busy = change.running?.[0].id === r.id;
    const canChange = can(me, r.source === 'guidance' ? 'logGuidance' : 'closeFollowUp', { regionId: r.municipality.regionId });
    const onChange = (how: Change) => void change.run(r, how);
    return (
      <tr key={r.id}>
        <th scope="row" class="pre-line">
          <span id={textId}>{r.text}</span>
          {r.legalShortcoming && (
            <>
              {' '}
              <span class="kind-tag kind-deficiency">{t('followUp.legalShortcoming')}</span>
            </>
          )}
        </th>
        <td>
          <a href={municipalityPaths.municipality(r.municipality.id)}>{municipalityName(r.municipality.name, lang)}</a>
        </td>
        <td class="region-last">
          {r.guidance ? (
            <>
              <a href={municipalityPaths.municipality(r.municipality.id)}>{guidanceSource(r.guidance, i18n)}</a>
              <span class="region-visit-meta">
                {r.guidance.by && <>{inspectorLabel(r.guidance.by, me, t, directory)} · </>}
                {r.areas.map((a) => t(`area.${a}`)).join(', ')}
              </span>
            </>
          ) : r.visit ? (
            <>
              <a href={visitPaths.visit(r.visit.id)}>{formatShortDate(r.visit.date, dateLocale)}</a>
              <span class="region-visit-meta">
                {inspectorLabel(r.visit.inspectorId, me, t, directory)}
                {r.areas.length > 0 && <> · {r.areas.map((a) => t(`area.${a}`)).join(', ')}</>}
              </span>
            </>
          ) : (
            <span class="muted">{t('region.fu.noVisit')}</span>
          )}
        </td>
        <td class={r.overdue ? 'region-overdue' : undefined}>
          {r.dueDate ? formatShortDate(r.dueDate, dateLocale) : <span class="muted">{t('region.fu.noDue')}</span>}
          {r.overdue && <strong class="region-visit-meta">{t('region.fu.overdue')}</strong>}
        </td>
        <td>{t(`followUp.status.${r.status}`)}</td>
        <td>
          {r.pending ? (
            <span class="muted">{t('region.fu.changedHere')}</span>
          ) : r.updatedBy && r.updatedAt ? (
            t('region.fu.changedBy', { name: inspectorLabel(r.updatedBy, me, t, directory), time: formatDateTime(r.updatedAt, dateLocale) })
          ) : (
            t('region.fu.notChanged')
          )}
        </td>
        <td>
          {canChange && r.status === 'open' && (
            <span class="record-actions">
              <button type="button" class="button button-secondary" aria-describedby={textId} disabled={busy} onClick={() => onChange('done')}>
                {t('region.fu.markDone')}
              </button>{' '}
              <button type="button" class="button button-secondary" aria-describedby={textId} disabled={busy} onClick={() => onChange('dropped')}>
                {t('region.fu.drop')}
              </button>
              {r.carryOnTo && (
                <>
                  {' '}
                  <button type="button" class="button button-secondary" aria-describedby={textId} disabled={busy} onClick={() => onChange('carryOn')}>
                    {t('region.fu.carryOn', { date: formatShortDate(r.carryOnTo.date, dateLocale) })}
                  </button>
                </>
              )}
            </span>
          )}
        </td>
      </tr>
    );
  }
}

/** A labelled choice of one of `options` ([id, name]), or all of them (''). */
function ChoiceOfAll({
  id,
  label,
  allLabel,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  allLabel: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{allLabel}</option>
        {options.map(([optionId, name]) => (
          <option key={optionId} value={optionId}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
