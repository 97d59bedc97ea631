// One field that lost a conflict: whose value was kept, the value that lost, take it back or keep.
import { useId } from 'preact/hooks';
import { dismissConflict, takeBackConflict } from '../../../db/conflicts.ts';
import type { ConflictView } from '../../../db/sync-queries.ts';
import { formatDateTime } from '../../common/format.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useAction } from '../../common/use-action.ts';
import { useSync } from '../../common/use-sync.ts';
import { fieldLabel, recordLabel, recordPath } from '../../common/record-label.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { ConflictValues } from './ConflictValues.tsx';

export function ConflictItem({ view, onDone }: { view: ConflictView; onDone: (notice: MessageKey) => void }) {
  const { t, lang, dateLocale } = useI18n();
  const { db } = useSignedIn();
  const { syncNow } = useSync();
  const id = useId();
  // On success the item leaves the list: its buttons stay disabled until it does.
  const { busy, failed, run: act } = useAction(async (work: () => Promise<MessageKey>) => onDone(await work()), {
    log: 'Could not act on the conflict',
    keepBusy: true,
  });
  const { row, ref } = view;
  const path = recordPath(ref);

  return (
    <li class="card sync-item" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} class="sync-item-title">
        {recordLabel(ref, t, lang, dateLocale)}
      </h3>
      <p class="sync-item-meta">
        {t('conflict.fieldLost', { field: fieldLabel(row.field, t) })} · {formatDateTime(row.at, dateLocale)}
      </p>
      <ConflictValues field={row.field} yours={row.yours} kept={row.kept} />
      {failed && (
        <p class="notice notice-error" role="alert">
          {t('conflict.actionFailed')}
        </p>
      )}
      <div class="sync-actions">
        {path && (
          <a class="button button-secondary" href={path}>
            {t('rejection.open')}
          </a>
        )}
        <button
          type="button"
          class="button button-primary"
          disabled={busy}
          onClick={() =>
            void act(async () => {
              await takeBackConflict(db, row.n);
              syncNow();
              return 'conflict.takenBack';
            })
          }
        >
          {t('conflict.takeBack')}
        </button>
        <button
          type="button"
          class="button button-secondary"
          disabled={busy}
          onClick={() =>
            void act(async () => {
              await dismissConflict(db, row.n);
              return 'conflict.keptNotice';
            })
          }
        >
          {t('conflict.keep')}
        </button>
      </div>
    </li>
  );
}
