import { describe, expect, it } from 'vitest';
import { counted, formatPercent, formatPoint, signedFixed } from './text.ts';

describe('summary text', () => {
  it('writes points with a true minus sign and no negative zero', () => {
    expect(formatPoint(0.42, -1.1)).toBe('(0.42, −1.10)');
    expect(formatPoint(-0.001, 3)).toBe('(0.00, 3.00)');
    expect(formatPoint(1.23456, -7, 3)).toBe('(1.235, −7.000)');
    expect(signedFixed(-2.5, 1)).toBe('−2.5');
  });

  it('writes shares as percentages with two significant digits', () => {
    expect(formatPercent(0.3846)).toBe('38%');
    expect(formatPercent(0.05)).toBe('5.0%');
    expect(formatPercent(0.005)).toBe('0.50%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.996)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(NaN)).toBe('—');
  });

  it('counts nouns', () => {
    expect(counted(1, 'source point')).toBe('1 source point');
    expect(counted(1240, 'target point')).toBe('1,240 target points');
    expect(counted(2, 'entry', 'entries')).toBe('2 entries');
  });
});
