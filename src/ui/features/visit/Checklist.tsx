// The checklist: a part per area the visit covers, each with its own progress, by the template's
// sections, in the user's language.
import type { Template, VisitDetail } from '../../../db/visit-queries.ts';
import { useI18n } from '../../i18n/index.ts';
import type { ChecklistProgress } from './checklist-progress.ts';
import { ChecklistItem } from './ChecklistItem.tsx';
import { SectionMenu, sectionLinks } from './SectionMenu.tsx';

type Props = {
  detail: VisitDetail;
  progress: ChecklistProgress;
  editable: boolean;
  onAddObservation: (itemId: string) => void;
  onRecommend: (prefill: { text: string; legalShortcoming: boolean }) => void;
};

export function Checklist({ detail, progress, editable, onAddObservation, onRecommend }: Props) {
  const { t, lang } = useI18n();
  if (detail.templates.length === 0) {
    return (
      <section class="visit-section" aria-labelledby="checklist-title">
        <h2 id="checklist-title">{t('checklist.title')}</h2>
        <p class="notice">{t('checklist.noTemplate')}</p>
      </section>
    );
  }
  const several = detail.templates.length > 1;
  return (
    <section class="visit-section checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('checklist.title')}</h2>
      <SectionMenu
        sections={detail.templates.flatMap((template, n) => sectionLinks(template, lang, (id) => `section-${template.id}-${id}`, several ? `${n + 1}.` : ''))}
      />
      {detail.templates.map((template, n) => (
        <ChecklistPart
          key={template.id}
          template={template}
          part={n + 1}
          several={several}
          progress={progress.parts[n]!}
          detail={detail}
          editable={editable}
          onAddObservation={onAddObservation}
          onRecommend={onRecommend}
        />
      ))}
    </section>
  );
}

function ChecklistPart({
  template,
  part,
  several,
  progress,
  detail,
  editable,
  onAddObservation,
  onRecommend,
}: Omit<Props, 'progress'> & { template: Template; part: number; several: boolean; progress: ChecklistProgress['parts'][number] }) {
  const { t, lang } = useI18n();
  const headingId = `part-${template.id}`;
  const countId = `${headingId}-count`;
  // With one area the part is the checklist; with several, each part is a region titled by its area.
  const Heading = several ? 'h3' : 'p';
  const Part = several ? 'section' : 'div';
  return (
    <Part class="checklist-part" aria-labelledby={several ? headingId : undefined}>
      <div class="checklist-part-head">
        <Heading id={several ? headingId : undefined} class={several ? 'part-title' : 'part-subtitle'}>
          {several && <span class="section-number">{t('checklist.part', { part })}</span>} {template.title[lang]}
        </Heading>
        <p class="part-progress" id={countId}>
          {t('progress.answered', { answered: progress.answered, total: progress.total })}
        </p>
        <progress class="meter" max={Math.max(progress.total, 1)} value={progress.answered} aria-labelledby={countId} />
      </div>
      {template.sections.map((section, n) => {
        const items = template.items.filter((i) => i.sectionId === section.id);
        if (items.length === 0) return null;
        const sectionId = `section-${template.id}-${section.id}`;
        const SectionHeading = several ? 'h4' : 'h3';
        return (
          <section key={section.id} class="checklist-section" aria-labelledby={sectionId}>
            <SectionHeading id={sectionId} class="section-title" tabIndex={-1}>
              <span class="section-number">{several ? `${part}.${n + 1}.` : `${n + 1}.`}</span> {section.title[lang]}
            </SectionHeading>
            {items.map((item) => {
              const answer = detail.answers.get(item.id);
              return (
                <ChecklistItem
                  key={item.id}
                  visitId={detail.visit.id}
                  item={item}
                  answer={answer}
                  sync={answer ? detail.sync.answer.get(answer.id) : undefined}
                  observations={detail.observations.filter((o) => o.itemId === item.id)}
                  attachments={detail.attachments.filter((a) => a.itemId === item.id && !a.observationId)}
                  attachmentSync={detail.sync.attachment}
                  editable={editable}
                  headingLevel={several ? 5 : 4}
                  onAddObservation={onAddObservation}
                  onRecommend={onRecommend}
                />
              );
            })}
          </section>
        );
      })}
    </Part>
  );
}
