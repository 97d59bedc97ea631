// Adding or editing a recommendation: what the municipality should do, by when, and whether a legal duty is unmet.
import { useId, useRef, useState } from 'preact/hooks';
import { saveFollowUp } from '../../db/follow-ups.ts';
import type { FollowUp } from '../../db/visit-queries.ts';
import { useTrackSave } from '../hooks/use-save-tracker.ts';
import { useI18n } from '../i18n/index.ts';
import { useSignedIn } from '../session-context.ts';
import { Dialog } from './Dialog.tsx';
import { FieldError } from './FieldError.tsx';

export function FollowUpDialog({ visitId, existing, onClose }: { visitId: string; existing?: FollowUp | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { db } = useSignedIn();
  const track = useTrackSave();
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(existing?.text ?? '');
  const [dueDate, setDueDate] = useState(existing?.dueDate ?? '');
  const [legal, setLegal] = useState(existing?.legalShortcoming ?? false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (text.trim() === '') {
      setError(t('followUp.error.text'));
      textRef.current?.focus();
      return;
    }
    if (await track(saveFollowUp(db, visitId, { text, dueDate: dueDate || null, legalShortcoming: legal }, existing?.id))) onClose();
  };

  return (
    <Dialog title={existing ? t('followUp.editTitle') : t('followUp.addTitle')} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate class="dialog-form">
        <div class="field">
          <label for={`${id}-text`}>{t('followUp.text')}</label>
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
        <div class="field field-narrow">
          <label for={`${id}-due`}>{t('followUp.dueDate')}</label>
          <input id={`${id}-due`} type="date" value={dueDate} onInput={(e) => setDueDate(e.currentTarget.value)} />
        </div>
        <div class="check">
          <input id={`${id}-legal`} type="checkbox" checked={legal} aria-describedby={`${id}-legal-hint`} onChange={(e) => setLegal(e.currentTarget.checked)} />
          <label for={`${id}-legal`}>{t('followUp.legalShortcomingLabel')}</label>
        </div>
        <p id={`${id}-legal-hint`} class="hint check-hint">
          {t('followUp.legalShortcomingHint')}
        </p>
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
