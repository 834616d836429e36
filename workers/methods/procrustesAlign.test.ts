import { describe, expect, it } from 'vitest';
import { randomLcg } from 'd3-random';
import { sampleLetterF } from '../kernels/procrustes/procrustesShapes.ts';
import { applyMotion, rotationMatrix, wrapAngle } from '../kernels/procrustes/rigidMotion.ts';
import reference from '../kernels/fixtures/procrustes_01_50.json';
import {
  align,
  alignBlocker,
  AlignInputError,
  alignProgress,
  alignSteps,
  restartCount,
  type AlignInput,
} from './procrustesAlign.ts';

const DEG = Math.PI / 180;
const flat = (pts: number[][]) => Float64Array.from(pts.flat());

function input(x: Float64Array, y: Float64Array, over: Partial<AlignInput> = {}): AlignInput {
  return {
    x,
    y,
    a: null,
    b: null,
    mode: 'index',
    pairs: null,
    scaling: false,
    reflection: false,
    seed: 1,
    ...over,
  };
}

/** A shuffled copy of x moved by a rotation by `angle` and a translation. perm[k]: source of target k. */
function shuffledCopy(x: Float64Array, angle: number, rand: () => number) {
  const n = x.length >> 1;
  const moved = applyMotion({ rotation: rotationMatrix(angle), scale: 1, translation: [1.5, -0.5] }, x);
  const perm = Array.from({ length: n }, (_, k) => k);
  for (let k = n - 1; k > 0; k--) {
    const r = Math.floor(rand() * (k + 1));
    [perm[k], perm[r]] = [perm[r], perm[k]];
  }
  const y = new Float64Array(2 * n);
  perm.forEach((p, k) => y.set([moved[2 * p], moved[2 * p + 1]], 2 * k));
  return { y, perm };
}

describe('align: index correspondence', () => {
  const s = reference.scenario;
  const x = flat(s.source.points);
  const y = flat(s.target.points);
  const tol = reference.tolerance.abs;

  it('matches the SciPy/NumPy Umeyama reference (with scaling)', () => {
    const r = align(input(x, y, { scaling: true }));
    const R = reference.expect.rotation;
    expect(Array.from(r.rotation)).toHaveLength(4);
    [R[0][0], R[0][1], R[1][0], R[1][1]].forEach((v, k) =>
      expect(Math.abs(r.rotation[k] - v)).toBeLessThan(tol),
    );
    expect(Math.abs(r.scale - reference.expect.scale)).toBeLessThan(tol);
    expect(Math.abs(r.translation[0] - reference.expect.translation[0])).toBeLessThan(tol);
    expect(Math.abs(r.translation[1] - reference.expect.translation[1])).toBeLessThan(tol);
    expect(Math.abs(r.rmsd - reference.expect.rmsd)).toBeLessThan(tol);
    reference.expect.aligned_source.forEach(([px, py], k) => {
      expect(Math.abs(r.alignedSource[2 * k] - px)).toBeLessThan(tol);
      expect(Math.abs(r.alignedSource[2 * k + 1] - py)).toBeLessThan(tol);
    });
    expect(r.mode).toBe('index');
    expect(r.search).toBeNull();
    expect(Array.from(r.partners.i)).toEqual(Array.from({ length: 50 }, (_, k) => k));
    expect(Array.from(r.partners.j)).toEqual(Array.from(r.partners.i));
  });

  it('weights pair k by the source weight, else by the target weight', () => {
    const a = Float64Array.from({ length: 50 }, (_, k) => 1 + (k % 5));
    const bySource = align(input(x, y, { a }));
    expect(Array.from(bySource.partners.w)).toEqual(Array.from(a));
    const byTarget = align(input(x, y, { b: a }));
    expect(byTarget.angle).toBeCloseTo(bySource.angle, 14);
    const uniform = align(input(x, y));
    expect(Math.abs(uniform.angle - bySource.angle)).toBeGreaterThan(1e-6);
  });

  it('refuses clouds of different sizes with a message that names both sizes', () => {
    expect(() => align(input(x, y.subarray(0, 98)))).toThrow(AlignInputError);
    expect(() => align(input(x, y.subarray(0, 98)))).toThrow(/50 and 49/);
  });
});

describe('align: drawn pairs', () => {
  const rand = randomLcg(3);
  const x = sampleLetterF(40, rand);
  const { y, perm } = shuffledCopy(x, 70 * DEG, rand);

  it('recovers the motion exactly from three correct pairs of a shuffled copy', () => {
    // Target k came from source perm[k]: pairs (perm[k], k) for three k.
    const pairs = { i: Int32Array.of(perm[0], perm[7], perm[21]), j: Int32Array.of(0, 7, 21) };
    const r = align(input(x, y, { mode: 'pairs', pairs }));
    expect(r.angle).toBeCloseTo(70 * DEG, 12);
    expect(r.translation[0]).toBeCloseTo(1.5, 12);
    expect(r.translation[1]).toBeCloseTo(-0.5, 12);
    expect(r.rmsd).toBeLessThan(1e-12);
    expect(Array.from(r.partners.w)).toEqual([1, 1, 1]);
  });

  it('asks for pairs when there are none, and rejects stale indices', () => {
    expect(() => align(input(x, y, { mode: 'pairs', pairs: null }))).toThrow(/No pairs yet/);
    const stale = { i: Int32Array.of(0, 40), j: Int32Array.of(0, 1) };
    expect(() => align(input(x, y, { mode: 'pairs', pairs: stale }))).toThrow(AlignInputError);
  });
});

describe('align: no correspondence (Wasserstein-Procrustes)', () => {
  const rand = randomLcg(4);
  const x = sampleLetterF(90, rand);
  const { y } = shuffledCopy(x, -120 * DEG, rand);

  it('recovers the rotation of a shuffled copy, with the plan as partners and the restarts', () => {
    const r = align(input(x, y, { mode: 'none' }));
    expect(Math.abs(wrapAngle(r.angle + 120 * DEG))).toBeLessThan(1e-8);
    expect(r.rmsd).toBeLessThan(1e-8);
    expect(r.search).not.toBeNull();
    expect(r.search!.restarts).toHaveLength(8);
    const best = r.search!.restarts[r.search!.bestRestart];
    for (const other of r.search!.restarts) expect(best.objective).toBeLessThanOrEqual(other.objective);
    let mass = 0;
    for (let k = 0; k < r.partners.w.length; k++) mass += r.partners.w[k];
    expect(mass).toBeCloseTo(1, 12);
  });

  it('is deterministic for a seed and yields progress while it runs', () => {
    const steps = alignSteps(input(x, y, { mode: 'none', reflection: true }));
    let yields = 0;
    let last = -1;
    let step = steps.next();
    for (; !step.done; step = steps.next()) {
      yields++;
      const p = alignProgress(step.value, restartCount(true));
      expect(p.fraction).toBeGreaterThanOrEqual(0);
      expect(p.fraction).toBeLessThan(1);
      if (step.value.phase === 'restart') expect(p.text).toMatch(/^restart \d+ of 16$/);
      last = p.fraction;
    }
    expect(yields).toBeGreaterThan(16);
    expect(last).toBeGreaterThan(0);
    expect(step.value.search!.restarts).toHaveLength(16);
    const again = align(input(x, y, { mode: 'none', reflection: true }));
    expect(again.angle).toBe(step.value.angle);
  });
});

describe('alignBlocker', () => {
  it('names what is missing, or returns null', () => {
    expect(alignBlocker(0, 3, 'none', 0)).toMatch(/at least one point/);
    expect(alignBlocker(3, 4, 'index', 0)).toMatch(/3 and 4/);
    expect(alignBlocker(3, 4, 'none', 0)).toBeNull();
    expect(alignBlocker(3, 4, 'pairs', 0)).toMatch(/No pairs/);
    expect(alignBlocker(3, 4, 'pairs', 2)).toBeNull();
  });
});

describe('alignProgress', () => {
  it('grows within a restart and across restarts, and ends in the last share', () => {
    const motion = align(input(Float64Array.of(0, 0, 1, 0), Float64Array.of(0, 0, 1, 0)));
    const at = (phase: 'restart' | 'refine', restart: number, iteration: number) =>
      alignProgress({ phase, restart, iteration, objective: 0, motion }, 8).fraction;
    expect(at('restart', 0, 1)).toBeLessThan(at('restart', 0, 5));
    expect(at('restart', 0, 50)).toBeLessThan(at('restart', 1, 1));
    expect(at('restart', 7, 50)).toBeLessThan(at('refine', 3, 1));
    expect(at('refine', 3, 1)).toBeGreaterThanOrEqual(8 / 9);
  });
});
