// The audit export of a period, for coordinators (their regions) and admins (every region, or one): from
// and to days, the region, the separator, and a CSV download of every change in the period, a row per
// changed field. It reads the server page by page, so offline it says that it needs a connection.
import { useId, useState } from 'preact/hooks';
import { format, subDays } from 'date-fns';
import { loadAuditNames } from '../../../db/audit-names.ts';
import { Page } from '../../common/Page.tsx';
import { downloadText } from '../../common/download.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useOnline } from '../../common/use-online.ts';
import { useI18n } from '../../i18n/index.ts';
import { regionPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { CsvExport } from '../../common/CsvExport.tsx';
import type { CsvSeparator } from '../../common/csv.ts';
import { ReadProblemNotice } from './ReadProblemNotice.tsx';
import { auditCsv } from './audit-csv.ts';
import { fetchHistoryExport } from './history-api.ts';
import { problemOf, type ReadProblem } from './use-server-read.ts';
import '../region/region.css';
import './history.css';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Outcome = { kind: 'done'; rows: number; file: string } | { kind: 'failed'; problem: ReadProblem } | { kind: 'loading'; rows: number } | null;

export function AuditExportPage() {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const me = session.user;
  const online = useOnline();
  const names = useLiveQuery(() => loadAuditNames(db), [db]);
  const today = format(new Date(), 'yyyy-MM-dd');
  const [from, setFrom] = useState(() => format(subDays(new Date(), 30), 'yyyy-MM-dd'));
  const [to, setTo] = useState(today);
  const [regionId, setRegionId] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const ids = { from: useId(), to: useId(), region: useId(), period: useId() };

  const regionChoices = names.state === 'ready' ? names.value.regions.filter((r) => me.role === 'admin' || me.regionIds.includes(r.id)) : [];
  const periodProblem = !ISO_DATE.test(from) || !ISO_DATE.test(to) ? t('history.export.datesMissing') : from > to ? t('history.export.periodReversed') : null;
  const busy = outcome?.kind === 'loading';

  const exportCsv = async (separator: CsvSeparator) => {
    if (periodProblem || busy || names.state !== 'ready') return;
    setOutcome({ kind: 'loading', rows: 0 });
    try {
      const rows = await fetchHistoryExport(session.token, { from, to, regionId: regionId || undefined }, { onPage: (n) => setOutcome({ kind: 'loading', rows: n }) });
      const file = `${t('history.export.fileWord')}-${from}-${to}${regionId ? `-${regionId}` : ''}.csv`;
      downloadText(file, auditCsv(rows, separator, { t, lang, municipalities: names.value.municipalities }), 'text/csv;charset=utf-8');
      setOutcome({ kind: 'done', rows: rows.length, file });
    } catch (error) {
      const problem = problemOf(error);
      if (problem === 'failed') console.warn('Tillsyn: the audit export failed', error);
      setOutcome({ kind: 'failed', problem });
    }
  };

  return (
    <Page title={t('history.export.title')} className="region-page audit-export">
      <p class="back-link">
        <a href={regionPaths.coverage}>{t('history.export.back')}</a>
      </p>
      <p class="lead">{t(me.role === 'admin' ? 'history.export.introAdmin' : 'history.export.intro')}</p>
      {!online && <p class="notice history-offline">{t('history.export.offline')}</p>}
      <form class="region-controls audit-controls" aria-label={t('history.export.formLabel')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for={ids.from}>{t('history.export.from')}</label>
          <input id={ids.from} type="date" value={from} max={to || undefined} aria-describedby={ids.period} onInput={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.to}>{t('history.export.to')}</label>
          <input id={ids.to} type="date" value={to} min={from || undefined} aria-describedby={ids.period} onInput={(e) => setTo(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.region}>{t('history.export.region')}</label>
          <select id={ids.region} value={regionId} onChange={(e) => setRegionId(e.currentTarget.value)}>
            <option value="">{t(me.role === 'admin' ? 'history.export.allRegions' : 'history.export.myRegions')}</option>
            {regionChoices.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name[lang]}
              </option>
            ))}
          </select>
        </div>
        <p id={ids.period} class={periodProblem ? 'field-error audit-period' : 'muted audit-period'}>
          {periodProblem ?? t('history.export.utc')}
        </p>
      </form>
      <CsvExport label={t('history.export.download')} disabled={busy || periodProblem !== null || names.state !== 'ready'} onExport={(s) => void exportCsv(s)} />
      <div role="status" class="audit-outcome">
        {outcome?.kind === 'loading' && <p class="save-state">{t('history.export.loading', { count: outcome.rows })}</p>}
        {outcome?.kind === 'done' && <p class="save-state">{t('history.export.done', { count: outcome.rows, file: outcome.file })}</p>}
        {outcome?.kind === 'failed' && <ReadProblemNotice problem={outcome.problem} kept={false} />}
      </div>
    </Page>
  );
}
