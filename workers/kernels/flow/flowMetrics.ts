/**
 * How good and how straight a learned flow is.
 *
 * - Straightness (Liu et al. 2022, eq. 5): S = E ∫₀¹ |(x1 − x0) − v(x_t, t)|² dt along the learned
 *   ODE's own paths, x1 = ODE(x0). Zero exactly when every path is a straight line travelled at
 *   constant speed, which is when one Euler step is exact. Estimated with a K-step Euler path:
 *   S ≈ mean_i (1/K) Σ_k |(x_K − x_0) − v(x_k, t_k)|²; on that path x_K − x_0 is the mean of the
 *   v(x_k, t_k), so S is the variance of the velocity along each path. Plane units².
 * - W2² between the flow's output (with K Euler steps) and a target sample, by exact OT
 *   (`exactOT`, squared Euclidean cost, uniform weights), for K = 1, 2, 4, 8, ...; and the same
 *   distance between two independent target samples of the same size: the floor that sampling
 *   noise alone gives.
 */
import { randomLcg } from 'd3-random';
import { costMatrix } from '../cost.ts';
import { exactOT } from '../exact/exact.ts';
import { integrateFlowSteps } from './flowIntegrate.ts';
import type { VelocityField } from './flowModel.ts';
import { NormalStream, type PlaneDistribution } from './flowSampling.ts';

/** Straightness estimate of {@link straightness}. */
export interface StraightnessResult {
  /** S, plane units². */
  straightness: number;
  /** E|x1 − x0|² along the same paths, plane units² (the scale S is small against). */
  meanSquaredDisplacement: number;
}

/**
 * Straightness S along K-step Euler paths from the given starting points (see the module note).
 * @param x0 starting points, interleaved, length 2N, N >= 1
 * @param steps K, integer in 1..200 (100 gives a close estimate of the continuous ODE's S)
 */
export function* straightnessSteps(
  field: VelocityField,
  x0: Float64Array,
  steps: number,
): Generator<{ step: number; steps: number }, StraightnessResult> {
  const n = x0.length >> 1;
  if (n < 1) throw new RangeError('straightness: no points');
  // Velocities along the path, kept per step: K·2N numbers (200·2·2000 at most: 6 MB).
  const vs = new Float64Array(steps * 2 * n);
  const recorder: VelocityField = {
    velocity(x, m, t, out) {
      field.velocity(x, m, t, out);
      const k = Math.round(t * steps);
      vs.set(out.subarray(0, 2 * m), k * 2 * n);
    },
  };
  const gen = integrateFlowSteps(recorder, x0, { steps, method: 'euler' });
  let r = gen.next();
  while (!r.done) {
    yield r.value;
    r = gen.next();
  }
  const x1 = r.value.final;
  let s = 0;
  let d2 = 0;
  for (let i = 0; i < n; i++) {
    const dx = x1[2 * i] - x0[2 * i];
    const dy = x1[2 * i + 1] - x0[2 * i + 1];
    d2 += dx * dx + dy * dy;
    for (let k = 0; k < steps; k++) {
      const o = k * 2 * n + 2 * i;
      s += (dx - vs[o]) ** 2 + (dy - vs[o + 1]) ** 2;
    }
  }
  return { straightness: s / (n * steps), meanSquaredDisplacement: d2 / n };
}

/** W2² (exact OT, squared Euclidean, uniform weights) between two point sets, plane units². */
export function w2Squared(x: Float64Array, y: Float64Array): number {
  const n = x.length >> 1;
  const m = y.length >> 1;
  const r = exactOT(
    new Float64Array(n).fill(1 / n),
    new Float64Array(m).fill(1 / m),
    costMatrix(x, y, 'sqeuclidean'),
  );
  if (r.status !== 'optimal') throw new Error('w2Squared: exact OT stopped before the optimum');
  return r.cost;
}

/** The step counts 1, 2, 4, ... up to `max` (inclusive when a power of two). */
export function powersOfTwo(max: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= max; k *= 2) out.push(k);
  return out;
}

/** One row of {@link w2BySteps}. */
export interface W2Point {
  /** Integration steps. */
  steps: number;
  /** W2² between the output and the target sample, plane units². */
  w2: number;
}

/** Options of {@link evaluateFlowSteps}. */
export interface EvaluateOptions {
  /** Points per sample (source, target, second target), integer >= 1 (default 500). */
  sampleSize?: number;
  /** Largest Euler step count of the W2 curve: 1, 2, 4, ... up to it (default 128). */
  maxSteps?: number;
  /** Euler steps of the straightness estimate (default 100). */
  straightnessSteps?: number;
  /** Seed of the samples (non-negative integer). */
  seed: number;
}

/** Everything {@link evaluateFlowSteps} measures. */
export interface FlowEvaluation extends StraightnessResult {
  /** W2² of the K-step Euler output against a target sample, for K = 1, 2, 4, ... */
  w2: W2Point[];
  /** W2² between two independent target samples of the same size: sampling noise alone, plane units². */
  w2Floor: number;
  /** Points per sample. */
  sampleSize: number;
}

/**
 * Straightness and the W2 curve of a flow between two distributions, on fresh seeded samples.
 * Yields a fraction in [0, 1].
 */
export function* evaluateFlowSteps(
  field: VelocityField,
  source: PlaneDistribution,
  target: PlaneDistribution,
  options: EvaluateOptions,
): Generator<number, FlowEvaluation> {
  const n = options.sampleSize ?? 500;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`sampleSize must be an integer >= 1 (got ${n})`);
  const normal = new NormalStream(randomLcg(options.seed));
  const x0 = new Float64Array(2 * n);
  const y = new Float64Array(2 * n);
  const y2 = new Float64Array(2 * n);
  source.sample(x0, n, normal);
  target.sample(y, n, normal);
  target.sample(y2, n, normal);
  const counts = powersOfTwo(options.maxSteps ?? 128);
  const sSteps = options.straightnessSteps ?? 100;
  // Work units: ODE steps (straightness + every curve point) plus one unit per OT solve.
  const total = sSteps + counts.reduce((s, k) => s + k + 1, 0) + 1;
  let done = 0;
  const sGen = straightnessSteps(field, x0, sSteps);
  let s = sGen.next();
  while (!s.done) {
    yield ++done / total;
    s = sGen.next();
  }
  const w2: W2Point[] = [];
  for (const k of counts) {
    const gen = integrateFlowSteps(field, x0, { steps: k, method: 'euler' });
    let r = gen.next();
    while (!r.done) {
      yield ++done / total;
      r = gen.next();
    }
    w2.push({ steps: k, w2: w2Squared(r.value.final, y) });
    yield ++done / total;
  }
  const w2Floor = w2Squared(y2, y);
  yield ++done / total;
  return { ...s.value, w2, w2Floor, sampleSize: n };
}
