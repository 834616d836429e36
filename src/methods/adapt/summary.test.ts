import { describe, expect, it } from 'vitest';
import { adaptSentence, type AdaptSummaryInput } from './summary.ts';

const base: AdaptSummaryInput = {
  transport: 'entropic',
  regularization: 'class',
  classifier: '1nn',
  accuracyBefore: 0.6454545,
  accuracyAfter: 0.8909,
  purity: 1,
  cost: 0.6330093,
};

describe('adaptSentence', () => {
  it('names the transport, cost, purity and the accuracy change', () => {
    expect(adaptSentence(base)).toBe(
      'Entropic transport with the class penalty carried the source onto the target (cost 0.633, class purity 100%); ' +
        "the 1-NN classifier's accuracy on the target rose from 65% to 89%.",
    );
  });

  it('says when the accuracy fell or stayed', () => {
    expect(adaptSentence({ ...base, accuracyAfter: 0.5 })).toMatch(/fell from 65% to 50%\.$/);
    expect(adaptSentence({ ...base, accuracyAfter: 0.6454545 })).toMatch(/stayed at 65%\.$/);
  });

  it('without target labels says there is nothing to score against', () => {
    const s = adaptSentence({
      ...base,
      transport: 'exact',
      regularization: 'none',
      classifier: 'mlp',
      accuracyBefore: null,
      accuracyAfter: null,
    });
    expect(s).toMatch(/^Exact transport carried/);
    expect(s).toMatch(/MLP classifier .* no labels to score against/);
  });
});
