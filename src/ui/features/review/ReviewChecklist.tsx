// The visit's checklist, a part per area, by section, each item with its answer; the templates the visit
// pinned give the questions.
import type { VisitDetail } from '../../../db/visit-queries.ts';
import { useI18n } from '../../i18n/index.ts';
import { ReviewItem } from './ReviewItem.tsx';
import '../../common/section.css';

export function ReviewChecklist({ detail, editable }: { detail: Pick<VisitDetail, 'visit' | 'templates' | 'answers' | 'attachments'>; editable: boolean }) {
  const { t, lang } = useI18n();
  const { visit, templates, answers } = detail;
  if (templates.length === 0) {
    return (
      <section class="report-section" aria-labelledby="review-checklist">
        <h2 id="review-checklist">{t('reviewVisit.checklistTitle')}</h2>
        <p class="notice">{t('reviewVisit.noTemplate', { id: visit.templateIds.join(', ') })}</p>
      </section>
    );
  }
  const items = templates.flatMap((tpl) => tpl.items);
  const answered = items.filter((i) => (answers.get(i.id)?.value ?? null) !== null).length;
  return (
    <section class="report-section" aria-labelledby="review-checklist">
      <h2 id="review-checklist">{t('reviewVisit.checklistTitle')}</h2>
      <p class="muted">{t('reviewVisit.answeredCount', { answered, total: items.length })}</p>
      {templates.map((template) => (
        <section key={template.id} class="review-part" aria-labelledby={`review-part-${template.id}`}>
          <h3 id={`review-part-${template.id}`}>{template.title[lang]}</h3>
          {template.sections.map((section) => {
            const sectionItems = template.items.filter((i) => i.sectionId === section.id);
            if (sectionItems.length === 0) return null;
            const id = `section-${template.id}-${section.id}`;
            return (
              <section key={section.id} class="card review-checklist-section" aria-labelledby={id}>
                <h4 id={id}>{section.title[lang]}</h4>
                <ol class="review-items">
                  {sectionItems.map((item) => (
                    <ReviewItem
                      key={item.id}
                      visitId={visit.id}
                      item={item}
                      answer={answers.get(item.id)}
                      attachments={detail.attachments.filter((a) => a.itemId === item.id && !a.observationId)}
                      editable={editable}
                    />
                  ))}
                </ol>
              </section>
            );
          })}
        </section>
      ))}
    </section>
  );
}
