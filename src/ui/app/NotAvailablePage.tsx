// A page the user's role does not have (the server checks rights too; this only explains).
import { Page } from '../common/Page.tsx';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import { HOME_PATH } from './routes.ts';
import { useSignedIn } from './session-context.ts';

export function NotAvailablePage({ titleKey }: { titleKey: MessageKey }) {
  const { t } = useI18n();
  const { session } = useSignedIn();
  return (
    <Page title={t(titleKey)}>
      <p class="notice">{t('notAvailable.text', { role: t(`role.${session.user.role}`) })}</p>
      <p>
        <a href={HOME_PATH}>{t('notFound.home')}</a>
      </p>
    </Page>
  );
}
