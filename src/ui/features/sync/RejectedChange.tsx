// One change the server turned down: the record, what changed, why, and resend or (after asking) discard;
// a change that can never be accepted (the visit is locked) offers only discarding, and says why.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { discardRejection, resendRejection } from '../../../db/rejections.ts';
import type { RejectionView } from '../../../db/sync-queries.ts';
import { formatDateTime } from '../../common/format.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useAction } from '../../common/use-action.ts';
import { useSync } from '../../common/use-sync.ts';
import { changedFields, recordLabel, recordPath } from '../../common/record-label.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { missingItems, rejectionReason } from './rejection-text.ts';

/**
 * Whether resending can ever succeed. VISIT_LOCKED: the visit is submitted or approved on the server, and
 * the same change would be turned down again, so only discarding is offered (with why).
 */
export function canResend(view: RejectionView): boolean {
  return view.row.error.code !== 'VISIT_LOCKED';
}

export function RejectedChange({ view, onDone }: { view: RejectionView; onDone: (notice: MessageKey) => void }) {
  const { t, lang, dateLocale } = useI18n();
  const { db } = useSignedIn();
  const { syncNow } = useSync();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  // On success the item leaves the list: its buttons stay disabled until it does.
  const { busy, failed, run: act } = useAction(async (work: () => Promise<MessageKey>) => onDone(await work()), {
    log: 'Could not act on the rejected change',
    keepBusy: true,
  });
  const confirmText = useRef<HTMLParagraphElement>(null);
  const { row, ref } = view;
  const path = recordPath(ref);
  const missing = missingItems(view, lang, t);
  const serverHasNone = row.serverRecord === null || row.serverRecord?.['deleted'] === true;
  const resendable = canResend(view);

  useEffect(() => {
    if (confirming) confirmText.current?.focus();
  }, [confirming]);

  const resend = () =>
    act(async () => {
      const result = await resendRejection(db, row.seq);
      syncNow();
      return result === 'queued' ? 'rejection.resent' : 'rejection.goneLocally';
    });
  const discard = () =>
    act(async () => ((await discardRejection(db, row.seq)) === 'restored' ? 'rejection.discarded' : 'rejection.discardedRemoved'));

  const what =
    row.op === 'delete'
      ? t('change.delete')
      : row.baseVersion === null
        ? t('change.create')
        : t('change.fields', { fields: changedFields(row.fields, t, lang) });

  return (
    <li class="card sync-item sync-item-rejected" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} class="sync-item-title">
        {recordLabel(ref, t, lang, dateLocale)}
      </h3>
      <p class="sync-item-meta">
        {what} · {t('change.madeAt', { time: formatDateTime(row.queuedAt, dateLocale) })}
      </p>
      <p class="sync-reason">
        <strong>{t('rejection.reasonLabel')}</strong> {rejectionReason(view, t)}
      </p>
      {missing.length > 0 && (
        <ul class="sync-missing">
          {missing.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
      <details class="sync-technical">
        <summary>{t('rejection.technical')}</summary>
        <p>
          <code>{row.error.code}</code>: {row.error.message}
        </p>
      </details>
      {failed && (
        <p class="notice notice-error" role="alert">
          {t('rejection.actionFailed')}
        </p>
      )}
      {!resendable && <p id={`${id}-locked`}>{t('rejection.lockedNoResend')}</p>}
      {!confirming ? (
        <div class="sync-actions">
          {path && (
            <a class="button button-secondary" href={path}>
              {t('rejection.open')}
            </a>
          )}
          {resendable && (
            <button type="button" class="button button-primary" onClick={() => void resend()} disabled={busy}>
              {t('rejection.resend')}
            </button>
          )}
          <button
            type="button"
            class={resendable ? 'button button-secondary' : 'button button-primary'}
            onClick={() => setConfirming(true)}
            disabled={busy}
            aria-describedby={resendable ? undefined : `${id}-locked`}
          >
            {t('rejection.discard')}
          </button>
        </div>
      ) : (
        <div class="sync-confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`} ref={confirmText} tabIndex={-1}>
            {serverHasNone ? t('rejection.discardConfirmRemove') : t('rejection.discardConfirm')}
          </p>
          <div class="sync-actions">
            <button type="button" class="button button-danger" onClick={() => void discard()} disabled={busy}>
              {t('rejection.discardYes')}
            </button>
            <button type="button" class="button button-secondary" onClick={() => setConfirming(false)}>
              {t('rejection.discardNo')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
