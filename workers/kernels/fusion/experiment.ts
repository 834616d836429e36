/**
 * The fusion experiment the app and the CLI run: train two classifiers on a labelled cloud, align
 * the second to the first, and compare the naive and the aligned merges along θ(λ).
 *
 * Seeds. Model A trains with `seed`, model B with subSeed(seed, 1) (`../flow.ts`: a hash, so the
 * two streams are unrelated); the hidden-unit shuffle of modelB = 'permuted' draws from
 * randomLcg(subSeed(seed, 2)), the 'split' chunks from subSeed(seed, 3); weight matching's layer
 * order uses `seed`.
 *
 * Frames. Both models see the inputs standardised by the whole cloud's frame (per-axis mean and
 * standard deviation, `fitInputFrame`), also when each trains on a chunk, so their weights live in
 * the same coordinates.
 *
 * Defaults (`FUSION_DEFAULTS`): width 64, depth 2, 1000 Adam steps at 0.01 on batches of 128,
 * OTFusion's exact alignment, both models on the whole cloud. On three spirals (450 points) both
 * models reach >= 95% training accuracy and the two trainings take about 2–3 s in Node.
 *
 * Why 'soft' by default: on three spirals, in our kernels and in PyTorch alike (fixture
 * fusion_01), OTFusion's layer-wise exact alignment lowered the barrier below half the naive one
 * for every seed pair tried, with >= 94% accuracy at λ = 0.5; activation matching did for nearly
 * all; weight matching for about half (PyTorch, 3 pairs: 3.80 → 6.25, 2.66 → 1.28, 5.42 → 0.07):
 * its coordinate descent can settle on permutations that match large, noisy weights rather than
 * what the units compute.
 */
import { randomLcg } from 'd3-random';
import { subSeed } from '../flow/flow.ts';
import { checkPoints, fitInputFrame, MAX_CLASSES, type ClassifierModel } from '../nets/classifier.ts';
import { scoreClassifier } from '../nets/classifierEval.ts';
import {
  CLASSIFIER_DEFAULTS,
  trainClassifierSteps,
  type ClassifierTrainProgress,
} from '../nets/classifierTrain.ts';
import type { AlignmentMethod } from './align.ts';
import { compareBarriers } from './barrier.ts';
import { splitChunks, type ChunkSplit } from './chunks.ts';
import { permuteHidden, randomPermutations, type Permutations } from './permute.ts';

/** Options of {@link fusionExperiment}; every field has a default (`FUSION_DEFAULTS`). */
export interface FusionExperimentOptions {
  /** Hidden units per layer, integer in 1..1024 (the app: 8–256). */
  width?: number;
  /** Hidden layers, integer in 1..8 (the app: 1–4). */
  depth?: number;
  /** Adam steps per model, integer >= 1. */
  trainSteps?: number;
  /** How B is aligned to A. */
  alignment?: AlignmentMethod;
  /** 'same': both models train on the whole cloud; 'split': A on chunk 0, B on chunk 1. */
  data?: 'same' | 'split';
  /** How 'split' deals the cloud (`chunks.ts`; default 'classes' with 10% of the other classes). */
  split?: ChunkSplit;
  /** 'trained': B trains from its own seed; 'permuted': B is A with its hidden units shuffled. */
  modelB?: 'trained' | 'permuted';
  /** Integer >= 0 (see the module comment for the streams derived from it). */
  seed?: number;
  /** Points per Adam step, integer >= 1 (a smaller cloud is one full batch). */
  batchSize?: number;
  /** Adam's step size, > 0. */
  learningRate?: number;
}

/** The defaults of {@link fusionExperiment}. */
export const FUSION_DEFAULTS = {
  width: CLASSIFIER_DEFAULTS.width,
  depth: CLASSIFIER_DEFAULTS.depth,
  trainSteps: CLASSIFIER_DEFAULTS.steps,
  alignment: 'soft',
  data: 'same',
  split: 'classes',
  modelB: 'trained',
  seed: 0,
  batchSize: CLASSIFIER_DEFAULTS.batchSize,
  learningRate: CLASSIFIER_DEFAULTS.learningRate,
} as const;

/** Result of {@link fusionExperiment}. */
export interface FusionExperimentResult {
  modelA: ClassifierModel;
  modelB: ClassifierModel;
  /** B aligned to A (the aligned curve's λ = 1 end). */
  alignedB: ClassifierModel;
  /** Accuracy of A and B on the whole cloud (their training data, or its union for 'split'). */
  accuracyA: number;
  accuracyB: number;
  /** 25 values from 0 to 1. */
  lambdas: Float64Array;
  /** Mean cross-entropy (nats) and accuracy along the naive and the aligned merge, on the whole cloud. */
  lossNaive: Float64Array;
  lossAligned: Float64Array;
  accuracyNaive: Float64Array;
  accuracyAligned: Float64Array;
  barrierNaive: number;
  barrierAligned: number;
  /** perms[h][i]: B's unit matched to A's unit i in hidden layer h. */
  permutations: Permutations;
  /** Minibatch losses of each training step (B's is empty for 'permuted'). */
  lossesA: Float64Array;
  lossesB: Float64Array;
}

/** Progress: which model is training and its training progress (snapshots included). */
export interface FusionExperimentProgress extends ClassifierTrainProgress {
  phase: 'train-a' | 'train-b';
}

/**
 * Generator form: yields training progress every 10 steps of each model (a weight snapshot every
 * 100), then aligns and evaluates (a few hundred ms at the defaults) and returns the result.
 * @param points interleaved, length 2n, finite
 * @param labels n integer classes in 0..9, at least two distinct ones
 * @throws RangeError on missing labels, a single class, malformed points or options
 */
export function* fusionExperimentSteps(
  points: Float64Array,
  labels: ArrayLike<number> | null | undefined,
  options: FusionExperimentOptions = {},
): Generator<FusionExperimentProgress, FusionExperimentResult> {
  const o = { ...FUSION_DEFAULTS, ...options };
  const n = checkPoints(points, 'fusionExperiment', 1);
  if (!labels || labels.length === 0) {
    throw new RangeError(
      'fusionExperiment: the cloud has no labels; model fusion needs labelled points (classes 0–9)',
    );
  }
  if (labels.length !== n)
    throw new RangeError(`fusionExperiment: expected one label per point (${n}), got ${labels.length}`);
  const distinct = new Set<number>();
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= MAX_CLASSES) {
      throw new RangeError(`fusionExperiment: labels must be integers in 0..9 (label ${i} is ${y})`);
    }
    distinct.add(y);
  }
  if (distinct.size < 2)
    throw new RangeError('fusionExperiment: the labels hold a single class; a classifier needs at least two');
  if (o.data !== 'same' && o.data !== 'split')
    throw new RangeError(`fusionExperiment: data must be 'same' or 'split'`);
  if (o.modelB !== 'trained' && o.modelB !== 'permuted')
    throw new RangeError(`fusionExperiment: modelB must be 'trained' or 'permuted'`);
  if (!Number.isInteger(o.seed) || o.seed < 0)
    throw new RangeError(`fusionExperiment: seed must be an integer >= 0 (got ${o.seed})`);
  const classes = Math.max(...distinct) + 1;
  const frame = fitInputFrame(points);
  let dataA: { points: Float64Array; labels: Int32Array } = { points, labels: Int32Array.from(labels) };
  let dataB = dataA;
  if (o.data === 'split') {
    [dataA, dataB] = splitChunks(points, labels, { split: o.split, chunks: 2, seed: subSeed(o.seed, 3) });
  }
  const train = (data: typeof dataA, seed: number) =>
    trainClassifierSteps(data.points, data.labels, {
      seed,
      width: o.width,
      depth: o.depth,
      classes,
      frame,
      steps: o.trainSteps,
      batchSize: o.batchSize,
      learningRate: o.learningRate,
    });
  const a = yield* tagged('train-a', train(dataA, o.seed));
  let b: { model: ClassifierModel; losses: Float64Array } = { model: a.model, losses: new Float64Array(0) };
  if (o.modelB === 'trained') {
    b = yield* tagged('train-b', train(dataB, subSeed(o.seed, 1)));
  } else {
    const perms = randomPermutations(a.model.spec.width, a.model.spec.depth, randomLcg(subSeed(o.seed, 2)));
    b = { model: permuteHidden(a.model, perms), losses: b.losses };
  }
  const cmp = compareBarriers(a.model, b.model, points, labels, { method: o.alignment, seed: o.seed });
  return {
    modelA: a.model,
    modelB: b.model,
    alignedB: cmp.alignedB,
    accuracyA: cmp.accuracyNaive[0],
    accuracyB: scoreClassifier(b.model, points, labels).accuracy,
    lambdas: cmp.lambdas,
    lossNaive: cmp.lossNaive,
    lossAligned: cmp.lossAligned,
    accuracyNaive: cmp.accuracyNaive,
    accuracyAligned: cmp.accuracyAligned,
    barrierNaive: cmp.barrierNaive,
    barrierAligned: cmp.barrierAligned,
    permutations: cmp.permutations,
    lossesA: a.losses,
    lossesB: b.losses,
  };
}

/** Re-yields a training generator's progress with its phase; returns its result. */
function* tagged<R>(
  phase: 'train-a' | 'train-b',
  gen: Generator<ClassifierTrainProgress, R>,
): Generator<FusionExperimentProgress, R> {
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
    yield { ...r.value, phase };
  }
}

/** Runs {@link fusionExperimentSteps} to the end. */
export function fusionExperiment(
  points: Float64Array,
  labels: ArrayLike<number> | null | undefined,
  options: FusionExperimentOptions = {},
): FusionExperimentResult {
  const gen = fusionExperimentSteps(points, labels, options);
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}

export { predictLabels } from '../nets/classifierEval.ts';
