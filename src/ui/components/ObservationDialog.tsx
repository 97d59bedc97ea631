// Adding or editing an observation: its kind, its text, and optionally the checklist item it concerns.
import { useId, useRef, useState } from 'preact/hooks';
import { saveObservation } from '../../db/observations.ts';
import type { Observation } from '../../db/visit-queries.ts';
import { observationKinds, type ObservationFields } from '../../shared/records.ts';
import type { TemplateItem } from '../../shared/reference.ts';
import { useTrackSave } from '../hooks/use-save-tracker.ts';
import { useI18n } from '../i18n/index.ts';
import { useSignedIn } from '../session-context.ts';
import { Dialog } from './Dialog.tsx';
import { FieldError } from './FieldError.tsx';

export function ObservationDialog({
  visitId,
  items,
  existing,
  itemId,
  onClose,
}: {
  visitId: string;
  items: TemplateItem[];
  existing?: Observation | undefined;
  itemId?: string | null | undefined;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { db } = useSignedIn();
  const track = useTrackSave();
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [kind, setKind] = useState<ObservationFields['kind']>(existing?.kind ?? 'note');
  const [text, setText] = useState(existing?.text ?? '');
  const [item, setItem] = useState(existing?.itemId ?? itemId ?? '');
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (text.trim() === '') {
      setError(t('observation.error.text'));
      textRef.current?.focus();
      return;
    }
    if (await track(saveObservation(db, { visitId, kind, text, itemId: item || null }, existing?.id))) onClose();
  };

  return (
    <Dialog title={existing ? t('observation.editTitle') : t('observation.addTitle')} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate class="dialog-form">
        <fieldset class="fieldset">
          <legend>{t('observation.kind')}</legend>
          <div class="choice-row">
            {observationKinds.map((k) => (
              <div key={k} class="check">
                <input type="radio" id={`${id}-${k}`} name={`${id}-kind`} checked={kind === k} onChange={() => setKind(k)} />
                <label for={`${id}-${k}`}>{t(`observation.kind.${k}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <div class="field">
          <label for={`${id}-text`}>{t('observation.text')}</label>
          <textarea
            ref={textRef}
            id={`${id}-text`}
            rows={5}
            maxLength={10_000}
            value={text}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onInput={(e) => {
              setText(e.currentTarget.value);
              if (error) setError(null);
            }}
          />
          <FieldError id={`${id}-error`} message={error} />
        </div>
        <div class="field">
          <label for={`${id}-item`}>{t('observation.item')}</label>
          <select id={`${id}-item`} value={item} onChange={(e) => setItem(e.currentTarget.value)}>
            <option value="">{t('observation.noItem')}</option>
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.id}: {i.question[lang].length > 80 ? `${i.question[lang].slice(0, 78)}…` : i.question[lang]}
              </option>
            ))}
          </select>
        </div>
        <div class="dialog-actions">
          <button type="submit" class="button button-primary">
            {t('common.save')}
          </button>
          <button type="button" class="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
