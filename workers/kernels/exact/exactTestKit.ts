/**
 * Test helpers for the exact-OT kernel (used by `exact.test.ts`, `exactWarmStart.test.ts` and `assignment.test.ts`): seeded
 * random problems and the optimality certificate of a result (primal feasibility, dual
 * feasibility, complementary slackness, zero duality gap), which proves optimality without an LP
 * solver.
 */
import { expect } from 'vitest';
import { randomLcg, randomNormal, randomUniform } from 'd3-random';
import { costMatrix, normalizeWeights, type CostKind } from '../cost.ts';
import type { ExactResult } from './exact.ts';

/** An OT problem: weights a (n), b (m), n×m row-major costs C, and the clouds behind them. */
export interface Problem {
  a: Float64Array;
  b: Float64Array;
  C: Float64Array;
  x: Float64Array;
  y: Float64Array;
}

/** A scenario as stored in the reference fixtures (only the fields used here). */
export interface FixtureScenario {
  source: { points: number[][]; weights?: number[] };
  target: { points: number[][]; weights?: number[] };
  cost?: string;
}

/** Builds the problem of a fixture scenario: normalised weights, cost matrix of its `cost` kind. */
export function problemFromScenario(s: FixtureScenario): Problem {
  const x = Float64Array.from(s.source.points.flat());
  const y = Float64Array.from(s.target.points.flat());
  const kind: CostKind = s.cost === 'euclidean' ? 'euclidean' : 'sqeuclidean';
  const wa = s.source.weights ? Float64Array.from(s.source.weights) : null;
  const wb = s.target.weights ? Float64Array.from(s.target.weights) : null;
  return {
    a: normalizeWeights(wa, x.length / 2),
    b: normalizeWeights(wb, y.length / 2),
    C: costMatrix(x, y, kind),
    x,
    y,
  };
}

/**
 * Two seeded Gaussian clouds (target shifted by `shift`), with uniform weights or random weights
 * in [0.1, 1) normalised (`zeros` of them, the first ones, set to 0).
 */
export function randomProblem(
  seed: number,
  n: number,
  m: number,
  opts: {
    weights?: 'uniform' | 'random';
    kind?: CostKind;
    shift?: number;
    zerosA?: number;
    zerosB?: number;
  } = {},
): Problem {
  const lcg = randomLcg(seed);
  const normal = randomNormal.source(lcg)(0, 1);
  const unif = randomUniform.source(lcg)(0.1, 1);
  const shift = opts.shift ?? 1.5;
  const x = Float64Array.from({ length: 2 * n }, () => normal());
  const y = Float64Array.from({ length: 2 * m }, (_, k) => 0.6 * normal() + (k % 2 === 0 ? shift : 0));
  const weights = (len: number, zeros: number): Float64Array => {
    if (opts.weights !== 'random') return normalizeWeights(null, len);
    const w = Float64Array.from({ length: len }, (_, k) => (k < zeros ? 0 : unif()));
    return normalizeWeights(w, len);
  };
  return {
    a: weights(n, opts.zerosA ?? 0),
    b: weights(m, opts.zerosB ?? 0),
    C: costMatrix(x, y, opts.kind ?? 'sqeuclidean'),
    x,
    y,
  };
}

/** Transposes an n×m row-major matrix. */
export function transpose(C: Float64Array, n: number, m: number): Float64Array {
  const T = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) T[j * n + i] = C[i * m + j];
  return T;
}

/** Worst violations of the optimality certificate of `res` for problem (a, b, C). */
export interface Certificate {
  /** max over rows and columns of |plan marginal − weight|. */
  marginalError: number;
  /** |Σ P_ij C_ij − res.cost|. */
  costError: number;
  /** max_ij (f_i + g_j − C_ij), ≤ 0 up to rounding when the duals are feasible. */
  dualViolation: number;
  /** max over the support of |f_i + g_j − C_ij|. */
  slackness: number;
  /** |Σ a f + Σ b g − cost|. */
  dualityGap: number;
  /** |Σ a f − Σ b g| (the documented gauge). */
  gauge: number;
  /** True when every (i, j) is in range, appears once, and every mass is > 0. */
  wellFormed: boolean;
}

export function certificate(
  a: Float64Array,
  b: Float64Array,
  C: Float64Array,
  res: ExactResult,
): Certificate {
  const n = a.length;
  const m = b.length;
  const { i: I, j: J, mass } = res.plan;
  const rows = new Float64Array(n);
  const cols = new Float64Array(m);
  const seen = new Set<number>();
  let wellFormed = I.length === J.length && J.length === mass.length;
  let cost = 0;
  let slackness = 0;
  for (let k = 0; k < mass.length; k++) {
    const i = I[k];
    const j = J[k];
    if (!(i >= 0 && i < n && j >= 0 && j < m && mass[k] > 0) || seen.has(i * m + j)) wellFormed = false;
    seen.add(i * m + j);
    rows[i] += mass[k];
    cols[j] += mass[k];
    cost += mass[k] * C[i * m + j];
    slackness = Math.max(slackness, Math.abs(res.f[i] + res.g[j] - C[i * m + j]));
  }
  let marginalError = 0;
  for (let i = 0; i < n; i++) marginalError = Math.max(marginalError, Math.abs(rows[i] - a[i]));
  for (let j = 0; j < m; j++) marginalError = Math.max(marginalError, Math.abs(cols[j] - b[j]));
  let dualViolation = -Infinity;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) dualViolation = Math.max(dualViolation, res.f[i] + res.g[j] - C[i * m + j]);
  }
  let af = 0;
  let bg = 0;
  for (let i = 0; i < n; i++) af += a[i] * res.f[i];
  for (let j = 0; j < m; j++) bg += b[j] * res.g[j];
  return {
    marginalError,
    costError: Math.abs(cost - res.cost),
    dualViolation,
    slackness,
    dualityGap: Math.abs(af + bg - res.cost),
    gauge: Math.abs(af - bg),
    wellFormed,
  };
}

/** Largest |C_ij|, the scale of cost-unit tolerances. */
export function costScale(C: Float64Array): number {
  let s = 0;
  for (let e = 0; e < C.length; e++) s = Math.max(s, Math.abs(C[e]));
  return Math.max(s, 1);
}

/**
 * Worst violation of cyclical monotonicity over pairs of support entries:
 * max over (i, j), (k, l) in the support of C_ij + C_kl − C_il − C_kj (≤ 0 up to rounding).
 */
export function monotonicityViolation(C: Float64Array, m: number, res: ExactResult): number {
  const { i: I, j: J } = res.plan;
  let worst = -Infinity;
  for (let p = 0; p < I.length; p++) {
    for (let q = 0; q < I.length; q++) {
      const v = C[I[p] * m + J[p]] + C[I[q] * m + J[q]] - C[I[p] * m + J[q]] - C[I[q] * m + J[p]];
      worst = Math.max(worst, v);
    }
  }
  return worst;
}

/** Minimum of Σ_i C[i, σ(i)] / n over all permutations σ (brute force, n <= 8). */
export function bruteForceAssignment(C: Float64Array, n: number): number {
  const used = new Array<boolean>(n).fill(false);
  let best = Infinity;
  const go = (i: number, acc: number): void => {
    if (i === n) {
      best = Math.min(best, acc);
      return;
    }
    for (let j = 0; j < n; j++) {
      if (used[j]) continue;
      used[j] = true;
      go(i + 1, acc + C[i * n + j]);
      used[j] = false;
    }
  };
  go(0, 0);
  return best / n;
}

/** Rounding-level tolerances: masses sum to 1; costs are O(1..10) here, so scale by max|C|. */
export const MASS_TOL = 1e-12;
export const costTol = (C: Float64Array): number => 1e-12 * costScale(C);

/** Asserts the optimality certificate: feasible plan, feasible duals, slackness, no duality gap. */
export function expectOptimal(p: Pick<Problem, 'a' | 'b' | 'C'>, res: ExactResult): void {
  const cert = certificate(p.a, p.b, p.C, res);
  const tol = costTol(p.C);
  expect(res.status).toBe('optimal');
  expect(cert.wellFormed).toBe(true);
  expect(cert.marginalError).toBeLessThan(MASS_TOL);
  expect(cert.costError).toBeLessThan(tol);
  expect(cert.dualViolation).toBeLessThan(tol);
  expect(cert.slackness).toBeLessThan(tol);
  expect(cert.dualityGap).toBeLessThan(tol);
  expect(cert.gauge).toBeLessThan(tol);
}
