// The visits list's search and filters: area, municipality and status, all as plain labelled controls.
import { useId } from 'preact/hooks';
import { isOneOf, visitStatuses } from '../../../shared/vocabulary.ts';
import { AreaSelect } from '../../common/AreaSelect.tsx';
import { useI18n } from '../../i18n/index.ts';
import type { VisitFilter } from './visit-groups.ts';

export function VisitFilters({
  filter,
  onChange,
  municipalities,
}: {
  filter: VisitFilter;
  onChange: (filter: VisitFilter) => void;
  municipalities: { id: string; name: string }[];
}) {
  const { t } = useI18n();
  const id = useId();
  const set = (patch: Partial<VisitFilter>) => onChange({ ...filter, ...patch });
  return (
    <div class="filters" role="search" aria-label={t('visits.filtersLabel')}>
      <div class="field filter-search">
        <label for={`${id}-q`}>{t('visits.search')}</label>
        <input id={`${id}-q`} type="search" value={filter.query} autocomplete="off" onInput={(e) => set({ query: e.currentTarget.value })} />
      </div>
      <AreaSelect id={`${id}-area`} label={t('visits.filterArea')} allLabel={t('visits.filterAll')} value={filter.area} onChange={(area) => set({ area })} />
      <div class="field">
        <label for={`${id}-m`}>{t('visits.filterMunicipality')}</label>
        <select id={`${id}-m`} value={filter.municipalityId} onChange={(e) => set({ municipalityId: e.currentTarget.value })}>
          <option value="">{t('visits.filterAll')}</option>
          {municipalities.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-s`}>{t('visits.filterStatus')}</label>
        <select
          id={`${id}-s`}
          value={filter.status}
          onChange={(e) => {
            const status = e.currentTarget.value;
            set({ status: isOneOf(visitStatuses, status) ? status : '' });
          }}
        >
          <option value="">{t('visits.filterAllButCancelled')}</option>
          {visitStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`visitStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
