// At the top of a returned visit: the coordinator's reason and note, the items they commented on, each a
// link to its place in the checklist, and what to do next (correct, then submit again: one button).
import type { VisitDetail } from '../../../db/visit-queries.ts';
import type { TemplateItem } from '../../../shared/reference.ts';
import { focusItem, itemDomId } from './checklist-progress.ts';
import { useI18n } from '../../i18n/index.ts';
import './returned-visit.css';

/** `items`: the visit's checklist items in page order, so the list follows the checklist. */
export function ReturnedVisitSummary({ detail, items, ownVisit }: { detail: Pick<VisitDetail, 'visit' | 'answers'>; items: readonly TemplateItem[]; ownVisit: boolean }) {
  const { t, lang } = useI18n();
  const { visit, answers } = detail;
  if (visit.status !== 'returned') return null;
  const known = new Set(items.map((i) => i.id));
  const commented = [
    ...items.flatMap((item) => {
      const comment = answers.get(item.id)?.reviewComment?.trim();
      return comment ? [{ id: item.id, question: item.question[lang], comment }] : [];
    }),
    // A comment on an item whose checklist is not on this device yet still shows, by its id.
    ...[...answers.values()].flatMap((a) => {
      const comment = a.reviewComment?.trim();
      return comment && !known.has(a.itemId) ? [{ id: a.itemId, question: null, comment }] : [];
    }),
  ];
  return (
    <section class="notice notice-attention returned-summary" aria-labelledby="returned-summary-title">
      <h2 id="returned-summary-title" class="notice-title">
        {t('visit.returnedTitle')}
      </h2>
      <p class="returned-label">{t('returned.reason')}</p>
      <p class="pre-line">{visit.returnReason?.trim() || t('visits.noReturnReason')}</p>
      {visit.reviewNote?.trim() && (
        <>
          <p class="returned-label">{t('returned.note')}</p>
          <p class="pre-line">{visit.reviewNote}</p>
        </>
      )}
      {commented.length > 0 && (
        <>
          <p class="returned-label" id="returned-summary-items">
            {t('returned.comments', { count: commented.length })}
          </p>
          <ul class="returned-items" aria-labelledby="returned-summary-items">
            {commented.map((c) => (
              <li key={c.id}>
                <a
                  href={`#${itemDomId(c.id)}`}
                  onClick={(e) => {
                    // The item's first control takes focus, as "Go to the first unanswered item" does.
                    if (!document.getElementById(itemDomId(c.id))) return;
                    e.preventDefault();
                    focusItem(c.id);
                  }}
                >
                  <span class="returned-item-id">{c.id}</span> {c.question}
                </a>
                <p class="returned-comment pre-line">{c.comment}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      {ownVisit && <p>{t('returned.next')}</p>}
    </section>
  );
}
