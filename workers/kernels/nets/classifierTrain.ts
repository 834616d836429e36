/**
 * Training a classifier: Adam on the mean softmax cross-entropy over seeded minibatches.
 *
 * Minibatches are drawn by shuffled epochs (PyTorch's `DataLoader(shuffle=True)` with full
 * batches): the points are shuffled, cut into batches in order, and reshuffled when exhausted; a
 * batch that straddles two epochs takes the rest of one and the start of the next. Everything
 * random (initial weights, then the shuffles) comes from one stream, randomLcg(subSeed(seed, 0)),
 * in that order, so a seed reproduces a run bit for bit. (The hash matters: the LCG's first draws
 * from small integer seeds are nearly equal, so seeds 1 and 2 would start alike.) A step allocates nothing.
 */
import { randomLcg } from 'd3-random';
import { Adam } from './adam.ts';
import { subSeed } from '../flow/flow.ts';
import { Mlp } from './mlp.ts';
import {
  checkLabels,
  checkModel,
  checkPoints,
  classifierMlpSpec,
  fitInputFrame,
  initClassifier,
  MAX_CLASSES,
  writeStandardised,
  type ClassifierModel,
  type ClassifierSpec,
  type InputFrame,
} from './classifier.ts';
import { softmaxCrossEntropy } from './classifierEval.ts';

/**
 * Defaults: 2 hidden layers of 64 units, Adam at 0.01, batches of 128, 1000 steps. On three
 * spirals (450 points) this reaches >= 98% training accuracy from every seed tried, and a
 * training takes about 1 s in Node on one core.
 */
export const CLASSIFIER_DEFAULTS = {
  width: 64,
  depth: 2,
  steps: 1000,
  batchSize: 128,
  learningRate: 0.01,
} as const;

/** Options of {@link ClassifierTrainer} and {@link trainClassifierSteps}. */
export interface ClassifierTrainOptions {
  /** Seed of the run's randomLcg stream, integer >= 0. */
  seed: number;
  /** Hidden units per layer (default 64); ignored with `init`. */
  width?: number;
  /** Hidden layers (default 2); ignored with `init`. */
  depth?: number;
  /** Classes (default: largest label + 1, at least 2); ignored with `init`. */
  classes?: number;
  /** Adam steps, integer >= 1 (default 1000). */
  steps?: number;
  /** Points per step, integer >= 1 (default 128); a cloud of fewer points is one full batch. */
  batchSize?: number;
  /** Adam's step size, constant (default 0.01). */
  learningRate?: number;
  /** Input standardisation (default: fitted to the training points, `fitInputFrame`); ignored with `init`. */
  frame?: InputFrame;
  /** Start from these weights (and their spec and frame) instead of a fresh network. */
  init?: ClassifierModel;
  /** The generator yields every this many steps (default 10). */
  yieldEvery?: number;
  /** A yield carries a weight snapshot every this many steps, and at the last step (default 100). */
  snapshotEvery?: number;
}

/** One training run, stepped by the caller. */
export class ClassifierTrainer {
  readonly spec: ClassifierSpec;
  readonly frame: InputFrame;
  readonly steps: number;
  /** Points per step: min(batchSize, n). */
  readonly batchSize: number;
  /** Current weights, updated in place by each step. */
  readonly params: Float64Array;
  /** Mean minibatch cross-entropy (nats) of each step taken. */
  readonly losses: Float64Array;
  /** Steps taken so far. */
  step = 0;

  private readonly points: Float64Array;
  private readonly labels: Int32Array;
  private readonly rand: () => number;
  private readonly mlp: Mlp;
  private readonly adam: Adam;
  private readonly order: Int32Array;
  private cursor: number;
  private readonly batchPoints: Float64Array;
  private readonly batchLabels: Int32Array;

  /**
   * @param points training points, interleaved, length 2n, n >= 1, finite
   * @param labels n integer classes in 0..classes−1
   * @throws RangeError on malformed data or options, or fewer than 2 classes
   */
  constructor(points: Float64Array, labels: ArrayLike<number>, options: ClassifierTrainOptions) {
    const n = checkPoints(points, 'trainClassifier', 1);
    const { seed } = options;
    if (!Number.isInteger(seed) || seed < 0)
      throw new RangeError(`trainClassifier: seed must be an integer >= 0 (got ${seed})`);
    const steps = options.steps ?? CLASSIFIER_DEFAULTS.steps;
    if (!Number.isInteger(steps) || steps < 1)
      throw new RangeError(`trainClassifier: steps must be an integer >= 1 (got ${steps})`);
    const batch = options.batchSize ?? CLASSIFIER_DEFAULTS.batchSize;
    if (!Number.isInteger(batch) || batch < 1)
      throw new RangeError(`trainClassifier: batchSize must be an integer >= 1 (got ${batch})`);
    const classes = options.init?.spec.classes ?? options.classes ?? inferClasses(labels, n);
    checkLabels(labels, n, classes, 'trainClassifier');
    this.rand = randomLcg(subSeed(seed, 0));
    let model: ClassifierModel;
    if (options.init) {
      checkModel(options.init, 'trainClassifier init');
      model = { ...options.init, params: options.init.params.slice() };
    } else {
      const spec = {
        width: options.width ?? CLASSIFIER_DEFAULTS.width,
        depth: options.depth ?? CLASSIFIER_DEFAULTS.depth,
        classes,
      };
      model = initClassifier(spec, options.frame ?? fitInputFrame(points), this.rand);
    }
    this.spec = model.spec;
    this.frame = model.frame;
    this.params = model.params;
    this.steps = steps;
    this.batchSize = Math.min(batch, n);
    this.points = points;
    this.labels = Int32Array.from(labels);
    this.mlp = new Mlp(classifierMlpSpec(this.spec), this.batchSize, 'f64');
    this.adam = new Adam(this.params.length, {
      learningRate: options.learningRate ?? CLASSIFIER_DEFAULTS.learningRate,
    });
    this.losses = new Float64Array(steps);
    this.order = Int32Array.from({ length: n }, (_, i) => i);
    this.cursor = n;
    this.batchPoints = new Float64Array(2 * this.batchSize);
    this.batchLabels = new Int32Array(this.batchSize);
  }

  /** True when all planned steps are done. */
  get done(): boolean {
    return this.step >= this.steps;
  }

  /** One Adam step on the next minibatch; returns its mean cross-entropy (nats, before the step). */
  trainStep(): number {
    if (this.done) throw new RangeError('ClassifierTrainer: all steps are done');
    const { order, batchPoints, batchLabels, points, mlp } = this;
    const B = this.batchSize;
    const n = order.length;
    for (let r = 0; r < B; r++) {
      if (this.cursor === n) {
        shuffle(order, this.rand);
        this.cursor = 0;
      }
      const i = order[this.cursor++];
      batchPoints[2 * r] = points[2 * i];
      batchPoints[2 * r + 1] = points[2 * i + 1];
      batchLabels[r] = this.labels[i];
    }
    writeStandardised(batchPoints, 0, B, this.frame, mlp.input);
    const logits = mlp.forward(this.params, B, true);
    const loss = softmaxCrossEntropy(logits, B, this.spec.classes, batchLabels, 0, mlp.dOutput, 1 / B) / B;
    mlp.backward(this.params, B);
    this.adam.step(this.params, mlp.grad);
    this.losses[this.step++] = loss;
    return loss;
  }

  /** The current network (a copy of the weights). */
  model(): ClassifierModel {
    return { spec: this.spec, params: this.params.slice(), frame: this.frame };
  }
}

/** Largest label + 1 (capped at MAX_CLASSES, so a larger label fails the label check); needs two distinct labels. */
function inferClasses(labels: ArrayLike<number>, n: number): number {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < Math.min(n, labels.length); i++) {
    min = Math.min(min, labels[i]);
    max = Math.max(max, labels[i]);
  }
  if (!(max > min)) {
    throw new RangeError(
      'trainClassifier: the labels hold a single class; a classifier needs two (or give options.classes)',
    );
  }
  return Math.min(Math.max(2, max + 1), MAX_CLASSES);
}

/** Fisher–Yates shuffle in place, from `rand`. */
function shuffle(a: Int32Array, rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(rand() * (i + 1)));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/** What {@link trainClassifierSteps} yields. */
export interface ClassifierTrainProgress {
  /** Steps taken so far, and planned. */
  step: number;
  steps: number;
  /** Mean minibatch cross-entropy (nats) over the steps since the previous yield. */
  loss: number;
  /** A copy of the weights every `snapshotEvery` steps and at the last step; null otherwise. */
  snapshot: ClassifierModel | null;
  /** A copy of the current weights; call before resuming the generator (a stop keeps this model). */
  model(): ClassifierModel;
}

/** Result of a training run. */
export interface ClassifierTrainResult {
  model: ClassifierModel;
  /** Mean minibatch cross-entropy of every step, nats; length `steps`. */
  losses: Float64Array;
}

/**
 * Trains a classifier, yielding a {@link ClassifierTrainProgress} every `yieldEvery` steps (and
 * after the last); returns the trained model. See {@link ClassifierTrainer} for the arguments.
 */
export function* trainClassifierSteps(
  points: Float64Array,
  labels: ArrayLike<number>,
  options: ClassifierTrainOptions,
): Generator<ClassifierTrainProgress, ClassifierTrainResult> {
  const trainer = new ClassifierTrainer(points, labels, options);
  const yieldEvery = options.yieldEvery ?? 10;
  const snapshotEvery = options.snapshotEvery ?? 100;
  if (!Number.isInteger(yieldEvery) || yieldEvery < 1)
    throw new RangeError('trainClassifier: yieldEvery must be an integer >= 1');
  if (!Number.isInteger(snapshotEvery) || snapshotEvery < 1)
    throw new RangeError('trainClassifier: snapshotEvery must be an integer >= 1');
  let sum = 0;
  let count = 0;
  while (!trainer.done) {
    sum += trainer.trainStep();
    count++;
    if (trainer.step % yieldEvery === 0 || trainer.done) {
      const snap = trainer.step % snapshotEvery === 0 || trainer.done;
      yield {
        step: trainer.step,
        steps: trainer.steps,
        loss: sum / count,
        snapshot: snap ? trainer.model() : null,
        model: () => trainer.model(),
      };
      sum = 0;
      count = 0;
    }
  }
  return { model: trainer.model(), losses: trainer.losses };
}

/** Runs {@link trainClassifierSteps} to the end. */
export function trainClassifier(
  points: Float64Array,
  labels: ArrayLike<number>,
  options: ClassifierTrainOptions,
): ClassifierTrainResult {
  const trainer = new ClassifierTrainer(points, labels, options);
  while (!trainer.done) trainer.trainStep();
  return { model: trainer.model(), losses: trainer.losses };
}
