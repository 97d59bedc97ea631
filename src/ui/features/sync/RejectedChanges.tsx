// Changes the server turned down, each with its reason and the ways on: fix and resend, or discard.
import { useRef, useState } from 'preact/hooks';
import { resendRejection } from '../../../db/rejections.ts';
import { listRejectionViews, type RejectionView } from '../../../db/sync-queries.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useAction } from '../../common/use-action.ts';
import { useScrollToHash } from './use-scroll-to-hash.ts';
import { useSync } from '../../common/use-sync.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { LiveState } from '../../common/LiveState.tsx';
import { canResend, RejectedChange } from './RejectedChange.tsx';

export function RejectedChanges() {
  const { t } = useI18n();
  const { db } = useSignedIn();
  const { syncNow } = useSync();
  const views = useLiveQuery(() => listRejectionViews(db), [db]);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useScrollToHash('rejected', views.state === 'ready');

  /** After an item goes, focus would be lost with it: the section's heading takes it, and the notice says what happened. */
  const done = (key: MessageKey) => {
    setNotice(key);
    heading.current?.focus();
  };

  const resendAll = useAction(
    async (list: readonly RejectionView[]) => {
      for (const view of list) await resendRejection(db, view.row.seq);
      syncNow();
      done('rejection.resentAll');
    },
    { log: 'Could not resend the rejected changes', onFailure: () => setNotice('rejection.actionFailed') },
  );

  if (views.state !== 'ready') return views.state === 'error' ? <LiveState state="error" /> : null;
  const list = views.value;
  // Only what a resend could get accepted: a change to a locked visit would be turned down again.
  const resendable = list.filter(canResend);

  return (
    <section class="sync-section" aria-labelledby="rejected" hidden={list.length === 0 && notice === null}>
      <h2 id="rejected" ref={heading} tabIndex={-1}>
        {t('rejection.title')}
      </h2>
      <p class="sync-notice-slot" aria-live="polite">
        {notice && <span class="sync-done">{t(notice)}</span>}
      </p>
      {list.length > 0 && (
        <>
          <p>{t('rejection.intro')}</p>
          {resendable.length > 1 && (
            <p>
              <button type="button" class="button button-secondary" onClick={() => void resendAll.run(resendable)} disabled={resendAll.busy}>
                {t('rejection.resendAll', { count: resendable.length })}
              </button>
            </p>
          )}
          <ul class="card-list sync-list">
            {list.map((view) => (
              <RejectedChange key={view.row.seq} view={view} onDone={done} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
