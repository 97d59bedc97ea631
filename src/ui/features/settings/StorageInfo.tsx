// How much the browser lets Tillsyn keep, whether it promised not to clear it on its own, and what
// attachments take of it.
import { useEffect, useId, useState } from 'preact/hooks';
import { formatBytes, formatPercent } from '../../common/format.ts';
import { useI18n } from '../../i18n/index.ts';
import { AttachmentStorage } from '../attachments/AttachmentStorage.tsx';
import { QUOTA_WARNING_AT } from '../attachments/storage.ts';

type Estimate = { usage: number; quota: number } | 'unsupported' | null;
type Persisted = boolean | 'unsupported' | null;

export function StorageInfo({ askedAtSignIn }: { askedAtSignIn: boolean | null | undefined }) {
  const { t, lang } = useI18n();
  const [estimate, setEstimate] = useState<Estimate>(null);
  const [persisted, setPersisted] = useState<Persisted>(null);
  const textId = useId();

  useEffect(() => {
    let cancelled = false;
    const storage = typeof navigator.storage === 'object' ? navigator.storage : undefined;
    if (storage && typeof storage.estimate === 'function') {
      storage.estimate().then(
        (e) => !cancelled && setEstimate({ usage: e.usage ?? 0, quota: e.quota ?? 0 }),
        () => !cancelled && setEstimate('unsupported'),
      );
    } else setEstimate('unsupported');
    if (storage && typeof storage.persisted === 'function') {
      storage.persisted().then(
        (p) => !cancelled && setPersisted(p),
        () => !cancelled && setPersisted('unsupported'),
      );
    } else setPersisted(askedAtSignIn ?? 'unsupported');
    return () => {
      cancelled = true;
    };
  }, [askedAtSignIn]);

  let usage;
  if (estimate === null) usage = <p class="muted">{t('common.loading')}</p>;
  else if (estimate === 'unsupported' || estimate.quota <= 0) usage = <p>{t('settings.storageUnknown')}</p>;
  else {
    const fraction = Math.min(1, estimate.usage / estimate.quota);
    const used = formatBytes(estimate.usage, lang);
    const available = formatBytes(Math.max(0, estimate.quota - estimate.usage), lang);
    usage = (
      <>
        <dl class="facts">
          <div>
            <dt>{t('settings.storageUsed')}</dt>
            <dd>{used}</dd>
          </div>
          <div>
            <dt>{t('settings.storageAvailable')}</dt>
            <dd>{available}</dd>
          </div>
        </dl>
        <progress class="meter" max={1} value={fraction} aria-labelledby={textId} />
        {fraction >= QUOTA_WARNING_AT && (
          <p class="notice notice-attention" role="alert">
            {t('attachment.quotaNear', { percent: formatPercent(fraction, lang) })}
          </p>
        )}
        <p id={textId} class="muted">
          {t('settings.storageBar', { percent: formatPercent(fraction, lang), used, quota: formatBytes(estimate.quota, lang) })}
        </p>
      </>
    );
  }

  const persistKey =
    persisted === null ? 'common.loading' : persisted === 'unsupported' ? 'settings.persistUnknown' : persisted ? 'settings.persistGranted' : 'settings.persistNotGranted';
  return (
    <>
      {usage}
      <h3 class="subheading">{t('settings.persistTitle')}</h3>
      <p>{t(persistKey)}</p>
      <AttachmentStorage persisted={persisted} onPersisted={setPersisted} />
    </>
  );
}
