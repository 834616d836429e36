/**
 * Training a W1 critic between two weighted point clouds: maximise E_ν f − E_μ f over a network
 * kept about 1-Lipschitz (gradient penalty, one-sided penalty or weight clipping; see
 * `criticStep.ts`). Batches are drawn by weight (with replacement) from the clouds themselves, in
 * the normalised frame of `criticModel.ts`; the estimate reported is the critic's dual value on
 * the clouds' own points, Σ_j b_j f(y_j) − Σ_i a_i f(x_i), in plane units.
 *
 * Defaults (see {@link CriticTrainOptions}): 2-64-64-1 ReLU, batch 128, 500 steps; penalty
 * methods λ = 10 with Adam (1e-3, β = (0.5, 0.9)) as WGAN-GP; clipping c = 0.01 with RMSProp at
 * 5e-5 as the WGAN paper. Clipping trains visibly on clouds of any scale because the network
 * sees unit-scale inputs (the frame), but a clipped 2-D network is far from 1-Lipschitz: its
 * Lipschitz constant K is set by c (of order 1e-3 here, see `gradientNorm`) and its value estimates
 * K·W1, not W1 (WGAN's "up to a multiplicative constant").
 *
 * Everything random (initial weights, batches, interpolation times) comes from one
 * randomLcg(seed) stream in a fixed order: the same seed reproduces a run bit for bit.
 */
import { randomLcg } from 'd3-random';
import { CloudDistribution, NormalStream } from '../flow/flowSampling.ts';
import { cloudWeights } from './criticInput.ts';
import { criticParamCount, initCritic, type Activation, type CriticNetSpec } from './criticNet.ts';
import {
  CriticEvaluator,
  criticFrame,
  dualValue,
  toFrame,
  type CriticFrame,
  type CriticModel,
} from './criticModel.ts';
import { CriticStepper, type CriticObjective, type LipschitzMethod } from './criticStep.ts';

/** Options of {@link CriticTrainer} and {@link criticTrainingSteps}. */
export interface CriticTrainOptions {
  /** `penalty` (default), `one-sided` or `clip`. */
  lipschitz?: LipschitzMethod;
  /** Penalty weight λ, finite and >= 0 (default 10). */
  lambda?: number;
  /** Clipping bound c, finite and > 0 (default 0.01). */
  clip?: number;
  /**
   * Optimiser steps, integer >= 0 (default 500: the toy fixtures' estimates settle within 150
   * (two Gaussians) and 350 (eight Gaussians) steps of the default network).
   */
  trainSteps?: number;
  /** Units per hidden layer, integer in 16..256 (default 64). */
  width?: number;
  /** Hidden layers, integer in 1..4 (default 2). */
  depth?: number;
  /** `relu` (default) or `leaky-relu` (slope 0.2). */
  activation?: Activation;
  /** Source and target points per step, integer in 1..4096 (default 128). */
  batchSize?: number;
  /** Step size (default 1e-3 for Adam, 5e-5 for RMSProp under `clip`). */
  learningRate?: number;
  /** Seed of the run's stream, a finite number (default 0). */
  seed?: number;
  /** The generator yields (with a fresh estimate) every this many steps (default 10). */
  reportEvery?: number;
  /** A parameter snapshot rides along every this many steps (default 50). */
  snapshotEvery?: number;
}

/** Statistics of ‖∇ₓf‖ (dimensionless) at interpolates between the clouds. */
export interface GradientNormStats {
  mean: number;
  /** 95th percentile (linear interpolation between order statistics, as numpy's default). */
  p95: number;
  max: number;
  /**
   * Histogram of the norms: `counts` over `GRADIENT_NORM_BINS` equal bins of [0, `top`], `top` =
   * max(1.5, max) so the Lipschitz bound 1 always shows; counts sum to the number of samples.
   */
  histogram: { counts: Float64Array; top: number };
}

/** Bins of the gradient-norm histogram. */
export const GRADIENT_NORM_BINS = 24;

/** Result of a training run. */
export interface CriticTrainResult {
  /** The trained critic (weights copied). */
  params: CriticModel;
  /** [step, estimate] pairs, interleaved (step 0 first, then every `reportEvery` steps and the last). */
  history: Float64Array;
  /** Σ_j b_j f(y_j) − Σ_i a_i f(x_i) at the end, plane units. */
  w1Estimate: number;
  /** ‖∇ₓf‖ at {@link GRADIENT_NORM_POINTS} interpolates t y + (1 − t) x (seeded). */
  gradientNorm: GradientNormStats;
  /** Steps taken. */
  steps: number;
}

/** What {@link criticTrainingSteps} yields. */
export interface CriticProgress {
  step: number;
  steps: number;
  /** The dual value on the clouds' own points, plane units. */
  estimate: number;
  /** The last step's batch loss, plane units (see {@link CriticTrainer.trainStep}). */
  loss: number;
  /** A copy of the critic every `snapshotEvery` steps (and at the last step), else null. */
  snapshot: CriticModel | null;
  /** The result as of now (a "stop" keeps this); call before resuming the generator. */
  result(): CriticTrainResult;
}

/** Interpolates sampled for the gradient-norm statistics. */
export const GRADIENT_NORM_POINTS = 1024;

/** The options with defaults filled in, validated. */
export interface ResolvedCriticOptions {
  lipschitz: LipschitzMethod;
  lambda: number;
  clip: number;
  trainSteps: number;
  spec: CriticNetSpec;
  batchSize: number;
  learningRate: number;
  seed: number;
  reportEvery: number;
  snapshotEvery: number;
}

/** Fills in the defaults and checks every option. @throws RangeError naming the option */
export function resolveCriticOptions(options: CriticTrainOptions): ResolvedCriticOptions {
  const lipschitz = options.lipschitz ?? 'penalty';
  if (!['penalty', 'one-sided', 'clip'].includes(lipschitz))
    throw new RangeError(`critic: lipschitz must be 'penalty', 'one-sided' or 'clip' (got ${lipschitz})`);
  const activation = options.activation ?? 'relu';
  if (activation !== 'relu' && activation !== 'leaky-relu')
    throw new RangeError(`critic: activation must be 'relu' or 'leaky-relu' (got ${activation})`);
  const int = (key: keyof CriticTrainOptions, value: number, lo: number, hi: number) => {
    if (!Number.isInteger(value) || value < lo || value > hi)
      throw new RangeError(`critic: ${key} must be an integer in ${lo}..${hi} (got ${value})`);
    return value;
  };
  const real = (key: keyof CriticTrainOptions, value: number, positive: boolean) => {
    if (!Number.isFinite(value) || value < 0 || (positive && value === 0))
      throw new RangeError(`critic: ${key} must be finite and ${positive ? '> 0' : '>= 0'} (got ${value})`);
    return value;
  };
  const finite = (key: keyof CriticTrainOptions, value: number) => {
    if (!Number.isFinite(value))
      throw new RangeError(`critic: ${key} must be a finite number (got ${value})`);
    return value;
  };
  const clipping = lipschitz === 'clip';
  return {
    lipschitz,
    lambda: real('lambda', options.lambda ?? 10, false),
    clip: real('clip', options.clip ?? 0.01, true),
    trainSteps: int('trainSteps', options.trainSteps ?? 500, 0, 1e7),
    spec: {
      width: int('width', options.width ?? 64, 16, 256),
      depth: int('depth', options.depth ?? 2, 1, 4),
      activation,
    },
    batchSize: int('batchSize', options.batchSize ?? 128, 1, 4096),
    learningRate: real('learningRate', options.learningRate ?? (clipping ? 5e-5 : 1e-3), true),
    seed: finite('seed', options.seed ?? 0),
    reportEvery: int('reportEvery', options.reportEvery ?? 10, 1, 1e7),
    snapshotEvery: int('snapshotEvery', options.snapshotEvery ?? 50, 1, 1e7),
  };
}

/** A weighted cloud in the critic's frame. */
interface FramedCloud {
  /** Plane units, as given. */
  points: Float64Array;
  /** Normalised weights. */
  weights: Float64Array;
  /** Sampler over the normalised points. */
  sampler: CloudDistribution;
}

/** A training run between two clouds, stepped by the caller. */
export class CriticTrainer {
  readonly options: ResolvedCriticOptions;
  readonly frame: CriticFrame;
  readonly params: Float64Array;
  readonly objective: CriticObjective;
  /** Steps taken so far. */
  step = 0;
  private readonly source: FramedCloud;
  private readonly target: FramedCloud;
  private readonly stepper: CriticStepper;
  private readonly normal: NormalStream;
  private readonly evaluator: CriticEvaluator;

  /**
   * @param x source points, interleaved, length 2n (n >= 1), finite, plane units
   * @param a source weights (length n, >= 0, positive sum; normalised here) or null for uniform
   * @param y target points (length 2m, m >= 1); b its weights or null
   * @param objective `cross-entropy` trains a sigmoid discriminator instead (`discriminator.ts`)
   * @throws RangeError for malformed clouds or options
   */
  constructor(
    x: Float64Array,
    a: Float64Array | null,
    y: Float64Array,
    b: Float64Array | null,
    options: CriticTrainOptions = {},
    objective: CriticObjective = 'wasserstein',
  ) {
    this.options = resolveCriticOptions(options);
    this.objective = objective;
    const { spec, seed, batchSize } = this.options;
    const wa = cloudWeights('critic', 'source', x, a);
    const wb = cloudWeights('critic', 'target', y, b);
    this.frame = criticFrame(x, wa, y, wb);
    this.source = framed(this.frame, x, wa);
    this.target = framed(this.frame, y, wb);
    const uniform = randomLcg(seed);
    this.normal = new NormalStream(uniform);
    this.params = new Float64Array(criticParamCount(spec));
    initCritic(spec, this.params, uniform);
    this.stepper = new CriticStepper(spec, this.params, { ...this.options, objective, batchSize }, uniform);
    this.evaluator = new CriticEvaluator(spec);
  }

  get done(): boolean {
    return this.step >= this.options.trainSteps;
  }

  /**
   * One step on a fresh batch. Returns the batch loss before the update: for the Wasserstein
   * objective in plane units, s × (mean f(x)/s − mean f(y)/s + penalty), i.e. −(the batch's W1
   * estimate) + s·λ/B Σ ψ; for the cross-entropy objective in nats.
   */
  trainStep(): number {
    const B = this.options.batchSize;
    this.source.sampler.sample(this.stepper.source, B, this.normal);
    this.target.sampler.sample(this.stepper.target, B, this.normal);
    const { loss } = this.stepper.step();
    this.step++;
    return this.objective === 'wasserstein' ? loss * this.frame.scale : loss;
  }

  /** A copy of the current critic. */
  model(): CriticModel {
    return { spec: this.options.spec, params: this.params.slice(), frame: this.frame };
  }

  /** Σ_j b_j f(y_j) − Σ_i a_i f(x_i) with the current weights, plane units. */
  estimate(): number {
    const live = { spec: this.options.spec, params: this.params, frame: this.frame };
    const { source: s, target: t } = this;
    return dualValue(this.evaluator, live, s.points, s.weights, t.points, t.weights);
  }

  /** ‖∇ₓf‖ statistics at interpolates (see {@link gradientNormStats}). */
  gradientNorms(): GradientNormStats {
    const { source: s, target: t } = this;
    return gradientNormStats(this.model(), s.points, s.weights, t.points, t.weights, this.options.seed);
  }
}

/**
 * Generator form: yields a {@link CriticProgress} every `reportEvery` steps (and after the last),
 * returns the {@link CriticTrainResult}. Arguments as {@link CriticTrainer}.
 */
export function* criticTrainingSteps(
  x: Float64Array,
  a: Float64Array | null,
  y: Float64Array,
  b: Float64Array | null,
  options: CriticTrainOptions = {},
): Generator<CriticProgress, CriticTrainResult> {
  const trainer = new CriticTrainer(x, a, y, b, options);
  const { reportEvery, snapshotEvery, trainSteps } = trainer.options;
  const history: number[] = [0, trainer.estimate()];
  const result = (): CriticTrainResult => ({
    params: trainer.model(),
    history: Float64Array.from(history),
    w1Estimate: history[history.length - 1],
    gradientNorm: trainer.gradientNorms(),
    steps: trainer.step,
  });
  while (!trainer.done) {
    const loss = trainer.trainStep();
    const step = trainer.step;
    if (step % reportEvery !== 0 && !trainer.done) continue;
    const estimate = trainer.estimate();
    history.push(step, estimate);
    const snap = step % snapshotEvery === 0 || trainer.done;
    yield { step, steps: trainSteps, estimate, loss, snapshot: snap ? trainer.model() : null, result };
  }
  return result();
}

/** Runs {@link criticTrainingSteps} to the end (for the CLI, tests and benchmarks). */
export function runCriticTraining(
  x: Float64Array,
  a: Float64Array | null,
  y: Float64Array,
  b: Float64Array | null,
  options: CriticTrainOptions = {},
): CriticTrainResult {
  const it = criticTrainingSteps(x, a, y, b, { ...options, snapshotEvery: 1e7 });
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * ‖∇ₓf‖ at {@link GRADIENT_NORM_POINTS} interpolates t y + (1 − t) x, x and y drawn by weight and
 * t ~ U[0, 1] from randomLcg(seed) (a fresh stream: the statistics depend only on the arguments).
 * @param a, b normalised weights (lengths n, m)
 */
export function gradientNormStats(
  model: CriticModel,
  x: Float64Array,
  a: Float64Array,
  y: Float64Array,
  b: Float64Array,
  seed: number,
): GradientNormStats {
  const K = GRADIENT_NORM_POINTS;
  const uniform = randomLcg(seed);
  const normal = new NormalStream(uniform);
  const xs = new Float64Array(2 * K);
  const ys = new Float64Array(2 * K);
  new CloudDistribution(x, a, 0).sample(xs, K, normal);
  new CloudDistribution(y, b, 0).sample(ys, K, normal);
  for (let k = 0; k < K; k++) {
    const t = uniform();
    xs[2 * k] = t * ys[2 * k] + (1 - t) * xs[2 * k];
    xs[2 * k + 1] = t * ys[2 * k + 1] + (1 - t) * xs[2 * k + 1];
  }
  const grads = new Float64Array(2 * K);
  new CriticEvaluator(model.spec, K).evaluate(model, xs, new Float64Array(K), grads);
  const norms = new Float64Array(K);
  let sum = 0;
  for (let k = 0; k < K; k++) {
    norms[k] = Math.hypot(grads[2 * k], grads[2 * k + 1]);
    sum += norms[k];
  }
  norms.sort();
  const pos = 0.95 * (K - 1);
  const lo = Math.floor(pos);
  const p95 = norms[lo] + (pos - lo) * (norms[Math.min(K - 1, lo + 1)] - norms[lo]);
  const top = Math.max(1.5, norms[K - 1]);
  const counts = new Float64Array(GRADIENT_NORM_BINS);
  // The top value falls in the last bin (bins are [lo, hi) except the last, [lo, top]).
  for (let k = 0; k < K; k++)
    counts[Math.min(GRADIENT_NORM_BINS - 1, Math.floor((norms[k] / top) * GRADIENT_NORM_BINS))]++;
  return { mean: sum / K, p95, max: norms[K - 1], histogram: { counts, top } };
}

function framed(frame: CriticFrame, points: Float64Array, weights: Float64Array): FramedCloud {
  const u = new Float64Array(points.length);
  toFrame(frame, points, u);
  return { points, weights, sampler: new CloudDistribution(u, weights, 0) };
}
