// Large toggle buttons for one choice: yes / partly / no / not assessed, or 1–5 / not assessed.
import { NOT_ASSESSED } from '../../../shared/reference.ts';
import { useI18n } from '../../i18n/index.ts';

type ChoiceOption = { value: string | number; label: string };

export function ChoiceAnswer({
  options,
  value,
  onChoose,
  readOnly,
  labelledBy,
  describedBy,
  className,
}: {
  options: ChoiceOption[];
  value: string | number | null;
  onChoose: (value: string | number) => void;
  readOnly: boolean;
  labelledBy: string;
  describedBy?: string;
  className?: string;
}) {
  const { t } = useI18n();
  return (
    <div role="group" aria-labelledby={labelledBy} aria-describedby={describedBy} class={`choice-buttons ${className ?? ''}`}>
      {options.map((o) => {
        const pressed = o.value === value;
        return (
          <button
            key={String(o.value)}
            type="button"
            class={`choice-button${pressed ? ' is-pressed' : ''}${o.value === NOT_ASSESSED ? ' choice-na' : ''}`}
            aria-pressed={pressed ? 'true' : 'false'}
            disabled={readOnly}
            onClick={() => {
              if (!pressed) onChoose(o.value);
            }}
          >
            {pressed && (
              <span class="choice-check" aria-hidden="true">
                ✓
              </span>
            )}
            {o.label}
          </button>
        );
      })}
      {readOnly && value === null && <span class="muted">{t('answer.unanswered')}</span>}
    </div>
  );
}
