// Settings: what photos and documents take on this device (those waiting to be sent, copies fetched for
// viewing), removing fetched copies, keeping a photo's location or not, and asking the browser to keep
// the app's data (a photo waiting to be sent lives only here).
import { useId, useState } from 'preact/hooks';
import { blobUsage, clearFetchedBlobs } from '../../../db/blobs.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { formatBytes } from '../../common/format.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n } from '../../i18n/index.ts';
import { keepsPhotoLocation, setKeepsPhotoLocation } from './prepare-file.ts';
import { askPersistence } from './storage.ts';

export function AttachmentStorage({ persisted, onPersisted }: { persisted: boolean | 'unsupported' | null; onPersisted: (granted: boolean) => void }) {
  const { t, lang } = useI18n();
  const { db } = useSignedIn();
  const usage = useLiveQuery(() => blobUsage(db), [db]);
  const [cleared, setCleared] = useState<number | null>(null);
  const [keepLocation, setKeepLocation] = useState(keepsPhotoLocation);
  const locationId = useId();
  const size = (bytes: number) => formatBytes(bytes, lang);
  return (
    <>
      <h3 class="subheading">{t('attachment.storageTitle')}</h3>
      {usage.state === 'ready' && (
        <>
          <p>{t('attachment.storageUsage', { count: usage.value.files, size: size(usage.value.bytes) })}</p>
          {usage.value.waiting > 0 && <p>{t('attachment.storageWaiting', { count: usage.value.waiting, size: size(usage.value.waitingBytes) })}</p>}
          {usage.value.fetched > 0 && (
            <p>
              {t('attachment.storageFetched', { count: usage.value.fetched, size: size(usage.value.fetchedBytes) })}{' '}
              <button type="button" class="button button-secondary" onClick={() => void clearFetchedBlobs(db).then(setCleared)}>
                {t('attachment.clearFetched')}
              </button>
            </p>
          )}
          {cleared !== null && (
            <p class="muted" role="status">
              {t('attachment.cleared', { size: size(cleared) })}
            </p>
          )}
        </>
      )}
      <div class="check">
        <input
          type="checkbox"
          id={locationId}
          checked={keepLocation}
          aria-describedby={`${locationId}-hint`}
          onChange={(e) => {
            setKeepsPhotoLocation(e.currentTarget.checked);
            setKeepLocation(e.currentTarget.checked);
          }}
        />
        <label for={locationId}>{t('attachment.keepLocation')}</label>
      </div>
      <p id={`${locationId}-hint`} class="hint">
        {t('attachment.keepLocationHint')}
      </p>
      {persisted === false && (
        <p>
          <button type="button" class="button button-secondary" onClick={() => void askPersistence().then(onPersisted)}>
            {t('attachment.persistAsk')}
          </button>
        </p>
      )}
    </>
  );
}
