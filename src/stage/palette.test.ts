import { describe, expect, it } from 'vitest';
import { CLOUD_COLORS, FALLBACK_THEMES, isDarkColor, sideColor } from './palette.ts';

describe('palette', () => {
  it('uses Okabe–Ito colours for the clouds', () => {
    expect(CLOUD_COLORS.light).toEqual({ source: '#0072B2', target: '#D55E00' });
    expect(sideColor(FALLBACK_THEMES.dark, 'target')).toBe('#E69F00');
  });

  it('isDarkColor reads hex and rgb() colours', () => {
    expect(isDarkColor('#fff')).toBe(false);
    expect(isDarkColor('#12161e')).toBe(true);
    expect(isDarkColor('rgb(240, 240, 240)')).toBe(false);
    expect(isDarkColor('rgba(10,10,10,0.5)')).toBe(true);
    expect(isDarkColor('hsl(0 0% 0%)')).toBeNull();
  });
});
