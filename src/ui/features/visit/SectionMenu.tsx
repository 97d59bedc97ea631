// A compact way to the checklist's sections, at its top: a disclosure of links, each moving focus to its
// section's heading (and scrolling it under the bars at the top, by base.css's scroll-padding).
import { useRef } from 'preact/hooks';
import type { Template } from '../../../db/visit-queries.ts';
import type { Language } from '../../../shared/vocabulary.ts';
import { useI18n } from '../../i18n/index.ts';

type SectionLink = { /** The DOM id of the section's heading. */ id: string; label: string };

/** A checklist's sections that have items, numbered as the checklist numbers them (`prefix`: a part's "2."). */
export function sectionLinks(
  template: Pick<Template, 'sections' | 'items'>,
  lang: Language,
  headingId: (sectionId: string) => string,
  prefix = '',
): SectionLink[] {
  return template.sections
    .map((s, n) => ({ s, label: `${prefix}${n + 1}. ${s.title[lang]}` }))
    .filter(({ s }) => template.items.some((i) => i.sectionId === s.id))
    .map(({ s, label }) => ({ id: headingId(s.id), label }));
}

function focusHeading(id: string): void {
  const heading = document.getElementById(id);
  if (!heading) return;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  if (typeof heading.scrollIntoView === 'function') heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

export function SectionMenu({ sections }: { sections: readonly SectionLink[] }) {
  const { t } = useI18n();
  const details = useRef<HTMLDetailsElement>(null);
  if (sections.length < 2) return null;
  return (
    <nav class="section-menu" aria-label={t('sections.label')}>
      <details ref={details}>
        <summary>{t('sections.menu')}</summary>
        <ol class="section-menu-list">
          {sections.map((s) => (
            <li key={s.id}>
              <a
                href={`#${s.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  if (details.current) details.current.open = false;
                  focusHeading(s.id);
                }}
              >
                {s.label}
              </a>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}
