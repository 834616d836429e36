import { describe, expect, it } from 'vitest';
import { decorrelateSentence } from './summary.ts';

describe('decorrelateSentence', () => {
  it('gives the classes, the sums before and after, and their ratio', () => {
    expect(decorrelateSentence({ name: 'Blobs', classes: 3, before: 3.5761565, after: 0.1108683 })).toBe(
      'Carrying each of the 3 classes of Blobs onto the pooled cloud took Σ W₂² from 3.58 to 0.111 (3% of its value).',
    );
  });
  it('leaves the ratio out when there was nothing to remove', () => {
    expect(decorrelateSentence({ name: 'A', classes: 2, before: 0, after: 0 })).toMatch(/from 0 to 0\.$/);
  });
});
