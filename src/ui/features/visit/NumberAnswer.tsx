// A number typed as Finns write it (3,5), with its unit beside the field and its bounds checked as the
// user types, or "not assessed"; saved as the user types. Also a detail's number (no "not assessed").
import { useId, useState } from 'preact/hooks';
import { NOT_ASSESSED, type Text3 } from '../../../shared/reference.ts';
import { numberProblemText, parseAnswerNumber, type NumberRules } from '../../common/answer-labels.ts';
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
  label,
  rules = {},
  unit,
  allowNotAssessed = true,
}: {
  value: unknown;
  onSave: (value: number | typeof NOT_ASSESSED | null) => Promise<unknown>;
  readOnly: boolean;
  labelledBy?: string;
  /** The field's own label; the item's answer says what kind of number it takes. */
  label?: string;
  rules?: NumberRules;
  unit?: Text3 | undefined;
  allowNotAssessed?: boolean;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const track = useTrackSave();
  const [error, setError] = useState<string | null>(null);
  const stored = typeof value === 'number' ? String(value).replace('.', lang === 'en' ? '.' : ',') : '';
  const { draft, onInput, flush, reset } = useAutosave(stored, (text) => {
    const parsed = parseAnswerNumber(text, rules);
    // An invalid number is never saved; the message tells why and the stored value stays.
    return parsed.ok ? track(onSave(parsed.value)) : Promise.resolve();
  });
  const notAssessed = value === NOT_ASSESSED;
  const errorId = `${id}-error`;
  const unitId = `${id}-unit`;
  const min = rules.min ?? 0;
  const range = rules.max === undefined ? t('answer.rangeFrom', { min: String(min) }) : t('answer.range', { min: String(min), max: String(rules.max) });

  return (
    <div role={labelledBy ? 'group' : undefined} aria-labelledby={labelledBy} class="number-answer">
      <div class="field field-narrow">
        <label for={id}>
          {label ?? t('answer.numberLabel')} <span class="muted">({range})</span>
        </label>
        <div class="input-with-unit">
          <input
            id={id}
            type="text"
            inputMode="decimal"
            autocomplete="off"
            value={draft}
            readOnly={readOnly}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={[unit ? unitId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined}
            onInput={(e) => {
              const text = e.currentTarget.value;
              const parsed = parseAnswerNumber(text, rules);
              setError(parsed.ok ? null : numberProblemText(parsed, t, lang));
              onInput(text);
            }}
            onBlur={flush}
          />
          {unit && (
            <span class="input-unit" id={unitId}>
              {unit[lang]}
            </span>
          )}
        </div>
        <FieldError id={errorId} message={error} />
      </div>
      {allowNotAssessed && (
        <NotAssessedButton
          pressed={notAssessed}
          disabled={readOnly}
          onChoose={() => {
            setError(null);
            reset('');
            void track(onSave(NOT_ASSESSED));
          }}
        />
      )}
    </div>
  );
}
