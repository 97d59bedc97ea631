// The checklist by the template's sections, in the user's language.
import type { VisitDetail } from '../../../db/visit-queries.ts';
import { useI18n } from '../../i18n/index.ts';
import { ChecklistItem } from './ChecklistItem.tsx';
import { SectionMenu, sectionLinks } from './SectionMenu.tsx';

export function Checklist({ detail, editable, onAddObservation }: { detail: VisitDetail; editable: boolean; onAddObservation: (itemId: string) => void }) {
  const { t, lang } = useI18n();
  const { template, visit } = detail;
  if (!template) {
    return (
      <section class="visit-section" aria-labelledby="checklist-title">
        <h2 id="checklist-title">{t('checklist.title')}</h2>
        <p class="notice">{t('checklist.noTemplate')}</p>
      </section>
    );
  }
  return (
    <section class="visit-section checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('checklist.title')}</h2>
      <SectionMenu sections={sectionLinks(template, lang, (id) => `section-${id}`)} />
      {template.sections.map((section, n) => {
        const items = template.items.filter((i) => i.sectionId === section.id);
        if (items.length === 0) return null;
        return (
          <section key={section.id} class="checklist-section" aria-labelledby={`section-${section.id}`}>
            <h3 id={`section-${section.id}`} class="section-title">
              <span class="section-number">{n + 1}.</span> {section.title[lang]}
            </h3>
            {items.map((item) => {
              const answer = detail.answers.get(item.id);
              return (
                <ChecklistItem
                  key={item.id}
                  visitId={visit.id}
                  item={item}
                  answer={answer}
                  sync={answer ? detail.sync.answer.get(answer.id) : undefined}
                  observations={detail.observations.filter((o) => o.itemId === item.id)}
                  editable={editable}
                  onAddObservation={onAddObservation}
                />
              );
            })}
          </section>
        );
      })}
    </section>
  );
}
