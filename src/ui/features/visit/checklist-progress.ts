// How far the checklist is: answered items, and the required ones still without a value (SYNC.md's INCOMPLETE).
import type { Answer, Template } from '../../../db/visit-queries.ts';
import type { TemplateItem } from '../../../shared/reference.ts';

export type ChecklistProgress = { total: number; answered: number; missingRequired: TemplateItem[] };

/** An item counts as required unless the template says otherwise (the schema's default). */
export function isRequired(item: Pick<TemplateItem, 'required'>): boolean {
  return item.required !== false;
}

function isAnswered(answer: Answer | undefined): boolean {
  return answer !== undefined && answer.value !== null && answer.value !== undefined;
}

/** Items in the template's section order, which is the order the page shows them. */
export function orderedItems(template: Pick<Template, 'sections' | 'items'>): TemplateItem[] {
  return template.sections.flatMap((s) => template.items.filter((i) => i.sectionId === s.id));
}

export function checklistProgress(template: Pick<Template, 'sections' | 'items'>, answers: ReadonlyMap<string, Answer>): ChecklistProgress {
  const items = orderedItems(template);
  return {
    total: items.length,
    answered: items.filter((i) => isAnswered(answers.get(i.id))).length,
    missingRequired: items.filter((i) => isRequired(i) && !isAnswered(answers.get(i.id))),
  };
}

/** The DOM id of an item's block on the visit page. */
export function itemDomId(itemId: string): string {
  return `item-${itemId}`;
}

/** Scrolls to an item and puts focus on its first control (or the item itself when read-only). */
export function focusItem(itemId: string): void {
  const block = document.getElementById(itemDomId(itemId));
  if (!block) return;
  const control = block.querySelector<HTMLElement>('button:not([disabled]):not(.basis-toggle), input:not([disabled]), textarea:not([disabled])');
  const target = control ?? block;
  if (typeof block.scrollIntoView === 'function') block.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}
