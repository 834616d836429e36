import { describe, expect, it } from 'vitest';
import {
  CLASS_COLORS,
  CLASS_SHAPES,
  classColor,
  classShape,
  markerPath,
  presentClasses,
} from './classMarkers.ts';
import { CLOUD_COLORS, contrastRatio } from '../palette.ts';

describe('class markers', () => {
  it('gives classes 0–9 ten distinct shapes and colours, repeating every 10', () => {
    const shapes = Array.from({ length: 10 }, (_, k) => classShape(k));
    expect(new Set(shapes).size).toBe(10);
    expect(classShape(13)).toBe(classShape(3));
    for (const dark of [false, true]) {
      expect(new Set(Array.from({ length: 10 }, (_, k) => classColor(k, dark))).size).toBe(10);
    }
  });

  it('ring colours differ from every cloud colour of the same scheme', () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const c of CLASS_COLORS[scheme]) {
        expect(CLOUD_COLORS[scheme].map((x) => x.toUpperCase())).not.toContain(c.toUpperCase());
      }
    }
  });

  it('light-scheme rings are visible on white (contrast >= 1.5)', () => {
    for (const c of CLASS_COLORS.light.slice(0, 6)) expect(contrastRatio(c, '#ffffff')).toBeGreaterThan(1.5);
  });

  it('marker paths are closed and stay within about 1.5 radii of the centre', () => {
    for (const shape of CLASS_SHAPES) {
      const d = markerPath(shape, 10, 10, 4);
      expect(d.endsWith('Z')).toBe(true);
      if (shape === 'circle') continue;
      const nums = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      for (let k = 0; k < nums.length; k += 2) {
        expect(Math.hypot(nums[k] - 10, nums[k + 1] - 10)).toBeLessThanOrEqual(4 * 1.5 + 1e-9);
      }
    }
  });

  it('lists the classes present, ascending, skipping unlabelled clouds', () => {
    expect(presentClasses([Int32Array.of(3, 1, 3), null, Int32Array.of(0)])).toEqual([0, 1, 3]);
    expect(presentClasses([null, null])).toEqual([]);
  });
});
