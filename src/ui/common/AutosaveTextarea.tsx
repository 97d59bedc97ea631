// Labelled fields that save themselves as the user types (see use-autosave): a textarea and a line.
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
  invalid,
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
  /** Marks the field as needing attention (say, a comment the answer calls for). */
  invalid?: boolean;
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
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
        onBlur={flush}
      />
    </div>
  );
}

/** A labelled one-line field that saves itself as the user types: a diary number, a name. */
export function AutosaveInput({ label, value, onSave, maxLength = 200 }: { label: string; value: string; onSave: (text: string) => Promise<unknown>; maxLength?: number }) {
  const id = useId();
  const track = useTrackSave();
  const { draft, onInput, flush } = useAutosave(value, (text) => track(onSave(text)));
  return (
    <div class="field field-narrow">
      <label for={id}>{label}</label>
      <input id={id} type="text" autocomplete="off" maxLength={maxLength} value={draft} onInput={(e) => onInput(e.currentTarget.value)} onBlur={flush} />
    </div>
  );
}
