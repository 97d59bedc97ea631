// Large toggle buttons of which several may be on (an item's or a detail's `choices`), and "not assessed"
// for an item. Each press saves the whole list at once.
import { useRef, useState } from 'preact/hooks';
import { NOT_ASSESSED, type Text3 } from '../../../shared/reference.ts';
import { useTrackSave } from '../../common/use-save-tracker.ts';
import { useI18n } from '../../i18n/index.ts';

export function MultiChoiceAnswer({
  options,
  value,
  onSave,
  readOnly,
  labelledBy,
  allowNotAssessed,
}: {
  options: readonly { id: string; label: Text3 }[];
  value: unknown;
  onSave: (value: string[] | typeof NOT_ASSESSED) => Promise<unknown>;
  readOnly: boolean;
  labelledBy: string;
  allowNotAssessed: boolean;
}) {
  const { t, lang } = useI18n();
  const track = useTrackSave();
  const stored = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  // Presses count from the list as last pressed, not as last stored: a second press before the first
  // is read back must not undo it.
  const pressed = useRef<string[] | null>(null);
  const [, rerender] = useState(0);
  if (pressed.current && pressed.current.join() === stored.join()) pressed.current = null;
  const chosen = pressed.current ?? stored;
  const notAssessed = value === NOT_ASSESSED && pressed.current === null;
  const toggle = (id: string) => {
    const next = chosen.includes(id) ? chosen.filter((c) => c !== id) : options.map((o) => o.id).filter((o) => o === id || chosen.includes(o));
    pressed.current = next;
    rerender((n) => n + 1);
    void track(onSave(next));
  };
  return (
    <div role="group" aria-labelledby={labelledBy} class="choice-buttons choice-multi">
      {options.map((o) => {
        const pressed = chosen.includes(o.id);
        return (
          <button
            key={o.id}
            type="button"
            class={`choice-button${pressed ? ' is-pressed' : ''}`}
            aria-pressed={pressed ? 'true' : 'false'}
            disabled={readOnly}
            onClick={() => toggle(o.id)}
          >
            {pressed && (
              <span class="choice-check" aria-hidden="true">
                ✓
              </span>
            )}
            {o.label[lang]}
          </button>
        );
      })}
      {allowNotAssessed && (
        <button
          type="button"
          class={`choice-button choice-na${notAssessed ? ' is-pressed' : ''}`}
          aria-pressed={notAssessed ? 'true' : 'false'}
          disabled={readOnly}
          onClick={() => {
            if (notAssessed) return;
            pressed.current = null;
            void track(onSave(NOT_ASSESSED));
          }}
        >
          {notAssessed && (
            <span class="choice-check" aria-hidden="true">
              ✓
            </span>
          )}
          {t('answer.not_assessed')}
        </button>
      )}
      {readOnly && value === null && <span class="muted">{t('answer.unanswered')}</span>}
    </div>
  );
}
