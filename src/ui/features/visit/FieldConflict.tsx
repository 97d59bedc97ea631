// Placed by a form next to a field: says that this device's earlier value was replaced by another
// device's, shows it, and lets the user take it back or keep the current one. Renders nothing otherwise.
import { useId } from 'preact/hooks';
import { dismissConflict, fieldConflict, takeBackConflict } from '../../../db/conflicts.ts';
import type { EntityName } from '../../../shared/entities.ts';
import { useI18n } from '../../i18n/index.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useSync } from '../../common/use-sync.ts';
import { valueText } from '../../common/record-label.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { useAction } from '../../common/use-action.ts';
import './field-conflict.css';

export function FieldConflict({ entity, id, field }: { entity: EntityName; id: string; field: string }) {
  const { t, lang } = useI18n();
  const { db } = useSignedIn();
  const { syncNow } = useSync();
  const textId = useId();
  const conflict = useLiveQuery(() => fieldConflict(db, { entity, id, field }), [db, entity, id, field]);
  const { busy, failed, run: act } = useAction((work: () => Promise<void>) => work(), { log: 'Could not act on the conflict' });
  if (conflict.state !== 'ready' || conflict.value === null) return null;
  const c = conflict.value;

  return (
    <div class="field-conflict" role="group" aria-labelledby={textId}>
      <p id={textId} class="field-conflict-text">
        {t('conflict.replaced')}
      </p>
      <p class="field-conflict-yours">
        <span class="field-conflict-label">{t('conflict.yourEarlier')}</span> {valueText(c.yours, field, t, lang)}
      </p>
      {failed && (
        <p class="notice notice-error" role="alert">
          {t('conflict.actionFailed')}
        </p>
      )}
      <div class="sync-actions">
        <button
          type="button"
          class="button button-secondary"
          disabled={busy}
          onClick={() =>
            void act(async () => {
              await takeBackConflict(db, c.n);
              syncNow();
            })
          }
        >
          {t('conflict.takeBack')}
        </button>
        <button type="button" class="button button-secondary" disabled={busy} onClick={() => void act(() => dismissConflict(db, c.n))}>
          {t('conflict.keep')}
        </button>
      </div>
    </div>
  );
}
