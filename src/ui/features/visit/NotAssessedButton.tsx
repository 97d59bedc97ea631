// "Not assessed" beside a typed answer (a number, a date): a toggle that can only be turned on here; typing
// an answer is what turns it off.
import { useI18n } from '../../i18n/index.ts';

export function NotAssessedButton({ pressed, disabled, onChoose }: { pressed: boolean; disabled: boolean; onChoose: () => void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      class={`choice-button choice-na${pressed ? ' is-pressed' : ''}`}
      aria-pressed={pressed ? 'true' : 'false'}
      disabled={disabled}
      onClick={() => {
        if (!pressed) onChoose();
      }}
    >
      {pressed && (
        <span class="choice-check" aria-hidden="true">
          ✓
        </span>
      )}
      {t('answer.not_assessed')}
    </button>
  );
}
