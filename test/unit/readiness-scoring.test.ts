// The Community Readiness Model's scoring on the model's own worked examples (crm.json, each figure checked
// by hand below), and at the stage boundaries, where rounding must come before the floor.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roundScore, scoreReadiness, stageOf, type InterviewScores } from '../../src/shared/readiness.ts';

type Example = { interviews: InterviewScores[]; dimensionScores: InterviewScores; dimensionStages: InterviewScores; overallScore: number; overallStage: number; weakestDimensions: string[] };
const model = JSON.parse(readFileSync(join(process.cwd(), 'src/shared/crm.json'), 'utf8')) as { scoring: { examples: Example[] } };

describe('readiness scoring', () => {
  it('gives the model’s first worked example: overall 3.75, stage 3, B and F weakest', () => {
    // A: (4+5+4+5)/4 = 4.5; B: (3+3+2+4)/4 = 3; C: (5+4+5+4)/4 = 4.5; D: (3+4+3+3)/4 = 3.25;
    // E: (4+4+5+4)/4 = 4.25; F: (3+2+3+4)/4 = 3; overall (4.5+3+4.5+3.25+4.25+3)/6 = 22.5/6 = 3.75.
    const example = model.scoring.examples[0]!;
    const result = scoreReadiness(example.interviews)!;
    expect(result.dimensionScores).toEqual({ A: 4.5, B: 3, C: 4.5, D: 3.25, E: 4.25, F: 3 });
    expect(result.dimensionStages).toEqual({ A: 4, B: 3, C: 4, D: 3, E: 4, F: 3 });
    expect([result.overallScore, result.overallStage]).toEqual([3.75, 3]);
    expect(result.weakestDimensions).toEqual(['B', 'F']);
    expect(result).toEqual({ dimensionScores: example.dimensionScores, dimensionStages: example.dimensionStages, overallScore: example.overallScore, overallStage: example.overallStage, weakestDimensions: example.weakestDimensions });
  });

  it('gives the second: each dimension to two decimals, overall exactly 5.00 and so stage 5', () => {
    // A: 14/3 = 4.67; B: 17/3 = 5.67; C: 17/3 = 5.67; D: 16/3 = 5.33; E: 13/3 = 4.33; F: 13/3 = 4.33;
    // overall (4.67+5.67+5.67+5.33+4.33+4.33)/6 = 30/6 = 5 (in floating point 4.999999999999999).
    const example = model.scoring.examples[1]!;
    const result = scoreReadiness(example.interviews)!;
    expect(result.dimensionScores).toEqual({ A: 4.67, B: 5.67, C: 5.67, D: 5.33, E: 4.33, F: 4.33 });
    expect((4.67 + 5.67 + 5.67 + 5.33 + 4.33 + 4.33) / 6).toBeLessThan(5);
    expect([result.overallScore, result.overallStage]).toEqual([5, 5]);
    expect(result.dimensionStages).toEqual({ A: 4, B: 5, C: 5, D: 5, E: 4, F: 4 });
    expect(result.weakestDimensions).toEqual(['E', 'F']);
  });

  it('rounds before the floor at every stage boundary, and keeps stages within 1–9', () => {
    expect([stageOf(4.999999999999999), stageOf(4.994), stageOf(4.995), stageOf(1), stageOf(9), stageOf(9.99)]).toEqual([5, 4, 5, 1, 9, 9]);
    expect([roundScore(1.005), roundScore(2.675), roundScore(4.666666), roundScore(3.125)]).toEqual([1.01, 2.68, 4.67, 3.13]);
  });

  it('has no score without interviews, and refuses a consensus score that is not a whole 1–9', () => {
    expect(scoreReadiness([])).toBeNull();
    const ok: InterviewScores = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 9 };
    expect(scoreReadiness([ok])!.overallScore).toBe(4);
    expect(() => scoreReadiness([{ ...ok, C: 10 }])).toThrow('Interview 1, dimension C: a consensus score is a whole number from 1 to 9, not 10');
    expect(() => scoreReadiness([ok, { ...ok, F: 4.5 }])).toThrow(/Interview 2, dimension F/);
  });
});
