// Edit and Delete under a record on the visit page; the labels name the record for a screen reader.
import { useI18n } from '../../i18n/index.ts';

export function RecordActions({
  editLabel,
  deleteLabel,
  onEdit,
  onDelete,
}: {
  editLabel: string;
  deleteLabel: string;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useI18n();
  return (
    <p class="record-actions">
      <button type="button" class="button button-secondary" aria-label={editLabel} onClick={onEdit}>
        {t('common.edit')}
      </button>
      <button type="button" class="button button-quiet-danger" aria-label={deleteLabel} onClick={onDelete}>
        {t('common.delete')}
      </button>
    </p>
  );
}
