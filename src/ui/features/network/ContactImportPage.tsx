// Importing the region's contact spreadsheet: choose a CSV file (UTF-8 or Windows-1252, comma or
// semicolon), map its columns to the fields (the mapping is offered again for the same header), give the
// areas of rows that name none, and see every row with its problems in words. Rows that match an
// existing contact are left out unless the user asks to merge them. Only rows without problems are
// written, all in one local transaction; cancelling writes nothing.
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { importContacts } from '../../../db/contacts.ts';
import { loadContactDirectory, loadEveryMunicipality, type DirectoryEntry } from '../../../db/contact-directory.ts';
import { readFamilyMember, writeFamilyMember } from '../../../db/meta.ts';
import { municipalityName } from '../../../db/queries.ts';
import { can } from '../../../shared/policy.ts';
import { supervisionAreas, type SupervisionArea } from '../../../shared/vocabulary.ts';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { useAction } from '../../common/use-action.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { networkPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { checkRows, decodeCsv, guessMapping, importFields, parseCsv, type CheckedRow, type ColumnMapping, type ParsedCsv, type RowProblem } from './contact-csv.ts';
import '../region/region.css';
import './network.css';

/** Rows shown at a time: a 5,000-row file stays responsive; more on request. */
const PAGE = 200;
const views = ['all', 'problems', 'duplicates', 'ready'] as const;
type View = (typeof views)[number];

type Loaded = { fileName: string; parsed: ParsedCsv; encoding: string };

function problemText({ t }: I18n, p: RowProblem): string {
  switch (p.field) {
    case 'municipality':
      return t(`network.import.problem.municipality.${p.code}`, { value: p.value ?? '' });
    case 'areas':
      return t(`network.import.problem.areas.${p.code}`, { value: p.value ?? '' });
    case 'email':
    case 'phone':
    case 'active':
      return t(`network.import.problem.${p.field}`, { value: p.value });
    case 'row':
      return t('network.import.problem.sameAsRow', { row: p.row });
    case 'name':
      return t(`network.import.problem.name.${p.code}`);
    default:
      return t('network.import.problem.tooLong', { field: t(`network.field.${p.field}`) });
  }
}

export function ContactImportPage() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { db, session } = useSignedIn();
  const me = session.user;
  const ids = { file: useId(), view: useId() };
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  // Null until the file's mapping is read (remembered or guessed): no preview flashes with no columns.
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [defaultAreas, setDefaultAreas] = useState<SupervisionArea[]>([]);
  const [merge, setMerge] = useState<ReadonlySet<number>>(new Set());
  const [view, setView] = useState<View>('all');
  const [limit, setLimit] = useState(PAGE);
  const [result, setResult] = useState<{ created: number; merged: number } | null>(null);

  const data = useLiveQuery(
    async () => {
      const [directory, every] = await Promise.all([loadContactDirectory(db, me.regionIds, lang), loadEveryMunicipality(db)]);
      return { ...directory, every };
    },
    [db, me.regionIds.join(','), lang],
  );
  const directory = data.state === 'ready' ? data.value : null;
  const byId = useMemo(() => new Map((directory?.entries ?? []).map((e) => [e.id, e])), [directory]);

  const checked = useMemo(() => {
    if (!loaded || !directory || !mapping) return [];
    const writable = [...new Set(directory.municipalities.map((m) => m.regionId))].filter((r) => can(me, 'editContacts', { regionId: r }));
    return checkRows(loaded.parsed, mapping, { municipalities: directory.every, regionIds: writable, contacts: directory.entries, defaultAreas });
  }, [loaded, directory, mapping, defaultAreas, me]);
  useEffect(() => {
    if (checked.length > 0 && performance.getEntriesByName?.('tillsyn:import:start').length) {
      performance.measure?.('tillsyn:import:preview', 'tillsyn:import:start');
      performance.clearMarks?.('tillsyn:import:start');
    }
  }, [checked]);

  // The mapping used last time for a file with this header, else the one the header suggests.
  useEffect(() => {
    if (!loaded) return;
    let current = true;
    void readFamilyMember(db, 'contactImport', loaded.parsed.header.join('\u001f')).then((remembered) => {
      if (current) setMapping(remembered ?? guessMapping(loaded.parsed.header));
    });
    return () => {
      current = false;
    };
  }, [db, loaded]);

  const chooseFile = async (file: File | undefined) => {
    // From the file chosen to its preview on screen (`tillsyn:import:preview`, read by `npm run bench`).
    if (file) performance.mark?.('tillsyn:import:start');
    setResult(null);
    setReadError(null);
    setLoaded(null);
    setMapping(null);
    setMerge(new Set());
    setLimit(PAGE);
    if (!file) return;
    try {
      const { text, encoding } = decodeCsv(new Uint8Array(await file.arrayBuffer()));
      const parsed = parseCsv(text);
      if (parsed.header.length === 0 || parsed.rows.length === 0) setReadError(t('network.import.empty', { name: file.name }));
      else setLoaded({ fileName: file.name, parsed, encoding });
    } catch (e) {
      console.error('A contact spreadsheet could not be read', e);
      setReadError(t('network.import.unreadable', { name: file.name }));
    }
  };

  const ready = checked.filter((r) => r.fields !== null && (r.duplicateOf === null || merge.has(r.row)));
  const save = useAction(
    async () => {
      if (!loaded) return;
      const rows = ready.map((r) => ({ fields: r.fields!, mergeInto: r.duplicateOf !== null && merge.has(r.row) ? r.duplicateOf : null }));
      const done = await importContacts(db, rows, me);
      if (mapping) await writeFamilyMember(db, 'contactImport', loaded.parsed.header.join('\u001f'), mapping as Record<string, number>);
      setResult(done);
      setLoaded(null);
    },
    { log: 'Contacts could not be imported' },
  );

  const title = t('network.import.title');
  const back = (
    <p class="back-link">
      <a href={networkPaths.directory}>{t('network.import.back')}</a>
    </p>
  );
  if (!directory) {
    return (
      <Page title={title} className="network-page">
        {back}
        <LiveState state={data.state === 'ready' ? 'loading' : data.state} />
      </Page>
    );
  }

  const counts: Record<View, number> = {
    all: checked.length,
    problems: checked.filter((r) => r.problems.length > 0).length,
    duplicates: checked.filter((r) => r.problems.length === 0 && r.duplicateOf !== null).length,
    ready: checked.filter((r) => r.problems.length === 0 && r.duplicateOf === null).length,
  };
  const inView = checked.filter(
    (r) =>
      view === 'all' ||
      (view === 'problems' && r.problems.length > 0) ||
      (view === 'duplicates' && r.problems.length === 0 && r.duplicateOf !== null) ||
      (view === 'ready' && r.problems.length === 0 && r.duplicateOf === null),
  );
  const toMerge = ready.filter((r) => r.duplicateOf !== null).length;

  return (
    <Page title={title} className="network-page">
      {back}
      {result && (
        <p class="notice" role="status">
          {t('network.import.done', { count: result.created })} {result.merged > 0 && t('network.import.doneMerged', { count: result.merged })}{' '}
          <a href={networkPaths.directory}>{t('network.import.toDirectory')}</a>
        </p>
      )}
      <section class="region-section" aria-labelledby="import-file-title">
        <h2 id="import-file-title">{t('network.import.fileTitle')}</h2>
        <p class="muted">{t('network.import.fileHint')}</p>
        <div class="field">
          <label for={ids.file}>{t('network.import.file')}</label>
          <input id={ids.file} type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void chooseFile(e.currentTarget.files?.[0])} />
        </div>
        {readError && (
          <p class="notice notice-error" role="alert">
            {readError}
          </p>
        )}
        {loaded && (
          <p>
            {t('network.import.fileRead', {
              name: loaded.fileName,
              count: loaded.parsed.rows.length,
              encoding: loaded.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252',
              separator: loaded.parsed.separator === ';' ? t('network.import.semicolon') : loaded.parsed.separator === ',' ? t('network.import.comma') : t('network.import.tab'),
            })}
          </p>
        )}
      </section>

      {loaded && mapping && (
        <>
          <section class="region-section" aria-labelledby="import-mapping-title">
            <h2 id="import-mapping-title">{t('network.import.mappingTitle')}</h2>
            <div class="network-mapping">
              {importFields.map((field) => (
                <MappingSelect key={field} field={field} header={loaded.parsed.header} value={mapping[field]} onChange={(v) => setMapping((m) => withColumn(m ?? {}, field, v))} />
              ))}
            </div>
            <fieldset class="network-default-areas">
              <legend>{t('network.import.defaultAreas')}</legend>
              {supervisionAreas.map((a) => (
                <label key={a} class="check">
                  <input
                    type="checkbox"
                    checked={defaultAreas.includes(a)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setDefaultAreas((list) => (on ? [...list, a] : list.filter((x) => x !== a)));
                    }}
                  />
                  <span>{t(`area.${a}`)}</span>
                </label>
              ))}
            </fieldset>
          </section>

          <section class="region-section" aria-labelledby="import-preview-title">
            <h2 id="import-preview-title">{t('network.import.previewTitle')}</h2>
            <fieldset class="region-filters">
              <legend>{t('network.import.view')}</legend>
              <div class="region-filter-options">
                {views.map((v) => (
                  <label key={v} class={view === v ? 'region-filter current' : 'region-filter'}>
                    <input type="radio" name={ids.view} checked={view === v} onChange={() => (setView(v), setLimit(PAGE))} />
                    <span>{t(`network.import.view.${v}`)}</span>
                    <span class="region-filter-count">{counts[v]}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            {counts.duplicates > 0 && (
              <p>
                <button
                  type="button"
                  class="button button-secondary"
                  onClick={() => setMerge(toMerge === counts.duplicates ? new Set() : new Set(checked.filter((r) => r.fields && r.duplicateOf).map((r) => r.row)))}
                >
                  {toMerge === counts.duplicates ? t('network.import.mergeNone') : t('network.import.mergeAll', { count: counts.duplicates })}
                </button>
              </p>
            )}
            <div class="region-table-box" tabIndex={0} role="region" aria-labelledby="import-caption">
              <table class="region-table network-preview">
                <caption id="import-caption">{t('network.import.caption', { count: inView.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('network.import.col.row')}</th>
                    <th scope="col">{t('network.field.name')}</th>
                    <th scope="col">{t('network.field.municipality')}</th>
                    <th scope="col">{t('network.field.areas')}</th>
                    <th scope="col">{t('network.import.col.contact')}</th>
                    <th scope="col">{t('network.import.col.result')}</th>
                  </tr>
                </thead>
                <tbody>{inView.slice(0, limit).map((r) => previewRow(r))}</tbody>
              </table>
            </div>
            {inView.length > limit && (
              <p>
                <button type="button" class="button button-secondary" onClick={() => setLimit((n) => n + PAGE)}>
                  {t('network.import.more', { count: Math.min(PAGE, inView.length - limit), left: inView.length - limit })}
                </button>
              </p>
            )}
          </section>

          <div class="network-import-actions">
            {save.failed && (
              <p class="notice notice-error" role="alert">
                {t('network.import.failed')}
              </p>
            )}
            <button type="button" class="button button-primary" disabled={ready.length === 0 || save.busy} onClick={() => void save.run()}>
              {t('network.import.import', { count: ready.length })}
            </button>
            <button type="button" class="button button-secondary" onClick={() => void chooseFile(undefined)}>
              {t('network.import.cancel')}
            </button>
          </div>
        </>
      )}
    </Page>
  );

  function previewRow(r: CheckedRow) {
    const fields = r.fields;
    const duplicate: DirectoryEntry | undefined = r.duplicateOf ? byId.get(r.duplicateOf) : undefined;
    const municipality = fields ? directory!.municipalities.find((m) => m.id === fields.municipalityId) : undefined;
    return (
      <tr key={r.row} class={r.problems.length > 0 ? 'network-row-problem' : undefined}>
        <td class="region-num">{r.row}</td>
        <th scope="row">{fields?.name ?? (cellOf(r, 'name') || `${cellOf(r, 'firstName')} ${cellOf(r, 'lastName')}`.trim() || t('network.import.noName'))}</th>
        <td>{municipality ? municipalityName(municipality.name, lang) : cellOf(r, 'municipality')}</td>
        <td>{fields ? fields.areas.map((a) => t(`area.${a}`)).join(', ') : cellOf(r, 'areas')}</td>
        <td>{[fields?.email, fields?.phone].filter(Boolean).join(', ')}</td>
        <td>
          {r.problems.length > 0 ? (
            <ul class="network-problems">
              {r.problems.map((p, i) => (
                <li key={i}>{problemText(i18n, p)}</li>
              ))}
            </ul>
          ) : duplicate ? (
            <label class="check">
              <input
                type="checkbox"
                checked={merge.has(r.row)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setMerge((set) => {
                    const next = new Set(set);
                    if (on) next.add(r.row);
                    else next.delete(r.row);
                    return next;
                  });
                }}
              />
              <span>{t('network.import.mergeInto', { name: duplicate.name })}</span>
            </label>
          ) : (
            t('network.import.ready')
          )}
        </td>
      </tr>
    );
  }

  function cellOf(r: CheckedRow, field: 'name' | 'firstName' | 'lastName' | 'municipality' | 'areas'): string {
    const index = mapping?.[field];
    const row = loaded?.parsed.rows.find((x) => x.row === r.row);
    return index === undefined || !row ? '' : (row.cells[index] ?? '');
  }
}

/** The mapping with `field` taken from column `index` (undefined: from none); a column feeds one field. */
function withColumn(mapping: ColumnMapping, field: keyof ColumnMapping, index: number | undefined): ColumnMapping {
  const next: ColumnMapping = {};
  for (const [f, i] of Object.entries(mapping) as [keyof ColumnMapping, number][]) if (f !== field && i !== index) next[f] = i;
  if (index !== undefined) next[field] = index;
  return next;
}

function MappingSelect({ field, header, value, onChange }: { field: keyof ColumnMapping; header: readonly string[]; value: number | undefined; onChange: (index: number | undefined) => void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{t(`network.field.${field}`)}</label>
      <select id={id} value={value === undefined ? '' : String(value)} onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))}>
        <option value="">{t('network.import.noColumn')}</option>
        {header.map((h, i) => (
          <option key={i} value={String(i)}>
            {h || t('network.import.columnN', { n: i + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}
