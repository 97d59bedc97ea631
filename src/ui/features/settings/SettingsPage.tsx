// Language, the agency on reports, the sync (and for an admin the devices' sync health), the device's
// storage, the signed-in user and the app's version.
import { useEffect, useState } from 'preact/hooks';
import { loadSignInRecord, type SignInRecord } from '../../../db/session.ts';
import { LanguageSwitch } from '../../common/LanguageSwitch.tsx';
import { Page } from '../../common/Page.tsx';
import { AgencySettings } from './AgencySettings.tsx';
import { StorageInfo } from './StorageInfo.tsx';
import { formatDateTime } from '../../common/format.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { SYNC_PATH } from '../../common/sync-paths.ts';
import { regionPaths } from '../../app/routes.ts';
import './settings.css';

export function SettingsPage() {
  const { t, dateLocale } = useI18n();
  const { session } = useSignedIn();
  const { user } = session;
  // undefined while reading; null when this device has no record of the sign-in.
  const [record, setRecord] = useState<SignInRecord | null | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    void loadSignInRecord(user.id).then((r) => !cancelled && setRecord(r));
    return () => {
      cancelled = true;
    };
  }, [user.id]);

  return (
    <Page title={t('nav.settings')} className="settings">
      <section class="card">
        <LanguageSwitch asHeading />
        <p class="muted">{t('settings.languageHint')}</p>
      </section>

      <AgencySettings />

      <section class="card" aria-labelledby="settings-sync">
        <h2 id="settings-sync">{t('settings.syncTitle')}</h2>
        <p>{t('settings.syncText')}</p>
        <a class="button button-secondary" href={SYNC_PATH}>
          {t('settings.syncLink')}
        </a>
      </section>

      {user.role === 'admin' && (
        <section class="card" aria-labelledby="settings-devices">
          <h2 id="settings-devices">{t('settings.devicesTitle')}</h2>
          <p>{t('settings.devicesText')}</p>
          <a class="button button-secondary" href={regionPaths.devices}>
            {t('common.devicesLink')}
          </a>
        </section>
      )}

      <section class="card" aria-labelledby="settings-storage">
        <h2 id="settings-storage">{t('settings.storageTitle')}</h2>
        <StorageInfo askedAtSignIn={record?.persistGranted} />
      </section>

      <section class="card" aria-labelledby="settings-account">
        <h2 id="settings-account">{t('settings.accountTitle')}</h2>
        <dl class="facts">
          <div>
            <dt>{t('settings.signedInAs')}</dt>
            <dd>
              {user.name} ({user.username})
            </dd>
          </div>
          <div>
            <dt>{t('settings.role')}</dt>
            <dd>{t(`role.${user.role}`)}</dd>
          </div>
          <div>
            <dt>{t('settings.lastSignIn')}</dt>
            <dd>{record === undefined ? t('common.loading') : record ? formatDateTime(record.at, dateLocale) : t('settings.unknown')}</dd>
          </div>
        </dl>
      </section>

      <section class="card" aria-labelledby="settings-about">
        <h2 id="settings-about">{t('settings.aboutTitle')}</h2>
        <dl class="facts">
          <div>
            <dt>{t('settings.version')}</dt>
            <dd>{__APP_VERSION__}</dd>
          </div>
        </dl>
      </section>
    </Page>
  );
}
