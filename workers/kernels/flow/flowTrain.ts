/**
 * Training a velocity field by (rectified) flow matching. Each Adam step draws a minibatch of
 * pairs (x0, x1), times t ~ U[0, 1], and regresses the network on the straight-line velocity:
 *
 *   L(θ) = E |v_θ(x_t, t) − (x1 − x0)|²,   x_t = (1 − t) x0 + t x1.
 *
 * Everything random (initial weights, samples, times) comes from one randomLcg(seed) stream, in a
 * fixed order, so the same seed reproduces a run bit for bit. A step allocates nothing except
 * inside the exact-OT solver of the minibatch-OT coupling.
 */
import { randomLcg } from 'd3-random';
import { Adam } from '../nets/adam.ts';
import { MinibatchOt, type Coupling, type MinibatchOtOptions } from './flowCoupling.ts';
import {
  flowMlpSpec,
  flowParamCount,
  writeFlowInput,
  type FlowFrame,
  type FlowModel,
  type FlowNetSpec,
} from './flowModel.ts';
import { NormalStream, type PlaneDistribution, type Uniform } from './flowSampling.ts';
import { initMlp, Mlp } from '../nets/mlp.ts';

/** Where training pairs come from. */
export interface PairSource {
  /** Writes n pairs: x0 and x1 interleaved (length >= 2n each), plane units; x0[i] pairs with x1[i]. */
  draw(x0: Float64Array, x1: Float64Array, n: number, normal: NormalStream): void;
}

/** Pairs from two distributions, coupled independently or by exact OT inside the batch. */
export class DistributionPairs implements PairSource {
  readonly source: PlaneDistribution;
  readonly target: PlaneDistribution;
  readonly coupling: Coupling;
  private readonly otOptions: MinibatchOtOptions;
  private ot: MinibatchOt | null = null;

  /** @param otOptions block size and exact algorithm of the minibatch-OT coupling */
  constructor(
    source: PlaneDistribution,
    target: PlaneDistribution,
    coupling: Coupling,
    otOptions: MinibatchOtOptions = {},
  ) {
    this.source = source;
    this.target = target;
    this.coupling = coupling;
    this.otOptions = otOptions;
  }

  draw(x0: Float64Array, x1: Float64Array, n: number, normal: NormalStream): void {
    this.source.sample(x0, n, normal);
    this.target.sample(x1, n, normal);
    if (this.coupling === 'minibatch-ot') {
      if (this.ot === null || this.ot.size !== n) this.ot = new MinibatchOt(n, this.otOptions);
      this.ot.pair(x0, x1);
    }
  }
}

/** A fixed set of pairs (Reflow's (x0, ODE(x0))), drawn uniformly with replacement. */
export class FixedPairs implements PairSource {
  readonly x0: Float64Array;
  readonly x1: Float64Array;
  readonly count: number;

  /** @param x0, x1 interleaved, same length 2N, N >= 1 */
  constructor(x0: Float64Array, x1: Float64Array) {
    if (x0.length !== x1.length || x0.length < 2)
      throw new RangeError('FixedPairs: x0 and x1 must hold the same N >= 1 points');
    this.x0 = x0;
    this.x1 = x1;
    this.count = x0.length >> 1;
  }

  draw(x0: Float64Array, x1: Float64Array, n: number, normal: NormalStream): void {
    const N = this.count;
    for (let k = 0; k < n; k++) {
      const i = Math.min(N - 1, Math.floor(normal.uniform() * N));
      x0[2 * k] = this.x0[2 * i];
      x0[2 * k + 1] = this.x0[2 * i + 1];
      x1[2 * k] = this.x1[2 * i];
      x1[2 * k + 1] = this.x1[2 * i + 1];
    }
  }
}

/** Default peak learning rate: high, because the cosine decay (and the normalised frame) tame it. */
export const DEFAULT_LEARNING_RATE = 1e-2;

/** Default architecture: 3 hidden layers of 64 SiLU units, 2 Fourier pairs of t. */
export const DEFAULT_FLOW_NET: FlowNetSpec = { width: 64, depth: 3, timeFeatures: 2 };

/** Options of {@link FlowTrainer}. */
export interface FlowTrainOptions {
  /** Seed of the run's randomLcg stream (non-negative integer). */
  seed: number;
  /** Adam steps planned (sets the learning-rate schedule), integer >= 1. */
  steps: number;
  /** Pairs per step, integer >= 1 (default 256). */
  batchSize?: number;
  /** Adam's peak step size (default {@link DEFAULT_LEARNING_RATE}). */
  learningRate?: number;
  /**
   * The rate decays by a cosine from `learningRate` to `learningRate · finalLearningRateFactor`
   * over `steps` (default 0.05): late steps average out the minibatch noise.
   */
  finalLearningRateFactor?: number;
  /** Architecture (default {@link DEFAULT_FLOW_NET}); ignored when `init` is given. */
  net?: FlowNetSpec;
  /** Start from these weights and this frame instead of a fresh network (Reflow's "continue"). */
  init?: FlowModel;
  /** The normalising frame (required unless `init` gives one). */
  frame?: FlowFrame;
}

/** One training run, stepped by the caller. */
export class FlowTrainer {
  readonly net: FlowNetSpec;
  readonly frame: FlowFrame;
  readonly steps: number;
  readonly batchSize: number;
  /** Current weights (updated in place by each step). */
  readonly params: Float64Array;
  /** Loss of each step taken, plane units² (E|v − (x1 − x0)|² over the minibatch). */
  readonly losses: Float64Array;
  /** Steps taken so far. */
  step = 0;

  private readonly pairs: PairSource;
  private readonly uniform: Uniform;
  private readonly normal: NormalStream;
  private readonly mlp: Mlp;
  private readonly adam: Adam;
  private readonly peakRate: number;
  private readonly finalRate: number;
  private readonly x0: Float64Array;
  private readonly x1: Float64Array;
  private readonly target: Float64Array;

  constructor(pairs: PairSource, options: FlowTrainOptions) {
    const { seed, steps } = options;
    if (!Number.isInteger(steps) || steps < 1)
      throw new RangeError(`steps must be an integer >= 1 (got ${steps})`);
    const batch = options.batchSize ?? 256;
    if (!Number.isInteger(batch) || batch < 1)
      throw new RangeError(`batchSize must be an integer >= 1 (got ${batch})`);
    this.net = options.init?.net ?? options.net ?? DEFAULT_FLOW_NET;
    const frame = options.init?.frame ?? options.frame;
    if (!frame) throw new RangeError('FlowTrainer: a frame (or init) is required');
    this.frame = frame;
    this.steps = steps;
    this.batchSize = batch;
    this.pairs = pairs;
    this.uniform = randomLcg(seed);
    this.normal = new NormalStream(this.uniform);
    const spec = flowMlpSpec(this.net);
    this.mlp = new Mlp(spec, batch, 'f64');
    this.params = new Float64Array(flowParamCount(this.net));
    if (options.init) this.params.set(options.init.params);
    else initMlp(spec, this.params, this.uniform);
    this.peakRate = options.learningRate ?? DEFAULT_LEARNING_RATE;
    this.finalRate = this.peakRate * (options.finalLearningRateFactor ?? 0.05);
    this.adam = new Adam(this.params.length, { learningRate: this.peakRate });
    this.losses = new Float64Array(steps);
    this.x0 = new Float64Array(2 * batch);
    this.x1 = new Float64Array(2 * batch);
    this.target = new Float64Array(2 * batch);
  }

  /** True when all planned steps are done. */
  get done(): boolean {
    return this.step >= this.steps;
  }

  /** One Adam step on a fresh minibatch; returns its loss (plane units²). */
  trainStep(): number {
    if (this.done) throw new RangeError('FlowTrainer: all steps are done');
    const n = this.batchSize;
    const { x0, x1, target, mlp, uniform } = this;
    const { cx, cy, scale } = this.frame;
    const inv = 1 / scale;
    const F = this.net.timeFeatures;
    this.pairs.draw(x0, x1, n, this.normal);
    for (let b = 0; b < n; b++) {
      const t = uniform();
      const u0x = (x0[2 * b] - cx) * inv;
      const u0y = (x0[2 * b + 1] - cy) * inv;
      const u1x = (x1[2 * b] - cx) * inv;
      const u1y = (x1[2 * b + 1] - cy) * inv;
      target[2 * b] = u1x - u0x;
      target[2 * b + 1] = u1y - u0y;
      writeFlowInput(mlp.input, b, F, (1 - t) * u0x + t * u1x, (1 - t) * u0y + t * u1y, t);
    }
    const out = mlp.forward(this.params, n, true);
    const d = mlp.dOutput;
    let loss = 0;
    const g = 2 / n;
    for (let e = 0; e < 2 * n; e++) {
      const r = out[e] - target[e];
      loss += r * r;
      d[e] = g * r;
    }
    mlp.backward(this.params, n);
    // Cosine decay from the peak rate to the final rate over the planned steps.
    const progress = this.steps > 1 ? this.step / (this.steps - 1) : 1;
    this.adam.learningRate =
      this.finalRate + 0.5 * (this.peakRate - this.finalRate) * (1 + Math.cos(Math.PI * progress));
    this.adam.step(this.params, mlp.grad);
    const plane = (loss / n) * scale * scale;
    this.losses[this.step++] = plane;
    return plane;
  }

  /** The current network as a `FlowModel` (a copy of the weights). */
  model(): FlowModel {
    return { net: this.net, params: this.params.slice(), frame: this.frame };
  }
}

/** Progress of {@link flowTrainingSteps}: the step just taken and its loss (plane units²). */
export interface TrainProgress {
  step: number;
  steps: number;
  loss: number;
}

/** Runs a trainer to its end, yielding after every step; returns the final model. */
export function* flowTrainingSteps(trainer: FlowTrainer): Generator<TrainProgress, FlowModel> {
  while (!trainer.done) {
    const loss = trainer.trainStep();
    yield { step: trainer.step, steps: trainer.steps, loss };
  }
  return trainer.model();
}
