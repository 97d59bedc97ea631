// Shown after a fresh sign-in until closed: changes saved to a file before an earlier sign-out (or on
// another device) can be imported right away, so they are not forgotten in a downloads folder. It stays
// one line until asked for, since most sign-ins have no such file.
import { useState } from 'preact/hooks';
import { dismissImportOffer, importOffered } from '../../../db/outbox-file.ts';
import { useI18n } from '../../i18n/index.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { ImportUnsentFile } from './ImportUnsentFile.tsx';
import './unsent-file.css';

export function ImportOffer() {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const offered = useLiveQuery(() => importOffered(db), [db]);
  // An import ends the offer in the database; the notice stays until closed, so its result is read.
  const [imported, setImported] = useState(false);
  const [open, setOpen] = useState(false);
  if (!imported && (offered.state !== 'ready' || !offered.value)) return null;
  return (
    <section class="sync-offer" aria-labelledby="import-offer">
      <h2 id="import-offer" class="sync-offer-title">
        {t('importOffer.title')}
      </h2>
      {open ? (
        <>
          <p>{t('importOffer.text')}</p>
          <ImportUnsentFile db={db} userId={session.user.id} hint={false} onImported={() => setImported(true)} />
        </>
      ) : null}
      <div class="sync-offer-actions">
        {!open && (
          <button type="button" class="button button-secondary" onClick={() => setOpen(true)}>
            {t('importOffer.open')}
          </button>
        )}
        <button
          type="button"
          class="button button-secondary"
          onClick={() => {
            setImported(false);
            void dismissImportOffer(db);
          }}
        >
          {t('importOffer.done')}
        </button>
      </div>
    </section>
  );
}
