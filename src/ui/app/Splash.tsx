// What shows while the stored session is read (a moment) or while signing out.
import { useI18n, type MessageKey } from '../i18n/index.ts';

export function Splash({ busyKey }: { busyKey?: MessageKey }) {
  const { t } = useI18n();
  return (
    <div class="splash">
      <p class="brand-name">{t('app.name')}</p>
      <p role="status">{busyKey ? t(busyKey) : ''}</p>
    </div>
  );
}
