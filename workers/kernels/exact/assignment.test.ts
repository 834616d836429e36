import { describe, it, expect } from 'vitest';
import { randomLcg } from 'd3-random';
import { solveAssignment } from './assignment.ts';
import { bruteForceAssignment, costScale, randomProblem } from './exactTestKit.ts';

/** Checks that rowToCol is a permutation, and the duals are feasible and tight on it. */
function expectCertified(C: Float64Array, n: number, res: ReturnType<typeof solveAssignment>): number {
  const tol = 1e-12 * costScale(C);
  const used = new Set(res.rowToCol);
  expect(used.size).toBe(n);
  let total = 0;
  let dualSum = 0;
  for (let i = 0; i < n; i++) {
    const j = res.rowToCol[i];
    expect(j).toBeGreaterThanOrEqual(0);
    expect(j).toBeLessThan(n);
    total += C[i * n + j];
    dualSum += res.u[i] + res.v[i];
    expect(Math.abs(res.u[i] + res.v[j] - C[i * n + j])).toBeLessThan(tol);
    for (let k = 0; k < n; k++) expect(res.u[i] + res.v[k]).toBeLessThan(C[i * n + k] + tol);
  }
  expect(Math.abs(dualSum - total)).toBeLessThan(n * tol);
  return total / n;
}

describe('solveAssignment', () => {
  it('matches a brute force over all permutations on small problems, ties included', () => {
    const lcg = randomLcg(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + (trial % 7);
      // Integer costs in 0..3 make many ties, the hard case for the reductions.
      const C = Float64Array.from({ length: n * n }, () => Math.floor(lcg() * 4));
      const res = solveAssignment(C, n);
      expect(res.optimal).toBe(true);
      expect(Math.abs(expectCertified(C, n, res) - bruteForceAssignment(C, n))).toBeLessThan(1e-12);
    }
  });

  it('is certified optimal on shifted Gaussian clouds', () => {
    const p = randomProblem(6, 120, 120, { shift: 3 });
    expectCertified(p.C, 120, solveAssignment(p.C, 120));
  });

  it('stops at the cap with a full (arbitrary) permutation', () => {
    const p = randomProblem(7, 80, 80, { shift: 3 });
    const res = solveAssignment(p.C, 80, 1);
    expect(res.optimal).toBe(false);
    expect(res.iterations).toBe(1);
    expect(new Set(res.rowToCol).size).toBe(80);
  });
});
