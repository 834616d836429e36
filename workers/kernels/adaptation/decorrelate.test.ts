import { describe, expect, it } from 'vitest';
import blobsRef from '../fixtures/adaptation_04_decorrelate_blobs.json';
import { decorrelate, decorrelateSteps, type DecorrelateOptions } from './decorrelate.ts';
import { projectionHistograms } from './projection.ts';
import { cloudOf, maxAbsDiff, rotatedMoons } from './testKit.ts';

const blobs = cloudOf(blobsRef.scenario.clouds[0]);

/** Weighted mean of the points with label `cls` (all points when cls is null). */
function mean(
  points: Float64Array,
  labels: Int32Array,
  w: Float64Array,
  cls: number | null,
): [number, number] {
  let sx = 0;
  let sy = 0;
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    if (cls !== null && labels[i] !== cls) continue;
    sx += w[i] * points[2 * i];
    sy += w[i] * points[2 * i + 1];
    s += w[i];
  }
  return [sx / s, sy / s];
}

describe('decorrelate: POT reference (three weighted blobs)', () => {
  it(`${blobsRef.id}: mapped points and per-class W2² as ot.emd / ot.emd2`, () => {
    const r = decorrelate(blobs.points, blobs.labels, blobs.weights, { transport: 'exact' });
    const want = blobsRef.expect;
    const tol = blobsRef.tolerance;
    expect(Array.from(r.classes)).toEqual([0, 1, 2]);
    expect(maxAbsDiff(r.mappedPoints, want.mapped_points.flat())).toBeLessThanOrEqual(tol.map_abs);
    for (let k = 0; k < 3; k++) {
      expect(Math.abs(r.perClassBefore[k] - want.per_class_before[k])).toBeLessThanOrEqual(
        tol.w2_rel * want.per_class_before[k],
      );
      expect(Math.abs(r.perClassAfter[k] - want.per_class_after[k])).toBeLessThanOrEqual(
        tol.w2_rel * want.per_class_after[k],
      );
    }
    expect(Math.abs(r.before - want.before)).toBeLessThanOrEqual(tol.w2_rel * want.before);
    expect(r.converged).toBe(true);
  });
});

describe('decorrelate: invariants', () => {
  const { source: moons } = rotatedMoons();
  const cases: [string, Float64Array, Int32Array, Float64Array | null][] = [
    ['three weighted blobs', blobs.points, blobs.labels, blobs.weights],
    ['two moons', moons.points, moons.labels, null],
  ];
  const runs: DecorrelateOptions[] = [{ transport: 'exact' }, { transport: 'entropic', epsilon: 0.01 }];

  for (const [name, points, labels, weights] of cases) {
    for (const options of runs) {
      it(`${name}, ${options.transport}: after/before < 0.05, and each conditional's mean is the pooled mean`, () => {
        const r = decorrelate(points, labels, weights, options);
        expect(r.converged).toBe(true);
        expect(r.before).toBeGreaterThan(0.5);
        expect(r.after / r.before).toBeLessThan(0.05);
        for (let k = 0; k < r.classes.length; k++)
          expect(r.perClassAfter[k]).toBeLessThan(r.perClassBefore[k]);
        expect(r.before).toBeCloseTo(
          r.perClassBefore.reduce((s, v) => s + v, 0),
          14,
        );
        // A barycentric map keeps the mass-weighted mean of a class at the mean of the plan's
        // target side, which is the pooled mean: nothing of the class survives in the first moment.
        const w = weights ?? new Float64Array(labels.length).fill(1);
        const pooled = mean(points, labels, w, null);
        for (const cls of r.classes) {
          const [mx, my] = mean(r.mappedPoints, labels, w, cls);
          expect(Math.abs(mx - pooled[0])).toBeLessThan(1e-7);
          expect(Math.abs(my - pooled[1])).toBeLessThan(1e-7);
        }
      });
    }
  }

  it('classes with the same distribution are left (nearly) in place: before = after = 0', () => {
    // Every point twice, once per class: both conditionals equal the pooled distribution.
    const { points } = moons;
    const doubled = Float64Array.of(...points, ...points);
    const labels = Int32Array.from({ length: 2 * moons.n }, (_, i) => (i < moons.n ? 3 : 8));
    const r = decorrelate(doubled, labels, null, { transport: 'exact' });
    expect(r.before).toBeLessThan(1e-15);
    expect(r.after).toBeLessThan(1e-15);
    expect(maxAbsDiff(r.mappedPoints, doubled)).toBeLessThan(1e-12);
  });

  it('the generator yields after each class with the classes done so far mapped', () => {
    const it = decorrelateSteps(blobs.points, blobs.labels, blobs.weights, { transport: 'exact' });
    const done: number[] = [];
    let step = it.next();
    while (!step.done) {
      const p = step.value;
      done.push(p.classesDone);
      // The distances of the classes done are known, the others not yet.
      for (let k = 0; k < 3; k++) expect(Number.isNaN(p.perClassAfter[k])).toBe(k >= p.classesDone);
      // Points of classes not yet done have not moved.
      for (let i = 0; i < blobs.n; i++) {
        if (blobs.labels[i] >= p.classesDone) {
          expect(p.mappedPoints[2 * i]).toBe(blobs.points[2 * i]);
        }
      }
      step = it.next();
    }
    expect(done).toEqual([1, 2, 3]);
  });

  it('rejects what it cannot decorrelate, naming the problem', () => {
    const { points, labels } = blobs;
    const ex = { transport: 'exact' } as const;
    expect(() => decorrelate(points, null, null, ex)).toThrow('the cloud has no labels');
    expect(() => decorrelate(points, new Int32Array(0), null, ex)).toThrow('the cloud has no labels');
    expect(() => decorrelate(points, new Int32Array(blobs.n).fill(4), null, ex)).toThrow(
      'decorrelation needs at least two classes',
    );
    expect(() => decorrelate(points, labels.subarray(2), null, ex)).toThrow(/100 points but 98 labels/);
    const bad = labels.slice();
    bad[3] = 10;
    expect(() => decorrelate(points, bad, null, ex)).toThrow(/label 10 of point 3 is not a class 0–9/);
    bad[3] = -1;
    expect(() => decorrelate(points, bad, null, ex)).toThrow(/label -1/);
    const fractional = Float64Array.from(labels, (l, i) => (i === 7 ? 0.5 : l));
    expect(() => decorrelate(points, fractional as unknown as Int32Array, null, ex)).toThrow(/label 0.5/);
    const w = new Float64Array(blobs.n).fill(1);
    labels.forEach((l, i) => l === 1 && (w[i] = 0));
    expect(() => decorrelate(points, labels, w, ex)).toThrow(/class 1 has no mass/);
    expect(() => decorrelate(points, labels, null, { transport: 'entropic' })).toThrow(/epsilon/);
    expect(() => decorrelate(points, labels, null, { transport: 'sliced' as 'exact' })).toThrow(/transport/);
  });
});

describe('projectionHistograms', () => {
  const r = decorrelate(blobs.points, blobs.labels, blobs.weights, { transport: 'exact' });
  const h = projectionHistograms(blobs.points, r.mappedPoints, blobs.labels, blobs.weights, [2, 1], 12);

  it('shares bins, normalises each class to mass 1 and covers every projection', () => {
    expect(h.edges).toHaveLength(13);
    for (let k = 1; k < 13; k++) expect(h.edges[k]).toBeGreaterThan(h.edges[k - 1]);
    expect(h.direction[0]).toBeCloseTo(2 / Math.sqrt(5), 15);
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of [blobs.points, r.mappedPoints]) {
      for (let i = 0; i < blobs.n; i++) {
        const t = p[2 * i] * h.direction[0] + p[2 * i + 1] * h.direction[1];
        lo = Math.min(lo, t);
        hi = Math.max(hi, t);
      }
    }
    expect(h.edges[0]).toBe(lo);
    expect(h.edges[12]).toBe(hi);
    for (const hist of [h.before, h.after]) {
      for (let k = 0; k < 3; k++) {
        const row = hist.subarray(12 * k, 12 * k + 12);
        expect(Math.abs(row.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-14);
      }
    }
  });

  it('after mapping the class histograms are far closer to one another', () => {
    const spread = (hist: Float64Array) => {
      let d = 0;
      for (let k = 1; k < 3; k++) for (let b = 0; b < 12; b++) d += Math.abs(hist[12 * k + b] - hist[b]);
      return d;
    };
    expect(spread(h.after)).toBeLessThan(0.5 * spread(h.before));
  });

  it('handles every projection equal, and rejects bad input', () => {
    const same = Float64Array.of(1, 1, 1, 1, 1, 1);
    const one = projectionHistograms(same, same, Int32Array.of(0, 1, 1), null, [0, 1], 4);
    expect(one.edges[0]).toBe(0.5);
    expect(one.edges[4]).toBe(1.5);
    expect(Array.from(one.before)).toEqual([0, 0, 1, 0, 0, 0, 1, 0]);
    expect(() => projectionHistograms(same, same, Int32Array.of(0, 1, 1), null, [0, 0], 4)).toThrow(
      /direction/,
    );
    expect(() => projectionHistograms(same, same, Int32Array.of(0, 1, 1), null, [1, 0], 0)).toThrow(/bins/);
    expect(() =>
      projectionHistograms(same, same.subarray(2), Int32Array.of(0, 1, 1), null, [1, 0], 3),
    ).toThrow(/mapped points/);
  });
});
