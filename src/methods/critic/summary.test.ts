import { describe, expect, it } from 'vitest';
import { criticSentence } from './summary.ts';

describe('the critic summary sentence', () => {
  it('names the constraint, the steps, the estimate against exact W1 and the gradient norm', () => {
    expect(
      criticSentence({
        lipschitz: 'penalty',
        steps: 500,
        stopped: false,
        estimate: 1.6672,
        w1: 1.6166,
        gradientMean: 1.0334,
      }),
    ).toBe(
      'A critic trained 500 steps with gradient penalty estimates W1 = 1.67, 1.03 × the exact 1.62; its mean gradient norm is 1.03.',
    );
  });

  it('says when training was stopped, handles W1 = 0, and adds the discriminator contrast', () => {
    expect(
      criticSentence({
        lipschitz: 'clip',
        steps: 1,
        stopped: true,
        estimate: 0,
        w1: 0,
        gradientMean: 0.002,
        contrast: { critic: 0.98, discriminator: 0.0001 },
      }),
    ).toBe(
      'A critic stopped after 1 step with weight clipping estimates W1 = 0 (exact W1 0); its mean gradient norm is 0.002. ' +
        'At the source points a generator would get a gradient of 0.98 from the critic and 1.00e-4 from a sigmoid discriminator.',
    );
  });
});
