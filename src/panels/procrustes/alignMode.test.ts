import { describe, expect, it } from 'vitest';
import { alignHint, alignModeOf } from './alignMode.ts';

describe('alignModeOf', () => {
  it('none wins over the drawn-pairs mode; index becomes pairs when drawing', () => {
    expect(alignModeOf('none', true)).toBe('none');
    expect(alignModeOf('index', true)).toBe('pairs');
    expect(alignModeOf('index', false)).toBe('index');
    expect(alignModeOf(undefined, false)).toBe('index');
  });
});

describe('alignHint', () => {
  it('explains what is missing for each mode, and is null when the fit can run', () => {
    expect(alignHint(0, 4, 'none', 0)).toMatch(/at least one point/);
    expect(alignHint(5, 4, 'index', 0)).toMatch(/now 5 and 4/);
    expect(alignHint(4, 4, 'index', 0)).toBeNull();
    expect(alignHint(5, 4, 'none', 0)).toBeNull();
    expect(alignHint(5, 4, 'pairs', 0)).toMatch(/No pairs yet/);
    expect(alignHint(5, 4, 'pairs', 1)).toBeNull();
  });
});
