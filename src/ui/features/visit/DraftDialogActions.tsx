// The actions under a dialog that keeps a draft: Save, Close (the draft stays on the device), and Discard,
// which asks first in place, since a second modal over the first would strand focus when both close.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/index.ts';

export function DraftDialogActions({
  kept,
  failed,
  canDiscard,
  onDiscard,
  onClose,
}: {
  /** A draft is kept on the device. */
  kept: boolean;
  /** Keeping the draft failed. */
  failed: boolean;
  /** There is something to discard: a kept draft or changes not yet written. */
  canDiscard: boolean;
  /** Drops the draft and closes; resolves false when the draft could not be dropped. */
  onDiscard: () => Promise<boolean>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [discardFailed, setDiscardFailed] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const discardRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  // Focus follows the question: to its safe answer when asked, back to Discard when it is withdrawn.
  useEffect(() => {
    if (asking) keepRef.current?.focus();
    else if (wasAsking.current) discardRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  return (
    <>
      {failed && (
        <p class="notice notice-error draft-failed" role="alert">
          {t('draft.failed')}
        </p>
      )}
      {discardFailed && (
        <p class="notice notice-error" role="alert">
          {t('draft.discardFailed')}
        </p>
      )}
      {kept && !failed && (
        <p class="draft-state">
          <span aria-hidden="true" class="save-mark">
            ✓
          </span>{' '}
          {t('draft.kept')}
        </p>
      )}
      {asking ? (
        <div class="draft-confirm" role="group" aria-labelledby={`${id}-q`}>
          <p id={`${id}-q`} class="draft-confirm-text">
            <strong>{t('draft.discardTitle')}</strong> {t('draft.discardText')}
          </p>
          <div class="dialog-actions">
            <button
              type="button"
              class="button button-danger"
              onClick={async () => {
                const ok = await onDiscard();
                if (!ok) {
                  setDiscardFailed(true);
                  setAsking(false);
                }
              }}
            >
              {t('draft.discardConfirm')}
            </button>
            <button ref={keepRef} type="button" class="button button-secondary" onClick={() => setAsking(false)}>
              {t('draft.keepWriting')}
            </button>
          </div>
        </div>
      ) : (
        <div class="dialog-actions">
          <button type="submit" class="button button-primary">
            {t('common.save')}
          </button>
          <button type="button" class="button button-secondary" onClick={onClose}>
            {t('draft.close')}
          </button>
          {canDiscard && (
            <button ref={discardRef} type="button" class="button button-quiet-danger dialog-discard" onClick={() => setAsking(true)}>
              {t('draft.discard')}
            </button>
          )}
        </div>
      )}
    </>
  );
}
