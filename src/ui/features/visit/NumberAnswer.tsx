// A number of zero or more, typed as Finns write it (3,5), or "not assessed"; saved as the user types.
import { useId, useState } from 'preact/hooks';
import { NOT_ASSESSED } from '../../../shared/reference.ts';
import { parseAnswerNumber } from '../../common/answer-labels.ts';
import { useAutosave } from '../../common/use-autosave.ts';
import { useTrackSave } from '../../common/use-save-tracker.ts';
import { useI18n } from '../../i18n/index.ts';
import { FieldError } from '../../common/FieldError.tsx';
import { NotAssessedButton } from './NotAssessedButton.tsx';

export function NumberAnswer({
  value,
  onSave,
  readOnly,
  labelledBy,
}: {
  value: string | number | null;
  onSave: (value: number | typeof NOT_ASSESSED | null) => Promise<unknown>;
  readOnly: boolean;
  labelledBy: string;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const track = useTrackSave();
  const [error, setError] = useState<string | null>(null);
  const stored = typeof value === 'number' ? String(value).replace('.', lang === 'en' ? '.' : ',') : '';
  const { draft, onInput, flush, reset } = useAutosave(stored, (text) => {
    const parsed = parseAnswerNumber(text);
    // An invalid number is never saved; the message tells why and the stored value stays.
    return parsed.ok ? track(onSave(parsed.value)) : Promise.resolve();
  });
  const notAssessed = value === NOT_ASSESSED;
  const errorId = `${id}-error`;

  return (
    <div role="group" aria-labelledby={labelledBy} class="number-answer">
      <div class="field field-narrow">
        <label for={id}>{t('answer.numberLabel')}</label>
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autocomplete="off"
          value={draft}
          readOnly={readOnly}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? errorId : undefined}
          onInput={(e) => {
            const text = e.currentTarget.value;
            const parsed = parseAnswerNumber(text);
            setError(parsed.ok ? null : t(parsed.reason === 'negative' ? 'answer.error.negative' : 'answer.error.number'));
            onInput(text);
          }}
          onBlur={flush}
        />
        <FieldError id={errorId} message={error} />
      </div>
      <NotAssessedButton
        pressed={notAssessed}
        disabled={readOnly}
        onChoose={() => {
          setError(null);
          reset('');
          void track(onSave(NOT_ASSESSED));
        }}
      />
    </div>
  );
}
