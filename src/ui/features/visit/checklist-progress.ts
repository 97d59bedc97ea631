// How far the checklist is, per area and in all: answered items, and what submission still needs
// (SYNC.md's INCOMPLETE): an answer to every required item, a comment where the answer calls for one.
import type { Answer, Template } from '../../../db/visit-queries.ts';
import { commentRequired, type TemplateItem } from '../../../shared/reference.ts';

type Checklist = Pick<Template, 'sections' | 'items'>;
export type PartProgress = { total: number; answered: number; missingRequired: TemplateItem[] };
export type ChecklistProgress = PartProgress & {
  /** Of `missingRequired`, the items answered but lacking the comment their answer needs. */
  missingComment: ReadonlySet<string>;
  /** Per template of the visit, in its order. */
  parts: PartProgress[];
};

/** An item counts as required unless the template says otherwise (the schema's default). */
export function isRequired(item: Pick<TemplateItem, 'required'>): boolean {
  return item.required !== false;
}

function isAnswered(answer: Answer | undefined): boolean {
  return answer !== undefined && answer.value !== null && answer.value !== undefined;
}

/** Whether the answer's value calls for a comment that is not there yet. */
export function lacksComment(item: TemplateItem, answer: Answer | undefined): boolean {
  return isAnswered(answer) && commentRequired(item, answer!.value) && !answer!.comment?.trim();
}

/** A statutory item answered "no" or "partly": a legal duty not met. */
export function unmetDuty(item: Pick<TemplateItem, 'statutory'>, value: unknown): boolean {
  return item.statutory === true && (value === 'no' || value === 'partly');
}

/** Items in the template's section order, which is the order the page shows them. */
export function orderedItems(template: Checklist): TemplateItem[] {
  return template.sections.flatMap((s) => template.items.filter((i) => i.sectionId === s.id));
}

function partProgress(template: Checklist, answers: ReadonlyMap<string, Answer>): PartProgress {
  const items = orderedItems(template);
  return {
    total: items.length,
    answered: items.filter((i) => isAnswered(answers.get(i.id))).length,
    missingRequired: items.filter((i) => (isRequired(i) && !isAnswered(answers.get(i.id))) || lacksComment(i, answers.get(i.id))),
  };
}

export function checklistProgress(templates: readonly Checklist[], answers: ReadonlyMap<string, Answer>): ChecklistProgress {
  const parts = templates.map((t) => partProgress(t, answers));
  const missingRequired = parts.flatMap((p) => p.missingRequired);
  return {
    total: parts.reduce((n, p) => n + p.total, 0),
    answered: parts.reduce((n, p) => n + p.answered, 0),
    missingRequired,
    missingComment: new Set(missingRequired.filter((i) => lacksComment(i, answers.get(i.id))).map((i) => i.id)),
    parts,
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
