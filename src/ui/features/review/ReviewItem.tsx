// One checklist item under review: the question, its legal basis on demand, the inspector's answer and
// comment, and the coordinator's comment (a field while the visit can be reviewed, text otherwise).
import type { Attachment } from '../../../db/attachments.ts';
import { Attachments } from '../attachments/Attachments.tsx';
import type { Answer } from '../../../db/visit-queries.ts';
import { saveReviewComment } from '../../../db/review.ts';
import type { TemplateItem } from '../../../shared/reference.ts';
import { answerLabel, detailLines } from '../../common/answer-labels.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { AutosaveTextarea } from '../../common/AutosaveTextarea.tsx';
import { BasisDisclosure } from '../../common/BasisDisclosure.tsx';

export function ReviewItem({
  visitId,
  item,
  answer,
  attachments,
  editable,
}: {
  visitId: string;
  item: TemplateItem;
  answer: Answer | undefined;
  /** The item's own photos and documents, shown read-only. */
  attachments: readonly Attachment[];
  editable: boolean;
}) {
  const { t, lang, dateLocale } = useI18n();
  const { db, session } = useSignedIn();
  const value = answer?.value ?? null;
  return (
    <li class="review-item" data-item-id={item.id}>
      <p class="review-question">
        <span class="item-id">{item.id}</span> {item.question[lang]}
        {item.statutory && <span class="tag tag-statutory">{t('checklist.statutory')}</span>}
        {!item.required && <span class="muted"> ({t('reviewVisit.optional')})</span>}
      </p>
      <BasisDisclosure item={item} />
      <dl class="item-answer">
        <div>
          <dt>{t('reviewVisit.answer')}</dt>
          <dd class={value === null ? 'answer-value muted' : typeof value === 'string' ? `answer-value answer-${value}` : 'answer-value'}>{answerLabel(value, item, t, lang, dateLocale)}</dd>
        </div>
        {detailLines(item, answer, t, lang, dateLocale).map((d) => (
          <div key={d.id}>
            <dt>{d.label}</dt>
            <dd>{d.text}</dd>
          </div>
        ))}
        {answer?.comment?.trim() && (
          <div>
            <dt>{t('reviewVisit.inspectorComment')}</dt>
            <dd class="pre-line">{answer.comment}</dd>
          </div>
        )}
      </dl>
      {editable ? (
        <AutosaveTextarea
          className="review-comment-field"
          label={t('reviewVisit.reviewCommentOn', { item: item.id })}
          value={answer?.reviewComment ?? ''}
          onSave={(text) => saveReviewComment(db, visitId, item.id, text, session.user)}
          readOnly={false}
          rows={2}
        />
      ) : (
        answer?.reviewComment?.trim() && (
          <div class="coordinator-comment">
            <p class="label">{t('reviewVisit.reviewComment')}</p>
            <p class="pre-line">{answer.reviewComment}</p>
          </div>
        )
      )}
      <Attachments attachments={attachments} place={{ visitId, itemId: item.id }} editable={false} label={t('attachment.ofItem', { item: item.id })} />
    </li>
  );
}
