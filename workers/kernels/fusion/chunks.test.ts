import { describe, expect, it } from 'vitest';
import { spirals } from '../nets/testData.ts';
import { splitChunks } from './chunks.ts';

const cloud = spirals(50, 1);
const n = 150;

describe('splitChunks', () => {
  it('by class: each chunk holds all of its classes and about `mix` of the others', () => {
    const [c0, c1] = splitChunks(cloud.points, cloud.labels, { split: 'classes', mix: 0.2, seed: 3 });
    const count = (c: { labels: Int32Array }, y: number) => c.labels.filter((v) => v === y).length;
    // Classes 0 and 2 go to chunk 0, class 1 to chunk 1.
    expect([count(c0, 0), count(c0, 2), count(c1, 1)]).toEqual([50, 50, 50]);
    expect(count(c0, 1)).toBeGreaterThan(3);
    expect(count(c0, 1)).toBeLessThan(20);
    expect(count(c1, 0) + count(c1, 2)).toBeGreaterThan(8);
    expect(count(c1, 0) + count(c1, 2)).toBeLessThan(35);
    // Points and labels are gathered from the indices.
    c0.indices.forEach((i, r) => {
      expect([c0.points[2 * r], c0.points[2 * r + 1], c0.labels[r]]).toEqual([
        cloud.points[2 * i],
        cloud.points[2 * i + 1],
        cloud.labels[i],
      ]);
    });
    const none = splitChunks(cloud.points, cloud.labels, { split: 'classes', mix: 0 });
    expect(none[1].labels.every((y) => y === 1)).toBe(true);
  });

  it('by half-plane: the two sides of the median line along the chosen direction', () => {
    for (const angle of [0, Math.PI / 2, 1]) {
      const [left, right] = splitChunks(cloud.points, cloud.labels, { split: 'half-plane', angle });
      const proj = (c: { points: Float64Array }, r: number) =>
        Math.cos(angle) * c.points[2 * r] + Math.sin(angle) * c.points[2 * r + 1];
      expect(left.indices.length).toBe(75);
      expect(right.indices.length).toBe(75);
      const maxLeft = Math.max(...Array.from(left.indices, (_, r) => proj(left, r)));
      const minRight = Math.min(...Array.from(right.indices, (_, r) => proj(right, r)));
      expect(maxLeft).toBeLessThanOrEqual(minRight);
    }
  });

  it('at random: K parts of equal size that partition the cloud, reproducible by seed', () => {
    const parts = splitChunks(cloud.points, cloud.labels, { split: 'random', chunks: 4, seed: 2 });
    expect(parts.map((p) => p.indices.length)).toEqual([38, 37, 38, 37]);
    const all = parts.flatMap((p) => Array.from(p.indices)).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
    const again = splitChunks(cloud.points, cloud.labels, { split: 'random', chunks: 4, seed: 2 });
    expect(Array.from(again[0].indices)).toEqual(Array.from(parts[0].indices));
    const other = splitChunks(cloud.points, cloud.labels, { split: 'random', chunks: 4, seed: 3 });
    expect(Array.from(other[0].indices)).not.toEqual(Array.from(parts[0].indices));
  });

  it.each([
    ['more chunks than classes', { split: 'classes', chunks: 4 }, /at least 4 classes/],
    ['one chunk', { split: 'random', chunks: 1 }, /2..8/],
    ['mix above 1', { split: 'classes', mix: 2 }, /mix/],
    ['an unknown split', { split: 'diagonal' }, /split must be/],
  ] as const)('rejects %s', (_name, options, message) => {
    expect(() => splitChunks(cloud.points, cloud.labels, options as never)).toThrow(RangeError);
    expect(() => splitChunks(cloud.points, cloud.labels, options as never)).toThrow(message);
  });

  it('rejects fewer points than chunks', () => {
    expect(() => splitChunks(Float64Array.from([0, 0]), [0], { split: 'random' })).toThrow(
      /at least 2 points/,
    );
  });
});
