// A labelled choice of one area, or all of them (''): the visits list's filter and the region's page.
import { areas, isOneOf, type Area } from '../../shared/vocabulary.ts';
import { useI18n } from '../i18n/index.ts';

export function AreaSelect({ id, label, allLabel, value, onChange }: { id: string; label: string; allLabel: string; value: Area | ''; onChange: (area: Area | '') => void }) {
  const { t } = useI18n();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(isOneOf(areas, e.currentTarget.value) ? e.currentTarget.value : '')}>
        <option value="">{allLabel}</option>
        {areas.map((a) => (
          <option key={a} value={a}>
            {t(`area.${a}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
