// Asks before something that cannot be undone on this device (cancelling or deleting a visit).
import { useI18n } from '../i18n/index.ts';
import { Dialog } from './Dialog.tsx';

export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog title={title} onClose={onClose}>
      <p>{text}</p>
      <div class="dialog-actions">
        <button type="button" class="button button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" class="button button-secondary" onClick={onClose} autoFocus>
          {t('common.back')}
        </button>
      </div>
    </Dialog>
  );
}
