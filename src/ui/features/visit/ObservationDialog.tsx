// Adding or editing an observation: its kind, its text, and optionally the checklist item it concerns.
// What is typed is kept as a draft on the device until it is saved or discarded (see use-draft).
import { useId, useRef, useState } from 'preact/hooks';
import type { Draft, DraftFields, DraftRef } from '../../../db/drafts.ts';
import { saveObservation } from '../../../db/observations.ts';
import type { Observation } from '../../../db/visit-queries.ts';
import { observationKinds } from '../../../shared/records.ts';
import type { TemplateItem } from '../../../shared/reference.ts';
import { useDraftDialog } from './use-draft-dialog.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { Dialog } from '../../common/Dialog.tsx';
import { DraftDialogActions } from './DraftDialogActions.tsx';
import { DraftRestoredNotice } from './DraftRestoredNotice.tsx';
import { FieldError } from '../../common/FieldError.tsx';

type Fields = DraftFields<'observation'>;

export function ObservationDialog({
  visitId,
  items,
  existing,
  itemId,
  draft,
  onClose,
}: {
  visitId: string;
  items: TemplateItem[];
  existing?: Observation | undefined;
  itemId?: string | null | undefined;
  /** The draft to continue, if one is kept for this observation. */
  draft?: Extract<Draft, { type: 'observation' }> | null | undefined;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  // A draft whose observation is gone from the device (deleted elsewhere) keeps its key and becomes a new one.
  const ref: DraftRef<'observation'> = { type: 'observation', visitId, recordId: existing?.id ?? draft?.recordId ?? null };
  const [baseline] = useState<Fields>(() => ({ kind: existing?.kind ?? 'note', text: existing?.text ?? '', itemId: existing?.itemId ?? itemId ?? '' }));
  const [fields, setFields] = useState<Fields>(() => (draft ? { ...draft.fields, itemId: draft.fields.itemId || baseline.itemId } : baseline));
  const [error, setError] = useState<string | null>(null);
  const keeper = useDraftDialog(db, ref, baseline, fields, Boolean(draft), onClose);
  const set = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }));

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (fields.text.trim() === '') {
      setError(t('observation.error.text'));
      textRef.current?.focus();
      return;
    }
    const input = { visitId, kind: fields.kind, text: fields.text, itemId: fields.itemId || null };
    await keeper.save(() => saveObservation(db, input, existing?.id, session.user));
  };

  return (
    <Dialog title={existing ? t('observation.editTitle') : t('observation.addTitle')} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate class="dialog-form">
        {draft && <DraftRestoredNotice savedAt={draft.savedAt} />}
        <fieldset class="fieldset">
          <legend>{t('observation.kind')}</legend>
          <div class="choice-row">
            {observationKinds.map((k) => (
              <div key={k} class="check">
                <input type="radio" id={`${id}-${k}`} name={`${id}-kind`} checked={fields.kind === k} onChange={() => set({ kind: k })} />
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
        <div class="field">
          <label for={`${id}-item`}>{t('observation.item')}</label>
          <select id={`${id}-item`} value={fields.itemId} onChange={(e) => set({ itemId: e.currentTarget.value })} onBlur={keeper.flush}>
            <option value="">{t('observation.noItem')}</option>
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.id}: {i.question[lang].length > 80 ? `${i.question[lang].slice(0, 78)}…` : i.question[lang]}
              </option>
            ))}
          </select>
        </div>
        <DraftDialogActions kept={keeper.kept} failed={keeper.failed} canDiscard={keeper.canDiscard} onDiscard={keeper.discard} onClose={onClose} />
      </form>
    </Dialog>
  );
}
