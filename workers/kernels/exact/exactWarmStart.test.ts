import { describe, expect, it } from 'vitest';
import { costMatrix } from '../cost.ts';
import { exactOT } from './exact.ts';
import { costTol, expectOptimal, randomProblem } from './exactTestKit.ts';

/** The source points moved by up to `step` per coordinate (seeded), and the new cost matrix. */
function moved(x: Float64Array, y: Float64Array, step: number, seed: number): Float64Array {
  const x2 = x.map((v, k) => v + step * Math.sin(seed * 7.1 + k * 1.3));
  return costMatrix(x2, y, 'sqeuclidean');
}

describe('exactOT warm start (network simplex from an earlier basis)', () => {
  it('after small and large cost changes: certified optimal, the cold cost to 1e-12, fewer pivots when small', () => {
    for (const [seed, n, m] of [
      [31, 60, 80],
      [32, 120, 90],
      [33, 200, 200],
    ]) {
      const p = randomProblem(seed, n, m, { weights: 'random' });
      const first = exactOT(p.a, p.b, p.C);
      for (const step of [1e-3, 0.05, 3]) {
        const C2 = moved(p.x, p.y, step, seed);
        const cold = exactOT(p.a, p.b, C2);
        const warm = exactOT(p.a, p.b, C2, { warmStart: first.basis });
        expectOptimal({ ...p, C: C2 }, warm);
        expect(Math.abs(warm.cost - cold.cost)).toBeLessThan(costTol(C2));
        if (step <= 0.05) expect(warm.iterations).toBeLessThan(cold.iterations / 2);
      }
    }
  });

  it('with zero weights (the basis is of the positive-weight subproblem)', () => {
    const p = randomProblem(34, 70, 50, { weights: 'random', zerosA: 4, zerosB: 2 });
    const first = exactOT(p.a, p.b, p.C);
    const C2 = moved(p.x, p.y, 0.02, 34);
    const warm = exactOT(p.a, p.b, C2, { warmStart: first.basis });
    expectOptimal({ ...p, C: C2 }, warm);
    expect(Math.abs(warm.cost - exactOT(p.a, p.b, C2).cost)).toBeLessThan(costTol(C2));
  });

  it('leaves the basis it starts from unchanged: two warm solves from it agree exactly', () => {
    const p = randomProblem(35, 80, 80, { weights: 'random' });
    const basis = exactOT(p.a, p.b, p.C).basis;
    const C2 = moved(p.x, p.y, 0.1, 35);
    const C3 = moved(p.x, p.y, 0.5, 36);
    const once = exactOT(p.a, p.b, C2, { warmStart: basis });
    exactOT(p.a, p.b, C3, { warmStart: basis });
    const again = exactOT(p.a, p.b, C2, { warmStart: basis });
    expect(again.cost).toBe(once.cost);
    expect(again.iterations).toBe(once.iterations);
    expect(Array.from(again.plan.mass)).toEqual(Array.from(once.plan.mass));
  });

  it('a basis of other masses is ignored: the solve is the cold one', () => {
    const p = randomProblem(37, 50, 60, { weights: 'random' });
    const q = randomProblem(38, 50, 60, { weights: 'random' });
    const other = exactOT(q.a, q.b, p.C).basis;
    const cold = exactOT(p.a, p.b, p.C);
    const warm = exactOT(p.a, p.b, p.C, { warmStart: other });
    expect(warm.cost).toBe(cold.cost);
    expect(warm.iterations).toBe(cold.iterations);
    // Other sizes too.
    const small = randomProblem(39, 10, 12, { weights: 'random' });
    expect(exactOT(p.a, p.b, p.C, { warmStart: exactOT(small.a, small.b, small.C).basis }).cost).toBe(
      cold.cost,
    );
  });

  it('a capped warm solve is flagged and its plan is still feasible', () => {
    const p = randomProblem(40, 60, 60, { weights: 'random' });
    const basis = exactOT(p.a, p.b, p.C).basis;
    const C2 = moved(p.x, p.y, 2, 40);
    const r = exactOT(p.a, p.b, C2, { warmStart: basis, maxIterations: 3 });
    expect(r.status).toBe('max-iterations');
    const rows = new Float64Array(60);
    const cols = new Float64Array(60);
    r.plan.mass.forEach((v, e) => {
      rows[r.plan.i[e]] += v;
      cols[r.plan.j[e]] += v;
    });
    rows.forEach((v, i) => expect(Math.abs(v - p.a[i])).toBeLessThan(1e-12));
    cols.forEach((v, j) => expect(Math.abs(v - p.b[j])).toBeLessThan(1e-12));
  });

  it('the assignment method returns no basis and ignores one', () => {
    const p = randomProblem(41, 30, 30);
    const basis = exactOT(p.a, p.b, p.C).basis;
    const r = exactOT(p.a, p.b, p.C, { method: 'assignment', warmStart: basis });
    expect(r.basis).toBeUndefined();
    expectOptimal(p, r);
  });
});
