// A place's photos and documents (an observation's, an item's, or the visit's as a whole): small copies
// that open the file, the caption, and while the visit is open to its inspector, taking a photo or
// attaching a file. A file is shrunk and stored on the device at once, and sent with the next sync.
import { useId, useRef, useState } from 'preact/hooks';
import { addAttachment, deleteAttachment, isImage, setAttachmentCaption, type Attachment } from '../../../db/attachments.ts';
import type { SyncState } from '../../../db/sync-state.ts';
import { BLOB_MAX_BYTES_DEFAULT } from '../../../shared/vocabulary.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { AutosaveTextarea } from '../../common/AutosaveTextarea.tsx';
import { ConfirmDialog } from '../../common/ConfirmDialog.tsx';
import { Dialog } from '../../common/Dialog.tsx';
import { SyncBadge } from '../../common/SyncBadge.tsx';
import { formatBytes, formatPercent } from '../../common/format.ts';
import { useI18n } from '../../i18n/index.ts';
import { AttachError, keepsPhotoLocation, prepareFile } from './prepare-file.ts';
import { askPersistence, storageNearlyFull } from './storage.ts';
import { useFile } from './use-file.ts';
import './attachments.css';

type Place = { visitId: string; observationId?: string | null; itemId?: string | null };

type Status = { kind: 'working' } | { kind: 'done'; warning: string | null } | { kind: 'error'; message: string } | null;

export function Attachments({
  attachments,
  place,
  editable,
  sync,
  label,
  quiet = false,
}: {
  attachments: readonly Attachment[];
  place: Place;
  editable: boolean;
  sync?: Map<string, SyncState> | undefined;
  /** Names the place for a screen reader ("Photos and documents: the observation …"). */
  label: string;
  /** Quiet add buttons, for a place among many (a checklist's items). */
  quiet?: boolean;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const opened = attachments.find((a) => a.id === open);
  if (attachments.length === 0 && !editable) return null;
  return (
    <div class="attachments" role="group" aria-label={label}>
      {attachments.length > 0 && (
        <ul class="attachment-grid">
          {attachments.map((a, i) => (
            <li key={a.id}>
              <AttachmentTile attachment={a} n={i + 1} onOpen={() => setOpen(a.id)} sync={sync?.get(a.id)} />
            </li>
          ))}
        </ul>
      )}
      {editable && <AddAttachment place={place} quiet={quiet} />}
      {opened && <AttachmentViewer attachment={opened} n={attachments.indexOf(opened) + 1} editable={editable} onClose={() => setOpen(null)} />}
    </div>
  );
}

function AttachmentTile({ attachment: a, n, onOpen, sync }: { attachment: Attachment; n: number; onOpen: () => void; sync: SyncState | undefined }) {
  const { t } = useI18n();
  const image = isImage(a);
  const thumb = useFile(image ? (a.thumbSha256 ?? a.sha256) : null, image ? 'image/jpeg' : a.mediaType);
  const name = a.fileName ?? t('attachment.document');
  return (
    <figure class="attachment-tile">
      <button type="button" class="attachment-open" onClick={onOpen} aria-label={image ? t('attachment.openPhoto', { n }) : t('attachment.openDocument', { name })}>
        {image ? (
          thumb.state === 'ready' ? (
            <img src={thumb.url} alt="" />
          ) : (
            <span class="attachment-placeholder" aria-hidden="true">
              {thumb.state === 'loading' ? '…' : '▧'}
            </span>
          )
        ) : (
          <span class="attachment-doc" aria-hidden="true">
            PDF
          </span>
        )}
      </button>
      <figcaption>
        {a.caption ?? (image ? t('attachment.photo', { n }) : name)}
        {sync && sync !== 'synced' && <SyncBadge state={sync} subtle />}
      </figcaption>
    </figure>
  );
}

function AddAttachment({ place, quiet }: { place: Place; quiet: boolean }) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const cameraRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<Status>(null);
  const statusId = useId();
  const buttonClass = quiet ? 'button button-quiet' : 'button button-secondary';

  const attach = async (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length === 0) return;
    setStatus({ kind: 'working' });
    try {
      for (const chosen of files) {
        const prepared = await prepareFile(chosen, keepsPhotoLocation());
        await addAttachment(db, { ...place, ...prepared }, session.user);
      }
      void askPersistence();
      const full = await storageNearlyFull();
      setStatus({ kind: 'done', warning: full === null ? null : t('attachment.quotaNear', { percent: formatPercent(full, lang) }) });
    } catch (e) {
      setStatus({ kind: 'error', message: attachErrorText(e, t, lang) });
    }
  };

  return (
    <div class="attachment-add">
      <div class="attachment-buttons">
        <button type="button" class={buttonClass} onClick={() => cameraRef.current?.click()} disabled={status?.kind === 'working'} aria-describedby={statusId}>
          {t('attachment.takePhoto')}
        </button>
        <button type="button" class={buttonClass} onClick={() => fileRef.current?.click()} disabled={status?.kind === 'working'} aria-describedby={statusId}>
          {t('attachment.addFile')}
        </button>
      </div>
      {/* Opened by the buttons above: the camera at once, or the chooser (gallery, files). */}
      <input ref={cameraRef} type="file" accept="image/*" capture="environment" hidden onChange={(e) => void attach(e.currentTarget)} />
      <input ref={fileRef} type="file" accept="image/*,application/pdf" multiple hidden onChange={(e) => void attach(e.currentTarget)} />
      <div id={statusId} aria-live="polite">
        {status?.kind === 'working' && <p class="muted">{t('attachment.preparing')}</p>}
        {status?.kind === 'done' && <p class="muted">{t('attachment.added')}</p>}
        {status?.kind === 'done' && status.warning && (
          <p class="notice" role="alert">
            {status.warning}
          </p>
        )}
        {status?.kind === 'error' && (
          <p class="field-error" role="alert">
            {status.message}
          </p>
        )}
      </div>
    </div>
  );
}

function attachErrorText(e: unknown, t: ReturnType<typeof useI18n>['t'], lang: ReturnType<typeof useI18n>['lang']): string {
  if (e instanceof AttachError) {
    if (e.reason === 'size') return t('attachment.error.size', { max: formatBytes(BLOB_MAX_BYTES_DEFAULT, lang) });
    return t(e.reason === 'type' ? 'attachment.error.type' : 'attachment.error.decode');
  }
  return t('attachment.error.save', { message: e instanceof Error ? e.message : String(e) });
}

function AttachmentViewer({ attachment: a, n, editable, onClose }: { attachment: Attachment; n: number; editable: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const image = isImage(a);
  const file = useFile(a.sha256, a.mediaType);
  const [confirming, setConfirming] = useState(false);
  if (confirming) {
    return (
      <ConfirmDialog
        title={t('attachment.deleteTitle')}
        text={t('attachment.deleteText')}
        confirmLabel={t('attachment.delete')}
        onConfirm={() => void deleteAttachment(db, a.id, session.user).then(onClose)}
        onClose={() => setConfirming(false)}
      />
    );
  }
  return (
    <Dialog title={image ? t('attachment.viewPhoto') : t('attachment.viewDocument')} onClose={onClose} className="attachment-viewer">
      {file.state === 'loading' && <p class="muted">{t('attachment.loading')}</p>}
      {file.state === 'absent' && <p class="notice">{t('attachment.notHere')}</p>}
      {file.state === 'failed' && (
        <p class="field-error" role="alert">
          {t('attachment.fetchFailed', { message: file.message })}
        </p>
      )}
      {file.state === 'ready' && file.refusal !== null && (
        <p class="field-error" role="alert">
          {t('attachment.refused', { reason: file.refusal })}
        </p>
      )}
      {file.state === 'ready' &&
        (image ? (
          <img class="attachment-full" src={file.url} alt={a.caption ?? t('attachment.photo', { n })} />
        ) : (
          <p>
            <a class="button button-secondary" href={file.url} target="_blank" rel="noopener" download={a.fileName ?? undefined}>
              {t('attachment.openFile')}: {a.fileName ?? t('attachment.document')}
            </a>
          </p>
        ))}
      {editable ? (
        <AutosaveTextarea
          label={t('attachment.caption')}
          hint={t('attachment.captionHint')}
          value={a.caption ?? ''}
          onSave={(text) => setAttachmentCaption(db, a.id, text, session.user)}
          readOnly={false}
          rows={2}
          maxLength={1000}
        />
      ) : (
        a.caption && <p class="pre-line">{a.caption}</p>
      )}
      <div class="dialog-actions">
        {editable && (
          <button type="button" class="button button-quiet-danger" onClick={() => setConfirming(true)}>
            {t('attachment.delete')}
          </button>
        )}
        <button type="button" class="button button-primary" onClick={onClose} autoFocus>
          {t('attachment.close')}
        </button>
      </div>
    </Dialog>
  );
}
