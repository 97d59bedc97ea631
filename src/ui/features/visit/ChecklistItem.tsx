// One checklist item: the question, its legal basis, the coordinator's comment, the answer and a comment.
import { answerId, saveAnswer } from '../../../db/answers.ts';
import type { Answer, Observation } from '../../../db/visit-queries.ts';
import type { SyncState } from '../../../db/sync-state.ts';
import type { TemplateItem } from '../../../shared/reference.ts';
import { isRequired, itemDomId } from './checklist-progress.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { AnswerControl } from './AnswerControl.tsx';
import { AutosaveTextarea } from '../../common/AutosaveTextarea.tsx';
import { BasisDisclosure } from '../../common/BasisDisclosure.tsx';
import { FieldConflict } from './FieldConflict.tsx';
import { SyncBadge } from '../../common/SyncBadge.tsx';

export function ChecklistItem({
  visitId,
  item,
  answer,
  sync,
  observations,
  editable,
  onAddObservation,
}: {
  visitId: string;
  item: TemplateItem;
  answer: Answer | undefined;
  sync: SyncState | undefined;
  observations: Observation[];
  editable: boolean;
  onAddObservation: (itemId: string) => void;
}) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const questionId = `${itemDomId(item.id)}-q`;
  const required = isRequired(item);
  return (
    <article id={itemDomId(item.id)} class="item card" tabIndex={-1} aria-labelledby={questionId}>
      <div class="item-head">
        <p class="item-ref">
          {item.id} · {required ? t('checklist.required') : t('checklist.optional')}
        </p>
        {sync && answer && <SyncBadge state={sync} subtle />}
      </div>
      <h4 id={questionId} class="item-question">
        {item.question[lang]}
      </h4>
      <BasisDisclosure basis={item.basis} />
      {answer?.reviewComment && (
        <div class="review-comment">
          <p class="review-comment-title">{t('checklist.reviewComment')}</p>
          <p>{answer.reviewComment}</p>
        </div>
      )}
      <AnswerControl
        item={item}
        answer={answer}
        readOnly={!editable}
        labelledBy={questionId}
        onSave={(value) => saveAnswer(db, visitId, item, { value }, session.user)}
      />
      <FieldConflict entity="answer" id={answerId(visitId, item.id)} field="value" />
      <AutosaveTextarea
        className="item-comment"
        label={t('checklist.comment')}
        value={answer?.comment ?? ''}
        onSave={(text) => saveAnswer(db, visitId, item, { comment: text === '' ? null : text }, session.user)}
        readOnly={!editable}
        rows={2}
      />
      <FieldConflict entity="answer" id={answerId(visitId, item.id)} field="comment" />
      {observations.length > 0 && (
        <ul class="item-observations" aria-label={t('checklist.itemObservations')}>
          {observations.map((o) => (
            <li key={o.id}>
              <span class={`kind-tag kind-${o.kind}`}>{t(`observation.kind.${o.kind}`)}</span> {o.text}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <button type="button" class="button button-quiet" onClick={() => onAddObservation(item.id)}>
          {t('checklist.addObservation')}
        </button>
      )}
    </article>
  );
}
