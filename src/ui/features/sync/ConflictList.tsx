// Fields whose value from this device lost to another device's, with both values and the ways on.
import { useRef, useState } from 'preact/hooks';
import { listConflictViews } from '../../../db/sync-queries.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useScrollToHash } from './use-scroll-to-hash.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { ConflictItem } from './ConflictItem.tsx';
import { LiveState } from '../../common/LiveState.tsx';

export function ConflictList() {
  const { t } = useI18n();
  const { db } = useSignedIn();
  const views = useLiveQuery(() => listConflictViews(db), [db]);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useScrollToHash('conflicts', views.state === 'ready');

  if (views.state !== 'ready') return views.state === 'error' ? <LiveState state="error" /> : null;
  const list = views.value;
  const done = (key: MessageKey) => {
    setNotice(key);
    heading.current?.focus();
  };

  return (
    <section class="sync-section" aria-labelledby="conflicts" hidden={list.length === 0 && notice === null}>
      <h2 id="conflicts" ref={heading} tabIndex={-1}>
        {t('conflict.title')}
      </h2>
      <p class="sync-notice-slot" aria-live="polite">
        {notice && <span class="sync-done">{t(notice)}</span>}
      </p>
      {list.length > 0 && (
        <>
          <p>{t('conflict.intro')}</p>
          <ul class="card-list sync-list">
            {list.map((view) => (
              <ConflictItem key={view.row.n} view={view} onDone={done} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
