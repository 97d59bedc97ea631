// The separator choice and the export button of a CSV download. Until the user chooses, the separator
// is the one Excel expects in the UI's language: a semicolon in Finnish and Swedish, a comma in English.
import { useId, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import type { CsvSeparator } from './csv.ts';
import './csv-export.css';

export function CsvExport({ label, disabled = false, onExport }: { label: string; disabled?: boolean; onExport: (separator: CsvSeparator) => void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [chosen, setChosen] = useState<CsvSeparator | null>(null);
  const separator = chosen ?? (lang === 'en' ? ',' : ';');
  return (
    <div class="csv-export">
      <div class="field">
        <label for={id}>{t('csv.separator')}</label>
        <select id={id} value={separator} onChange={(e) => setChosen(e.currentTarget.value === ',' ? ',' : ';')}>
          <option value=";">{t('csv.semicolon')}</option>
          <option value=",">{t('csv.comma')}</option>
        </select>
      </div>
      <button type="button" class="button button-secondary" onClick={() => onExport(separator)} disabled={disabled}>
        {label}
      </button>
    </div>
  );
}
