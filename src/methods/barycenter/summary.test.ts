import { describe, expect, it } from 'vitest';
import { barycenterSentence, listNames } from './summary.ts';

describe('the barycenter summary sentence', () => {
  it('names the clouds, the weights, the support and the objective', () => {
    expect(
      barycenterSentence({
        names: ['Circle', 'Square', 'Cross'],
        weights: [1 / 3, 1 / 3, 1 / 3],
        kind: 'support',
        size: 120,
        objective: 0.41234,
      }),
    ).toBe(
      'The barycenter of Circle, Square and Cross with weights 0.33, 0.33, 0.33 has 120 support points; its weighted W₂² to the clouds is 0.412.',
    );
  });

  it('describes a grid density, one support point, and leaves out a missing objective', () => {
    expect(
      barycenterSentence({ names: ['A', 'B'], weights: [0.7, 0.3], kind: 'grid', size: 64, objective: 2 }),
    ).toBe(
      'The barycenter of A and B with weights 0.70, 0.30 is a density on a 64 × 64 grid; its weighted W₂² to the clouds is 2.',
    );
    expect(
      barycenterSentence({
        names: ['A', 'B'],
        weights: [0.5, 0.5],
        kind: 'support',
        size: 1,
        objective: NaN,
      }),
    ).toBe('The barycenter of A and B with weights 0.50, 0.50 has 1 support point.');
  });

  it('lists names with "and" before the last', () => {
    expect(listNames(['A'])).toBe('A');
    expect(listNames(['A', 'B', 'C', 'D'])).toBe('A, B, C and D');
  });
});
