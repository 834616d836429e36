import { describe, expect, it } from 'vitest';
import { wrap } from './script.ts';

describe('wrap', () => {
  it('breaks text into lines of at most the width, keeping words whole', () => {
    const text =
      'POT checks the 2-norm of the target-marginal error every 10 iterations, so the script asks for less.';
    const lines = wrap(text, 30).split('\n');
    expect(lines.every((l) => l.length <= 30)).toBe(true);
    expect(lines.join(' ')).toBe(text);
    expect(wrap('averyveryverylongword short', 5)).toBe('averyveryverylongword\nshort');
  });
});
