/**
 * `ot solve --method sliced`: 1-D OT along a direction and the sliced Wasserstein estimate
 * (workers/methods/slicedSolve.ts). Parameters: `projections` (L, seeded directions uniform in
 * [0, π) from the scenario's `seed`), `angle` (D, degrees). Output (DESIGN.md section 4): `sw2`
 * (the mean over the L directions of the exact 1-D W2² of the weighted projections),
 * `w2AtAngle` (the exact 1-D W2² along (cos D°, sin D°)), `plan1d` { i, j, mass } (the monotone
 * coupling there, non-zero entries in quantile order, as the exact solver prints its plan), and
 * `standardError` (of sw2), `maxSliced` { value, angle } (degrees), `projections`, `angle`.
 * Weights are normalised to mass 1. Only the first two clouds are used; the cost is always the
 * squared distance (the `cost` key does not apply to sliced W2²).
 */
import type {
  SlicedAngleResult,
  SlicedClouds,
  SlicedEstimateResult,
} from '../../workers/methods/slicedTypes.ts';
import { slicedAtAngle, slicedEstimateNow } from '../../workers/methods/slicedSolve.ts';
import { sourceCloud, targetCloud } from '../../src/scenario/types.ts';
import { UsageError } from '../errors.ts';
import { defineSolver, plain } from './types.ts';

interface Prepared {
  clouds: SlicedClouds;
  projections: number;
  angle: number;
  seed: number;
}

interface Solved {
  estimate: Omit<SlicedEstimateResult, 'timeMs'>;
  atAngle: SlicedAngleResult;
}

const degrees = (rad: number) => (rad * 180) / Math.PI;

export default defineSolver<Prepared, Solved>({
  prepare({ scenario: s }) {
    const x = sourceCloud(s);
    const y = targetCloud(s);
    return {
      clouds: { x: x.points, y: y.points, a: x.weights, b: y.weights },
      projections: Number(s.params.projections),
      angle: Number(s.params.angle),
      seed: s.seed,
    };
  },
  run({ clouds, projections, angle, seed }) {
    try {
      return {
        estimate: slicedEstimateNow(clouds, projections, seed),
        atAngle: slicedAtAngle(clouds, angle),
      };
    } catch (e) {
      // The kernels' RangeErrors are about the input (an empty cloud, weights without mass).
      if (e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    }
  },
  toJson({ estimate: e, atAngle: t }, { projections, angle }) {
    return {
      sw2: e.sw2,
      standardError: e.standardError,
      projections,
      angle,
      w2AtAngle: t.w2,
      plan1d: { i: plain(t.plan.i), j: plain(t.plan.j), mass: plain(t.plan.mass) },
      maxSliced: { value: e.maxSliced.value, angle: degrees(e.maxSliced.angle) },
    };
  },
});
