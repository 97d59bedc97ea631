// The municipalities of the user's regions, from the reference data the first sync brings.
import { useId, useMemo, useState } from 'preact/hooks';
import { ALAND_REGION_ID, countMunicipalities, listMunicipalities, municipalityName, type MunicipalityRow } from '../../../db/queries.ts';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n } from '../../i18n/index.ts';
import { municipalityPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import './municipality.css';

/** Case- and accent-insensitive, so "pedersore" finds Pedersöre; both languages' names count. */
function matches(m: MunicipalityRow, query: string, lang: string): boolean {
  const fold = (s: string) => s.toLocaleLowerCase(lang).normalize('NFD').replace(/\p{M}/gu, '');
  const q = fold(query.trim());
  return q === '' || fold(m.name.fi).includes(q) || fold(m.name.sv).includes(q) || m.id.startsWith(q);
}

export function MunicipalitiesPage() {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const { regionIds } = session.user;
  const [query, setQuery] = useState('');
  const [includeAland, setIncludeAland] = useState(false);
  const searchId = useId();
  const alandId = useId();

  const data = useLiveQuery(
    async () => ({
      rows: await listMunicipalities(db, { regionIds, includeAland, lang }),
      total: await countMunicipalities(db),
    }),
    [db, regionIds.join(','), includeAland, lang],
  );
  const shown = useMemo(() => (data.state === 'ready' ? data.value.rows.filter((m) => matches(m, query, lang)) : []), [data, query, lang]);

  if (data.state !== 'ready') {
    return (
      <Page title={t('nav.municipalities')}>
        <LiveState state={data.state} />
      </Page>
    );
  }
  if (data.value.total === 0) {
    return (
      <Page title={t('nav.municipalities')}>
        <p class="empty-state">{t('municipalities.noReferenceData')}</p>
      </Page>
    );
  }
  const other = lang === 'sv' ? 'fi' : 'sv';
  return (
    <Page title={t('nav.municipalities')}>
      <div class="toolbar">
        <div class="field">
          <label for={searchId}>{t('municipalities.search')}</label>
          <input id={searchId} type="search" value={query} autocomplete="off" onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
        {regionIds.includes(ALAND_REGION_ID) && (
          <div class="check">
            <input id={alandId} type="checkbox" checked={includeAland} onChange={(e) => setIncludeAland(e.currentTarget.checked)} />
            <label for={alandId}>{t('municipalities.includeAland')}</label>
          </div>
        )}
      </div>
      <p class="muted" aria-live="polite">
        {t('municipalities.count', { count: shown.length })}
      </p>
      {shown.length === 0 ? (
        <p class="empty-state">{query.trim() ? t('municipalities.noMatch', { query: query.trim() }) : t('municipalities.noneInRegions')}</p>
      ) : (
        <ul class="card-list municipality-list" aria-label={t('nav.municipalities')}>
          {shown.map((m) => (
            <li key={m.id} class="card municipality-card">
              <p class="municipality-name">
                <a href={municipalityPaths.municipality(m.id)} class="card-link">
                  {municipalityName(m.name, lang)}
                </a>
              </p>
              <p class="muted">
                {m.name[other] !== municipalityName(m.name, lang) && <span lang={other}>{m.name[other]} · </span>}
                {lang === 'sv' ? m.province.sv : m.province.fi}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
