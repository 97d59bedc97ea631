// What a page shows while its local data loads, or if the local database cannot be read.
import { useI18n } from '../i18n/index.ts';

export function LiveState({ state }: { state: 'loading' | 'error' }) {
  const { t } = useI18n();
  if (state === 'error') {
    return (
      <p class="notice notice-error" role="alert">
        {t('common.dbError')}
      </p>
    );
  }
  return <p class="muted">{t('common.loading')}</p>;
}
