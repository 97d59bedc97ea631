// A path the app does not have.
import { Page } from '../common/Page.tsx';
import { useI18n } from '../i18n/index.ts';
import { HOME_PATH } from './routes.ts';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.text')}</p>
      <p>
        <a href={HOME_PATH}>{t('notFound.home')}</a>
      </p>
    </Page>
  );
}
