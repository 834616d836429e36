import { describe, it, expect } from 'vitest';
import { randomLcg } from 'd3-random';
import { procrustes } from './procrustes.ts';
import { applyMotion, reflectionMatrix, rotationMatrix, type SimilarityMotion } from './rigidMotion.ts';
import ref00 from '../fixtures/procrustes_00_20.json';
import ref01 from '../fixtures/procrustes_01_50.json';

const flat = (pts: number[][]) => Float64Array.from(pts.flat());

/** A random similarity (proper rotation unless `mirror`) and a random cloud of n points. */
function randomCase(rand: () => number, n: number, mirror = false, withScale = true) {
  const angle = (rand() * 2 - 1) * Math.PI * 0.999;
  const motion: SimilarityMotion = {
    rotation: mirror ? reflectionMatrix(angle) : rotationMatrix(angle),
    scale: withScale ? 0.3 + 2.7 * rand() : 1,
    translation: [10 * rand() - 5, 10 * rand() - 5],
  };
  const x = Float64Array.from({ length: 2 * n }, () => 4 * rand() - 2);
  return { angle, motion, x, y: applyMotion(motion, x) };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number) {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++)
    expect(Math.abs(actual[k] - expected[k])).toBeLessThanOrEqual(tol);
}

const det = (R: Float64Array) => R[0] * R[3] - R[1] * R[2];

describe('procrustes: reference cases (SciPy/NumPy SVD)', () => {
  for (const ref of [ref00, ref01]) {
    it(ref.id, () => {
      const s = ref.scenario;
      const tol = ref.tolerance.abs;
      const fit = procrustes(flat(s.source.points), flat(s.target.points), {
        correspondence: 'index',
        scaling: s.params.scaling,
        reflection: s.params.reflection,
      });
      expectClose(fit.rotation, ref.expect.rotation.flat(), tol);
      expect(Math.abs(fit.scale - ref.expect.scale)).toBeLessThanOrEqual(tol);
      expectClose(fit.translation, ref.expect.translation, tol);
      expect(Math.abs(fit.rmsd - ref.expect.rmsd)).toBeLessThanOrEqual(tol);
      expectClose(fit.alignedSource, ref.expect.aligned_source.flat(), tol);
      expect(fit.angle).toBeCloseTo(Math.atan2(ref.expect.rotation[1][0], ref.expect.rotation[0][0]), 12);
      expect(fit.reflected).toBe(false);
      expect(fit.rotationDetermined).toBe(true);
    });
  }
});

describe('procrustes: exact recovery without noise', () => {
  it('recovers rotation, scale and translation in 20 seeded random cases', () => {
    const rand = randomLcg(11);
    for (let trial = 0; trial < 20; trial++) {
      const n = 3 + Math.floor(rand() * 40);
      const { angle, motion, x, y } = randomCase(rand, n);
      const fit = procrustes(x, y, { scaling: true });
      expectClose(fit.rotation, motion.rotation, 1e-12);
      expect(fit.scale).toBeCloseTo(motion.scale, 12);
      expectClose(fit.translation, motion.translation, 1e-11);
      expect(fit.angle).toBeCloseTo(angle, 12);
      expect(fit.rmsd).toBeLessThan(1e-12);
      expectClose(fit.alignedSource, y, 1e-11);
    }
  });

  it('without scaling, a scaled copy keeps scale 1 and the right rotation', () => {
    const rand = randomLcg(12);
    const { angle, x, y } = randomCase(rand, 30);
    const fit = procrustes(x, y, { scaling: false });
    expect(fit.scale).toBe(1);
    expect(fit.angle).toBeCloseTo(angle, 12);
    expect(fit.rmsd).toBeGreaterThan(0.01);
  });

  it('two points: rotation and scale from the one segment', () => {
    const x = Float64Array.of(0, 0, 1, 0);
    const y = Float64Array.of(3, 1, 3, 3); // the unit segment turned by 90°, doubled, moved
    const fit = procrustes(x, y, { scaling: true });
    expect(fit.angle).toBeCloseTo(Math.PI / 2, 14);
    expect(fit.scale).toBeCloseTo(2, 14);
    expectClose(fit.translation, [3, 1], 1e-14);
    expect(fit.rmsd).toBeLessThan(1e-14);
  });

  it('three points: a triangle turned by −120° and moved', () => {
    const x = Float64Array.of(0, 0, 2, 0, 0, 1);
    const motion: SimilarityMotion = {
      rotation: rotationMatrix((-2 * Math.PI) / 3),
      scale: 1,
      translation: [-1, 4],
    };
    const fit = procrustes(x, applyMotion(motion, x));
    expect(fit.angle).toBeCloseTo((-2 * Math.PI) / 3, 14);
    expectClose(fit.translation, [-1, 4], 1e-14);
    expect(fit.rmsd).toBeLessThan(1e-14);
  });

  it('keeps its digits far from the origin (two-pass centring)', () => {
    const rand = randomLcg(13);
    const { angle, motion, x } = randomCase(rand, 25, false, false);
    for (let k = 0; k < x.length; k++) x[k] += 1e6;
    const y = applyMotion(motion, x);
    const fit = procrustes(x, y);
    expect(Math.abs(fit.angle - angle)).toBeLessThan(1e-9);
    expect(fit.rmsd).toBeLessThan(1e-8);
  });
});

describe('procrustes: reflections', () => {
  const rand = randomLcg(21);
  const { angle, motion, x, y } = randomCase(rand, 25, true);

  it('refuses a mirror image unless allowed: det +1 and a residual', () => {
    const fit = procrustes(x, y, { scaling: true });
    expect(fit.reflected).toBe(false);
    expect(det(fit.rotation)).toBeCloseTo(1, 14);
    expect(fit.rmsd).toBeGreaterThan(0.1);
  });

  it('recovers it exactly when allowed', () => {
    const fit = procrustes(x, y, { scaling: true, reflection: true });
    expect(fit.reflected).toBe(true);
    expect(det(fit.rotation)).toBeCloseTo(-1, 14);
    expectClose(fit.rotation, motion.rotation, 1e-12);
    expect(fit.angle).toBeCloseTo(angle, 12);
    expect(fit.scale).toBeCloseTo(motion.scale, 12);
    expect(fit.rmsd).toBeLessThan(1e-12);
  });

  it('prefers a rotation for a proper copy even when reflections are allowed', () => {
    const c = randomCase(randomLcg(22), 25);
    const fit = procrustes(c.x, c.y, { scaling: true, reflection: true });
    expect(fit.reflected).toBe(false);
    expect(fit.rmsd).toBeLessThan(1e-12);
  });
});

describe('procrustes: weights and explicit pairs', () => {
  it('ignores a zero-weight pair, however wrong it is', () => {
    const { motion, x, y } = randomCase(randomLcg(31), 12);
    y[6] += 100;
    y[7] -= 50;
    const w = new Float64Array(12).fill(1);
    w[3] = 0;
    const fit = procrustes(x, y, { scaling: true, weights: w });
    expectClose(fit.rotation, motion.rotation, 1e-12);
    expect(fit.scale).toBeCloseTo(motion.scale, 12);
    expect(fit.rmsd).toBeLessThan(1e-12);
    // The ignored point is still moved, to where the motion sends it.
    expectClose(fit.alignedSource.subarray(6, 8), applyMotion(motion, x).subarray(6, 8), 1e-11);
  });

  it('an integer weight is the same as repeating the pair', () => {
    const rand = randomLcg(32);
    const x = Float64Array.from({ length: 10 }, () => rand());
    const y = Float64Array.from({ length: 10 }, () => rand());
    const weighted = procrustes(x, y, { scaling: true, weights: [1, 3, 1, 2, 1] });
    const repeated = procrustes(x, y, {
      scaling: true,
      correspondence: { i: [0, 1, 1, 1, 2, 3, 3, 4], j: [0, 1, 1, 1, 2, 3, 3, 4] },
    });
    expectClose(weighted.rotation, repeated.rotation, 1e-14);
    expect(weighted.scale).toBeCloseTo(repeated.scale, 14);
    expectClose(weighted.translation, repeated.translation, 1e-14);
    expect(weighted.rmsd).toBeCloseTo(repeated.rmsd, 14);
    // rmsd is the weighted root mean square of the residuals.
    let s = 0;
    const w = [1, 3, 1, 2, 1];
    for (let k = 0; k < 5; k++) {
      s +=
        w[k] *
        ((weighted.alignedSource[2 * k] - y[2 * k]) ** 2 +
          (weighted.alignedSource[2 * k + 1] - y[2 * k + 1]) ** 2);
    }
    expect(weighted.rmsd).toBeCloseTo(Math.sqrt(s / 8), 14);
  });

  it('matches explicit pairs between clouds of different sizes', () => {
    const { motion, x } = randomCase(randomLcg(33), 6);
    const moved = applyMotion(motion, x);
    // Target: 9 points, holding the images of source points 5, 0, 2, 4 at positions 1, 3, 7, 8.
    const y = new Float64Array(18).fill(7);
    const src = [5, 0, 2, 4];
    const tgt = [1, 3, 7, 8];
    src.forEach((i, k) => y.set(moved.subarray(2 * i, 2 * i + 2), 2 * tgt[k]));
    const fit = procrustes(x, y, { scaling: true, correspondence: { i: src, j: tgt } });
    expectClose(fit.rotation, motion.rotation, 1e-12);
    expect(fit.rmsd).toBeLessThan(1e-12);
    expect(fit.alignedSource.length).toBe(12);
  });
});

describe('procrustes: degenerate inputs', () => {
  it('one point: translation only, rotation identity and flagged undetermined', () => {
    const fit = procrustes(Float64Array.of(1, 2), Float64Array.of(4, -1), {
      scaling: true,
      reflection: true,
    });
    expect(Array.from(fit.rotation)).toEqual([1, 0, 0, 1]);
    expect(fit.scale).toBe(1);
    expect(fit.translation).toEqual([3, -3]);
    expect(fit.rotationDetermined).toBe(false);
    expect(fit.rmsd).toBe(0);
  });

  it('coincident source points: identity, centroid to centroid, flagged', () => {
    const x = Float64Array.of(0.3, 0.7, 0.3, 0.7, 0.3, 0.7);
    const y = Float64Array.of(0, 0, 2, 0, 1, 3);
    const fit = procrustes(x, y, { scaling: true });
    expect(fit.rotationDetermined).toBe(false);
    expect(Array.from(fit.rotation)).toEqual([1, 0, 0, 1]);
    expect(fit.scale).toBe(1);
    expectClose(fit.translation, [1 - 0.3, 1 - 0.7], 1e-15);
    expect(fit.rmsd).toBeCloseTo(Math.sqrt((2 + 2 + 4) / 3), 14);
  });

  it('coincident target points: with scaling the source collapses onto the point', () => {
    const x = Float64Array.of(0, 0, 1, 0, 0, 1);
    const y = Float64Array.of(5, 5, 5, 5, 5, 5);
    const fit = procrustes(x, y, { scaling: true });
    expect(fit.rotationDetermined).toBe(false);
    expect(fit.scale).toBe(0);
    expectClose(fit.alignedSource, y, 1e-15);
    expect(procrustes(x, y).scale).toBe(1);
  });

  it('collinear points: the rotation is still determined, and preferred to an equally good reflection', () => {
    const x = Float64Array.of(0, 0, 1, 1, 2, 2, 3.5, 3.5);
    const motion: SimilarityMotion = { rotation: rotationMatrix(2.5), scale: 0.5, translation: [1, -2] };
    const y = applyMotion(motion, x);
    for (const reflection of [false, true]) {
      const fit = procrustes(x, y, { scaling: true, reflection });
      expect(fit.rotationDetermined).toBe(true);
      expect(fit.reflected).toBe(false);
      expect(fit.angle).toBeCloseTo(2.5, 13);
      expect(fit.scale).toBeCloseTo(0.5, 14);
      expect(fit.rmsd).toBeLessThan(1e-14);
    }
  });
});

describe('procrustes: input errors', () => {
  const x = Float64Array.of(0, 0, 1, 0, 0, 1);
  it('rejects index correspondence between clouds of different sizes', () => {
    expect(() => procrustes(x, Float64Array.of(0, 0, 1, 1))).toThrow(
      /as many source as target points \(got 3 and 2\)/,
    );
  });
  it('rejects malformed points, pairs and weights', () => {
    expect(() => procrustes(Float64Array.of(0, 0, 1), x)).toThrow(/even/);
    expect(() => procrustes(Float64Array.of(0, 0, NaN, 1, 0, 1), x)).toThrow(/not finite/);
    expect(() => procrustes(x, x, { correspondence: { i: [0, 3], j: [0, 1] } })).toThrow(/source index 3/);
    expect(() => procrustes(x, x, { correspondence: { i: [0], j: [0, 1] } })).toThrow(/pairs/);
    expect(() => procrustes(x, x, { correspondence: { i: [], j: [] } })).toThrow(/no correspondences/);
    expect(() => procrustes(x, x, { weights: [1, -1, 1] })).toThrow(/weight 1/);
    expect(() => procrustes(x, x, { weights: [0, 0, 0] })).toThrow(/all weights are zero/);
    expect(() => procrustes(x, x, { weights: [1, 1] })).toThrow(/2 weights for 3/);
  });
});
