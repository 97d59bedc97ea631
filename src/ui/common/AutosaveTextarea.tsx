// A labelled textarea that saves itself as the user types (see use-autosave).
import { useId } from 'preact/hooks';
import { useAutosave } from './use-autosave.ts';
import { useTrackSave } from './use-save-tracker.ts';

export function AutosaveTextarea({
  label,
  value,
  onSave,
  readOnly,
  rows = 3,
  maxLength = 10_000,
  className,
  hint,
}: {
  label: string;
  value: string;
  /** Saves the text ('' clears it). */
  onSave: (text: string) => Promise<unknown>;
  readOnly: boolean;
  rows?: number;
  maxLength?: number;
  className?: string;
  hint?: string;
}) {
  const id = useId();
  const track = useTrackSave();
  const { draft, onInput, flush } = useAutosave(value, (text) => track(onSave(text)));
  return (
    <div class={className ? `field ${className}` : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      <textarea
        id={id}
        rows={rows}
        maxLength={maxLength}
        value={draft}
        readOnly={readOnly}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
        onBlur={flush}
      />
    </div>
  );
}
