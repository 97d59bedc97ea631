// The Community Readiness Model's texts (src/shared/crm.json): each dimension's and stage's name and
// description and the action that fits a stage, in the UI's language. Imported by the assessment page's
// chunk alone, so the shell never loads the model.
import crm from '../../../shared/crm.json';
import type { ReadinessModel } from '../../../shared/readiness.ts';
import type { Language, ReadinessDimension } from '../../../shared/vocabulary.ts';

const model = crm as ReadinessModel;

/** A dimension's name and description in the language. */
export function dimensionText(id: ReadinessDimension, lang: Language): { name: string; description: string } {
  const d = model.dimensions.find((x) => x.id === id);
  return { name: d?.name[lang] ?? id, description: d?.description[lang] ?? '' };
}

/** A stage's name, description and fitting action in the language. */
export function stageText(stage: number, lang: Language): { name: string; description: string; action: string } {
  const s = model.stages.find((x) => x.number === stage);
  return { name: s?.name[lang] ?? String(stage), description: s?.description[lang] ?? '', action: s?.action[lang] ?? '' };
}
