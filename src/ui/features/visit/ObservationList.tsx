// The visit's observations, in the order they were made, with their kind, item and sync state.
import type { VisitDetail, Observation } from '../../../db/visit-queries.ts';
import { focusItem, itemDomId } from './checklist-progress.ts';
import { useI18n } from '../../i18n/index.ts';
import { FieldConflict } from './FieldConflict.tsx';
import { RecordActions } from './RecordActions.tsx';
import { SyncBadge } from '../../common/SyncBadge.tsx';
import { Attachments } from '../attachments/Attachments.tsx';

export function ObservationList({
  detail,
  editable,
  onAdd,
  onEdit,
  onDelete,
}: {
  detail: VisitDetail;
  editable: boolean;
  onAdd: () => void;
  onEdit: (o: Observation) => void;
  onDelete: (o: Observation) => void;
}) {
  const { t } = useI18n();
  const { observations } = detail;
  return (
    <section class="visit-section" aria-labelledby="observations-title">
      <h2 id="observations-title">
        {t('observation.title')} <span class="count">({observations.length})</span>
      </h2>
      {observations.length === 0 && <p class="muted">{t('observation.none')}</p>}
      <ul class="card-list">
        {observations.map((o) => (
          <li key={o.id} class="card record-card">
            <p class="record-head">
              <span class={`kind-tag kind-${o.kind}`}>{t(`observation.kind.${o.kind}`)}</span>
              {o.itemId && (
                <a
                  href={`#${itemDomId(o.itemId)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    focusItem(o.itemId!);
                  }}
                >
                  {t('observation.onItem', { item: o.itemId })}
                </a>
              )}
              <SyncBadge state={detail.sync.observation.get(o.id) ?? 'synced'} subtle />
            </p>
            <p class="pre-line">{o.text}</p>
            <FieldConflict entity="observation" id={o.id} field="text" />
            <Attachments
              attachments={detail.attachments.filter((a) => a.observationId === o.id)}
              place={{ visitId: detail.visit.id, observationId: o.id, itemId: o.itemId ?? null }}
              editable={editable}
              sync={detail.sync.attachment}
              label={t('attachment.ofObservation')}
            />
            {editable && <RecordActions editLabel={t('observation.edit')} deleteLabel={t('observation.delete')} onEdit={() => onEdit(o)} onDelete={() => onDelete(o)} />}
          </li>
        ))}
      </ul>
      {editable && (
        <button type="button" class="button button-secondary" onClick={onAdd}>
          {t('observation.add')}
        </button>
      )}
    </section>
  );
}
