/** Test helpers for the unbalanced and partial kernels: a fixture's scenario as a problem, checks against it. */
import { expect } from 'vitest';
import { balancedProblem, type BalancedProblem } from '../problem.ts';
import { hilbertOrder } from '../spatialOrder.ts';

interface FixtureCloud {
  points: number[][];
  weights?: number[];
}

/** The fixture scenario's first two clouds: weights normalised to 1, squared Euclidean costs. */
export function fixtureProblem(s: {
  clouds: FixtureCloud[];
}): BalancedProblem & { x: Float64Array; y: Float64Array } {
  const [src, tgt] = s.clouds;
  const x = Float64Array.from(src.points.flat());
  const y = Float64Array.from(tgt.points.flat());
  const w = (c: FixtureCloud) => (c.weights ? Float64Array.from(c.weights) : null);
  return { ...balancedProblem(x, y, w(src), w(tgt), 'sqeuclidean'), x, y };
}

/** Largest |x_k − y_k|. */
export function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let d = 0;
  for (let k = 0; k < x.length; k++) d = Math.max(d, Math.abs(x[k] - y[k]));
  return d;
}

/** Spatial order hints of a solve: none, or the clouds' Hilbert orders. */
export interface OrderHints {
  sourceOrder?: Int32Array;
  targetOrder?: Int32Array;
}

/**
 * Solves without and with the Hilbert orders of the problem's clouds (the plan must not depend on
 * them) and checks each solve converged to the fixture's plan, cost and mass within its tolerances.
 */
export function expectReferencePlan(
  p: { x: Float64Array; y: Float64Array },
  solve: (orders: OrderHints) => { plan: Float64Array; cost: number; mass: number; converged: boolean },
  ref: {
    expect: { plan: number[]; cost: number; mass: number };
    tolerance: { plan: number; cost: number; mass: number };
  },
): void {
  for (const orders of [{}, { sourceOrder: hilbertOrder(p.x), targetOrder: hilbertOrder(p.y) }]) {
    const r = solve(orders);
    expect(r.converged).toBe(true);
    expect(maxAbsDiff(r.plan, ref.expect.plan)).toBeLessThan(ref.tolerance.plan);
    expect(Math.abs(r.cost - ref.expect.cost)).toBeLessThan(ref.tolerance.cost);
    expect(Math.abs(r.mass - ref.expect.mass)).toBeLessThan(ref.tolerance.mass);
  }
}
