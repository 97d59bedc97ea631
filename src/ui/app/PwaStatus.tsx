// The app's PWA notices: a new version to accept, the one-time "ready offline" note, and installing.
import { useEffect, useState } from 'preact/hooks';
import {
  applyUpdate,
  dismissOfflineReady,
  dismissUpdate,
  getPwaState,
  promptInstall,
  subscribePwa,
  type PwaState,
} from '../../pwa/pwa.ts';
import { useI18n } from '../i18n/index.ts';
import './pwa-status.css';

function usePwaState(): PwaState {
  const [state, setState] = useState(getPwaState);
  // The state may have changed between the first render and subscribing.
  useEffect(() => {
    setState(getPwaState());
    return subscribePwa(setState);
  }, []);
  return state;
}

export function PwaStatus() {
  const { t } = useI18n();
  const { updateAvailable, offlineReady, canInstall } = usePwaState();

  // A polite live region that is always there, so screen readers announce notices as they appear.
  // Not role="status": the layout's connection area is the page's one status landmark.
  return (
    <div class="pwa-status" aria-live="polite">
      {updateAvailable && (
        <div class="notice pwa-status__notice">
          <p class="pwa-status__text">{t('pwa.updateAvailable')}</p>
          <div class="pwa-status__actions">
            <button type="button" class="button button-primary" onClick={applyUpdate}>
              {t('pwa.updateNow')}
            </button>
            <button type="button" class="button button-secondary" onClick={dismissUpdate}>
              {t('pwa.updateLater')}
            </button>
          </div>
        </div>
      )}
      {offlineReady && !updateAvailable && (
        <div class="notice pwa-status__notice">
          <p class="pwa-status__text">{t('pwa.offlineReady')}</p>
          <div class="pwa-status__actions">
            <button type="button" class="button button-primary" onClick={dismissOfflineReady}>
              {t('pwa.dismiss')}
            </button>
          </div>
        </div>
      )}
      {canInstall && (
        <button type="button" class="button button-secondary pwa-status__install" onClick={() => void promptInstall()}>
          {t('pwa.install')}
        </button>
      )}
    </div>
  );
}
