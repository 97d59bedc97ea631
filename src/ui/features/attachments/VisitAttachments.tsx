// The visit's own photos and documents (and any whose observation or item is gone), and keeping every
// file of the visit on the device for offline use: a coordinator's tablet, or an inspector's second device.
import { useState } from 'preact/hooks';
import { isImage, type Attachment } from '../../../db/attachments.ts';
import type { VisitDetail } from '../../../db/visit-queries.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useOnline } from '../../common/use-online.ts';
import { useI18n } from '../../i18n/index.ts';
import { Attachments } from './Attachments.tsx';
import { fileOf } from './use-file.ts';

/** Attachments no observation or item of the visit shows: the visit's own, and those whose place is gone. */
function visitLevel(detail: Pick<VisitDetail, 'attachments' | 'observations' | 'templates'>): Attachment[] {
  const observations = new Set(detail.observations.map((o) => o.id));
  const items = new Set(detail.templates.flatMap((t) => t.items.map((i) => i.id)));
  return detail.attachments.filter((a) => (a.observationId ? !observations.has(a.observationId) : !a.itemId || !items.has(a.itemId)));
}

export function VisitAttachments({ detail, editable }: { detail: VisitDetail; editable: boolean }) {
  const { t } = useI18n();
  const own = visitLevel(detail);
  if (!editable && detail.attachments.length === 0) return null;
  return (
    <section class="visit-section" aria-labelledby="attachments-title">
      <h2 id="attachments-title">
        {t('attachment.title')} <span class="count">({detail.attachments.length})</span>
      </h2>
      {editable && <p class="hint">{t('attachment.visitHint')}</p>}
      <Attachments attachments={own} place={{ visitId: detail.visit.id }} editable={editable} sync={detail.sync.attachment} label={t('attachment.ofVisit')} />
      <KeepOffline attachments={detail.attachments} />
    </section>
  );
}

/** How many of the visit's files are on the device, and fetching the rest to keep them for offline use. */
function KeepOffline({ attachments }: { attachments: readonly Attachment[] }) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const online = useOnline();
  const shas = attachments.map((a) => a.sha256);
  const here = useLiveQuery(async () => (await db.blobs.bulkGet(shas)).filter((b) => b !== undefined).length, [db, shas.join()]);
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'working' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  if (attachments.length === 0 || here.state !== 'ready') return null;
  const missing = attachments.length - here.value;
  const keep = async () => {
    setState({ kind: 'working' });
    const failures: string[] = [];
    for (const a of attachments) {
      await fileOf(db, session.token, a.sha256, a.mediaType, true).catch((e: unknown) => failures.push(e instanceof Error ? e.message : String(e)));
      if (isImage(a) && a.thumbSha256) await fileOf(db, session.token, a.thumbSha256, 'image/jpeg', true).catch(() => {});
    }
    setState(failures.length > 0 ? { kind: 'failed', message: failures[0]! } : { kind: 'idle' });
  };
  return (
    <div class="keep-offline" aria-live="polite">
      <p class="muted">{missing === 0 ? t('attachment.allHere', { count: attachments.length }) : t('attachment.missingHere', { count: missing })}</p>
      {missing > 0 && online && (
        <button type="button" class="button button-secondary" onClick={() => void keep()} disabled={state.kind === 'working'}>
          {state.kind === 'working' ? t('attachment.keeping') : t('attachment.keepOffline')}
        </button>
      )}
      {state.kind === 'failed' && (
        <p class="field-error" role="alert">
          {t('attachment.keepFailed', { message: state.message })}
        </p>
      )}
    </div>
  );
}
