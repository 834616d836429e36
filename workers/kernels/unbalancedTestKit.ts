/** Test helpers for the unbalanced and partial kernels: a fixture's scenario as a problem. */
import { balancedProblem, type BalancedProblem } from './problem.ts';

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
