import { describe, expect, it } from 'vitest';
import { slicedSentence } from './summary.ts';

describe('slicedSentence', () => {
  it('says the slice, the estimate with its 2σ and max-sliced', () => {
    expect(
      slicedSentence({
        source: 'Source',
        target: 'Target',
        angle: 30,
        w2AtAngle: 0.41234,
        estimate: { projections: 50, sw2: 0.3211, standardError: 0.02, max: 0.9031, maxAngle: 112.4 },
      }),
    ).toBe(
      'Along θ = 30°, the 1-D W₂² from Source to Target is 0.412. Over 50 seeded directions the sliced W₂² is ' +
        '0.321 ± 0.04 (2σ); max-sliced is 0.903, at θ = 112°.',
    );
  });

  it('says what the flow did, stopped or not', () => {
    const s = slicedSentence({
      source: 'A',
      target: 'B',
      angle: 0,
      flow: { steps: 1, before: 2, after: 0.5, stopped: true },
    });
    expect(s).toBe(
      'The sliced flow was stopped after 1 step: its fit to B went from 2 to 0.5 (25% of its start).',
    );
  });

  it('a fit that all but vanished reads as under 0.01%', () => {
    const s = slicedSentence({
      source: 'A',
      target: 'B',
      angle: 0,
      flow: { steps: 300, before: 4, after: 1e-30, stopped: false },
    });
    expect(s).toBe(
      'The sliced flow ran 300 steps: its fit to B went from 4 to 1.00e-30 (under 0.01% of its start).',
    );
  });

  it('before anything is solved', () => {
    expect(slicedSentence({ source: 'A', target: 'B', angle: 0 })).toBe('Slicing A and B…');
  });
});
