// The gaps in the contact network: the municipalities of the user's regions with no active contact
// person for an area, with the count per area; a choice of area narrows the table to its gaps.
import { useId, useMemo, useState } from 'preact/hooks';
import { compileContactGaps, loadContactDirectory } from '../../../db/contact-directory.ts';
import { ALAND_REGION_ID, municipalityName } from '../../../db/queries.ts';
import { supervisionAreas, type SupervisionArea } from '../../../shared/vocabulary.ts';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n } from '../../i18n/index.ts';
import { municipalityPaths, networkPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import '../region/region.css';
import './network.css';

export function NetworkGapsPage() {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const { regionIds } = session.user;
  const alandId = useId();
  const [includeAland, setIncludeAland] = useState(false);
  const [area, setArea] = useState<SupervisionArea | ''>('');
  const data = useLiveQuery(() => loadContactDirectory(db, regionIds, lang), [db, regionIds.join(','), lang]);
  const gaps = useMemo(() => (data.state === 'ready' ? compileContactGaps(data.value, { includeAland }) : null), [data, includeAland]);

  const title = t('network.gaps.title');
  const back = (
    <p class="back-link">
      <a href={networkPaths.directory}>{t('network.gaps.back')}</a>
    </p>
  );
  if (!gaps) {
    return (
      <Page title={title} className="network-page">
        {back}
        <LiveState state={data.state === 'ready' ? 'loading' : data.state} />
      </Page>
    );
  }
  const rows = area === '' ? gaps.rows : gaps.rows.filter((r) => r.missing.includes(area));

  return (
    <Page title={title} className="network-page">
      {back}
      {regionIds.includes(ALAND_REGION_ID) && (
        <div class="check region-aland">
          <input id={alandId} type="checkbox" checked={includeAland} onChange={(e) => setIncludeAland(e.currentTarget.checked)} />
          <label for={alandId}>{t('network.includeAland')}</label>
        </div>
      )}
      <fieldset class="region-filters">
        <legend>{t('network.gaps.filter', { count: gaps.municipalities })}</legend>
        <div class="region-filter-options">
          <label class={area === '' ? 'region-filter current' : 'region-filter'}>
            <input type="radio" name="gap-area" checked={area === ''} onChange={() => setArea('')} />
            <span>{t('network.gaps.any')}</span>
            <span class="region-filter-count">{gaps.rows.length}</span>
          </label>
          {supervisionAreas.map((a) => (
            <label key={a} class={area === a ? 'region-filter current' : 'region-filter'}>
              <input type="radio" name="gap-area" checked={area === a} onChange={() => setArea(a)} />
              <span>{t(`area.${a}`)}</span>
              <span class="region-filter-count">{gaps.perArea[a]}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {rows.length === 0 ? (
        <p class="empty-state">{t('network.gaps.none')}</p>
      ) : (
        <div class="region-table-box" tabIndex={0} role="region" aria-labelledby="network-gaps-caption">
          <table class="region-table">
            <caption id="network-gaps-caption">{t('network.gaps.caption', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('network.municipality')}</th>
                {supervisionAreas.map((a) => (
                  <th key={a} scope="col">
                    {t(`area.${a}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.municipality.id}>
                  <th scope="row">
                    <a href={municipalityPaths.municipality(r.municipality.id)}>{municipalityName(r.municipality.name, lang)}</a>
                  </th>
                  {supervisionAreas.map((a) =>
                    r.missing.includes(a) ? (
                      <td key={a} class="network-gap">
                        {t('network.gaps.missing')}
                      </td>
                    ) : (
                      <td key={a}>{t('network.gaps.present')}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
