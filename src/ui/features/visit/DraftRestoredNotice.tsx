// Tells the user that the dialog opened on a draft kept earlier, and when it was kept.
import { formatDateTime } from '../../common/format.ts';
import { useI18n } from '../../i18n/index.ts';

export function DraftRestoredNotice({ savedAt }: { savedAt: string }) {
  const { t, dateLocale } = useI18n();
  return <p class="notice draft-restored">{t('draft.restored', { time: formatDateTime(savedAt, dateLocale) })}</p>;
}
