import { describe, expect, it } from 'vitest';
import { fusionSentence } from './summary.ts';

describe('fusionSentence', () => {
  it('states both accuracies, both midpoints and both barriers', () => {
    const s = fusionSentence({
      alignment: 'soft',
      accuracyA: 0.991,
      accuracyB: 0.978,
      midNaive: 0.452,
      midAligned: 0.969,
      barrierNaive: 2.13,
      barrierAligned: 0.1234,
    });
    expect(s).toBe(
      'Models A and B classify 99% and 98% of the points; averaged unit by unit the midpoint scores 45% ' +
        '(barrier 2.1 nats), aligned by OTFusion’s transport first it scores 97% (barrier 0.12).',
    );
  });

  it('names each alignment', () => {
    const base = {
      accuracyA: 1,
      accuracyB: 1,
      midNaive: 0.5,
      midAligned: 1,
      barrierNaive: 1,
      barrierAligned: 0,
    };
    expect(fusionSentence({ ...base, alignment: 'weights' })).toMatch(/aligned by weight matching first/);
    expect(fusionSentence({ ...base, alignment: 'activations' })).toMatch(/aligned by activation matching/);
  });
});
