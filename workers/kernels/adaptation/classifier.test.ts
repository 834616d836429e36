import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import exactRef from '../fixtures/adaptation_00_moons_exact.json';
import { accuracy, nearestIndices, nearestNeighborClassifier } from './classifier.ts';
import { rotatedMoons } from './testKit.ts';

describe('nearestNeighborClassifier', () => {
  const { source, target } = rotatedMoons();

  it('returns the labels of its own training points', () => {
    const model = nearestNeighborClassifier.fit(source.points, source.labels);
    expect(Array.from(model.predict(source.points))).toEqual(Array.from(source.labels));
  });

  it("agrees with scikit-learn's KNeighborsClassifier(1) on the rotated moons", () => {
    const model = nearestNeighborClassifier.fit(source.points, source.labels);
    const acc = accuracy(model.predict(target.points), target.labels);
    expect(acc).toBe(exactRef.expect.accuracy_before);
  });

  it('breaks ties by the lowest index', () => {
    // (0, 0) is at distance 1 from both training points; so is (0, 5) from (0, 4) and (0, 6).
    const train = Float64Array.of(1, 0, -1, 0, 0, 6, 0, 4);
    const model = nearestNeighborClassifier.fit(train, Int32Array.of(3, 7, 5, 2));
    expect(Array.from(model.predict(Float64Array.of(0, 0, 0, 5)))).toEqual([3, 5]);
    const swapped = nearestNeighborClassifier.fit(Float64Array.of(-1, 0, 1, 0), Int32Array.of(7, 3));
    expect(Array.from(swapped.predict(Float64Array.of(0, 0)))).toEqual([7]);
  });

  it('matches a brute-force search with explicit distances on random points', () => {
    const rand = randomLcg(5);
    const train = Float64Array.from({ length: 2 * 60 }, () => rand() * 4 - 2);
    const queries = Float64Array.from({ length: 2 * 80 }, () => rand() * 5 - 2.5);
    const idx = nearestIndices(train, queries);
    let closer = 0;
    for (let q = 0; q < 80; q++) {
      const d = (i: number) =>
        Math.hypot(train[2 * i] - queries[2 * q], train[2 * i + 1] - queries[2 * q + 1]);
      for (let i = 0; i < 60; i++) if (d(i) < d(idx[q])) closer++;
    }
    expect(closer).toBe(0);
  });

  it('fitting twice gives independent models; the training arrays are copied', () => {
    const pts = Float64Array.of(0, 0, 1, 0);
    const labels = Int32Array.of(0, 1);
    const first = nearestNeighborClassifier.fit(pts, labels);
    const second = nearestNeighborClassifier.fit(Float64Array.of(0, 0, 1, 0), Int32Array.of(1, 0));
    labels[0] = 9;
    pts[0] = 100;
    expect(Array.from(first.predict(Float64Array.of(0.1, 0)))).toEqual([0]);
    expect(Array.from(second.predict(Float64Array.of(0.1, 0)))).toEqual([1]);
  });

  it('rejects malformed training data', () => {
    expect(() => nearestNeighborClassifier.fit(new Float64Array(0), new Int32Array(0))).toThrow(RangeError);
    expect(() => nearestNeighborClassifier.fit(Float64Array.of(0, 0, 1), Int32Array.of(0))).toThrow(
      RangeError,
    );
    expect(() => nearestNeighborClassifier.fit(Float64Array.of(0, 0), Int32Array.of(0, 1))).toThrow(/labels/);
  });
});

describe('nearestIndices with a mask', () => {
  it('skips excluded points', () => {
    const pts = Float64Array.of(0, 0, 1, 0, 2, 0);
    expect(Array.from(nearestIndices(pts, Float64Array.of(0.1, 0), Uint8Array.of(0, 1, 1)))).toEqual([1]);
  });
});

describe('accuracy', () => {
  it('is the share of equal labels', () => {
    expect(accuracy(Int32Array.of(1, 2, 3, 4), Int32Array.of(1, 0, 3, 0))).toBe(0.5);
    expect(accuracy(Int32Array.of(7), Int32Array.of(7))).toBe(1);
  });
  it('rejects mismatched or empty input', () => {
    expect(() => accuracy(Int32Array.of(1), Int32Array.of(1, 2))).toThrow(RangeError);
    expect(() => accuracy(new Int32Array(0), new Int32Array(0))).toThrow(RangeError);
  });
});
