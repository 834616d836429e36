import { describe, it, expect } from 'vitest';
import { randomLcg, randomNormal } from 'd3-random';
import { sampleLetterF } from './procrustesShapes.ts';
import {
  applyMotion,
  reflectionMatrix,
  rotationMatrix,
  wrapAngle,
  type SimilarityMotion,
} from './rigidMotion.ts';
import { wassersteinProcrustes, wassersteinProcrustesSteps } from './wassersteinProcrustes.ts';

const DEG = Math.PI / 180;

/**
 * The target: `motion` applied to x, plus Gaussian noise of standard deviation `noise` per
 * coordinate, in shuffled order. perm[k] = the source index of target point k.
 */
function movedCopy(x: Float64Array, motion: SimilarityMotion, noise: number, rand: () => number) {
  const n = x.length >> 1;
  const moved = applyMotion(motion, x);
  const gauss = randomNormal.source(rand)(0, noise);
  const perm = Array.from({ length: n }, (_, k) => k);
  for (let k = n - 1; k > 0; k--) {
    const r = Math.floor(rand() * (k + 1));
    [perm[k], perm[r]] = [perm[r], perm[k]];
  }
  const y = new Float64Array(2 * n);
  perm.forEach((p, k) => {
    y[2 * k] = moved[2 * p] + (noise > 0 ? gauss() : 0);
    y[2 * k + 1] = moved[2 * p + 1] + (noise > 0 ? gauss() : 0);
  });
  return { y, perm };
}

/** Row and column sums of a sparse plan. */
function marginals(plan: { i: Int32Array; j: Int32Array; mass: Float64Array }, n: number, m: number) {
  const rows = new Float64Array(n);
  const cols = new Float64Array(m);
  for (let k = 0; k < plan.mass.length; k++) {
    rows[plan.i[k]] += plan.mass[k];
    cols[plan.j[k]] += plan.mass[k];
  }
  return { rows, cols };
}

describe('wassersteinProcrustes: recovery without correspondences', () => {
  it('finds the rotation of a noisy shuffled "F" within 2° in at least 38 of 40 seeded trials', () => {
    const rand = randomLcg(2024);
    let hits = 0;
    for (let trial = 0; trial < 40; trial++) {
      const x = sampleLetterF(80, rand);
      const angle = (2 * rand() - 1) * Math.PI;
      const motion = {
        rotation: rotationMatrix(angle),
        scale: 1,
        translation: [4 * rand() - 2, 4 * rand() - 2] as [number, number],
      };
      const { y } = movedCopy(x, motion, 0.02, rand);
      const fit = wassersteinProcrustes(x, y);
      if (Math.abs(wrapAngle(fit.angle - angle)) < 2 * DEG) hits++;
    }
    expect(hits).toBeGreaterThanOrEqual(38);
  });

  it('recovers a noise-free shuffled copy exactly, with the inverse permutation as plan', () => {
    const rand = randomLcg(5);
    const x = sampleLetterF(60, rand);
    const motion: SimilarityMotion = { rotation: rotationMatrix(-2.2), scale: 1.8, translation: [3, -1] };
    const { y, perm } = movedCopy(x, motion, 0, rand);
    const fit = wassersteinProcrustes(x, y, { scaling: true });
    for (let k = 0; k < 4; k++) expect(Math.abs(fit.rotation[k] - motion.rotation[k])).toBeLessThan(1e-10);
    expect(fit.scale).toBeCloseTo(1.8, 10);
    expect(fit.translation[0]).toBeCloseTo(3, 9);
    expect(fit.translation[1]).toBeCloseTo(-1, 9);
    expect(fit.objective).toBeLessThan(1e-18);
    expect(fit.rmsd).toBeCloseTo(Math.sqrt(fit.objective), 15);
    expect(fit.sample).toBeNull();
    expect(fit.plan.mass.length).toBe(60);
    for (let k = 0; k < 60; k++) expect(perm[fit.plan.j[k]]).toBe(fit.plan.i[k]);
  });

  it('refuses a mirror image unless allowed, and finds it when allowed', () => {
    const rand = randomLcg(6);
    const x = sampleLetterF(60, rand);
    const motion: SimilarityMotion = { rotation: reflectionMatrix(1.1), scale: 1, translation: [0.5, 0.5] };
    const { y } = movedCopy(x, motion, 0, rand);
    const proper = wassersteinProcrustes(x, y);
    expect(proper.reflected).toBe(false);
    expect(proper.restarts.every((r) => !r.reflected && !r.initialReflected)).toBe(true);
    expect(proper.rmsd).toBeGreaterThan(0.02);
    const mirror = wassersteinProcrustes(x, y, { reflection: true });
    expect(mirror.restarts.length).toBe(16);
    expect(mirror.restarts.filter((r) => r.initialReflected).length).toBe(8);
    expect(mirror.reflected).toBe(true);
    expect(mirror.angle).toBeCloseTo(1.1, 10);
    expect(mirror.objective).toBeLessThan(1e-18);
  });

  it('aligns clouds of different sizes and weights; zero-weight points take no mass', () => {
    const rand = randomLcg(7);
    const x = sampleLetterF(70, rand);
    // Two far-away source points with weight zero must not disturb the fit.
    const xs = new Float64Array(2 * 72);
    xs.set(x);
    xs.set([40, 40, -30, 25], 140);
    const a = new Float64Array(72).fill(1);
    a[70] = a[71] = 0;
    a[3] = 3; // one heavy point: the plan must split its mass
    const angle = 100 * DEG;
    const y = applyMotion(
      { rotation: rotationMatrix(angle), scale: 1, translation: [1, 2] },
      sampleLetterF(110, rand),
    );
    const fit = wassersteinProcrustes(xs, y, { a });
    expect(Math.abs(wrapAngle(fit.angle - angle))).toBeLessThan(4 * DEG);
    const { rows, cols } = marginals(fit.plan, 72, 110);
    const totalA = 72 - 2 + 2; // weights sum: 69 ones + a[3] = 3
    for (let i = 0; i < 72; i++) expect(rows[i]).toBeCloseTo(a[i] / totalA, 12);
    for (let j = 0; j < 110; j++) expect(cols[j]).toBeCloseTo(1 / 110, 12);
    // The objective is the plan's cost under the returned motion.
    let obj = 0;
    for (let k = 0; k < fit.plan.mass.length; k++) {
      const i = fit.plan.i[k];
      const j = fit.plan.j[k];
      obj +=
        fit.plan.mass[k] *
        ((fit.alignedSource[2 * i] - y[2 * j]) ** 2 + (fit.alignedSource[2 * i + 1] - y[2 * j + 1]) ** 2);
    }
    expect(fit.objective).toBeCloseTo(obj, 14);
  });
});

describe('wassersteinProcrustes: restarts, subsampling, steps', () => {
  const rand = randomLcg(8);
  const x = sampleLetterF(300, rand);
  const angle = -150 * DEG;
  const { y } = movedCopy(x, { rotation: rotationMatrix(angle), scale: 1, translation: [2, 0] }, 0.01, rand);

  const small = sampleLetterF(60, rand);
  const smallTarget = movedCopy(
    small,
    { rotation: rotationMatrix(2), scale: 1, translation: [0, 0] },
    0.01,
    rand,
  ).y;

  it('reports every restart and keeps the best', () => {
    const fit = wassersteinProcrustes(small, smallTarget, { restarts: 6 });
    const expected = [0, 1, 2, 3, -2, -1].map((k) => (k * Math.PI) / 3);
    fit.restarts.forEach((r, k) => expect(r.initialAngle).toBeCloseTo(expected[k], 14));
    const objectives = fit.restarts.map((r) => r.objective);
    expect(fit.objective).toBe(Math.min(...objectives));
    expect(fit.restarts[fit.bestRestart].objective).toBe(fit.objective);
    for (const r of fit.restarts) expect(r.iterations).toBeGreaterThanOrEqual(2);
    expect(fit.refine).toEqual([]);
  });

  it('runs the restarts on a subsample and refines the winner on all points', () => {
    const fit = wassersteinProcrustes(x, y, { sampleSize: 64 });
    expect(fit.sample).toEqual({ n: 64, m: 64 });
    expect(fit.refine.map((level) => [level.n, level.m])).toEqual([[300, 300]]);
    expect(fit.refine[0].iterations).toBeGreaterThanOrEqual(2);
    expect(fit.refine[0].converged).toBe(true);
    expect(Math.abs(wrapAngle(fit.angle - angle))).toBeLessThan(0.5 * DEG);
    expect(fit.plan.mass.length).toBe(300);
    expect(fit.alignedSource.length).toBe(600);
    const { rows, cols } = marginals(fit.plan, 300, 300);
    for (let k = 0; k < 300; k++) {
      expect(rows[k]).toBeCloseTo(1 / 300, 14);
      expect(cols[k]).toBeCloseTo(1 / 300, 14);
    }
  });

  it('refines through subsamples eight times larger, then all points', () => {
    const fit = wassersteinProcrustes(x, y, { sampleSize: 24 });
    expect(fit.sample).toEqual({ n: 24, m: 24 });
    expect(fit.refine.map((level) => [level.n, level.m])).toEqual([
      [192, 192],
      [300, 300],
    ]);
    expect(Math.abs(wrapAngle(fit.angle - angle))).toBeLessThan(0.5 * DEG);
  });

  it('the generator yields progress and returns what the function returns', () => {
    const steps = wassersteinProcrustesSteps(x, y, { sampleSize: 64 });
    const phases = new Set<string>();
    let count = 0;
    let step = steps.next();
    while (!step.done) {
      phases.add(step.value.phase);
      expect(Number.isFinite(step.value.objective)).toBe(true);
      count++;
      step = steps.next();
    }
    expect([...phases]).toEqual(['restart', 'refine']);
    const direct = wassersteinProcrustes(x, y, { sampleSize: 64 });
    expect(step.value.angle).toBe(direct.angle);
    expect(step.value.objective).toBe(direct.objective);
    const solves = direct.restarts.reduce((s, r) => s + r.iterations, 0) + direct.refine[0].iterations;
    // A converged phase ends with a solve that yields nothing (the plan did not change).
    expect(count).toBeLessThan(solves);
    expect(count).toBeGreaterThanOrEqual(solves - direct.restarts.length - 1);
  });

  it('stops at maxAlternations and says so', () => {
    const fit = wassersteinProcrustes(small, smallTarget, { maxAlternations: 1, restarts: 2 });
    expect(fit.restarts.map((r) => [r.iterations, r.converged])).toEqual([
      [1, false],
      [1, false],
    ]);
    expect(fit.converged).toBe(false);
  });

  it('rejects malformed weights', () => {
    expect(() => wassersteinProcrustes(x, y, { a: new Float64Array(3) })).toThrow(
      /a has 3 weights for 300 points/,
    );
    expect(() => wassersteinProcrustes(x, y, { b: new Float64Array(300) })).toThrow(/b has no mass/);
  });
});
