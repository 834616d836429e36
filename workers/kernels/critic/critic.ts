/**
 * The W1 critic method as the command line and the worker call it: train a critic between two
 * weighted clouds (`criticTrain.ts`) and set its estimate beside the exact W1 (`criticExact.ts`,
 * always with the Euclidean cost, whatever cost the scenario names).
 */
import { w1Exact } from './criticExact.ts';
import {
  criticTrainingSteps,
  resolveCriticOptions,
  type CriticProgress,
  type CriticTrainOptions,
  type GradientNormStats,
} from './criticTrain.ts';
import type { CriticModel } from './criticModel.ts';

export { criticAt } from './criticModel.ts';

/** Result of {@link trainCritic}. */
export interface TrainCriticResult {
  /** The critic's dual value on the clouds' own points, Σ_j b_j f(y_j) − Σ_i a_i f(x_i), plane units. */
  w1Estimate: number;
  /** Exact W1 (Euclidean cost), plane units. */
  w1Exact: number;
  /** ‖∇ₓf‖ at seeded interpolates between the clouds (1 for an exact critic along transport rays). */
  gradientNorm: GradientNormStats;
  /** [step, estimate] pairs, interleaved (step 0 first). */
  history: Float64Array;
  /** The trained critic, for `criticAt` and the grid. */
  params: CriticModel;
  /** Steps taken. */
  steps: number;
}

/**
 * Generator form of {@link trainCritic}: yields the training's progress, then solves exact W1 and
 * returns everything. Arguments as {@link trainCritic}.
 */
export function* trainCriticSteps(
  sourcePoints: Float64Array,
  sourceWeights: Float64Array | null,
  targetPoints: Float64Array,
  targetWeights: Float64Array | null,
  options: CriticTrainOptions = {},
): Generator<CriticProgress, TrainCriticResult> {
  // Options and clouds are checked before any work (the exact solve checks the clouds).
  resolveCriticOptions(options);
  const exact = w1Exact(sourcePoints, sourceWeights, targetPoints, targetWeights);
  const trained = yield* criticTrainingSteps(sourcePoints, exact.a, targetPoints, exact.b, options);
  return {
    w1Estimate: trained.w1Estimate,
    w1Exact: exact.w1,
    gradientNorm: trained.gradientNorm,
    history: trained.history,
    params: trained.params,
    steps: trained.steps,
  };
}

/**
 * Trains a W1 critic (options and defaults in `CriticTrainOptions`: `lipschitz` 'penalty' |
 * 'one-sided' | 'clip', `lambda`, `clip`, `trainSteps`, `width`, `depth`, `activation`,
 * `batchSize`, `seed`, ...) and computes exact W1.
 * @param sourcePoints interleaved, length 2n (n >= 1), finite, plane units
 * @param sourceWeights length n, >= 0 with a positive sum (normalised here), or null for uniform
 * @param targetPoints length 2m (m >= 1); targetWeights length m or null
 * @throws RangeError for malformed clouds, weights or options
 */
export function trainCritic(
  sourcePoints: Float64Array,
  sourceWeights: Float64Array | null,
  targetPoints: Float64Array,
  targetWeights: Float64Array | null,
  options: CriticTrainOptions = {},
): TrainCriticResult {
  const it = trainCriticSteps(sourcePoints, sourceWeights, targetPoints, targetWeights, {
    ...options,
    snapshotEvery: 1e7,
  });
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
