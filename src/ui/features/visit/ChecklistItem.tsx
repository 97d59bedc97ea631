// One checklist item: the question with its guidance and legal basis on demand, the coordinator's
// comment, the answer and the details it asks for, a comment (marked when the answer needs one), and a
// recommendation offered where a statutory duty is not met.
import { answerId, saveAnswer, saveAnswerDetail } from '../../../db/answers.ts';
import type { Answer, Observation } from '../../../db/visit-queries.ts';
import type { Attachment } from '../../../db/attachments.ts';
import { Attachments } from '../attachments/Attachments.tsx';
import type { SyncState } from '../../../db/sync-state.ts';
import { basisIn, commentRequired, type TemplateItem } from '../../../shared/reference.ts';
import { isRequired, itemDomId, lacksComment, unmetDuty } from './checklist-progress.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { useTrackSave } from '../../common/use-save-tracker.ts';
import { AnswerControl } from './AnswerControl.tsx';
import { AnswerDetails } from './AnswerDetails.tsx';
import { AutosaveTextarea } from '../../common/AutosaveTextarea.tsx';
import { BasisDisclosure, Disclosure } from '../../common/BasisDisclosure.tsx';
import { FieldConflict } from './FieldConflict.tsx';
import { SyncBadge } from '../../common/SyncBadge.tsx';

export function ChecklistItem({
  visitId,
  item,
  answer,
  sync,
  observations,
  attachments,
  attachmentSync,
  editable,
  headingLevel,
  onAddObservation,
  onRecommend,
}: {
  visitId: string;
  item: TemplateItem;
  answer: Answer | undefined;
  sync: SyncState | undefined;
  observations: Observation[];
  /** The photos and documents of the item itself (an observation's go with it). */
  attachments: Attachment[];
  attachmentSync: Map<string, SyncState>;
  editable: boolean;
  headingLevel: 4 | 5;
  onAddObservation: (itemId: string) => void;
  onRecommend: (prefill: { text: string; legalShortcoming: boolean }) => void;
}) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const track = useTrackSave();
  const questionId = `${itemDomId(item.id)}-q`;
  const required = isRequired(item);
  const value = answer?.value ?? null;
  const needsComment = commentRequired(item, value);
  const Question = headingLevel === 4 ? 'h4' : 'h5';
  const save = (patch: Parameters<typeof saveAnswer>[3]) => saveAnswer(db, visitId, item, patch, session.user);
  return (
    <article id={itemDomId(item.id)} class="item card" tabIndex={-1} aria-labelledby={questionId}>
      <div class="item-head">
        <p class="item-ref">
          {item.id} · {required ? t('checklist.required') : t('checklist.optional')}
          {item.statutory && <span class="tag tag-statutory">{t('checklist.statutory')}</span>}
        </p>
        {sync && answer && <SyncBadge state={sync} subtle />}
      </div>
      <Question id={questionId} class="item-question">
        {item.question[lang]}
      </Question>
      {item.help && (
        <Disclosure label={t('checklist.help')}>
          <p>{item.help[lang]}</p>
        </Disclosure>
      )}
      <BasisDisclosure item={item} />
      {answer?.reviewComment && (
        <div class="review-comment">
          <p class="review-comment-title">{t('checklist.reviewComment')}</p>
          <p>{answer.reviewComment}</p>
        </div>
      )}
      <AnswerControl item={item} answer={answer} readOnly={!editable} labelledBy={questionId} onSave={(v) => save({ value: v })} />
      <FieldConflict entity="answer" id={answerId(visitId, item.id)} field="value" />
      <AnswerDetails
        item={item}
        answer={answer}
        readOnly={!editable}
        onSave={(detailId, v) => saveAnswerDetail(db, visitId, item, detailId, v as Parameters<typeof saveAnswerDetail>[4], session.user)}
      />
      {/* After the details, which it clears too, so they stay right under the answer they belong to. */}
      {editable && value !== null && (
        <button type="button" class="button button-quiet item-clear" onClick={() => void track(save({ value: null, details: null }))}>
          {t('checklist.clearAnswer')}
        </button>
      )}
      <AutosaveTextarea
        className="item-comment"
        label={needsComment ? `${t('checklist.comment')} (${t('checklist.commentRequired')})` : t('checklist.comment')}
        value={answer?.comment ?? ''}
        onSave={(text) => save({ comment: text === '' ? null : text })}
        readOnly={!editable}
        invalid={lacksComment(item, answer)}
        rows={2}
      />
      <FieldConflict entity="answer" id={answerId(visitId, item.id)} field="comment" />
      {unmetDuty(item, value) && (
        <div class="unmet-duty notice">
          <p>{t('checklist.unmetDuty')}</p>
          {editable && (
            <button
              type="button"
              class="button button-secondary"
              onClick={() =>
                onRecommend({
                  text: t('checklist.unmetDutyText', { question: item.question[lang], basis: basisIn(item.basis, lang) }),
                  legalShortcoming: true,
                })
              }
            >
              {t('checklist.recommendDuty')}
            </button>
          )}
        </div>
      )}
      {observations.length > 0 && (
        <ul class="item-observations" aria-label={t('checklist.itemObservations')}>
          {observations.map((o) => (
            <li key={o.id}>
              <span class={`kind-tag kind-${o.kind}`}>{t(`observation.kind.${o.kind}`)}</span> {o.text}
            </li>
          ))}
        </ul>
      )}
      <Attachments
        attachments={attachments}
        place={{ visitId, itemId: item.id }}
        editable={editable}
        sync={attachmentSync}
        quiet
        label={t('attachment.ofItem', { item: item.id })}
      />
      {editable && (
        <button type="button" class="button button-quiet" onClick={() => onAddObservation(item.id)}>
          {t('checklist.addObservation')}
        </button>
      )}
    </article>
  );
}
