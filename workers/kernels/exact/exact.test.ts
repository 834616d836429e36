import { describe, it, expect } from 'vitest';
import { costMatrix } from '../cost.ts';
import { exactOT } from './exact.ts';
import {
  bruteForceAssignment,
  certificate,
  costTol,
  MASS_TOL,
  expectOptimal,
  monotonicityViolation,
  problemFromScenario,
  randomProblem,
  transpose,
  type FixtureScenario,
} from './exactTestKit.ts';
import ref00 from '../fixtures/exact_00_gauss_40x40.json';
import ref01 from '../fixtures/exact_01_uniform_30x45.json';
import ref02 from '../fixtures/exact_02_ring_50x50.json';
import ref03 from '../fixtures/exact_03_gauss_25x60.json';
import ref04 from '../fixtures/exact_04_dup_20x20.json';

const references = [ref00, ref01, ref02, ref03, ref04];

describe('exactOT on the POT reference cases', () => {
  for (const ref of references) {
    it(`${ref.id}: cost within ${ref.tolerance.cost_rel} relative, certified optimal`, () => {
      const p = problemFromScenario(ref.scenario as FixtureScenario);
      const res = exactOT(p.a, p.b, p.C);
      expect(Math.abs(res.cost - ref.expect.cost) / ref.expect.cost).toBeLessThan(ref.tolerance.cost_rel);
      expectOptimal(p, res);
      // Cyclical monotonicity of the support (pairs suffice for this test; the duals prove the rest).
      expect(monotonicityViolation(p.C, p.b.length, res)).toBeLessThan(costTol(p.C));
    });
  }
});

describe('exactOT invariants', () => {
  it('transposing the problem (swap a and b, use Cᵀ) gives the same cost', () => {
    const p = randomProblem(11, 37, 52, { weights: 'random' });
    const res = exactOT(p.a, p.b, p.C);
    const resT = exactOT(p.b, p.a, transpose(p.C, 37, 52));
    expectOptimal({ ...p, a: p.b, b: p.a, C: transpose(p.C, 37, 52) }, resT);
    expect(Math.abs(resT.cost - res.cost)).toBeLessThan(costTol(p.C));
  });

  it('adding a constant to C shifts the cost by it and keeps the plan optimal', () => {
    const p = randomProblem(12, 40, 40, { weights: 'random', kind: 'euclidean' });
    const res = exactOT(p.a, p.b, p.C);
    for (const shift of [7.5, -30]) {
      const shifted = p.C.map((c) => c + shift);
      const resS = exactOT(p.a, p.b, shifted);
      expectOptimal({ ...p, C: shifted }, resS);
      expect(Math.abs(resS.cost - (res.cost + shift))).toBeLessThan(costTol(shifted));
      // The shifted problem's plan costs the optimum on the original costs.
      let original = 0;
      for (let k = 0; k < resS.plan.mass.length; k++)
        original += resS.plan.mass[k] * p.C[resS.plan.i[k] * 40 + resS.plan.j[k]];
      expect(Math.abs(original - res.cost)).toBeLessThan(costTol(shifted));
    }
  });

  it('identical clouds cost exactly 0, duplicates included', () => {
    const p = randomProblem(13, 60, 60);
    const x = Float64Array.from([...p.x, ...p.x.subarray(0, 20)]); // 10 points appear twice
    const C = costMatrix(x, x, 'sqeuclidean');
    const a = new Float64Array(70).fill(1 / 70);
    const res = exactOT(a, a, C);
    expect(res.cost).toBe(0);
    expectOptimal({ ...p, a, b: a, C }, res);
    expect(exactOT(a, a, costMatrix(x, x, 'euclidean')).cost).toBe(0);
  });

  it('is certified optimal with random weights on 30×45, and matches a brute force on tiny uniform cases', () => {
    const p = randomProblem(14, 30, 45, { weights: 'random' });
    const res = exactOT(p.a, p.b, p.C);
    expectOptimal(p, res);
    expect(monotonicityViolation(p.C, 45, res)).toBeLessThan(costTol(p.C));
    for (let seed = 0; seed < 6; seed++) {
      const q = randomProblem(100 + seed, 7, 7, { kind: seed % 2 ? 'euclidean' : 'sqeuclidean' });
      const r = exactOT(q.a, q.b, q.C);
      expect(Math.abs(r.cost - bruteForceAssignment(q.C, 7))).toBeLessThan(costTol(q.C));
    }
  });

  it('agrees with the assignment solver on uniform square problems', () => {
    for (const [seed, n] of [
      [15, 64],
      [16, 150],
    ]) {
      const p = randomProblem(seed, n, n);
      const simplex = exactOT(p.a, p.b, p.C);
      const assignment = exactOT(p.a, p.b, p.C, { method: 'assignment' });
      expect(assignment.method).toBe('assignment');
      expectOptimal(p, assignment);
      expect(Math.abs(simplex.cost - assignment.cost)).toBeLessThan(costTol(p.C));
    }
  });

  it('solves a 300×200 problem with random and zero weights (exercises multi-block pricing)', () => {
    const p = randomProblem(17, 300, 200, { weights: 'random', zerosA: 5, zerosB: 3, kind: 'euclidean' });
    expectOptimal(p, exactOT(p.a, p.b, p.C));
  });
});

describe('exactOT degenerate inputs', () => {
  it('one point against many, and many against one', () => {
    const p = randomProblem(20, 1, 9, { weights: 'random' });
    const res = exactOT(p.a, p.b, p.C);
    expectOptimal(p, res);
    let expected = 0;
    for (let j = 0; j < 9; j++) expected += p.b[j] * p.C[j];
    expect(Math.abs(res.cost - expected)).toBeLessThan(costTol(p.C));
    const resT = exactOT(p.b, p.a, transpose(p.C, 1, 9));
    expect(Math.abs(resT.cost - expected)).toBeLessThan(costTol(p.C));
    const single = exactOT(new Float64Array([1]), new Float64Array([1]), new Float64Array([2.5]));
    expect(single.cost).toBe(2.5);
    expect(Array.from(single.plan.mass)).toEqual([1]);
  });

  it('zero weights get no mass, feasible duals, and leave the cost of the others unchanged', () => {
    const p = randomProblem(21, 25, 30, { weights: 'random', zerosA: 4, zerosB: 6 });
    const res = exactOT(p.a, p.b, p.C);
    expectOptimal(p, res); // duals checked on every pair, zero-weight points included
    for (let k = 0; k < res.plan.mass.length; k++) {
      expect(p.a[res.plan.i[k]]).toBeGreaterThan(0);
      expect(p.b[res.plan.j[k]]).toBeGreaterThan(0);
    }
    // Same problem without the zero-weight points.
    const rows = Array.from({ length: 21 }, (_, k) => k + 4);
    const cols = Array.from({ length: 24 }, (_, k) => k + 6);
    const sub = Float64Array.from(rows.flatMap((i) => cols.map((j) => p.C[i * 30 + j])));
    const resSub = exactOT(p.a.slice(4), p.b.slice(6), sub);
    expect(Math.abs(resSub.cost - res.cost)).toBeLessThan(costTol(p.C));
  });

  it('keeps unit-scale accuracy at coordinates near 1e6', () => {
    const p = randomProblem(22, 40, 35, { weights: 'random' });
    const far = (pts: Float64Array): Float64Array => pts.map((v, k) => v + (k % 2 === 0 ? 1e6 : -1e6));
    const C = costMatrix(far(p.x), far(p.y), 'sqeuclidean');
    const res = exactOT(p.a, p.b, C);
    expectOptimal({ ...p, C }, res);
    // Coordinates near 1e6 carry ~1e-10 absolute rounding, so the cost moves by about that much.
    expect(Math.abs(res.cost - exactOT(p.a, p.b, p.C).cost)).toBeLessThan(1e-8);
  });

  it('absorbs a rounding-level mass mismatch by rescaling b', () => {
    const p = randomProblem(23, 20, 30, { weights: 'random' });
    const b = p.b.map((v) => v * (1 + 3e-13));
    const res = exactOT(p.a, b, p.C);
    expectOptimal(p, res); // marginals match a and the rescaled b, i.e. p.b, to 1e-12
  });

  it('rejects malformed input with a RangeError', () => {
    const a = new Float64Array([0.5, 0.5]);
    const C = new Float64Array(4);
    expect(() => exactOT(a, a, new Float64Array(3))).toThrow(RangeError);
    expect(() => exactOT(new Float64Array([1.5, -0.5]), a, C)).toThrow(/a\[1\]/);
    expect(() => exactOT(a, new Float64Array([0.5, 0.6]), C)).toThrow(/masses differ/);
    expect(() => exactOT(a, a, new Float64Array([0, NaN, 0, 0]))).toThrow(/C\[1\]/);
    expect(() => exactOT(new Float64Array(0), new Float64Array(0), new Float64Array(0))).toThrow(RangeError);
    expect(() => exactOT(a, new Float64Array([1]), new Float64Array(2), { method: 'assignment' })).toThrow(
      /assignment/,
    );
  });
});

describe('exactOT iteration cap', () => {
  it('flags a capped solve and still returns a feasible plan', () => {
    const p = randomProblem(30, 40, 40, { weights: 'random' });
    const optimal = exactOT(p.a, p.b, p.C);
    const capped = exactOT(p.a, p.b, p.C, { maxIterations: 3 });
    expect(capped.status).toBe('max-iterations');
    expect(capped.iterations).toBeLessThanOrEqual(3);
    const cert = certificate(p.a, p.b, p.C, capped);
    expect(cert.wellFormed).toBe(true);
    expect(cert.marginalError).toBeLessThan(MASS_TOL);
    expect(cert.costError).toBeLessThan(costTol(p.C));
    expect(capped.cost).toBeGreaterThan(optimal.cost);
    expect(optimal.iterations).toBeGreaterThan(3);
  });

  it('flags a capped assignment solve too', () => {
    const p = randomProblem(31, 50, 50);
    const capped = exactOT(p.a, p.b, p.C, { method: 'assignment', maxIterations: 0 });
    expect(capped.status).toBe('max-iterations');
    const cert = certificate(p.a, p.b, p.C, capped);
    expect(cert.wellFormed).toBe(true);
    expect(cert.marginalError).toBeLessThan(MASS_TOL);
  });
});
