// A date, or "not assessed"; the browser's date field gives a complete date or none. Also a detail's date.
import { useId } from 'preact/hooks';
import { NOT_ASSESSED } from '../../../shared/reference.ts';
import { useTrackSave } from '../../common/use-save-tracker.ts';
import { useI18n } from '../../i18n/index.ts';
import { NotAssessedButton } from './NotAssessedButton.tsx';

export function DateAnswer({
  value,
  onSave,
  readOnly,
  labelledBy,
  label,
  allowNotAssessed = true,
}: {
  value: unknown;
  onSave: (value: string | null) => Promise<unknown>;
  readOnly: boolean;
  labelledBy?: string;
  label?: string;
  allowNotAssessed?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const track = useTrackSave();
  const notAssessed = value === NOT_ASSESSED;
  const date = typeof value === 'string' && value !== NOT_ASSESSED ? value : '';
  return (
    <div role={labelledBy ? 'group' : undefined} aria-labelledby={labelledBy} class="number-answer">
      <div class="field field-narrow">
        <label for={id}>{label ?? t('answer.dateLabel')}</label>
        <input
          id={id}
          type="date"
          value={date}
          readOnly={readOnly}
          // `change` fires for a complete date or a cleared field, never for half a date.
          onChange={(e) => void track(onSave(e.currentTarget.value || null))}
        />
      </div>
      {allowNotAssessed && <NotAssessedButton pressed={notAssessed} disabled={readOnly} onChoose={() => void track(onSave(NOT_ASSESSED))} />}
    </div>
  );
}
