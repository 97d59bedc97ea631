// The Community Readiness Model's scoring (the model: src/shared/crm.json): each interview
// gets one consensus score per dimension (1–9) after at least two scorers rated it independently; a
// dimension's score is the mean of its consensus scores over the interviews, the overall score the mean
// of the six dimension scores, each rounded to two decimals; a stage is a score rounded down. Rounding
// comes before the floor: the six scores summed in floating point can make 5.00 into 4.999999999999999,
// which a bare floor would call stage 4.

import { readinessDimensions, type Language, type ReadinessDimension } from './vocabulary.ts';

export { readinessDimensions, type ReadinessDimension };
/** One interview's consensus scores, 1 to 9, per dimension. */
export type InterviewScores = Record<ReadinessDimension, number>;

const READINESS_MIN = 1;
const READINESS_MAX = 9;

/** A score to two decimals, as the model reports it (half away from zero, immune to 1.005-style float error). */
export function roundScore(x: number): number {
  return Math.round((x + Number.EPSILON * Math.sign(x)) * 100) / 100;
}

/** The stage of a (rounded) score: the whole stage reached, 1 to 9. */
export function stageOf(score: number): number {
  return Math.min(READINESS_MAX, Math.max(READINESS_MIN, Math.floor(roundScore(score))));
}

export type ReadinessResult = {
  dimensionScores: InterviewScores;
  dimensionStages: InterviewScores;
  overallScore: number;
  overallStage: number;
  /** The dimensions with the lowest score (ties all listed, in A–F order): to be addressed first. */
  weakestDimensions: ReadinessDimension[];
};

/** The scores of a set of interviews; null with no interview. Throws on a consensus score outside 1–9 or not whole. */
export function scoreReadiness(interviews: readonly InterviewScores[]): ReadinessResult | null {
  if (interviews.length === 0) return null;
  for (const [i, interview] of interviews.entries()) {
    for (const d of readinessDimensions) {
      const v = interview[d];
      if (!Number.isInteger(v) || v < READINESS_MIN || v > READINESS_MAX) {
        throw new RangeError(`Interview ${i + 1}, dimension ${d}: a consensus score is a whole number from ${READINESS_MIN} to ${READINESS_MAX}, not ${v}`);
      }
    }
  }
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const dimensionScores = {} as InterviewScores;
  const dimensionStages = {} as InterviewScores;
  for (const d of readinessDimensions) {
    dimensionScores[d] = roundScore(mean(interviews.map((i) => i[d])));
    dimensionStages[d] = stageOf(dimensionScores[d]);
  }
  const overallScore = roundScore(mean(readinessDimensions.map((d) => dimensionScores[d])));
  const lowest = Math.min(...readinessDimensions.map((d) => dimensionScores[d]));
  return {
    dimensionScores,
    dimensionStages,
    overallScore,
    overallStage: stageOf(overallScore),
    weakestDimensions: readinessDimensions.filter((d) => dimensionScores[d] === lowest),
  };
}

/** A text of the model in each of the app's languages. */
type ModelText = Record<Language, string>;

/**
 * What the app reads of the model (src/shared/crm.json, format 1): each dimension's and stage's name and
 * description, and the kind of action that fits each stage. The JSON is imported by the assessment page's
 * chunk alone, never by the shell.
 */
export type ReadinessModel = {
  formatVersion: 1;
  model: { name: ModelText; description: ModelText };
  dimensions: readonly { id: string; name: ModelText; description: ModelText }[];
  stages: readonly { number: number; name: ModelText; description: ModelText; action: ModelText }[];
};
