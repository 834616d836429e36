import { describe, expect, it } from 'vitest';
import { CLOUD_COLORS, FALLBACK_THEMES, cloudColor, contrastRatio, isDarkColor } from './palette.ts';

describe('palette', () => {
  it('has eight distinct cloud colours per scheme, the first two as before (Okabe–Ito blue and vermillion)', () => {
    for (const scheme of [CLOUD_COLORS.light, CLOUD_COLORS.dark]) {
      expect(scheme).toHaveLength(8);
      expect(new Set(scheme.map((c) => c.toLowerCase())).size).toBe(8);
    }
    expect(CLOUD_COLORS.light.slice(0, 2)).toEqual(['#0072B2', '#D55E00']);
    expect(cloudColor(FALLBACK_THEMES.dark, 1)).toBe('#E69F00');
    expect(FALLBACK_THEMES.light.source).toBe(cloudColor(FALLBACK_THEMES.light, 0));
  });

  it("every cloud colour has at least 3:1 contrast with its scheme's background (WCAG, graphics)", () => {
    for (const c of CLOUD_COLORS.light)
      expect(contrastRatio(c, FALLBACK_THEMES.light.background), c).toBeGreaterThanOrEqual(3);
    for (const c of CLOUD_COLORS.dark)
      expect(contrastRatio(c, FALLBACK_THEMES.dark.background), c).toBeGreaterThanOrEqual(3);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
  });

  it('isDarkColor reads hex and rgb() colours', () => {
    expect(isDarkColor('#fff')).toBe(false);
    expect(isDarkColor('#12161e')).toBe(true);
    expect(isDarkColor('rgb(240, 240, 240)')).toBe(false);
    expect(isDarkColor('rgba(10,10,10,0.5)')).toBe(true);
    expect(isDarkColor('hsl(0 0% 0%)')).toBeNull();
  });
});
