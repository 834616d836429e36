/**
 * The sliced method's solves, shared by the worker (`sliced.ts`) and the CLI: the seeded estimate
 * as a generator over chunks of directions (so the worker can slice it, report the directions as
 * they accumulate and be cancelled), and the 1-D problem at one angle.
 */
import { normalizeWeights } from '../kernels/cost.ts';
import { maxSliced } from '../kernels/sliced/maxSliced.ts';
import { monotonePlan1d } from '../kernels/sliced/oneD.ts';
import { project, runningEstimate, sliceAngles, w2AlongAngles } from '../kernels/sliced/sliced.ts';
import type {
  SlicedAngleResult,
  SlicedClouds,
  SlicedEstimateLive,
  SlicedEstimateResult,
} from './slicedTypes.ts';

/** Directions per chunk: small enough that a chunk of 3000-point clouds takes a few ms. */
const CHUNK = 8;

/**
 * Normalised weights of both clouds (null stays null: uniform).
 * @throws RangeError for an empty cloud or weights without mass
 */
export function slicedWeights(c: SlicedClouds): { a: Float64Array | null; b: Float64Array | null } {
  const n = c.x.length >> 1;
  const m = c.y.length >> 1;
  if (n === 0 || m === 0) throw new RangeError('both clouds need at least one point');
  return { a: c.a && normalizeWeights(c.a, n), b: c.b && normalizeWeights(c.b, m) };
}

/**
 * The estimate over L = `projections` directions from `seed`, yielding after each chunk.
 * @throws RangeError when L is not an integer >= 1, a cloud is empty or has no mass
 */
export function* slicedEstimateSteps(
  c: SlicedClouds,
  projections: number,
  seed: number,
): Generator<SlicedEstimateLive, Omit<SlicedEstimateResult, 'timeMs'>> {
  if (!(Number.isInteger(projections) && projections >= 1)) {
    throw new RangeError(`projections must be an integer >= 1 (got ${projections})`);
  }
  const { a, b } = slicedWeights(c);
  const angles = sliceAngles(projections, seed);
  const values = new Float64Array(projections);
  for (let l = 0; l < projections; l += CHUNK) {
    const end = Math.min(projections, l + CHUNK);
    values.set(w2AlongAngles(c.x, c.y, a, b, angles.subarray(l, end)), l);
    yield { angles, values, done: end };
  }
  const run = runningEstimate(values);
  const L = projections;
  const sw2 = run.mean[L - 1];
  const max = maxSliced(c.x, c.y, a, b, { candidates: { angles, values } });
  return {
    sw2,
    angles,
    values,
    standardError: run.band[L - 1] / 2,
    runningMean: run.mean,
    runningBand: run.band,
    maxSliced: max,
  };
}

/** Runs the estimate to the end (CLI, tests). */
export function slicedEstimateNow(
  c: SlicedClouds,
  projections: number,
  seed: number,
): Omit<SlicedEstimateResult, 'timeMs'> {
  const it = slicedEstimateSteps(c, projections, seed);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * The 1-D problem along θ = `angleDegrees`: projections, exact W2², the monotone plan.
 * @throws RangeError for a non-finite angle, an empty cloud or weights without mass
 */
export function slicedAtAngle(c: SlicedClouds, angleDegrees: number): SlicedAngleResult {
  if (!Number.isFinite(angleDegrees)) throw new RangeError(`angle must be a finite number of degrees`);
  const w = slicedWeights(c);
  const n = c.x.length >> 1;
  const m = c.y.length >> 1;
  const a = w.a ?? new Float64Array(n).fill(1 / n);
  const b = w.b ?? new Float64Array(m).fill(1 / m);
  const phi = (angleDegrees * Math.PI) / 180;
  const px = project(c.x, phi);
  const py = project(c.y, phi);
  const plan = monotonePlan1d(px, py, a, b);
  return { angleDegrees, w2: plan.cost, px, py, a, b, plan: { i: plan.i, j: plan.j, mass: plan.mass } };
}
