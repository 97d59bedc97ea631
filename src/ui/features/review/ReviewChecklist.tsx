// The visit's checklist by section, each item with its answer; the template the visit pinned gives the questions.
import type { VisitDetail } from '../../../db/visit-queries.ts';
import { useI18n } from '../../i18n/index.ts';
import { ReviewItem } from './ReviewItem.tsx';
import '../../common/section.css';

export function ReviewChecklist({ detail, editable }: { detail: Pick<VisitDetail, 'visit' | 'template' | 'answers'>; editable: boolean }) {
  const { t, lang } = useI18n();
  const { visit, template, answers } = detail;
  if (!template) {
    return (
      <section class="report-section" aria-labelledby="review-checklist">
        <h2 id="review-checklist">{t('reviewVisit.checklistTitle')}</h2>
        <p class="notice">{t('reviewVisit.noTemplate', { id: visit.templateId })}</p>
      </section>
    );
  }
  const answered = template.items.filter((i) => (answers.get(i.id)?.value ?? null) !== null).length;
  return (
    <section class="report-section" aria-labelledby="review-checklist">
      <h2 id="review-checklist">{t('reviewVisit.checklistTitle')}</h2>
      <p class="muted">{t('reviewVisit.answeredCount', { answered, total: template.items.length })}</p>
      {template.sections.map((section) => {
        const items = template.items.filter((i) => i.sectionId === section.id);
        if (items.length === 0) return null;
        return (
          <section key={section.id} class="card review-checklist-section" aria-labelledby={`section-${section.id}`}>
            <h3 id={`section-${section.id}`}>{section.title[lang]}</h3>
            <ol class="review-items">
              {items.map((item) => (
                <ReviewItem key={item.id} visitId={visit.id} item={item} answer={answers.get(item.id)} editable={editable} />
              ))}
            </ol>
          </section>
        );
      })}
    </section>
  );
}
