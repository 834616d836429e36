import { describe, expect, it } from 'vitest';
import { decimateMinMax } from './decimate.ts';

describe('decimateMinMax', () => {
  const idx = Array.from({ length: 10_000 }, (_, k) => k);
  const px = (k: number) => (300 * k) / 10_000;
  const py = (k: number) => Math.sin(k / 37) * 50 + ((k * 7919) % 13);

  it('keeps at most four points per bucket, in order, a subsequence of the input', () => {
    const kept = decimateMinMax(idx, px, py, 0.5);
    expect(kept.length).toBeLessThanOrEqual(4 * 600);
    expect(kept.length).toBeGreaterThan(600);
    for (let q = 1; q < kept.length; q++) expect(kept[q]).toBeGreaterThan(kept[q - 1]);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(9999);
  });

  it('keeps every bucket’s lowest and highest point, so the drawn extent is unchanged', () => {
    const kept = new Set(decimateMinMax(idx, px, py, 0.5));
    const buckets = new Map<number, number[]>();
    for (const k of idx) {
      const b = Math.floor(px(k) / 0.5);
      buckets.set(b, [...(buckets.get(b) ?? []), k]);
    }
    for (const members of buckets.values()) {
      const ys = members.map(py);
      const lo = members[ys.indexOf(Math.min(...ys))];
      const hi = members[ys.indexOf(Math.max(...ys))];
      expect(kept.has(lo) && kept.has(hi)).toBe(true);
    }
  });

  it('returns the input when every point has its own bucket', () => {
    const few = [0, 1, 2, 3, 4, 5];
    expect(
      decimateMinMax(
        few,
        (k) => k,
        (k) => k * k,
        0.5,
      ),
    ).toBe(few);
  });
});
