// Choosing a municipality by typing part of its Finnish or Swedish name; the list is plain radio buttons,
// so it works with any keyboard, switch or screen reader.
import { useId, useMemo, useState } from 'preact/hooks';
import { ALAND_REGION_ID, municipalityName } from '../../../db/queries.ts';
import type { Municipality } from '../../../db/visit-queries.ts';
import { useI18n } from '../../i18n/index.ts';
import { fold } from './visit-groups.ts';
import { FieldError } from '../../common/FieldError.tsx';

export function MunicipalityPicker({
  municipalities,
  value,
  onChange,
  canIncludeAland,
  includeAland,
  onIncludeAland,
  error,
  searchId,
}: {
  municipalities: Municipality[];
  value: string;
  onChange: (id: string) => void;
  canIncludeAland: boolean;
  includeAland: boolean;
  onIncludeAland: (include: boolean) => void;
  error: string | null;
  /** The search box's id, so the form can move focus to it when nothing is chosen. */
  searchId: string;
}) {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  const id = useId();
  const errorId = `${id}-error`;
  const other = lang === 'sv' ? 'fi' : 'sv';

  const shown = useMemo(() => {
    const collator = new Intl.Collator(lang);
    const q = fold(query.trim(), lang);
    return municipalities
      .filter((m) => m.id === value || q === '' || fold(m.name.fi, lang).includes(q) || fold(m.name.sv, lang).includes(q))
      .sort((a, b) => collator.compare(municipalityName(a.name, lang), municipalityName(b.name, lang)));
  }, [municipalities, query, value, lang]);

  return (
    <fieldset class="fieldset" aria-describedby={error ? errorId : undefined}>
      <legend>{t('plan.municipality')}</legend>
      <div class="field">
        <label for={searchId}>{t('plan.municipalitySearch')}</label>
        <input
          id={searchId}
          type="search"
          value={query}
          autocomplete="off"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? errorId : `${id}-hint`}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <p id={`${id}-hint`} class="hint">
          {t('plan.municipalitySearchHint')}
        </p>
      </div>
      {canIncludeAland && (
        <div class="check">
          <input id={`${id}-aland`} type="checkbox" checked={includeAland} onChange={(e) => onIncludeAland(e.currentTarget.checked)} />
          <label for={`${id}-aland`}>{t('municipalities.includeAland')}</label>
        </div>
      )}
      <FieldError id={errorId} message={error} />
      {shown.length === 0 ? (
        <p class="muted">{municipalities.length === 0 ? t('plan.noMunicipalities') : t('municipalities.noMatch', { query: query.trim() })}</p>
      ) : (
        <ul class="choice-list municipality-choices" aria-label={t('plan.municipalityList')}>
          {shown.map((m) => {
            const name = municipalityName(m.name, lang);
            return (
              <li key={m.id}>
                <input
                  type="radio"
                  id={`${id}-${m.id}`}
                  name={`${id}-municipality`}
                  value={m.id}
                  checked={m.id === value}
                  onChange={() => onChange(m.id)}
                />
                <label for={`${id}-${m.id}`}>
                  {name}
                  {m.name[other] !== name && (
                    <span class="muted" lang={other}>
                      {' '}
                      – {m.name[other]}
                    </span>
                  )}
                  {m.regionId === ALAND_REGION_ID && <span class="muted"> ({t('plan.aland')})</span>}
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
