/**
 * Merging two networks by averaging their parameters, and the loss barrier along the way:
 *
 *   θ(λ) = (1 − λ) θ_A + λ π(θ_B),   λ ∈ [0, 1],
 *   barrier = max_λ [L(θ(λ)) − ((1 − λ) L(θ(0)) + λ L(θ(1)))],
 *
 * with L the mean cross-entropy on given labelled points: how far the loss rises above the chord
 * between the endpoints (0 when the path is convex; a linear mode connection). π is the identity
 * for the naive merge and an alignment (`align.ts`) otherwise. Parameters are averaged in A's
 * frame: B is first re-expressed in it exactly (`reframeClassifier`), so "identity" means unit i
 * of B meets unit i of A, nothing else.
 */
import {
  checkLabels,
  checkModel,
  checkPoints,
  reframeClassifier,
  sameSpec,
  type ClassifierModel,
} from '../nets/classifier.ts';
import { ClassifierEvaluator } from '../nets/classifierEval.ts';
import { alignModels, type AlignOptions } from './align.ts';
import type { Permutations } from './permute.ts';

/** Number of λ values of the curves: 0, 1/24, ..., 1 (λ = 0.5 is index 12). */
export const LAMBDA_COUNT = 25;

/** `count` evenly spaced values from 0 to 1 inclusive (count >= 2). */
export function lambdaGrid(count = LAMBDA_COUNT): Float64Array {
  if (!Number.isInteger(count) || count < 2)
    throw new RangeError(`lambdaGrid: count must be an integer >= 2 (got ${count})`);
  return Float64Array.from({ length: count }, (_, k) => k / (count - 1));
}

/**
 * θ(λ) = (1 − λ) θ_A + λ θ_B for two models of the same spec and frame.
 * @throws RangeError when specs or frames differ, or λ is not finite
 */
export function interpolateModels(a: ClassifierModel, b: ClassifierModel, lambda: number): ClassifierModel {
  checkPair(a, b, 'interpolateModels');
  if (!Number.isFinite(lambda)) throw new RangeError('interpolateModels: lambda must be finite');
  const params = new Float64Array(a.params.length);
  mix(a.params, b.params, lambda, params);
  return { spec: a.spec, params, frame: a.frame };
}

function mix(pa: Float64Array, pb: Float64Array, lambda: number, out: Float64Array): void {
  const wa = 1 - lambda;
  for (let k = 0; k < out.length; k++) out[k] = wa * pa[k] + lambda * pb[k];
}

function checkPair(a: ClassifierModel, b: ClassifierModel, who: string): void {
  checkModel(a, `${who} model A`);
  checkModel(b, `${who} model B`);
  if (!sameSpec(a.spec, b.spec)) throw new RangeError(`${who}: the two models need the same spec`);
  const fa = a.frame;
  const fb = b.frame;
  if (fa.meanX !== fb.meanX || fa.meanY !== fb.meanY || fa.scaleX !== fb.scaleX || fa.scaleY !== fb.scaleY) {
    throw new RangeError(`${who}: the two models need the same input frame (reframe B first)`);
  }
}

/** Loss and accuracy along θ(λ), and the barrier. */
export interface InterpolationCurve {
  lambdas: Float64Array;
  /** Mean cross-entropy (nats) at each λ. */
  loss: Float64Array;
  /** Accuracy (fraction) at each λ. */
  accuracy: Float64Array;
  /** max_k [loss_k − ((1 − λ_k) loss_0 + λ_k loss_last)], >= 0 (λ = 0 contributes 0). */
  barrier: number;
}

/** The barrier of a loss curve over lambdas that run from 0 to 1 (see the module comment). */
export function lossBarrier(loss: Float64Array, lambdas: Float64Array): number {
  const last = loss.length - 1;
  let barrier = 0;
  for (let k = 0; k <= last; k++) {
    const chord = (1 - lambdas[k]) * loss[0] + lambdas[k] * loss[last];
    barrier = Math.max(barrier, loss[k] - chord);
  }
  return barrier;
}

/**
 * Loss and accuracy of θ(λ) between A and B (same spec and frame) on labelled points, at `count`
 * evenly spaced λ from 0 to 1. One forward pass over the points per λ.
 */
export function interpolationCurve(
  a: ClassifierModel,
  b: ClassifierModel,
  points: Float64Array,
  labels: ArrayLike<number>,
  count = LAMBDA_COUNT,
): InterpolationCurve {
  checkPair(a, b, 'interpolationCurve');
  const n = checkPoints(points, 'interpolationCurve', 1);
  checkLabels(labels, n, a.spec.classes, 'interpolationCurve');
  const lambdas = lambdaGrid(count);
  const evaluator = new ClassifierEvaluator(a.spec);
  const params = new Float64Array(a.params.length);
  const model = { spec: a.spec, params, frame: a.frame };
  const loss = new Float64Array(count);
  const accuracy = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    mix(a.params, b.params, lambdas[k], params);
    const s = evaluator.score(model, points, labels);
    loss[k] = s.loss;
    accuracy[k] = s.accuracy;
  }
  return { lambdas, loss, accuracy, barrier: lossBarrier(loss, lambdas) };
}

/** Naive and aligned merges of two models side by side. */
export interface BarrierComparison {
  /** The 25 λ values, 0 to 1. */
  lambdas: Float64Array;
  lossNaive: Float64Array;
  lossAligned: Float64Array;
  accuracyNaive: Float64Array;
  accuracyAligned: Float64Array;
  barrierNaive: number;
  barrierAligned: number;
  /** B in A's frame and unit order (the aligned curve's λ = 1 end). */
  alignedB: ClassifierModel;
  /** perms[h][i]: B's unit matched to A's unit i. */
  permutations: Permutations;
}

/**
 * Aligns B to A, then evaluates both interpolation curves (naive: B's units in their own order;
 * aligned) on the labelled points. About 50 forward passes over the points plus the alignment.
 * @throws RangeError on malformed input (see `alignModels`; the naive curve needs equal specs)
 */
export function compareBarriers(
  a: ClassifierModel,
  b: ClassifierModel,
  points: Float64Array,
  labels: ArrayLike<number>,
  align: AlignOptions,
  count = LAMBDA_COUNT,
): BarrierComparison {
  const { alignedB, permutations } = alignModels(a, b, { points, ...align });
  const naive = interpolationCurve(a, reframeClassifier(b, a.frame), points, labels, count);
  const aligned = interpolationCurve(a, alignedB, points, labels, count);
  return {
    lambdas: naive.lambdas,
    lossNaive: naive.loss,
    lossAligned: aligned.loss,
    accuracyNaive: naive.accuracy,
    accuracyAligned: aligned.accuracy,
    barrierNaive: naive.barrier,
    barrierAligned: aligned.barrier,
    alignedB,
    permutations,
  };
}
