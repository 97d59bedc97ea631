// Adding or editing a recommendation: what the municipality should do, by when, and whether a legal duty is unmet.
// What is typed is kept as a draft on the device until it is saved or discarded (see use-draft).
import { useId, useRef, useState } from 'preact/hooks';
import type { Draft, DraftFields, DraftRef } from '../../../db/drafts.ts';
import { saveFollowUp } from '../../../db/follow-ups.ts';
import type { FollowUp } from '../../../db/visit-queries.ts';
import { useDraftDialog } from './use-draft-dialog.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { Dialog } from '../../common/Dialog.tsx';
import { DraftDialogActions } from './DraftDialogActions.tsx';
import { DraftRestoredNotice } from './DraftRestoredNotice.tsx';
import { FieldError } from '../../common/FieldError.tsx';

type Fields = DraftFields<'followUp'>;

export function FollowUpDialog({
  visitId,
  existing,
  draft,
  prefill,
  onClose,
}: {
  visitId: string;
  existing?: FollowUp | undefined;
  /** A new recommendation's starting text (an unmet legal duty offers one). */
  prefill?: { text: string; legalShortcoming: boolean } | undefined;
  /** The draft to continue, if one is kept for this recommendation. */
  draft?: Extract<Draft, { type: 'followUp' }> | null | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  // A draft whose recommendation is gone from the device (deleted elsewhere) keeps its key and becomes a new one.
  const ref: DraftRef<'followUp'> = { type: 'followUp', visitId, recordId: existing?.id ?? draft?.recordId ?? null };
  const [baseline] = useState<Fields>(() => ({
    text: existing?.text ?? '',
    dueDate: existing?.dueDate ?? '',
    legalShortcoming: existing?.legalShortcoming ?? false,
  }));
  const [fields, setFields] = useState<Fields>(() => draft?.fields ?? (prefill && !existing ? { ...baseline, ...prefill } : baseline));
  const [error, setError] = useState<string | null>(null);
  const keeper = useDraftDialog(db, ref, baseline, fields, Boolean(draft), onClose);
  const set = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }));

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (fields.text.trim() === '') {
      setError(t('followUp.error.text'));
      textRef.current?.focus();
      return;
    }
    const input = { text: fields.text, dueDate: fields.dueDate || null, legalShortcoming: fields.legalShortcoming };
    await keeper.save(() => saveFollowUp(db, visitId, input, existing?.id, session.user));
  };

  return (
    <Dialog title={existing ? t('followUp.editTitle') : t('followUp.addTitle')} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate class="dialog-form">
        {draft && <DraftRestoredNotice savedAt={draft.savedAt} />}
        <div class="field">
          <label for={`${id}-text`}>{t('followUp.text')}</label>
          <textarea
            ref={textRef}
            id={`${id}-text`}
            rows={5}
            maxLength={10_000}
            value={fields.text}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onInput={(e) => {
              set({ text: e.currentTarget.value });
              if (error) setError(null);
            }}
            onBlur={keeper.flush}
          />
          <FieldError id={`${id}-error`} message={error} />
        </div>
        <div class="field field-narrow">
          <label for={`${id}-due`}>{t('followUp.dueDate')}</label>
          <input id={`${id}-due`} type="date" value={fields.dueDate} onInput={(e) => set({ dueDate: e.currentTarget.value })} onBlur={keeper.flush} />
        </div>
        <div class="check">
          <input
            id={`${id}-legal`}
            type="checkbox"
            checked={fields.legalShortcoming}
            aria-describedby={`${id}-legal-hint`}
            onChange={(e) => set({ legalShortcoming: e.currentTarget.checked })}
          />
          <label for={`${id}-legal`}>{t('followUp.legalShortcomingLabel')}</label>
        </div>
        <p id={`${id}-legal-hint`} class="hint check-hint">
          {t('followUp.legalShortcomingHint')}
        </p>
        <DraftDialogActions kept={keeper.kept} failed={keeper.failed} canDiscard={keeper.canDiscard} onDiscard={keeper.discard} onClose={onClose} />
      </form>
    </Dialog>
  );
}
