// Sign-out with unsent changes: send them first, or save them to a file and confirm that the file holds
// them. Only then does sign-out go ahead, because it deletes this user's data from the device.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { UserDb } from '../../../db/database.ts';
import { unsentSeqs } from '../../../db/sync-queries.ts';
import { useI18n } from '../../i18n/index.ts';
import { useExportUnsent } from '../../common/use-export-unsent.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useOnline } from '../../common/use-online.ts';
import { useSync } from '../../common/use-sync.ts';
import { progressText } from '../../common/sync-text.ts';
import { useAction } from '../../common/use-action.ts';
import './session.css';

type Props = {
  db: UserDb;
  userId: string;
  onClose: () => void;
  /** Signs out; `unsentExported` says the user confirmed that a file holds the unsent changes. */
  onSignOut: (unsentExported: boolean) => Promise<boolean>;
};

export function SignOutDialog({ db, userId, onClose, onSignOut }: Props) {
  const { t } = useI18n();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const online = useOnline();
  const { state: sync, available, syncNow } = useSync();
  // One query for how many and which, so the count shown and the file check never disagree.
  const seqs = useLiveQuery(() => unsentSeqs(db), [db]);
  const exported = useExportUnsent(db, userId);
  const [confirmed, setConfirmed] = useState(false);
  const [confirmMissing, setConfirmMissing] = useState(false);
  // Resolves false when sign-out was refused; otherwise this dialog is gone with the signed-in app.
  const leave = useAction(onSignOut, { log: 'Could not sign out' });

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const n = seqs.state === 'ready' ? seqs.value.length : null;
  const file = exported.state.phase === 'done' ? exported.state.file : null;
  // A change made or turned down after the file was saved is not in it: the file no longer covers everything.
  const fileCovers = file !== null && seqs.state === 'ready' && seqs.value.every((s) => file.seqs.includes(s));
  const fileStale = file !== null && seqs.state === 'ready' && !fileCovers;

  const signOut = async (unsentExported: boolean) => {
    if (unsentExported && !confirmed) {
      setConfirmMissing(true);
      confirmRef.current?.focus();
      return;
    }
    await leave.run(unsentExported);
  };

  return (
    <dialog
      ref={ref}
      class="sync-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`} class="sync-dialog-title">
        {n === 0 ? t('signOut.allSentTitle') : t('signOut.unsentTitle')}
      </h2>
      {n === 0 ? (
        <p id={`${id}-text`}>{t('signOut.allSentText')}</p>
      ) : (
        <>
          <p id={`${id}-text`}>{n === null ? t('common.loading') : t('signOut.unsentText', { count: n })}</p>
          <h3 class="sync-dialog-step">{t('signOut.sendTitle')}</h3>
          {!available ? (
            <p class="muted">{t('signOut.sendNeedsSignIn')}</p>
          ) : !online ? (
            <p class="muted">{t('signOut.sendOffline')}</p>
          ) : (
            <p class="sync-dialog-row">
              <button type="button" class="button button-secondary" onClick={syncNow} disabled={sync.status === 'running'}>
                {t('sync.now')}
              </button>
              <span aria-live="polite">{progressText(sync, t) ?? ''}</span>
            </p>
          )}
          <h3 class="sync-dialog-step">{t('signOut.fileTitle')}</h3>
          <p class="sync-dialog-row">
            <button type="button" class="button button-secondary" onClick={() => void exported.run()} disabled={exported.state.phase === 'busy'}>
              {file ? t('unsentFile.exportAgain') : t('unsentFile.export')}
            </button>
          </p>
          <div aria-live="polite">
            {exported.state.phase === 'failed' && <p class="notice notice-error">{t('unsentFile.exportFailed')}</p>}
            {file && <p>{t('unsentFile.exported', { filename: file.filename, count: file.count })}</p>}
            {fileStale && <p class="notice">{t('signOut.fileStale')}</p>}
          </div>
          {file && fileCovers && (
            <div class="sync-dialog-confirm">
              <label class="check">
                <input
                  ref={confirmRef}
                  type="checkbox"
                  checked={confirmed}
                  aria-invalid={confirmMissing && !confirmed ? 'true' : undefined}
                  aria-describedby={confirmMissing && !confirmed ? `${id}-missing` : undefined}
                  onChange={(e) => setConfirmed(e.currentTarget.checked)}
                />
                <span>{t('signOut.confirmFile', { filename: file.filename, count: file.count })}</span>
              </label>
              {confirmMissing && !confirmed && (
                <p id={`${id}-missing`} class="form-errors">
                  {t('signOut.confirmMissing')}
                </p>
              )}
            </div>
          )}
        </>
      )}
      <div class="sync-dialog-actions">
        {(n === 0 || (file && fileCovers)) && (
          <button type="button" class={n === 0 ? 'button button-primary' : 'button button-danger'} disabled={leave.busy} onClick={() => void signOut(n !== 0)}>
            {n === 0 ? t('nav.signOut') : t('signOut.withFile')}
          </button>
        )}
        <button type="button" class="button button-secondary" onClick={onClose}>
          {t('signOut.stay')}
        </button>
      </div>
    </dialog>
  );
}
