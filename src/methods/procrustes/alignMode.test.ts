import { describe, expect, it } from 'vitest';
import { alignHint, alignModeOf } from './alignMode.ts';

describe('alignModeOf', () => {
  it('names the correspondence parameter, index when absent or unknown', () => {
    expect(alignModeOf('none')).toBe('none');
    expect(alignModeOf('pairs')).toBe('pairs');
    expect(alignModeOf('index')).toBe('index');
    expect(alignModeOf(undefined)).toBe('index');
    expect(alignModeOf('nearest')).toBe('index');
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
